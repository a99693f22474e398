"""Birth-linked procedure: birth registration → residence → the child's SI code and TE card."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from starlette.testclient import TestClient

import vssdk
from tests.conftest import run
from tests.procedures._support import ALL_SCOPES, org_client, org_token
from vssdk._core.auth import BearerToken
from vssdk.cards import parse_card_code
from vssdk.errors import ConflictError, PermissionDeniedError, UnprocessableEntityError
from vssdk.procedures import (
    InvalidRecord,
    LinkedApplicationStatus,
    Newborn,
    Person,
    RecordConflict,
    Residence,
    Sex,
)
from vssdk.procedures.rules import child_card_validity
from vssdk_sandbox.app import Sandbox

MOTHER = Person(full_name="Trần Thị Bình", citizen_id="079190004321")


def _child(sandbox: Sandbox, days_old: int = 10, serial: str = "000123") -> Newborn:
    birth = sandbox.today() - dt.timedelta(days=days_old)
    digit = 2 * ((birth.year // 100) - 19)
    return Newborn(
        full_name="Nguyễn Gia Bảo",
        birth_date=birth,
        sex=Sex.MALE,
        citizen_id=f"079{digit}{birth.year % 100:02d}{serial}",
    )


def _submit(api: vssdk.Client, sandbox: Sandbox, number: str = "KS-2026-000123", **kw: Any) -> Any:
    child = kw.pop("child", None) or _child(sandbox)
    return api.procedures.submit_birth(
        registration_number=number,
        registered_on=kw.pop("registered_on", sandbox.today()),
        child=child,
        residence=kw.pop("residence", Residence(province_code="79", address="12 Lê Lợi, TP HCM")),
        mother=kw.pop("mother", MOTHER),
        **kw,
    )


def test_birth_case_runs_to_a_te_card(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    case = _submit(api, sandbox)
    assert case.status is LinkedApplicationStatus.SUBMITTED
    assert [s.status for s in case.steps] == ["done", "processing", "pending"]
    assert case.card is None

    client.sandbox.advance_clock(hours=2)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.IN_PROGRESS
    assert case.steps[1].status == "done" and case.steps[1].reference

    client.sandbox.advance_clock(hours=22)
    case = api.procedures.get(case.id)
    assert case.status is LinkedApplicationStatus.COMPLETED
    assert case.card is not None
    card = parse_card_code(case.card.card_code)
    assert card.group.code == "TE"
    assert str(card.si_code) == case.card.si_code
    assert case.card.si_code.startswith("79")
    birth = case.submitted_at.date() - dt.timedelta(days=10)
    assert (case.card.valid_from, case.card.valid_to) == child_card_validity(birth)
    assert [h.status for h in case.status_history] == ["submitted", "in_progress", "completed"]
    times = [h.at for h in case.status_history]
    assert times == sorted(times) and all(h.reason for h in case.status_history)
    person = sandbox.store.get("people", case.card.si_code)
    assert person is not None and person["citizen_id"] == case.subject.citizen_id


def test_resend_returns_the_same_case(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    first = _submit(api, sandbox)
    again = _submit(api, sandbox)
    assert again.id == first.id
    assert sandbox.store.count("linked_cases") == 1
    actions = [entry.action for entry in api.procedures.audit(first.id)]
    assert actions == ["submitted", "resent"]


def test_same_number_other_content_is_a_409_showing_both(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    api = org_client(client, sandbox)
    first = _submit(api, sandbox)
    other = Person(full_name="Lê Thị Cúc", citizen_id="001178009876")
    with pytest.raises(ConflictError) as info:
        _submit(api, sandbox, mother=other)
    error = info.value
    assert error.status_code == 409
    ext = error.problem.extensions if error.problem else {}
    assert ext["case_id"] == first.id
    assert ext["existing"]["mother"]["citizen_id"] == MOTHER.citizen_id
    assert ext["submitted"]["mother"]["citizen_id"] == other.citizen_id
    assert ext["differences"] == ["body.mother.citizen_id", "body.mother.full_name"]
    assert sandbox.store.count("linked_cases") == 1
    stored = api.procedures.get(first.id)
    assert stored.subject == first.subject
    conflict = RecordConflict.of(error)  # the typed view of the same reply
    assert conflict.case_id == first.id
    assert conflict.differences == ("body.mother.citizen_id", "body.mother.full_name")
    assert conflict.existing["mother"]["full_name"] == MOTHER.full_name


def test_sdk_refuses_an_invalid_citizen_id_before_sending(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    api = org_client(client, sandbox)
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, mother=Person(full_name="X", citizen_id="099190004321"))
    assert info.value.argument == "mother.citizen_id"
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, child=_child(sandbox, serial="12345"))
    assert info.value.argument == "child.citizen_id"
    assert sandbox.store.count("linked_cases") == 0


def test_sdk_checks_parents_and_dates(client: vssdk.Client, sandbox: Sandbox) -> None:
    api = org_client(client, sandbox)
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, mother=None)
    assert info.value.argument == "mother"
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, registered_on=sandbox.today() - dt.timedelta(days=30))
    assert info.value.argument == "registered_on"
    child = _child(sandbox)
    wrong_year = Newborn(
        full_name=child.full_name,
        birth_date=child.birth_date,
        sex=child.sex,
        citizen_id="079" + "0" + "99" + "000123",
    )
    with pytest.raises(InvalidRecord) as info:
        _submit(api, sandbox, child=wrong_year)
    assert info.value.argument == "child.citizen_id"
    assert "birth year" in info.value.reason


def test_child_over_six_is_refused_and_nothing_created(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    api = org_client(client, sandbox)
    child = _child(sandbox, days_old=6 * 366 + 5)
    with pytest.raises(UnprocessableEntityError) as info:
        _submit(api, sandbox, child=child)
    paths = {e.path: e for e in info.value.errors}
    assert "body.child.birth_date" in paths
    assert paths["body.child.birth_date"].code == "child_over_6"
    assert sandbox.store.count("linked_cases") == 0
    assert list(api.procedures.list()) == []


def _raw(sandbox_app: Any, sandbox: Sandbox, body: dict[str, Any]) -> Any:
    token = org_token(sandbox)
    with TestClient(sandbox_app, base_url="http://sandbox.test") as http:
        return http.post(
            "/linked-procedures/births",
            json=body,
            headers={"authorization": f"Bearer {token}"},
        )


def test_sandbox_refuses_an_invalid_citizen_id_sent_without_the_sdk(
    sandbox_app: Any, sandbox: Sandbox
) -> None:
    birth = sandbox.today() - dt.timedelta(days=3)
    body = {
        "registration_number": "KS-RAW-1",
        "registered_on": sandbox.today().isoformat(),
        "child": {
            "full_name": "Bé A",
            "birth_date": birth.isoformat(),
            "sex": "female",
            "citizen_id": f"0793{birth.year % 100:02d}000777",
        },
        "father": {"full_name": "Ông B", "citizen_id": "099085001234"},
        "residence": {"province_code": "79", "address": "x"},
    }
    reply = _raw(sandbox_app, sandbox, body)
    assert reply.status_code == 422
    errors = reply.json()["errors"]
    assert [e["path"] for e in errors] == ["body.father.citizen_id"]
    assert errors[0]["code"] == "invalid_citizen_id"
    assert sandbox.store.count("linked_cases") == 0


def test_scope_and_principal_are_enforced(client: vssdk.Client, sandbox: Sandbox) -> None:
    death_only = org_client(client, sandbox, scopes=("linked.death",))
    with pytest.raises(PermissionDeniedError):
        _submit(death_only, sandbox)
    citizen = org_client(client, sandbox, client_id="7901234567", kind="citizen")
    with pytest.raises(PermissionDeniedError):
        _submit(citizen, sandbox)
    case = _submit(org_client(client, sandbox), sandbox)
    with pytest.raises(PermissionDeniedError):
        death_only.procedures.get(case.id)
    assert sandbox.store.count("linked_cases") == 1


def test_async_submit_and_get(make_aclient: Any, sandbox: Sandbox) -> None:
    token = org_token(sandbox, scopes=ALL_SCOPES)

    async def scenario() -> tuple[str, str, str]:
        async with make_aclient(auth=BearerToken(token)) as api:
            child = _child(sandbox)
            case = await api.procedures.submit_birth(
                registration_number="KS-ASYNC-1",
                registered_on=sandbox.today(),
                child=child,
                residence=Residence(province_code="01", address="Hà Nội"),
                father=Person(full_name="Nguyễn Văn An", citizen_id="079085001234"),
            )
            fetched = await api.procedures.get(case.id)
            page = await api.procedures.list(type="birth")
            return case.id, fetched.id, page.items[0].id

    created, fetched, listed = run(scenario())
    assert created == fetched == listed


def test_a_resend_returns_the_case_even_when_the_child_has_since_turned_six(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    api = org_client(client, sandbox)
    child = _child(sandbox, days_old=6 * 365 - 3)
    case = _submit(api, sandbox, child=child)
    client.sandbox.advance_clock(days=10)  # now over 72 months
    again = _submit(api, sandbox, child=child, registered_on=case.submitted_at.date())
    assert again.id == case.id
    with pytest.raises(UnprocessableEntityError):  # a new record for the same child is refused
        _submit(api, sandbox, number="KS-2026-000999", child=child)
