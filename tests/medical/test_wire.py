"""The gateway's wire calls: form with the token in the body, capitalised reply keys."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import attrs
import pytest
from starlette.testclient import TestClient

import vssdk
from tests.conftest import run
from tests.medical.factory import DAY, birth, sick_leave
from vssdk import medical
from vssdk.gateway import GatewayLogin
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.seeds.cards import GATEWAY_PASSWORD
from vssdk_sandbox.testing import organisation_client


def _form(wire: vssdk.Client, loai_hs: str, payload: str, **over: str) -> medical.MedicalWireForm:
    login = wire.auth
    assert isinstance(login, GatewayLogin)
    token = login.token(wire._engine.send_raw)
    fields: dict[str, Any] = {
        "maCskcb": "79001",
        "token": token.access_token,
        "id_token": token.id_token,
        "username": login.username,
        "password": login.password_hash,
        "loaiHs": loai_hs,
        "fileBase64Str": payload,
        **over,
    }
    return medical.MedicalWireForm(**fields)


def test_send_wire_stores_the_certificates(
    wire: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    reply = wire.medical.send_wire([sick_leave("CT07-W-1")], facility_code="79001", created=DAY)
    assert reply.MaKetQua == "200" and reply.MaGD and reply.MaGD.startswith("79001")
    assert reply.ThoiGianTiepNhan == sandbox.now().strftime("%Y%m%d%H%M%S")
    hospital = organisation_client(client, client_id="79001_BV", scopes=["medical.documents"])
    [doc] = hospital.medical.list("79001", document_number="CT07-W-1")
    assert doc.transaction_id == reply.MaGD and doc.history[0].channel == "wire"
    assert doc.document == sick_leave("CT07-W-1")


def test_birth_certificates_go_through_guigiaytodientu(
    wire: vssdk.Client, sandbox: Sandbox
) -> None:
    reply = wire.medical.send_wire([birth("GCS-W-1")], facility_code="79001", created=DAY)
    assert reply.MaKetQua == "200"
    [stored] = sandbox.store.find("medical_documents", number="GCS-W-1")
    assert stored["type"] == "birth" and stored["document"]["birth"]["weight_grams"] == 3100


def test_resending_the_same_upload_is_accepted_once(wire: vssdk.Client, sandbox: Sandbox) -> None:
    for _ in range(2):
        assert (
            wire.medical.send_wire([sick_leave("CT07-W-2")], facility_code="79001").MaKetQua
            == "200"
        )
    assert len(sandbox.store.find("medical_documents", number="CT07-W-2")) == 1


@pytest.mark.parametrize(
    ("loai_hs", "payload", "code", "words"),
    [
        ("61", "", "205", "loaiHs 61"),
        ("39", "@@not-base64@@", "205", "fileBase64Str"),
        ("39", base64.b64encode(b"<HSCHUNGTU/>").decode(), "205", "DANHSACHHOSO"),
    ],
)
def test_refusals_answer_maketqua_with_http_200(
    wire: vssdk.Client, loai_hs: str, payload: str, code: str, words: str
) -> None:
    payload = payload or medical.envelope_to_base64("79001", [sick_leave()], DAY)
    reply = wire.medical.raw_send_certificates(_form(wire, loai_hs, payload))
    assert reply.MaKetQua == code and words in (reply.ThongDiep or "")


def test_a_rule_broken_inside_the_file_is_named(wire: vssdk.Client) -> None:
    xml = medical.document_to_xml(sick_leave()).replace(
        b"<DEN_NGAY>20260605<", b"<DEN_NGAY>20260720<"
    )
    envelope = base64.b64decode(medical.envelope_to_base64("79001", [sick_leave()], DAY))
    inner = base64.b64encode(medical.document_to_xml(sick_leave())).decode()
    envelope = envelope.replace(inner.encode(), base64.b64encode(xml))
    reply = wire.medical.raw_send_certificates(
        _form(wire, "39", base64.b64encode(envelope).decode())
    )
    assert reply.MaKetQua == "205" and "sick_leave.days" in (reply.ThongDiep or "")


def test_a_wrong_password_is_401_and_send_wire_raises(wire: vssdk.Client) -> None:
    payload = medical.envelope_to_base64("79001", [sick_leave()], DAY)
    reply = wire.medical.raw_send_certificates(_form(wire, "39", payload, password="0" * 32))
    assert reply.MaKetQua == "401"
    other = wire.medical.raw_send_certificates(_form(wire, "39", payload, maCskcb="01001"))
    assert other.MaKetQua == "401"


def test_too_large_is_1001(wire: vssdk.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from vssdk_sandbox.handlers.medical import wire as handler

    monkeypatch.setattr(handler, "MAX_BASE64", 100)
    with pytest.raises(medical.WireRefused) as info:
        wire.medical.send_wire([sick_leave()], facility_code="79001")
    assert info.value.code == "1001"


def test_json_and_form_bodies_alike(wire: vssdk.Client, sandbox_app: Any) -> None:
    form = _form(wire, "39", medical.envelope_to_base64("79001", [sick_leave("CT07-J-1")], DAY))
    fields = {a.name: getattr(form, a.name) for a in attrs.fields(type(form))}
    with TestClient(sandbox_app) as http:
        as_json = http.post("/api/chungtugw/GuiHoSoChungTu2025", json=fields)
        as_form = http.post("/api/chungtugw/GuiHoSoChungTu2025", data=fields)
        missing = http.post("/api/chungtugw/GuiHoSoChungTu2025", data={"loaiHs": "39"})
    assert as_json.status_code == 200 and as_json.json()["MaKetQua"] == "200"
    assert as_form.json()["MaKetQua"] == "200"  # the same certificate: accepted again, stored once
    assert missing.status_code == 422 and missing.json()["vss_code"] == "205"


def test_send_wire_needs_a_gateway_login(client: vssdk.Client) -> None:
    with pytest.raises(vssdk.errors.ConfigurationError):
        client.medical.send_wire([sick_leave()], facility_code="79001")


def test_async_send_wire(make_aclient: Any) -> None:
    async def go() -> str:
        login = GatewayLogin("79001_BV", GATEWAY_PASSWORD, base_url="http://sandbox.test")
        async with make_aclient(auth=login) as api:
            reply = await api.medical.send_wire([birth("GCS-A-1")], facility_code="79001")
            token = await login.atoken(api._engine.send_raw)
            form = medical.MedicalWireForm(
                maCskcb="79001", token=token.access_token, id_token=token.id_token,
                username="79001_BV", password=login.password_hash, loaiHs="60",
                fileBase64Str=medical.envelope_to_base64("79001", [birth("GCS-A-1")], dt.date(2026, 6, 1)),
            )  # fmt: skip
            raw = await api.medical.raw_send_document(form)
            assert raw.MaKetQua == "205"  # a birth certificate is loaiHs 61, not 60
            return str(reply.MaKetQua)

    assert run(go()) == "200"


def test_each_step_emits_an_event_for_the_issuer(wire: vssdk.Client, sandbox: Sandbox) -> None:
    wire.medical.send_wire([sick_leave("CT07-E-1"), sick_leave("CT07-E-2")], facility_code="79001")
    events = [e for e in sandbox.store.find("events") if e["type"] == "medical_document.received"]
    assert [(e["owner"], e["data"]["document_number"]) for e in events] == [
        ("79001_BV", "CT07-E-1"),
        ("79001_BV", "CT07-E-2"),
    ]
