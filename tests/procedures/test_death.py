"""Death-linked procedure: death registration → residence removed → funeral allowance paid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import vssdk
from tests.procedures._support import days_ago, org_client
from vssdk import benefits
from vssdk.errors import UnprocessableEntityError
from vssdk.procedures import Claimant, DeathCause, InvalidRecord, LinkedApplicationStatus, Person
from vssdk_sandbox.app import Sandbox

WORKER = Person(full_name="Nguyễn Văn An", citizen_id="079085001234")  # 150 months compulsory
SHORT = Person(full_name="Đỗ Thị Giang", citizen_id="031195007777")  # 8 months compulsory
VOLUNTARY = Person(full_name="Lê Thị Cúc", citizen_id="001178009876")  # 72 months voluntary
CLAIMANT = Claimant(full_name="Trần Thị Bình", citizen_id="079190004321", relationship="spouse")


def _submit(api: vssdk.Client, sandbox: Sandbox, deceased: Person, **kw: Any) -> Any:
    died = kw.pop("date_of_death", days_ago(sandbox, 3))
    return api.procedures.submit_death(
        registration_number=kw.pop("number", "KT-2026-000045"),
        registered_on=kw.pop("registered_on", sandbox.today()),
        deceased=deceased,
        date_of_death=died,
        claimant=CLAIMANT,
        **kw,
    )


def test_eligible_death_is_decided_and_paid(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox, WORKER)
    assert case.status is LinkedApplicationStatus.SUBMITTED
    assert case.funeral_allowance is None

    client.sandbox.advance_clock(hours=2)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.IN_PROGRESS
    assert sandbox.store.get("people", "7901234567")["alive"] is False  # type: ignore[index]

    client.sandbox.advance_clock(hours=22)
    case = api.procedures.get(case.id)
    expected = benefits.funeral_allowance(days_ago(sandbox, 3), 150).amount
    assert case.status is LinkedApplicationStatus.DECIDED
    allowance = case.funeral_allowance
    assert allowance is not None
    assert (allowance.eligible, allowance.amount, allowance.compulsory_months) == (
        True,
        expected,
        150,
    )
    assert isinstance(allowance.amount, int)
    assert [p.status for p in case.payments] == ["scheduled"]

    client.sandbox.advance_clock(hours=24)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.COMPLETED
    assert case.payments[0].status == "paid" and case.payments[0].paid_at is not None
    assert case.total_amount == expected
    assert [h.status for h in case.status_history] == [
        "submitted",
        "in_progress",
        "decided",
        "completed",
    ]
    actions = [e.action for e in api.procedures.audit(case.id)]
    assert actions[0] == "submitted"
    assert "payment_made" in actions and actions[-1] == "status:completed"


def test_voluntary_sixty_months_is_eligible(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox, VOLUNTARY)
    client.sandbox.advance_clock(days=1)
    allowance = api.procedures.get(case.id).funeral_allowance
    assert allowance is not None and allowance.eligible
    assert allowance.voluntary_months == 72


def test_short_history_is_rejected_with_the_reason(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox, SHORT)
    client.sandbox.advance_clock(days=3)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.REJECTED
    assert case.funeral_allowance is not None and not case.funeral_allowance.eligible
    assert case.funeral_allowance.amount == 0
    assert "8 months of compulsory SI" in (case.rejection_reason or "")
    assert case.payments == ()


def test_occupational_death_is_eligible_without_months(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox, SHORT, cause=DeathCause.OCCUPATIONAL_ACCIDENT)
    client.sandbox.advance_clock(days=1)
    allowance = api.procedures.get(case.id).funeral_allowance
    assert allowance is not None and allowance.eligible and allowance.amount > 0


def test_unknown_person_has_no_participation(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox, Person(full_name="Không Có", citizen_id="001090999999"))
    client.sandbox.advance_clock(days=2)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.REJECTED
    assert case.rejection_reason == "no SI participation found for this person"


def test_death_date_in_the_future_is_refused(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    tomorrow = sandbox.today() + dt.timedelta(days=1)
    with pytest.raises(UnprocessableEntityError) as info:
        _submit(api, sandbox, WORKER, date_of_death=tomorrow, registered_on=tomorrow)
    paths = [e.path for e in info.value.errors]
    assert "body.date_of_death" in paths
    assert sandbox.store.count("linked_cases") == 0
    assert sandbox.store.get("people", "7901234567")["alive"] is True  # type: ignore[index]


def test_death_before_the_rules_is_refused(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    with pytest.raises(UnprocessableEntityError) as info:
        _submit(api, sandbox, WORKER, date_of_death=dt.date(2010, 1, 1))
    assert [e.path for e in info.value.errors] == ["body.date_of_death"]


def test_sdk_checks_ids_and_registration_date(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, Person(full_name="X", citizen_id="07908500123"))
    assert info.value.argument == "deceased.citizen_id"
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, WORKER, registered_on=days_ago(sandbox, 10))
    assert info.value.argument == "registered_on"
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, WORKER, number="KT 2026")
    assert info.value.argument == "registration_number"
    assert sandbox.store.count("linked_cases") == 0
