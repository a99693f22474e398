"""BHXH's rules for each form, reporting every violation (never just the first).

:func:`validate` returns the violations (empty when the form is acceptable); :func:`check` raises
:class:`~vssdk.declarations.DeclarationInvalid` carrying all of them. Each violation names the row
(1-based), the field and the rule. The rules and their sources are listed in
``docs/declarations.md``.
"""

from __future__ import annotations

import re

from vssdk.declarations import _params
from vssdk.declarations._checks import (
    Collector,
    check_duplicates,
    check_employer,
    check_identity,
    check_name,
    person_key,
)
from vssdk.declarations.codes import (
    ChangeKind,
    PaymentMode,
    Relationship,
    UnitPaymentMode,
    plan_rule,
    voluntary_plan_rule,
)
from vssdk.declarations.errors import DeclarationInvalid, Violation
from vssdk.declarations.forms import (
    D02LT,
    D03TS,
    D05TS,
    TK1TS,
    TK3TS,
    D02Row,
    D05Row,
    Employer,
    ETransactionRegistration,
    Form,
    RegistrationKind,
)
from vssdk.errors import InvalidArgument

__all__ = ["check", "validate"]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?\d{9,12}")
_NATIONALITY = re.compile(r"[A-Z]{2}")
_HEX_SERIAL = re.compile(r"[0-9A-Fa-f]{2,64}")
_MAX_ADVANCE_YEARS = 5


def validate(form: Form) -> tuple[Violation, ...]:
    """Every rule violation of ``form``, header first, then by row; empty when acceptable."""
    out = Collector()
    if isinstance(form, D02LT):
        _d02(out, form)
    elif isinstance(form, TK1TS):
        _tk1(out, form)
    elif isinstance(form, D03TS):
        _d03(out, form)
    elif isinstance(form, D05TS):
        _d05(out, form)
    elif isinstance(form, TK3TS):
        _tk3(out, form)
    elif isinstance(form, ETransactionRegistration):
        _registration(out, form)
    else:
        raise InvalidArgument("form", f"not a declaration form: {type(form).__name__}")
    return tuple(out.items)


def check(form: Form) -> None:
    """Raise :class:`DeclarationInvalid` listing every violation, or return if there are none."""
    violations = validate(form)
    if violations:
        raise DeclarationInvalid(form.form_code, violations)


# --- D02-LT -----------------------------------------------------------------------------------


def _d02(out: Collector, form: D02LT) -> None:
    check_employer(out, form.employer)
    if form.batch < 1:
        out.add(None, "batch", "batch.range", f"must be 1 or more, got {form.batch}")
    if not form.rows:
        out.add(None, "rows", "rows.empty", "the list has no rows")
    keys: list[tuple[int, tuple[str, ...]]] = []
    for index, row in enumerate(form.rows, start=1):
        _d02_row(out, index, row, form)
        keys.append((index, person_key(row.si_code, row.citizen_id)))
    check_duplicates(out, keys)


def _d02_row(out: Collector, index: int, row: D02Row, form: D02LT) -> None:
    rule = plan_rule(row.plan)
    check_name(out, index, "full_name", row.full_name)
    check_identity(
        out,
        index,
        row.si_code,
        row.citizen_id,
        si_code_required=rule.kind is not ChangeKind.INCREASE,
    )
    plan = row.plan.value
    if rule.salary == "required" and row.salary is None:
        out.add(index, "salary", "plan.salary_required", f"plan {plan} needs the salary")
    if rule.to_month == "required" and row.to_month is None:
        out.add(index, "to_month", "plan.to_month_required", f"plan {plan} needs an end month")
    if rule.to_month == "forbidden" and row.to_month is not None:
        out.add(index, "to_month", "plan.to_month_forbidden", f"plan {plan} takes no end month")
    if rule.position and not (row.position and row.position.strip()):
        out.add(index, "position", "plan.position_required", f"plan {plan} needs the job title")
    if row.to_month is not None and row.to_month < row.from_month:
        out.add(
            index,
            "to_month",
            "dates.order",
            f"end month {row.to_month.wire} is before start month {row.from_month.wire}",
        )
    if row.from_month > form.period:
        out.add(
            index,
            "from_month",
            "dates.after_period",
            f"start month {row.from_month.wire} is after the period {form.period.wire}",
        )
    if rule.to_month == "required" and row.to_month is not None and row.to_month >= form.period:
        out.add(
            index,
            "to_month",
            "dates.supplement_not_past",
            f"a supplementary period must end before the period {form.period.wire}",
        )
    region = row.region if row.region is not None else form.employer.region
    if row.region is not None and not 1 <= row.region <= 4:
        out.add(index, "region", "region.range", f"must be 1-4, got {row.region}")
    elif rule.kind is not ChangeKind.DECREASE or rule.salary == "required":
        _d02_salary(out, index, row, region)


