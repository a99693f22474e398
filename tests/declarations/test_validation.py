"""Every validation rule: each case breaks one rule and expects exactly that violation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given

from tests.declarations import _factories as f
from tests.declarations import strategies as s
from vssdk.declarations import (
    DeclarationInvalid,
    Employer,
    HouseholdMember,
    Month,
    PaymentMode,
    PlanCode,
    Relationship,
    Violation,
    VoluntaryPlanCode,
    WireSex,
    check,
    validate,
)
from vssdk.errors import InvalidArgument, VssdkError

P = f.PERIOD


def _d02_with(**row_changes: Any) -> Any:
    form = f.d02(rows=2)
    return attrs.evolve(form, rows=(f.d02_row(1, **row_changes), form.rows[1]))


def _tk1_member(**changes: Any) -> Any:
    form = f.tk1()
    return attrs.evolve(form, members=(attrs.evolve(form.members[0], **changes),))


def _d03_with(**changes: Any) -> Any:
    return attrs.evolve(f.d03(), rows=(f.d03_row(1, **changes), f.d03_row(2)))


def _d05_with(**changes: Any) -> Any:
    return attrs.evolve(f.d05(), rows=(f.d05_row(1, **changes), f.d05_row(2)))


def _employer(**changes: Any) -> Employer:
    return attrs.evolve(f.EMPLOYER, **changes)


# (case id, form builder, expected (row, field, rule))
CASES: list[tuple[str, Callable[[], Any], tuple[int | None, str, str]]] = [
    # header of the list forms
    (
        "unit code",
        lambda: f.d02(employer=_employer(unit_code="tz-1")),
        (None, "employer.unit_code", "unit_code.format"),
    ),
    (
        "agency code",
        lambda: f.d02(employer=_employer(agency_code="7906")),
        (None, "employer.agency_code", "agency_code.format"),
    ),
    (
        "tax code",
        lambda: f.d02(employer=_employer(tax_code="03123")),
        (None, "employer.tax_code", "tax_code.format"),
    ),
    (
        "region",
        lambda: f.d02(employer=_employer(region=5)),
        (None, "employer.region", "region.range"),
    ),
    (
        "unit name",
        lambda: f.d02(employer=_employer(name="  ")),
        (None, "employer.name", "name.required"),
    ),
    ("batch", lambda: f.d02(batch=0), (None, "batch", "batch.range")),
    ("no rows", lambda: f.d02(rows=0), (None, "rows", "rows.empty")),
    # D02-LT rows: identifiers
    ("blank name", lambda: _d02_with(full_name=" "), (1, "full_name", "full_name.required")),
    ("no identity", lambda: _d02_with(si_code=None), (1, "si_code", "identity.required")),
    (
        "si code needed for decrease",
        lambda: _d02_with(plan=PlanCode.GH, si_code=None, citizen_id=f.citizen_id(1)),
        (1, "si_code", "si_code.required"),
    ),
    ("si code length", lambda: _d02_with(si_code="791234567"), (1, "si_code", "si_code.format")),
    ("si code letters", lambda: _d02_with(si_code="79123456AB"), (1, "si_code", "si_code.format")),
    (
        "si code spaces",
        lambda: _d02_with(si_code="79 12345678"),
        (1, "si_code", "si_code.canonical"),
    ),
    (
        "citizen id province",
        lambda: _d02_with(citizen_id="999190012345"),
        (1, "citizen_id", "citizen_id.format"),
    ),
    (
        "citizen id length",
        lambda: _d02_with(citizen_id="00119001234"),
        (1, "citizen_id", "citizen_id.format"),
    ),
    # D02-LT rows: plan codes against the fields present
    ("TM needs salary", lambda: _d02_with(salary=None), (1, "salary", "plan.salary_required")),
    (
        "DC needs salary",
        lambda: _d02_with(plan=PlanCode.DC, salary=None),
        (1, "salary", "plan.salary_required"),
    ),
    (
        "AD needs end month",
        lambda: _d02_with(plan=PlanCode.AD, from_month=P.add(-3)),
        (1, "to_month", "plan.to_month_required"),
    ),
    (
        "TM takes no end month",
        lambda: _d02_with(to_month=P),
        (1, "to_month", "plan.to_month_forbidden"),
    ),
    (
        "CD needs job title",
        lambda: _d02_with(plan=PlanCode.CD, position=None),
        (1, "position", "plan.position_required"),
    ),
    # D02-LT rows: dates
    (
        "end before start",
        lambda: _d02_with(plan=PlanCode.KL, salary=None, to_month=P.add(-1)),
        (1, "to_month", "dates.order"),
    ),
    (
        "start after period",
        lambda: _d02_with(from_month=P.add(1)),
        (1, "from_month", "dates.after_period"),
    ),
    (
        "supplement not past",
        lambda: _d02_with(plan=PlanCode.AD, from_month=P.add(-2), to_month=P),
        (1, "to_month", "dates.supplement_not_past"),
    ),
    # D02-LT rows: salary floor and ceiling (regional minimum wage of the effective month)
    (
        "below region I minimum",
        lambda: _d02_with(salary=5_309_000),
        (1, "salary", "salary.below_minimum"),
    ),
    (
        "below row's own region",
        lambda: _d02_with(salary=4_000_000, region=3),
        (1, "salary", "salary.below_minimum"),
    ),
    ("row region", lambda: _d02_with(region=0), (1, "region", "region.range")),
    (
        "no parameters before 2016",
        lambda: attrs.evolve(_d02_with(from_month=Month(2015, 1)), period=P),
        (1, "from_month", "salary.no_parameters"),
    ),
    # duplicates
    (
        "duplicate SI code",
        lambda: attrs.evolve(
            f.d02(rows=2), rows=(f.d02_row(1), f.d02_row(2, si_code=f.si_code(1)))
        ),
        (2, "si_code", "person.duplicate"),
    ),
    (
        "duplicate citizen ID",
        lambda: attrs.evolve(
            f.d02(rows=2),
            rows=(
                f.d02_row(1, si_code=None, citizen_id=f.citizen_id(1)),
                f.d02_row(2, si_code=None, citizen_id=f.citizen_id(1)),
            ),
        ),
        (2, "citizen_id", "person.duplicate"),
    ),
    # TK1-TS
    ("tk1 citizen id", lambda: f.tk1(citizen_id="12"), (None, "citizen_id", "citizen_id.format")),
    ("tk1 si code", lambda: f.tk1(si_code="12"), (None, "si_code", "si_code.format")),
    ("tk1 name", lambda: f.tk1(full_name=""), (None, "full_name", "full_name.required")),
    (
        "tk1 born later",
        lambda: f.tk1(birth_date=dt.date(2027, 1, 1)),
        (None, "birth_date", "dates.birth_future"),
    ),
    (
        "tk1 nationality",
        lambda: f.tk1(nationality="VNM"),
        (None, "nationality", "nationality.format"),
    ),
    ("tk1 phone", lambda: f.tk1(phone="09-123"), (None, "phone", "phone.format")),
    (
        "member name",
        lambda: _tk1_member(full_name=""),
        (1, "members.full_name", "full_name.required"),
    ),
    (
        "member citizen id",
        lambda: _tk1_member(citizen_id="0011"),
        (1, "members.citizen_id", "citizen_id.format"),
    ),
    (
        "member born later",
        lambda: _tk1_member(birth_date=dt.date(2030, 1, 1)),
        (1, "members.birth_date", "dates.birth_future"),
    ),
    (
        "two heads",
        lambda: f.tk1(
            members=(
                f.tk1().members[0],
                attrs.evolve(f.tk1().members[0], full_name="Khác", citizen_id=None),
            )
        ),
        (None, "members", "members.one_head"),
    ),
    (
        "member twice",
        lambda: f.tk1(
            members=(
                f.tk1().members[0],
                attrs.evolve(f.tk1().members[0], relationship=Relationship.CHILD),
            )
        ),
        (2, "members.citizen_id", "person.duplicate"),
    ),
    # D03-TS
    (
        "d03 card start",
        lambda: _d03_with(card_from=None),
        (1, "card_from", "plan.card_from_required"),
    ),
    ("d03 card end", lambda: _d03_with(card_to=None), (1, "card_to", "plan.card_to_required")),
    (
        "d03 card order",
        lambda: _d03_with(card_to=dt.date(2026, 12, 1)),
        (1, "card_to", "dates.order"),
    ),
    (
        "d03 born after card",
        lambda: _d03_with(birth_date=dt.date(2027, 1, 1)),
        (1, "birth_date", "dates.birth_future"),
    ),
    (
        "d03 decrease needs si code",
        lambda: _d03_with(plan=VoluntaryPlanCode.GH, si_code=None, citizen_id=f.citizen_id(1)),
        (1, "si_code", "si_code.required"),
    ),
    (
        "d03 duplicate",
        lambda: attrs.evolve(f.d03(), rows=(f.d03_row(1), f.d03_row(1))),
        (2, "si_code", "person.duplicate"),
    ),
    (
        "d03 employer",
        lambda: f.d03(employer=_employer(agency_code="x")),
        (None, "employer.agency_code", "agency_code.format"),
    ),
    # D05-TS
    (
        "d05 income needed",
        lambda: _d05_with(monthly_income=None),
        (1, "monthly_income", "plan.income_required"),
    ),
    (
        "d05 mode needed",
        lambda: _d05_with(payment_mode=None),
        (1, "payment_mode", "plan.payment_mode_required"),
    ),
    (
        "d05 income below poverty line",
        lambda: _d05_with(monthly_income=1_000_000),
        (1, "monthly_income", "income.range"),
    ),
    (
        "d05 income above ceiling",
        lambda: _d05_with(monthly_income=60_000_000),
        (1, "monthly_income", "income.range"),
    ),
    (
        "d05 advance years",
        lambda: _d05_with(payment_mode=PaymentMode.ADVANCE_YEARS, advance_years=6),
        (1, "advance_years", "advance_years.range"),
    ),
    (
        "d05 years only for advance",
        lambda: _d05_with(advance_years=2),
        (1, "advance_years", "advance_years.forbidden"),
    ),
    (
        "d05 support above contribution",
        lambda: _d05_with(state_support=4_000_000),
        (1, "state_support", "state_support.above_contribution"),
    ),
    (
        "d05 start after period",
        lambda: _d05_with(from_month=P.add(2)),
        (1, "from_month", "dates.after_period"),
    ),
    (
        "d05 duplicate",
        lambda: attrs.evolve(f.d05(), rows=(f.d05_row(1), f.d05_row(1))),
        (2, "si_code", "person.duplicate"),
    ),
    # e-transaction registration
    ("reg kind", lambda: f.registration(kind="9"), (None, "kind", "kind.unknown")),
    (
        "reg email",
        lambda: f.registration(email="ketoan.senvang.vn"),
        (None, "email", "email.format"),
    ),
    ("reg phone", lambda: f.registration(phone="12"), (None, "phone", "phone.format")),
    (
        "reg contact",
        lambda: f.registration(contact_name=" "),
        (None, "contact_name", "contact_name.required"),
    ),
    (
        "reg serial",
        lambda: f.registration(certificate_serial="XYZ"),
        (None, "certificate_serial", "certificate_serial.format"),
    ),
    ("reg tax code", lambda: f.registration(tax_code="1"), (None, "tax_code", "tax_code.format")),
    (
        "reg certificate dates",
        lambda: f.registration(certificate_valid_to=dt.date(2025, 1, 1)),
        (None, "certificate_valid_to", "dates.order"),
    ),
    (
        "reg start outside certificate",
        lambda: f.registration(start_date=dt.date(2029, 1, 1)),
        (None, "start_date", "start_date.outside_certificate"),
    ),
]


@pytest.mark.parametrize(("build", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule_reports_row_field_and_rule(
    build: Callable[[], Any], expected: tuple[int | None, str, str]
) -> None:
    violations = validate(build())
    assert [(v.row, v.field, v.rule) for v in violations] == [expected]
    assert violations[0].message


@pytest.mark.parametrize("build", [f.d02, f.tk1, f.d03, f.d05, f.registration])
def test_valid_forms_have_no_violations(build: Callable[[], Any]) -> None:
    assert validate(build()) == ()
    check(build())  # does not raise


def test_salary_exactly_at_floor_and_ceiling_is_accepted() -> None:
    assert validate(_d02_with(salary=5_310_000)) == ()
    assert validate(_d02_with(salary=50_600_000)) == ()


def test_floor_follows_the_effective_month_not_the_period() -> None:
    # 5,000,000 was above region I's 4,960,000 in 12/2025 but below 5,310,000 from 01/2026.
    late = _d02_with(plan=PlanCode.TM, salary=5_000_000, from_month=Month(2025, 12))
    assert validate(late) == ()
    assert [v.rule for v in validate(_d02_with(salary=5_000_000))] == ["salary.below_minimum"]


def test_decrease_without_salary_is_not_checked_against_the_floor() -> None:
    assert validate(_d02_with(plan=PlanCode.GH, salary=None)) == ()
    assert validate(_d02_with(plan=PlanCode.GH, salary=1_000_000)) == ()


def test_new_participant_may_lack_an_si_code_when_the_citizen_id_is_given() -> None:
    assert validate(_d02_with(si_code=None, citizen_id=f.citizen_id(7))) == ()


def test_all_violations_of_one_row_are_reported_together() -> None:
    form = _d02_with(si_code="12", salary=1_000, to_month=P)
    rules = {v.rule for v in validate(form)}
    assert rules == {"si_code.format", "plan.to_month_forbidden", "salary.below_minimum"}


def test_check_raises_declaration_invalid_with_every_violation() -> None:
    form = attrs.evolve(
        f.d02(rows=4, employer=_employer(region=9)),
        rows=(f.d02_row(1, si_code="x"), f.d02_row(2), f.d02_row(3, salary=None), f.d02_row(4)),
    )
    with pytest.raises(DeclarationInvalid) as info:
        check(form)
    err = info.value
    assert isinstance(err, VssdkError)
    assert err.form_code == "D02-LT"
    assert [(v.row, v.rule) for v in err.violations] == [
        (None, "region.range"),
        (1, "si_code.format"),
        (3, "plan.salary_required"),
    ]
    assert err.rows == (1, 3)
    assert "row 1" in str(err)


def test_messages_mask_identifiers() -> None:
    violations = validate(_d02_with(si_code="79123456A8"))
    assert "79123456A8" not in violations[0].message
    assert "79******A8" in violations[0].message
    assert str(violations[0]).startswith("row 1, si_code:")


def test_violation_str_names_header() -> None:
    assert str(Violation(None, "batch", "batch.range", "bad")) == "header, batch: bad [batch.range]"


@pytest.mark.parametrize(
    ("build", "argument"),
    [
        (lambda: f.d02_row(salary=10_000_000.0), "salary"),
        (lambda: f.d02_row(salary=True), "salary"),
        (lambda: f.d02_row(salary=-1), "salary"),
        (lambda: f.d02_row(position_allowance=1.5), "position_allowance"),
        (lambda: f.d02_row(plan="TM"), "plan"),
        (lambda: f.d02_row(from_month="11/2026"), "from_month"),
        (lambda: attrs.evolve(f.d02(), rows=[f.d02_row()]), "rows"),
        (lambda: attrs.evolve(f.d02(), rows=(f.d02_row(), "x")), "rows[2]"),
        (lambda: f.d05_row(state_support=0.5), "state_support"),
        (
            lambda: HouseholdMember(
                full_name="A", relationship="00", birth_date=dt.date(2000, 1, 1), sex=WireSex.MALE
            ),
            "relationship",
        ),
    ],
)
def test_wrong_types_raise_invalid_argument_naming_the_field(
    build: Callable[[], Any], argument: str
) -> None:
    with pytest.raises(InvalidArgument) as info:
        build()
    assert info.value.argument == argument


def test_validate_rejects_non_forms() -> None:
    with pytest.raises(InvalidArgument):
        validate("D02-LT")  # type: ignore[arg-type]


@given(s.any_form)
def test_validate_never_crashes_and_names_rows_in_range(form: Any) -> None:
    violations = validate(form)
    rows = getattr(form, "rows", getattr(form, "members", ()))
    for v in violations:
        assert v.row is None or 1 <= v.row <= len(rows)
        assert v.field and v.rule and v.message
