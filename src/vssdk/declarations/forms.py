"""Typed employer forms: D02-LT, TK1-TS, TK3-TS, D03-TS, D05-TS, the e-transaction registration.

Every form is a frozen, slotted attrs class. Construction checks only *types* (money is ``int``
VND, never ``float``; months are :class:`Month`); BHXH's business rules are checked by
:func:`vssdk.declarations.validate`, which reports every violation at once. Identifiers are kept
exactly as given so that a validation error can show what was typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from vssdk.declarations._month import Month
from vssdk.declarations.codes import (
    ContractType,
    DatePrecision,
    PaymentMode,
    PlanCode,
    Relationship,
    UnitKind,
    UnitPaymentMode,
    VoluntaryPlanCode,
    WireSex,
)
from vssdk.errors import InvalidArgument

__all__ = [
    "D02LT",
    "D03TS",
    "D05TS",
    "TK1TS",
    "TK3TS",
    "D02Row",
    "D03Row",
    "D05Row",
    "ETransactionRegistration",
    "Employer",
    "Form",
    "HouseholdMember",
    "RegistrationKind",
]


def _money(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(
            attribute.name, f"money is int VND, got {type(value).__name__}", value=value
        )
    if value < 0:
        raise InvalidArgument(attribute.name, f"must not be negative, got {value}", value=value)


def _instance(kind: type | tuple[type, ...], *, optional: bool = False) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            name = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise InvalidArgument(
                attribute.name, f"expected {name}, got {type(value).__name__}", value=value
            )

    return check


def _rows(kind: type) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            raise InvalidArgument(attribute.name, "must be a tuple of rows", value=value)
        for index, row in enumerate(value, start=1):
            if not isinstance(row, kind):
                raise InvalidArgument(
                    f"{attribute.name}[{index}]",
                    f"expected {kind.__name__}, got {type(row).__name__}",
                )

    return check


_str = _instance(str)
_opt_str = _instance(str, optional=True)
_month = _instance(Month)
_opt_month = _instance(Month, optional=True)
_date = _instance(dt.date)
_opt_date = _instance(dt.date, optional=True)
_bool = _instance(bool)


@attrs.frozen(slots=True, kw_only=True)
class Employer:
    """The declaring unit (đơn vị): BHXH unit code, name, tax code, agency, wage region.

    ``region`` is the regional-minimum-wage region (1-4 for regions I-IV) of the place of work;
    a row may override it (``D02Row.region``) for staff working in another region.
    """

    unit_code: str = attrs.field(validator=_str)
    name: str = attrs.field(validator=_str)
    agency_code: str = attrs.field(validator=_str)
    region: int = attrs.field(validator=_instance(int))
    tax_code: str | None = attrs.field(default=None, validator=_opt_str)


@attrs.frozen(slots=True, kw_only=True)
class D02Row:
    """One employee line of D02-LT: an increase, decrease or adjustment (by ``plan``).

    ``salary`` is the monthly wage by job or title (``tienLuong``, VND); the allowances that count
    towards the contribution base (position, seniority beyond the frame, professional seniority,
    wage allowances, fixed regular supplements: Law 41/2024/QH15 Art. 31(1)(a); before
    2025-07, Circular 59/2015/TT-BLĐTBXH Art. 30(2)) are added to it. Months are
    inclusive.
    """

    full_name: str = attrs.field(validator=_str)
    plan: PlanCode = attrs.field(validator=_instance(PlanCode))
    from_month: Month = attrs.field(validator=_month)
    si_code: str | None = attrs.field(default=None, validator=_opt_str)
    citizen_id: str | None = attrs.field(default=None, validator=_opt_str)
    to_month: Month | None = attrs.field(default=None, validator=_opt_month)
    position: str | None = attrs.field(default=None, validator=_opt_str)
    salary: int | None = attrs.field(default=None, validator=_money)
    position_allowance: int = attrs.field(default=0, validator=_money)
    seniority_allowance: int = attrs.field(default=0, validator=_money)
    professional_seniority_allowance: int = attrs.field(default=0, validator=_money)
    salary_allowance: int = attrs.field(default=0, validator=_money)
    other_supplements: int = attrs.field(default=0, validator=_money)
    contract_type: ContractType | None = attrs.field(
        default=None, validator=_instance(ContractType, optional=True)
    )
    region: int | None = attrs.field(default=None, validator=_instance(int, optional=True))
    has_book: bool = attrs.field(default=False, validator=_bool)
    charge_interest: bool = attrs.field(default=False, validator=_bool)
    note: str | None = attrs.field(default=None, validator=_opt_str)

    @property
    def contribution_salary(self) -> int | None:
        """Salary plus the allowances that count: the monthly contribution base before capping."""
        if self.salary is None:
            return None
        return (
            self.salary
            + self.position_allowance
            + self.seniority_allowance
            + self.professional_seniority_allowance
            + self.salary_allowance
            + self.other_supplements
        )


@attrs.frozen(slots=True, kw_only=True)
class D02LT:
    """D02-LT: list of employees joining, leaving or changing (procedure ``600``)."""

    form_code: ClassVar[str] = "D02-LT"
    procedure_code: ClassVar[str] = "600"

    employer: Employer = attrs.field(validator=_instance(Employer))
    period: Month = attrs.field(validator=_month)
    rows: tuple[D02Row, ...] = attrs.field(validator=_rows(D02Row))
    batch: int = attrs.field(default=1, validator=_instance(int))


@attrs.frozen(slots=True, kw_only=True)
class HouseholdMember:
    """One member of the participant's household (``listThanhVien`` of TK1-TS)."""

    full_name: str = attrs.field(validator=_str)
    relationship: Relationship = attrs.field(validator=_instance(Relationship))
    birth_date: dt.date = attrs.field(validator=_date)
    sex: WireSex = attrs.field(validator=_instance(WireSex))
    citizen_id: str | None = attrs.field(default=None, validator=_opt_str)
    birth_date_precision: DatePrecision = attrs.field(
        default=DatePrecision.FULL, validator=_instance(DatePrecision)
    )