def _d02_salary(out: Collector, index: int, row: D02Row, region: int) -> None:
    """The floor is a rule; the ceiling is not. A salary above 20 × the reference level is
    declared as paid and contributes on the ceiling (Law 41/2024 Art. 31(1)(đ): the contribution
    base *is* the ceiling then), as the calculator does; UI has its own, higher ceiling (20 ×
    the regional minimum wage), so the real salary matters."""
    base = row.contribution_salary
    if base is None or not 1 <= region <= 4:
        return
    try:
        floor = _params.minimum_wage(region, row.from_month)
    except InvalidArgument as exc:
        out.add(index, "from_month", "salary.no_parameters", f"no wage parameters: {exc.reason}")
        return
    month = row.from_month.wire
    if base < floor:
        out.add(
            index,
            "salary",
            "salary.below_minimum",
            f"{base:,} VND is below the region {region} minimum wage {floor:,} VND for {month}",
        )


# --- TK1-TS -----------------------------------------------------------------------------------


def _tk1(out: Collector, form: TK1TS) -> None:
    check_name(out, None, "full_name", form.full_name)
    check_identity(out, None, form.si_code, form.citizen_id, si_code_required=False)
    if form.birth_date > form.declared_on:
        out.add(None, "birth_date", "dates.birth_future", "birth date is after the declaration")
    if not _NATIONALITY.fullmatch(form.nationality):
        out.add(None, "nationality", "nationality.format", "must be a 2-letter country code")
    if form.phone is not None and not _PHONE.fullmatch(form.phone):
        out.add(None, "phone", "phone.format", "must be 9-12 digits, optionally after '+'")
    heads = 0
    keys: list[tuple[int, tuple[str, ...]]] = []
    for index, member in enumerate(form.members, start=1):
        check_name(out, index, "members.full_name", member.full_name)
        if member.citizen_id is not None:
            check_identity(
                out, index, None, member.citizen_id, si_code_required=False, prefix="members."
            )
        if member.birth_date > form.declared_on:
            out.add(
                index, "members.birth_date", "dates.birth_future", "birth date is in the future"
            )
        heads += member.relationship is Relationship.HEAD
        name_key = f"nm:{member.full_name.strip().casefold()}|{member.birth_date.isoformat()}"
        keys.append((index, (*person_key(None, member.citizen_id), name_key)))
    if heads > 1:
        out.add(None, "members", "members.one_head", f"{heads} members are marked head (00)")
    check_duplicates(out, keys, prefix="members.")


# --- D03-TS -----------------------------------------------------------------------------------


def _d03(out: Collector, form: D03TS) -> None:
    check_employer(out, form.employer)
    if not form.rows:
        out.add(None, "rows", "rows.empty", "the list has no rows")
    keys: list[tuple[int, tuple[str, ...]]] = []
    for index, row in enumerate(form.rows, start=1):
        kind = voluntary_plan_rule(row.plan)
        check_name(out, index, "full_name", row.full_name)
        check_identity(
            out,
            index,
            row.si_code,
            row.citizen_id,
            si_code_required=kind is ChangeKind.DECREASE,
        )
        if kind is ChangeKind.INCREASE:
            if row.card_from is None:
                out.add(index, "card_from", "plan.card_from_required", "needs the card start")
            if row.card_to is None:
                out.add(index, "card_to", "plan.card_to_required", "needs the card end")
        if row.card_from is not None and row.card_to is not None and row.card_to <= row.card_from:
            out.add(index, "card_to", "dates.order", "card end is not after card start")
        if row.card_from is not None and row.birth_date > row.card_from:
            out.add(index, "birth_date", "dates.birth_future", "born after the card starts")
        keys.append((index, person_key(row.si_code, row.citizen_id)))
    check_duplicates(out, keys)


# --- D05-TS -----------------------------------------------------------------------------------


def _d05(out: Collector, form: D05TS) -> None:
    check_employer(out, form.employer)
    if not form.rows:
        out.add(None, "rows", "rows.empty", "the list has no rows")
    keys: list[tuple[int, tuple[str, ...]]] = []
    for index, row in enumerate(form.rows, start=1):
        kind = voluntary_plan_rule(row.plan)
        check_name(out, index, "full_name", row.full_name)
        check_identity(
            out,
            index,
            row.si_code,
            row.citizen_id,
            si_code_required=kind is ChangeKind.DECREASE,
        )
        if row.from_month > form.period:
            out.add(index, "from_month", "dates.after_period", "start month is after the period")
        if kind is ChangeKind.INCREASE:
            _d05_increase(out, index, row.monthly_income, row.payment_mode, row.advance_years)
            _d05_amounts(out, index, row)
        keys.append((index, person_key(row.si_code, row.citizen_id)))
    check_duplicates(out, keys)


