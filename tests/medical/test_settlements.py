"""Employers: 01B-HSB lists citing certificates; BHXH decides each row with vssdk.benefits."""

from __future__ import annotations

import base64
import datetime as dt
import functools
from typing import Any

import attrs
import pytest

import vssdk
from tests.conftest import run
from vssdk import benefits, medical
from vssdk.calendar import month_of, months_between
from vssdk.declarations import (
    HSB01B,
    DeclarationInvalid,
    HSBRegime,
    HSBRow,
    Month,
    SettlementRowStatus,
    SettlementStatus,
    SignedSettlement,
    SigningKey,
    check_hsb,
    hsb_from_xml,
    hsb_to_xml,
    validate_hsb,
    verify_hsb,
)
from vssdk.errors import ConflictError, UnprocessableEntityError
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import aorganisation_client, organisation_client

UNIT = "SBX001A"
WORKER, MOTHER = "7901234567", "7901234568"


@functools.cache
def _key() -> SigningKey:
    return SigningKey.self_signed("Công ty TNHH Phần mềm Sandbox")


@pytest.fixture
def vendor(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(client, client_id="ivan-sbx-basic", scopes=["employer.declarations"])


@pytest.fixture
def hospital(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(client, client_id="79001_BV", scopes=["medical.documents"])


def _d(sandbox: Sandbox, days: int) -> dt.date:
    return sandbox.today() + dt.timedelta(days=days)


def _row(
    si: str, regime: HSBRegime, start: dt.date, days: int, cert: str | None, **kw: Any
) -> HSBRow:
    name = "Nguyễn Văn An" if si == WORKER else "Trần Thị Bình"
    end = kw.pop("end", start + dt.timedelta(days=days - 1))
    return HSBRow(si, name, regime, start, end, days, cert, **kw)


def _form(sandbox: Sandbox, rows: list[HSBRow], batch: int = 1) -> HSB01B:
    return HSB01B(
        UNIT, "Công ty TNHH Phần mềm Sandbox", Month.of(sandbox.today()), batch, tuple(rows)
    )


def _decide(client: vssdk.Client, vendor: vssdk.Client, settlement_id: str, hours: int = 24) -> Any:
    client.sandbox.advance_clock(hours=hours)
    return vendor.declarations.get_settlement(UNIT, settlement_id)


def test_each_row_is_decided_with_the_rules(
    vendor: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    sick_from = _d(sandbox, -14)
    born = _d(sandbox, -10)
    rows = [
        _row(WORKER, HSBRegime.SICKNESS, sick_from, 5, "CT07-79001-SBX-0001"),
        _row(
            MOTHER,
            HSBRegime.MATERNITY_BIRTH,
            born,
            180,
            "GCS-79001-SBX-0001",
            child_birth_date=born,
        ),
        _row(WORKER, HSBRegime.CONVALESCENCE_SICKNESS, _d(sandbox, -9), 5, None),
        _row(
            WORKER,
            HSBRegime.SICKNESS,
            sick_from + dt.timedelta(days=1),
            3,
            "CT07-NOPE",
            end=sick_from + dt.timedelta(days=4),
        ),
        _row(MOTHER, HSBRegime.SICKNESS, sick_from, 5, "CT07-79001-SBX-0001"),
        _row(
            WORKER, HSBRegime.SICKNESS, sick_from - dt.timedelta(days=2), 5, "CT07-79001-SBX-0001"
        ),
        HSBRow("7999999990", "Người Lạ", HSBRegime.CONVALESCENCE_SICKNESS, sick_from, sick_from, 1),
    ]
    filed = vendor.declarations.submit_settlement(
        SignedSettlement.prepare(_form(sandbox, rows), key=_key())
    )
    assert filed.status is SettlementStatus.RECEIVED and filed.receipt_number.endswith("/07906")
    assert {r.status for r in filed.rows} == {SettlementRowStatus.PENDING}
    decided = _decide(client, vendor, filed.id)
    assert decided.status is SettlementStatus.DECIDED
    by_row = {r.row: r for r in decided.rows}
    months = 66 + 72 + months_between("2020-01", month_of(sick_from))  # the worker's SI history
    sick = benefits.sickness_benefit(18_000_000, 5, sick_from, months)
    assert (by_row[1].status, by_row[1].amount, by_row[1].days_paid) == ("accepted", sick.amount, 5)
    assert by_row[1].explanation == sick.explain("vi") and by_row[1].citations == sick.citations
    birth = benefits.maternity_benefit(12_000_000, born)
    assert (by_row[2].status, by_row[2].amount) == ("accepted", birth.total)
    rest = benefits.convalescence_benefit(5, _d(sandbox, -9), cause="sickness")
    assert (by_row[3].status, by_row[3].amount) == ("accepted", rest.amount)
    assert [(by_row[i].status, by_row[i].refusal_code) for i in (4, 5, 6, 7)] == [
        ("refused", "no_certificate"),
        ("refused", "certificate_other_person"),
        ("refused", "certificate_not_covering"),
        ("refused", "not_insured"),
    ]
    assert (
        by_row[5].refusal_reason is not None
        and "Chứng từ cấp cho người khác" in by_row[5].refusal_reason
    )
    assert decided.total_amount == sick.amount + birth.total + rest.amount
    assert (decided.accepted_rows, decided.refused_rows) == (3, 4)
    kinds = [
        e["type"]
        for e in sandbox.store.find("events")
        if e["type"].startswith("benefit_settlement.")
    ]
    assert kinds.count("benefit_settlement.row_accepted") == 3
    assert kinds.count("benefit_settlement.row_refused") == 4
    paid = _decide(client, vendor, filed.id)
    assert paid.status is SettlementStatus.PAID and paid.paid_at is not None
    assert {r.status for r in paid.rows if r.amount} == {SettlementRowStatus.PAID}
    assert "benefit_settlement.payment_made" in [e["type"] for e in sandbox.store.find("events")]


def _long_leave(hospital: vssdk.Client, sandbox: Sandbox, number: str, start: dt.date) -> None:
    hospital.medical.submit(
        "79001",
        medical.sick_leave_certificate(
            number=number, issued_on=start, leave_from=start, leave_to=start + dt.timedelta(days=29),
            patient=medical.MedicalPatient(full_name="Nguyễn Văn An", si_code=WORKER),
            diagnosis="Viêm phổi", signed_by="BS",
        ),
    )  # fmt: skip


def test_the_yearly_entitlement_caps_and_then_refuses(
    vendor: vssdk.Client, hospital: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    year_start = dt.date(sandbox.today().year, 1, 2)
    starts = [year_start + dt.timedelta(days=40 * i) for i in range(3)]
    if starts[-1] + dt.timedelta(days=29) > sandbox.today():
        starts = [sandbox.today() - dt.timedelta(days=40 * (3 - i)) for i in range(3)]
    for i, start in enumerate(starts):
        _long_leave(hospital, sandbox, f"CT07-LONG-{i}", start)
    rows = [_row(WORKER, HSBRegime.SICKNESS, s, 30, f"CT07-LONG-{i}") for i, s in enumerate(starts)]
    filed = vendor.declarations.submit_settlement(
        SignedSettlement.prepare(_form(sandbox, rows), key=_key())
    )
    decided = _decide(client, vendor, filed.id)
    first, second, third = decided.rows
    same_year = starts[0].year == starts[1].year == starts[2].year
    assert (first.status, first.days_paid) == ("accepted", 30)
    if same_year:
        assert (first.days_paid, second.days_paid) == (30, 10)  # 40 days a year: 15-30 years paid
        assert "10 of 30 days" in (second.explanation_en or "")
        assert (third.status, third.refusal_code) == ("refused", "days_beyond_entitlement")


def test_the_sdk_and_the_sandbox_check_the_list(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    start = _d(sandbox, -14)
    no_cert = _form(sandbox, [_row(WORKER, HSBRegime.SICKNESS, start, 5, None)])
    with pytest.raises(DeclarationInvalid) as info:
        SignedSettlement.prepare(no_cert, key=_key())
    assert [(v.row, v.field, v.rule) for v in info.value.violations] == [
        (1, "certificate_number", "certificate.required")
    ]
    good = SignedSettlement.prepare(
        _form(sandbox, [_row(WORKER, HSBRegime.SICKNESS, start, 5, "CT07-79001-SBX-0001")]),
        key=_key(),
    )
    with pytest.raises(UnprocessableEntityError) as bad:
        vendor.declarations.submit_settlement(attrs.evolve(good, unit_code="SBX002B"))
    assert bad.value.problem is not None
    assert bad.value.problem.errors[0].path == "body.file.unit_code"
    tampered = attrs.evolve(
        good, content=good.content.replace(b"CT07-79001-SBX-0001", b"CT07-79001-SBX-0002")
    )
    with pytest.raises(UnprocessableEntityError) as forged:
        vendor.declarations.submit_settlement(tampered)
    assert (
        forged.value.problem is not None
        and forged.value.problem.errors[0].code == "signature.invalid"
    )


def test_filing_is_idempotent_per_unit_period_and_batch(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    start = _d(sandbox, -14)
    signed = SignedSettlement.prepare(
        _form(sandbox, [_row(WORKER, HSBRegime.SICKNESS, start, 5, "CT07-79001-SBX-0001")]),
        key=_key(),
    )
    first = vendor.declarations.submit_settlement(signed)
    assert vendor.declarations.submit_settlement(signed).id == first.id
    other = SignedSettlement.prepare(
        _form(sandbox, [_row(WORKER, HSBRegime.SICKNESS, start, 4, "CT07-79001-SBX-0001")]),
        key=_key(),
    )
    with pytest.raises(ConflictError):
        vendor.declarations.submit_settlement(other)
    assert [s.id for s in vendor.declarations.list_settlements(UNIT)] == [first.id]
    assert list(vendor.declarations.list_settlements(UNIT, status="paid")) == []


def test_xml_round_trip_and_signature(sandbox: Sandbox) -> None:
    born = _d(sandbox, -10)
    form = _form(
        sandbox,
        [
            _row(
                MOTHER,
                HSBRegime.MATERNITY_BIRTH,
                born,
                180,
                "GCS-1",
                child_birth_date=born,
                children=2,
            )
        ],
    )
    xml = hsb_to_xml(form)
    assert b"<DS_01B_HSB>" in xml and b"<CHEDO>maternity_birth</CHEDO>" in xml
    assert hsb_from_xml(xml) == form
    signed = SignedSettlement.prepare(form, key=_key())
    assert verify_hsb(signed.content)[0] == form
    check_hsb(form)
    assert validate_hsb(attrs.evolve(form, batch=0))[0].rule == "batch.range"
    assert base64.b64encode(signed.content)


def test_async_settlement_calls(make_aclient: Any, sandbox: Sandbox) -> None:
    start = _d(sandbox, -14)
    signed = SignedSettlement.prepare(
        _form(sandbox, [_row(WORKER, HSBRegime.SICKNESS, start, 5, "CT07-79001-SBX-0001")]),
        key=_key(),
    )

    async def go() -> list[str]:
        async with make_aclient() as base:
            api = await aorganisation_client(
                base, client_id="ivan-sbx-basic", scopes=["employer.declarations"]
            )
            filed = await api.declarations.submit_settlement(signed)
            got = await api.declarations.get_settlement(UNIT, filed.id)
            page = await api.declarations.list_settlements(UNIT)
            return [got.id] + [s.id async for s in page]

    ids = run(go())
    assert ids[0] == ids[1]


def test_wait_settlement_polls_until_decided(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    start = _d(sandbox, -14)
    row = _row(WORKER, HSBRegime.SICKNESS, start, 5, "CT07-79001-SBX-0001")
    filed = vendor.declarations.submit_settlement(
        SignedSettlement.prepare(_form(sandbox, [row]), key=_key())
    )
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        vendor.sandbox.advance_clock(seconds=int(seconds))

    decided = vendor.declarations.wait_settlement(UNIT, filed.id, interval=6 * 3600, sleep=sleep)
    assert decided.status is SettlementStatus.DECIDED and slept == [6 * 3600] * 4
    from vssdk.declarations import DossierWaitTimeout

    other = vendor.declarations.submit_settlement(
        SignedSettlement.prepare(_form(sandbox, [row], batch=2), key=_key())
    )
    with pytest.raises(DossierWaitTimeout):
        vendor.declarations.wait_settlement(
            UNIT, other.id, interval=10, timeout=20, sleep=lambda s: None
        )


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [
        ({"days": 9}, "days", "days.range"),
        (
            {"regime": HSBRegime.CONVALESCENCE_SICKNESS, "days": 11, "leave_to_plus": 20},
            "days",
            "days.max",
        ),
        (
            {"regime": HSBRegime.MATERNITY_BIRTH, "certificate_number": "GCS-1"},
            "child_birth_date",
            "required",
        ),
        ({"si_code": "12"}, "si_code", "si_code.format"),
        ({"certificate_number": "bad number"}, "certificate_number", "certificate.format"),
    ],
)
def test_row_rules_name_row_field_and_rule(
    sandbox: Sandbox, change: dict[str, Any], field: str, rule: str
) -> None:
    start = _d(sandbox, -14)
    extra = change.pop("leave_to_plus", 4)
    base = _row(
        WORKER, HSBRegime.SICKNESS, start, 5, "CT07-1", end=start + dt.timedelta(days=extra)
    )
    form = _form(sandbox, [attrs.evolve(base, **change)])
    assert [(v.row, v.field, v.rule) for v in validate_hsb(form)] == [(1, field, rule)]


def test_a_duplicate_row_is_named(sandbox: Sandbox) -> None:
    row = _row(WORKER, HSBRegime.SICKNESS, _d(sandbox, -14), 5, "CT07-1")
    assert [(v.row, v.rule) for v in validate_hsb(_form(sandbox, [row, row]))] == [
        (2, "row.duplicate")
    ]


def test_wait_settlement_can_move_the_sandbox_clock(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    row = _row(WORKER, HSBRegime.SICKNESS, _d(sandbox, -14), 5, "CT07-79001-SBX-0001")
    filed = vendor.declarations.submit_settlement(
        SignedSettlement.prepare(_form(sandbox, [row]), key=_key())
    )
    before = sandbox.now()
    decided = vendor.declarations.wait_settlement(
        UNIT, filed.id, interval=3600, advance_sandbox_clock=True
    )
    assert decided.final and sandbox.now() - before == dt.timedelta(hours=24)


def test_an_inpatient_stay_supports_a_sickness_row(
    vendor: vssdk.Client, hospital: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    start, end = _d(sandbox, -20), _d(sandbox, -15)
    hospital.medical.submit(
        "79001",
        medical.inpatient_treatment_certificate(
            number="NT-79001-0001", issued_on=end, admitted_on=start, discharged_on=end,
            patient=medical.MedicalPatient(full_name="Nguyễn Văn An", si_code=WORKER),
            diagnosis="Viêm phổi", diagnosis_code="J18.9", signed_by="BS",
        ),
    )  # fmt: skip
    row = _row(WORKER, HSBRegime.SICKNESS, start, 6, "NT-79001-0001")
    filed = vendor.declarations.submit_settlement(
        SignedSettlement.prepare(_form(sandbox, [row]), key=_key())
    )
    [answer] = _decide(client, vendor, filed.id).rows
    assert (answer.status, answer.days_paid) == ("accepted", 6)
