"""REST: a hospital issues, reads, replaces and revokes certificates; history is kept."""

from __future__ import annotations

import attrs
import pytest

import vssdk
from tests.conftest import run
from tests.medical.factory import sick_leave
from vssdk import medical
from vssdk.errors import ConflictError, PermissionDeniedError
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import aorganisation_client


def _events(sandbox: Sandbox, kind: str) -> list[dict[str, object]]:
    return [e for e in sandbox.store.find("events") if e["type"] == kind]


def test_issue_read_and_list(hospital: vssdk.Client, sandbox: Sandbox) -> None:
    doc = hospital.medical.submit("79001", sick_leave())
    assert doc.status is medical.MedicalDocumentStatus.ACTIVE and doc.version == 1
    assert doc.document == sick_leave() and doc.facility_code == "79001"
    assert doc.transaction_id.startswith("79001") and doc.history[0].action == "issued"
    assert hospital.medical.get("79001", doc.id) == doc
    found = list(hospital.medical.list("79001", document_number="CT07-T-000001"))
    assert [d.id for d in found] == [doc.id]
    kinds = {d.type for d in hospital.medical.list("79001")}
    assert {"sick_leave", "birth", "driver_health"} <= kinds  # the seeded ones too
    [event] = _events(sandbox, "medical_document.received")
    assert event["owner"] == "79001_BV"
    assert event["data"] == {
        "document_id": doc.id, "facility_code": "79001", "type": "sick_leave",
        "document_number": "CT07-T-000001", "version": 1, "status": "active",
    }  # fmt: skip


def test_idempotent_on_the_document_number(hospital: vssdk.Client, sandbox: Sandbox) -> None:
    first = hospital.medical.submit("79001", sick_leave())
    again = hospital.medical.submit("79001", sick_leave())
    assert again.id == first.id and len(_events(sandbox, "medical_document.received")) == 1
    with pytest.raises(ConflictError) as info:
        hospital.medical.submit("79001", sick_leave(days=6))
    paths = {e.path for e in info.value.problem.errors} if info.value.problem else set()
    assert "body.sick_leave.days" in paths and "body.sick_leave.leave_to" in paths


def test_replace_then_revoke_keeps_the_history(hospital: vssdk.Client, sandbox: Sandbox) -> None:
    doc = hospital.medical.submit("79001", sick_leave())
    fixed = hospital.medical.replace("79001", doc.id, sick_leave(days=3), reason="sai số ngày")
    assert fixed.version == 2 and fixed.document.sick_leave is not None
    assert fixed.document.sick_leave.days == 3
    assert [(h.version, h.action, h.reason) for h in fixed.history] == [
        (1, "issued", None),
        (2, "replaced", "sai số ngày"),
    ]
    revoked = hospital.medical.revoke("79001", doc.id, reason="cấp nhầm người")
    assert revoked.status is medical.MedicalDocumentStatus.REVOKED
    assert revoked.revocation_reason == "cấp nhầm người"
    assert [h.action for h in revoked.history] == ["issued", "replaced", "revoked"]
    assert hospital.medical.revoke("79001", doc.id, reason="again") == revoked
    with pytest.raises(ConflictError):
        hospital.medical.replace("79001", doc.id, sick_leave(days=2), reason="x")
    assert [len(_events(sandbox, f"medical_document.{e}")) for e in ("replaced", "revoked")] == [
        1,
        1,
    ]
    assert [d.id for d in hospital.medical.list("79001", status="revoked")] == [doc.id]


def test_a_replacement_keeps_type_and_number(hospital: vssdk.Client) -> None:
    doc = hospital.medical.submit("79001", sick_leave())
    with pytest.raises(vssdk.errors.UnprocessableEntityError) as info:
        hospital.medical.replace("79001", doc.id, sick_leave(number="OTHER-1"), reason="x")
    assert info.value.problem is not None
    assert info.value.problem.errors[0].path == "body.document.document_number"


def test_a_facility_uses_only_its_own_code(hospital: vssdk.Client) -> None:
    with pytest.raises(PermissionDeniedError):
        hospital.medical.submit("01001", sick_leave())


def test_the_sdk_refuses_a_broken_certificate_before_sending(hospital: vssdk.Client) -> None:
    doc = sick_leave()
    assert doc.sick_leave is not None
    broken = attrs.evolve(doc, sick_leave=attrs.evolve(doc.sick_leave, days=9))
    with pytest.raises(medical.InvalidMedicalDocument) as info:
        hospital.medical.submit("79001", broken)
    assert info.value.argument == "sick_leave.days"
    with pytest.raises(vssdk.errors.InvalidArgument) as bad:
        hospital.medical.get("79001", "nope")
    assert bad.value.argument == "document_id"


def test_unknown_document_is_404(hospital: vssdk.Client) -> None:
    with pytest.raises(vssdk.errors.NotFoundError):
        hospital.medical.get("79001", "med_999999")


def test_async_client(make_aclient: object, sandbox: Sandbox) -> None:
    async def go() -> tuple[str, str]:
        async with make_aclient() as base:  # type: ignore[operator]
            api = await aorganisation_client(
                base, client_id="79001_BV", scopes=["medical.documents"]
            )
            doc = await api.medical.submit("79001", sick_leave("CT07-A-1"))
            got = await api.medical.get("79001", doc.id)
            await api.medical.replace("79001", doc.id, sick_leave("CT07-A-1", 2), reason="x")
            revoked = await api.medical.revoke("79001", doc.id, reason="y")
            page = await api.medical.list("79001", type="sick_leave")
            listed = [d.id async for d in page]
            assert doc.id in listed
            return got.id, str(revoked.status)

    assert run(go())[1] == "revoked"


def test_the_sandbox_applies_the_same_rules_naming_the_field(
    sandbox_app: object, sandbox: Sandbox
) -> None:
    from starlette.testclient import TestClient

    from tests.procedures._support import org_token
    from vssdk._core.model import to_builtins

    token = org_token(sandbox, "79001_BV", ["medical.documents"])
    body = to_builtins(sick_leave())
    body["sick_leave"]["days"] = 40
    with TestClient(sandbox_app) as http:  # type: ignore[arg-type]
        reply = http.post(
            "/facilities/79001/medical-documents",
            json=body,
            headers={"authorization": f"Bearer {token}"},
        )
    assert reply.status_code == 422
    errors = {(e["path"], e["code"]) for e in reply.json()["errors"]}
    assert errors == {
        ("body.sick_leave.days", "days.span"),
        ("body.sick_leave.days", "days.max_per_certificate"),
    }