@attrs.frozen(slots=True, kw_only=True)
class TK1TS:
    """TK1-TS: a participant's declaration (registration or change of personal information)."""

    form_code: ClassVar[str] = "TK1-TS"
    procedure_code: ClassVar[str] = "604"

    full_name: str = attrs.field(validator=_str)
    birth_date: dt.date = attrs.field(validator=_date)
    sex: WireSex = attrs.field(validator=_instance(WireSex))
    citizen_id: str = attrs.field(validator=_str)
    declared_on: dt.date = attrs.field(validator=_date)
    birth_date_precision: DatePrecision = attrs.field(
        default=DatePrecision.FULL, validator=_instance(DatePrecision)
    )
    si_code: str | None = attrs.field(default=None, validator=_opt_str)
    nationality: str = attrs.field(default="VN", validator=_str)
    ethnicity: str | None = attrs.field(default=None, validator=_opt_str)
    birth_registration_place: str | None = attrs.field(default=None, validator=_opt_str)
    residence_address: str | None = attrs.field(default=None, validator=_opt_str)
    overseas_address: str | None = attrs.field(default=None, validator=_opt_str)
    phone: str | None = attrs.field(default=None, validator=_opt_str)
    change_request: str | None = attrs.field(default=None, validator=_opt_str)
    members: tuple[HouseholdMember, ...] = attrs.field(default=(), validator=_rows(HouseholdMember))


@attrs.frozen(slots=True, kw_only=True)
class D03Row:
    """One person of D03-TS (HI only): card period and funding source (opaque code)."""

    full_name: str = attrs.field(validator=_str)
    plan: VoluntaryPlanCode = attrs.field(validator=_instance(VoluntaryPlanCode))
    birth_date: dt.date = attrs.field(validator=_date)
    sex: WireSex = attrs.field(validator=_instance(WireSex))
    si_code: str | None = attrs.field(default=None, validator=_opt_str)
    citizen_id: str | None = attrs.field(default=None, validator=_opt_str)
    card_from: dt.date | None = attrs.field(default=None, validator=_opt_date)
    card_to: dt.date | None = attrs.field(default=None, validator=_opt_date)
    funding_source: str | None = attrs.field(default=None, validator=_opt_str)
    note: str | None = attrs.field(default=None, validator=_opt_str)


@attrs.frozen(slots=True, kw_only=True)
class D03TS:
    """D03-TS: list of HI-only participants, filed by an organiser (procedure ``603``)."""

    form_code: ClassVar[str] = "D03-TS"
    procedure_code: ClassVar[str] = "603"

    employer: Employer = attrs.field(validator=_instance(Employer))
    period: Month = attrs.field(validator=_month)
    rows: tuple[D03Row, ...] = attrs.field(validator=_rows(D03Row))