def _d05_increase(
    out: Collector,
    index: int,
    income: int | None,
    mode: PaymentMode | None,
    years: int | None,
) -> None:
    if income is None:
        out.add(index, "monthly_income", "plan.income_required", "needs the chosen income")
    if mode is None:
        out.add(index, "payment_mode", "plan.payment_mode_required", "needs the payment mode")
    if mode is PaymentMode.ADVANCE_YEARS:
        if years is None or not 1 <= years <= _MAX_ADVANCE_YEARS:
            out.add(
                index,
                "advance_years",
                "advance_years.range",
                f"advance payment covers 1-{_MAX_ADVANCE_YEARS} years",
            )
    elif years is not None:
        out.add(index, "advance_years", "advance_years.forbidden", "only for advance payment (N)")


def _d05_months(mode: PaymentMode, years: int | None) -> int | None:
    if mode is PaymentMode.ADVANCE_YEARS:
        if years is None or not 1 <= years <= _MAX_ADVANCE_YEARS:
            return None
        return 12 * years
    return mode.months


def _d05_amounts(out: Collector, index: int, row: D05Row) -> None:
    income, mode = row.monthly_income, row.payment_mode
    if income is None or mode is None:
        return
    months = _d05_months(mode, row.advance_years)
    if months is None:
        return
    try:
        gross = _params.voluntary_gross_per_month(income, row.from_month, months)
    except InvalidArgument as exc:
        out.add(index, "monthly_income", "income.range", exc.reason)
        return
    if row.state_support > gross * months:
        out.add(
            index,
            "state_support",
            "state_support.above_contribution",
            f"{row.state_support:,} VND exceeds the contribution {gross * months:,} VND",
        )


# --- e-transaction registration ------------------------------------------------------------


def _registration(out: Collector, form: ETransactionRegistration) -> None:
    check_employer(
        out,
        Employer(
            unit_code=form.unit_code,
            name=form.name,
            agency_code=form.agency_code,
            region=1,
            tax_code=form.tax_code,
        ),
        prefix="",
    )
    if form.kind not in RegistrationKind.ALL:
        out.add(None, "kind", "kind.unknown", "must be 1 (new), 2 (change) or 3 (stop)")
    if not form.contact_name.strip():
        out.add(None, "contact_name", "contact_name.required", "must not be blank")
    if not _EMAIL.fullmatch(form.email):
        out.add(None, "email", "email.format", "not an e-mail address")
    if not _PHONE.fullmatch(form.phone):
        out.add(None, "phone", "phone.format", "must be 9-12 digits, optionally after '+'")
    if not _HEX_SERIAL.fullmatch(form.certificate_serial):
        out.add(None, "certificate_serial", "certificate_serial.format", "must be hexadecimal")
    if form.certificate_valid_to <= form.certificate_valid_from:
        out.add(None, "certificate_valid_to", "dates.order", "certificate expires before it starts")
    elif not form.certificate_valid_from <= form.start_date <= form.certificate_valid_to:
        out.add(
            None,
            "start_date",
            "start_date.outside_certificate",
            "transactions must start while the certificate is valid",
        )


# --- TK3-TS -----------------------------------------------------------------------------------


def _tk3(out: Collector, form: TK3TS) -> None:
    if form.kind not in (RegistrationKind.NEW, RegistrationKind.CHANGE):
        out.add(None, "kind", "kind.unknown", "must be 1 (first registration) or 2 (change)")
    if form.kind == RegistrationKind.CHANGE and form.unit_code is None:
        out.add(None, "unit_code", "unit_code.required", "a change names the unit's code")
    if form.kind == RegistrationKind.CHANGE and not (form.change_request or "").strip():
        out.add(None, "change_request", "change_request.required", "say what changes")
    if form.kind == RegistrationKind.NEW and form.unit_code is not None:
        out.add(None, "unit_code", "unit_code.assigned_by_bhxh", "a new unit gets its code")
    check_employer(
        out,
        Employer(
            unit_code=form.unit_code or "NEW",
            name=form.name,
            agency_code=form.agency_code,
            region=form.region,
            tax_code=form.tax_code,
        ),
        prefix="",
    )
    if not form.address.strip():
        out.add(None, "address", "address.required", "must not be blank")
    if not form.contact_name.strip():
        out.add(None, "contact_name", "contact_name.required", "must not be blank")
    if not _EMAIL.fullmatch(form.email):
        out.add(None, "email", "email.format", "not an e-mail address")
    if not _PHONE.fullmatch(form.phone):
        out.add(None, "phone", "phone.format", "must be 9-12 digits, optionally after '+'")
    if not form.business_licence.strip():
        out.add(None, "business_licence", "business_licence.required", "must not be blank")
    if form.licence_issued_on > form.declared_on:
        out.add(
            None,
            "licence_issued_on",
            "dates.licence_future",
            "the licence is dated after the declaration",
        )
    if form.payment_mode is not UnitPaymentMode.MONTHLY and not form.pays_by_product:
        out.add(
            None,
            "payment_mode",
            "payment_mode.monthly_only",
            "quarterly or half-yearly payment is only for units in agriculture, forestry, "
            "fishery or salt production paying wages by product",
        )
