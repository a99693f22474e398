"""Operations of the look-ups area (public reference data, no login)."""

from __future__ import annotations

import datetime as dt

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.errors import InvalidArgument
from vssdk.lookups.models import (
    Agency,
    AgencyLevel,
    CollectionAgent,
    CollectionService,
    EmployerUnit,
    Facility,
    FacilityLevel,
    Procedure,
    ProcedureFiler,
    SiCodeMatch,
)


@paged_operation("listFacilities", "/reference/facilities", item=Facility)
def list_facilities(
    *,
    province_code: str | None = None,
    level: FacilityLevel | str | None = None,
    contracted: bool | None = None,
    sick_leave_certificates: bool | None = None,
    limit: int | None = None,
) -> Call:
    """Health facilities, filtered by province, level, BHYT contract and whether they may issue
    certificates of leave for SI benefits (``sick_leave_certificates``); iterates all pages."""
    if sick_leave_certificates is not None and not isinstance(sick_leave_certificates, bool):
        raise InvalidArgument("sick_leave_certificates", "must be True, False or None")
    return Call(
        query={
            "province_code": province_code,
            "level": level,
            "contracted": contracted,
            "sick_leave_certificates": sick_leave_certificates,
            "limit": limit,
        }
    )


@operation("getFacility", "GET", "/reference/facilities/{facility_code}", response=Facility)
def get_facility(facility_code: str) -> Call:
    """One health facility by its 5-character code (mã CSKCB)."""
    return Call(path_params={"facility_code": facility_code.strip().upper()})


def _province(value: str | None, argument: str = "province_code") -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) != 2 or not text.isdigit():
        raise InvalidArgument(argument, f"must be a 2-digit province code, got {value!r}")
    return text


@paged_operation("findSiCodes", "/reference/si-codes", item=SiCodeMatch)
def find_si_codes(
    full_name: str,
    birth_date: dt.date,
    province_code: str,
    *,
    limit: int | None = None,
) -> Call:
    """Look up an SI code by full name, birth date and province (all three are required)."""
    name = " ".join(full_name.split()) if isinstance(full_name, str) else ""
    if len(name) < 2:
        raise InvalidArgument("full_name", "give the full name (at least 2 characters)")
    if isinstance(birth_date, dt.datetime) or not isinstance(birth_date, dt.date):
        raise InvalidArgument("birth_date", "must be a datetime.date")
    return Call(
        query={
            "full_name": name,
            "birth_date": birth_date,
            "province_code": _province(province_code),
            "limit": limit,
        }
    )


@paged_operation("listAgencies", "/reference/agencies", item=Agency)
def list_agencies(
    *,
    province_code: str | None = None,
    level: AgencyLevel | str | None = None,
    limit: int | None = None,
) -> Call:
    """BHXH agencies (provincial offices and local offices), filterable; iterates all pages."""
    if level is not None:
        try:
            level = AgencyLevel(level)
        except ValueError:
            raise InvalidArgument("level", "must be provincial or local") from None
    return Call(query={"province_code": _province(province_code), "level": level, "limit": limit})


@paged_operation("listEmployers", "/reference/employers", item=EmployerUnit)
def list_employers(
    *,
    tax_code: str | None = None,
    province_code: str | None = None,
    limit: int | None = None,
) -> Call:
    """Employer units taking part in SI, by tax code (mã số thuế) or province."""
    if tax_code is not None:
        tax_code = tax_code.strip()
        digits = tax_code.replace("-", "")
        if not digits.isdigit() or len(digits) not in (10, 13):
            raise InvalidArgument("tax_code", "must be 10 digits, or 10-3 for a branch")
    return Call(
        query={"tax_code": tax_code, "province_code": _province(province_code), "limit": limit}
    )


@paged_operation("listCollectionAgents", "/reference/collection-agents", item=CollectionAgent)
def list_collection_agents(
    *,
    province_code: str | None = None,
    service: CollectionService | str | None = None,
    limit: int | None = None,
) -> Call:
    """Collection agents (đại lý thu, điểm thu) for voluntary SI and household HI payments."""
    if service is not None:
        try:
            service = CollectionService(service)
        except ValueError:
            raise InvalidArgument("service", "must be voluntary_si or household_hi") from None
    return Call(
        query={"province_code": _province(province_code), "service": service, "limit": limit}
    )


@paged_operation("listProcedures", "/reference/procedures", item=Procedure)
def list_procedures(
    *,
    filed_by: ProcedureFiler | str | None = None,
    code: str | None = None,
    limit: int | None = None,
) -> Call:
    """The procedure catalogue: portal code, Vietnamese and English name, who files it, its forms
    and the vssdk methods that file it; iterates all pages."""
    if filed_by is not None:
        try:
            filed_by = ProcedureFiler(filed_by)
        except ValueError:
            raise InvalidArgument("filed_by", "must be citizen, employer or agent") from None
    if code is not None:
        code = code.strip()
        if not 2 <= len(code) <= 20 or not code.replace("-", "").isalnum():
            raise InvalidArgument("code", "must be a procedure code such as 607")
    return Call(query={"filed_by": filed_by, "code": code, "limit": limit})


class LookupsOperations:
    """The area's methods, for both clients: ``Lookups`` and ``AsyncLookups`` inherit this class,
    so an operation is listed once, here."""

    __slots__ = ()
    facilities = list_facilities
    facility = get_facility
    si_codes = find_si_codes
    agencies = list_agencies
    employers = list_employers
    collection_agents = list_collection_agents
    procedures = list_procedures
