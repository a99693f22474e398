"""Unemployment-benefit decisions: payments scheduled, each month visible and paid when due."""

from __future__ import annotations

from typing import Any

import pytest

import vssdk
from tests.procedures._support import days_ago, org_client
from vssdk.errors import NotFoundError
from vssdk.procedures import InvalidRecord, LinkedApplicationStatus, Person

PERSON = Person(full_name="Hoàng Văn Em", citizen_id="001092013579")


def _submit(api: vssdk.Client, sandbox: Any, **kw: Any) -> Any:
    args: dict[str, Any] = {
        "decision_number": "QD-123/2026/SNV",
        "decided_on": days_ago(sandbox, 2),
        "issued_by": "Trung tâm Dịch vụ việc làm Hà Nội",
        "person": PERSON,
        "monthly_amount": 9_000_000,
        "months": 3,
        "start_date": days_ago(sandbox, 1),
    }
    args.update(kw)
    return api.procedures.submit_unemployment(**args)


def test_payments_are_scheduled_and_paid_month_by_month(client: vssdk.Client, sandbox: Any) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox)
    assert case.status is LinkedApplicationStatus.SUBMITTED
    assert case.total_amount == 27_000_000

    client.sandbox.advance_clock(hours=1)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.PAYING
    assert [p.sequence for p in case.payments] == [1, 2, 3]
    assert [p.status for p in case.payments] == ["paid", "scheduled", "scheduled"]
    assert all(p.amount == 9_000_000 for p in case.payments)
    months = [p.month for p in case.payments]
    assert months == sorted(set(months))

    client.sandbox.advance_clock(days=31)
    case = api.procedures.get(case.id)
    assert [p.status for p in case.payments] == ["paid", "paid", "scheduled"]
    assert case.status is LinkedApplicationStatus.PAYING

    client.sandbox.advance_clock(days=31)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.COMPLETED
    assert all(p.paid_at is not None and p.reference for p in case.payments)
    assert sum(p.amount for p in case.payments) == case.total_amount
    paid = [e for e in api.procedures.audit(case.id) if e.action == "payment_made"]
    assert len(paid) == 3


@pytest.mark.parametrize(
    ("field", "value"),
    [("months", 13), ("months", 0), ("monthly_amount", 0), ("monthly_amount", 9e6)],
)
def test_bad_decisions_are_refused_before_sending(
    client: vssdk.Client, sandbox: Any, field: str, value: Any
) -> None:
    api = org_client(client, sandbox)
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, **{field: value})
    assert info.value.argument == field
    assert sandbox.store.count("linked_cases") == 0


def test_list_filters_for_reconciliation(client: vssdk.Client, sandbox: Any) -> None:
    api = org_client(client, sandbox)
    first = _submit(api, sandbox, decision_number="QD-1")
    second = _submit(api, sandbox, decision_number="QD-2")
    third = _submit(api, sandbox, decision_number="QD-3", start_date=days_ago(sandbox, 200))
    client.sandbox.advance_clock(hours=1)
    assert [c.id for c in api.procedures.list()] == [first.id, second.id, third.id]
    assert [c.id for c in api.procedures.list(limit=1)] == [first.id, second.id, third.id]
    assert [c.id for c in api.procedures.list(status="completed")] == [third.id]
    assert [c.id for c in api.procedures.list(record_number="QD-2")] == [second.id]
    assert [c.id for c in api.procedures.list(type="birth")] == []
    today = sandbox.today()
    assert len(list(api.procedures.list(submitted_from=today, submitted_to=today))) == 3
    tomorrow = days_ago(sandbox, -1)
    assert list(api.procedures.list(submitted_from=tomorrow)) == []
    with pytest.raises(InvalidRecord):
        api.procedures.list(submitted_from=tomorrow, submitted_to=today)


def test_other_organisations_cannot_see_a_case(client: vssdk.Client, sandbox: Any) -> None:
    case = _submit(org_client(client, sandbox), sandbox)
    other = org_client(client, sandbox, client_id="molisa-danang")
    with pytest.raises(NotFoundError):
        other.procedures.get(case.id)
    with pytest.raises(NotFoundError):
        list(other.procedures.audit(case.id))
    assert list(other.procedures.list()) == []
    # The same decision number from another organisation is its own case.
    mine = _submit(other, sandbox)
    assert mine.id != case.id