@attrs.frozen(slots=True, kw_only=True)
class D05Row:
    """One voluntary-SI participant of D05-TS: chosen income, payment mode, start, state support."""

    full_name: str = attrs.field(validator=_str)
    plan: VoluntaryPlanCode = attrs.field(validator=_instance(VoluntaryPlanCode))
    from_month: Month = attrs.field(validator=_month)
    si_code: str | None = attrs.field(default=None, validator=_opt_str)
    citizen_id: str | None = attrs.field(default=None, validator=_opt_str)
    monthly_income: int | None = attrs.field(default=None, validator=_money)
    payment_mode: PaymentMode | None = attrs.field(
        default=None, validator=_instance(PaymentMode, optional=True)
    )
    advance_years: int | None = attrs.field(default=None, validator=_instance(int, optional=True))
    state_support: int = attrs.field(default=0, validator=_money)
    note: str | None = attrs.field(default=None, validator=_opt_str)


@attrs.frozen(slots=True, kw_only=True)
class D05TS:
    """D05-TS: list of voluntary-SI participants, filed by an agent (procedure ``602``)."""

    form_code: ClassVar[str] = "D05-TS"
    procedure_code: ClassVar[str] = "602"

    employer: Employer = attrs.field(validator=_instance(Employer))
    period: Month = attrs.field(validator=_month)
    rows: tuple[D05Row, ...] = attrs.field(validator=_rows(D05Row))


class RegistrationKind:
    """Kinds of e-transaction registration: new, change of details, stop."""

    NEW = "1"
    CHANGE = "2"
    STOP = "3"
    ALL: ClassVar[frozenset[str]] = frozenset({NEW, CHANGE, STOP})


@attrs.frozen(slots=True, kw_only=True)
class ETransactionRegistration:
    """The employer's registration of e-transactions with BHXH (certificate and I-VAN used).

    ``certificate_serial`` is the hex serial of the signing certificate the unit will use; the
    validity dates are the certificate's. ``kind`` is a :class:`RegistrationKind` value.
    """

    form_code: ClassVar[str] = "DK-GD"
    procedure_code: ClassVar[str] = "604"

    unit_code: str = attrs.field(validator=_str)
    name: str = attrs.field(validator=_str)
    tax_code: str = attrs.field(validator=_str)
    agency_code: str = attrs.field(validator=_str)
    contact_name: str = attrs.field(validator=_str)
    email: str = attrs.field(validator=_str)
    phone: str = attrs.field(validator=_str)
    certificate_serial: str = attrs.field(validator=_str)
    certificate_valid_from: dt.date = attrs.field(validator=_date)
    certificate_valid_to: dt.date = attrs.field(validator=_date)
    start_date: dt.date = attrs.field(validator=_date)
    kind: str = attrs.field(default=RegistrationKind.NEW, validator=_str)
    ivan_code: str | None = attrs.field(default=None, validator=_opt_str)
    address: str | None = attrs.field(default=None, validator=_opt_str)


@attrs.frozen(slots=True, kw_only=True)
class TK3TS:
    """TK3-TS: the unit's own declaration — its first registration (``kind`` ``"1"``) or a change
    of its details (``"2"``, naming its ``unit_code`` and what changed in ``change_request``).

    ``region`` is the regional-minimum-wage region (1-4) of the place of work; ``payment_mode``
    how often the unit pays (quarterly or half-yearly only with ``pays_by_product``).
    """

    form_code: ClassVar[str] = "TK3-TS"
    procedure_code: ClassVar[str] = "604"

    kind: str = attrs.field(validator=_str)
    name: str = attrs.field(validator=_str)
    tax_code: str = attrs.field(validator=_str)
    unit_kind: UnitKind = attrs.field(validator=_instance(UnitKind))
    address: str = attrs.field(validator=_str)
    agency_code: str = attrs.field(validator=_str)
    region: int = attrs.field(validator=_instance(int))
    contact_name: str = attrs.field(validator=_str)
    phone: str = attrs.field(validator=_str)
    email: str = attrs.field(validator=_str)
    business_licence: str = attrs.field(validator=_str)
    licence_issued_on: dt.date = attrs.field(validator=_date)
    declared_on: dt.date = attrs.field(validator=_date)
    payment_mode: UnitPaymentMode = attrs.field(
        default=UnitPaymentMode.MONTHLY, validator=_instance(UnitPaymentMode)
    )
    pays_by_product: bool = attrs.field(default=False, validator=_bool)
    unit_code: str | None = attrs.field(default=None, validator=_opt_str)
    change_request: str | None = attrs.field(default=None, validator=_opt_str)


Form = D02LT | TK1TS | TK3TS | D03TS | D05TS | ETransactionRegistration
"""Any form this package models."""
