"""F5, F13, F16: absurd numbers in a claim are refused (422), never a 500, never a 10 MB reply,
and a refused resend leaves the accepted version current."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.claims import factory
from tests.security.conftest import bearer, org_token
from vssdk.claims.envelope import build_envelope
from vssdk_sandbox.app import Sandbox

CLAIMS = "/facilities/01001/claims"


def _envelope(table: str, tag: str, value: str) -> bytes:
    dossier = factory.dossier()
    tables = []
    for name, data in dossier.tables():
        if name == table:
            data, count = re.subn(
                rf"<{tag}>[^<]*</{tag}>".encode(),
                f"<{tag}>{value}</{tag}>".encode(),
                data,
                count=1,
            )
            assert count == 1, (table, tag)
        tables.append((name, data))
    return build_envelope("01001", tables, created=dt.date(2026, 6, 15))


def _submit(http: TestClient, token: str, envelope: bytes) -> Any:
    return http.post(
        CLAIMS, content=envelope, headers={**bearer(token), "content-type": "application/xml"}
    )


@pytest.mark.parametrize(
    ("table", "tag", "value"),
    [
        ("XML2", "SO_LUONG", "1E+100000"),
        ("XML2", "SO_LUONG", "1" + "0" * 29),
        ("XML1", "STT", "1" * 5000),
        ("XML1", "T_TONGCHI_BV", "1E+10000000"),
        ("XML1", "T_TONGCHI_BV", "9" * 5000),
    ],
    ids=["qty-1e100000", "qty-1e29", "stt-5000-digits", "total-1e10000000", "total-5000-digits"],
)
def test_absurd_numbers_in_a_claim_are_refused_not_a_500(
    http: TestClient, table: str, tag: str, value: str
) -> None:
    reply = _submit(http, org_token(http, "01001_BV"), _envelope(table, tag, value))
    assert reply.status_code == 422, reply.text[:300]
    assert len(reply.content) < 10_000
    assert "InvalidOperation" not in reply.text and "Exceeds the limit" not in reply.text


def test_refused_resend_leaves_the_accepted_version_current(
    http: TestClient, sandbox: Sandbox
) -> None:
    token = org_token(http, "01001_BV")
    first = _submit(http, token, factory.dossier().to_envelope(created=dt.date(2026, 6, 15)))
    assert first.status_code in (201, 202), first.text
    resend = _submit(http, token, _envelope("XML2", "SO_LUONG", "1" + "0" * 29))
    assert resend.status_code == 422
    current = http.get(f"{CLAIMS}/{first.json()['id']}", headers=bearer(token))
    assert current.json()["status"] != "superseded"
    assert sandbox.store.count("claims") == 1


@pytest.mark.parametrize(
    ("table", "tag", "value"),
    [("XML2", "SO_LUONG", "1" + "0" * 30), ("XML1", "STT", "1" * 5000)],
    ids=["qty-1e30", "stt-5000-digits"],
)
def test_gateway_dialect_answers_absurd_numbers_with_a_wire_code_not_http_500(
    http: TestClient, table: str, tag: str, value: str
) -> None:
    import base64

    from vssdk_sandbox.seeds.cards import GATEWAY_PASSWORD, md5_upper

    password = md5_upper(GATEWAY_PASSWORD)
    login = http.post("/api/token/take", data={"username": "01001_BV", "password": password})
    key = login.json()["APIKey"]
    headers = {"accessToken": key["access_token"], "tokenId": key["id_token"]}
    form = {
        "username": "01001_BV",
        "loaiHoSo": "130",
        "maTinh": "01",
        "maCSKCB": "01001",
        "fileHSBase64": base64.b64encode(_envelope(table, tag, value)).decode(),
    }
    reply = http.post(
        "/api/qd130/guiHoSoXmlQD3176", data=form, headers={**headers, "passwordHash": password}
    )
    assert reply.status_code == 200
    assert reply.json()["maKetQua"] not in ("200", "500")
