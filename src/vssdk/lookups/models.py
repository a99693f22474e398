"""Models of the look-ups area."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model

__all__ = [
    "Agency",
    "AgencyLevel",
    "CollectionAgent",
    "CollectionAgentKind",
    "CollectionService",
    "EmployerUnit",
    "Facility",
    "FacilityLevel",
    "Procedure",
    "ProcedureCodeSource",
    "ProcedureFiler",
    "SiCodeMatch",
]


class FacilityLevel(enum.StrEnum):
    """Technical level (tuyến) of a health facility."""

    CENTRAL = "central"
    PROVINCIAL = "provincial"
    DISTRICT = "district"
    COMMUNE = "commune"


@attrs.frozen(slots=True)
class Facility(Model):
    """A health facility (cơ sở khám chữa bệnh, CSKCB)."""

    code: str
    name: str
    province_code: str
    level: FacilityLevel
    contracted: bool
    address: str | None = None
    sick_leave_certificates: bool | None = None


class AgencyLevel(enum.StrEnum):
    """A provincial BHXH office or one of its local (cơ sở) offices."""

    PROVINCIAL = "provincial"
    LOCAL = "local"


class CollectionService(enum.StrEnum):
    """What a collection agent takes payments for."""

    VOLUNTARY_SI = "voluntary_si"
    HOUSEHOLD_HI = "household_hi"


class CollectionAgentKind(enum.StrEnum):
    POST_OFFICE = "post_office"
    COMMUNE_AGENT = "commune_agent"
    AGENCY_COUNTER = "agency_counter"


@attrs.frozen(slots=True)
class SiCodeMatch(Model):
    """A person found by the SI-code look-up (tra cứu mã số BHXH)."""

    si_code: str
    full_name: str
    birth_date: dt.date
    province_code: str


@attrs.frozen(slots=True)
class Agency(Model):
    """A BHXH agency (cơ quan BHXH)."""

    code: str
    name: str
    province_code: str
    level: AgencyLevel
    address: str
    phone: str | None = None


@attrs.frozen(slots=True)
class EmployerUnit(Model):
    """An employer unit taking part in SI (đơn vị tham gia BHXH)."""

    unit_code: str
    tax_code: str
    name: str
    province_code: str
    agency_code: str


@attrs.frozen(slots=True)
class CollectionAgent(Model):
    """A collection agent or point (đại lý thu, điểm thu)."""

    code: str
    name: str
    kind: CollectionAgentKind
    province_code: str
    address: str
    services: list[CollectionService]
    phone: str | None = None


class ProcedureFiler(enum.StrEnum):
    """Who files a procedure (an agent is a collection agent or an organiser such as a school)."""

    CITIZEN = "citizen"
    EMPLOYER = "employer"
    AGENT = "agent"


class ProcedureCodeSource(enum.StrEnum):
    """Where a procedure code comes from: the portal's list, I-VAN software, or the sandbox."""

    PORTAL = "portal"
    VENDOR = "vendor"
    SANDBOX = "sandbox"


@attrs.frozen(slots=True)
class Procedure(Model):
    """One entry of the procedure catalogue: a portal code mapped to the vssdk calls."""

    code: str
    name_vi: str
    name_en: str
    filed_by: list[ProcedureFiler]
    forms: list[str]
    sdk_methods: list[str]
    code_source: ProcedureCodeSource
    legal_basis: str | None = None
