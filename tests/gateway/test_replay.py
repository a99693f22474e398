"""Replays of real gateway clients' request shapes against the sandbox, with plain httpx.

Each test sends what a public HIS client sends (form or JSON login, form or JSON card check, form
or JSON uploads, the legacy upload paths) and reads the reply the way that client does. Every
answer is HTTP 200 with ``maKetQua``, as the real gateway answers.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.cards.conftest import OPERATOR
from tests.claims import corpus, factory
from tests.conftest import IN_PROCESS_URL, InProcessHTTP
from vssdk.claims import CheckIn, CheckInFile, ClaimDossier, PartialDate
from vssdk.gateway import GatewayLogin
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.seeds.cards import GATEWAY_PASSWORD, card_fixture

VALID = card_fixture("valid")
MD5_UPPER = hashlib.md5(GATEWAY_PASSWORD.encode()).hexdigest().upper()
ACCOUNT = "01001_BV"
SAMPLE_KEYS = {
    "maKetQua", "ghiChu", "maThe", "hoTen", "ngaySinh", "gioiTinh", "diaChi", "maDKBD", "cqBHXH",
    "gtTheTu", "gtTheDen", "maKV", "ngayDu5Nam", "maSoBHXH", "maTheCu", "maTheMoi", "gtTheTuMoi",
    "gtTheDenMoi", "maDKBDMoi", "tenDKBDMoi", "dsLichSuKCB2018", "dsLichSuKT2018",
}  # fmt: skip


@pytest.fixture
def http(sandbox_app: Any) -> Iterator[httpx.Client]:
    client = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL, raise_server_exceptions=True)
    yield client
    client.close()


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _login_form(http: httpx.Client, password: str = MD5_UPPER) -> dict[str, Any]:
    return _ok(http.post("/api/token/take", data={"username": ACCOUNT, "password": password}))


def _token(http: httpx.Client) -> dict[str, str]:
    key = _login_form(http)["APIKey"]
    return {"token": key["access_token"], "id_token": key["id_token"]}


def _query(http: httpx.Client, password: str = MD5_UPPER) -> dict[str, str]:
    return {**_token(http), "username": ACCOUNT, "password": password}


def _body(**changes: str) -> dict[str, str]:
    birth = dt.date.fromisoformat(VALID["birth_date"]).strftime("%d/%m/%Y")
    return {
        "maThe": VALID["card_code"],
        "hoTen": VALID["full_name"],
        "ngaySinh": birth,
        "hoTenCb": OPERATOR["operator_name"],
        "cccdCb": OPERATOR["operator_id"],
        **changes,
    }


def _headers(http: httpx.Client) -> dict[str, str]:
    t = _token(http)
    return {"accessToken": t["token"], "tokenId": t["id_token"], "passwordHash": MD5_UPPER}


def _form(file_b64: str, kind: str = "130") -> dict[str, str]:
    return {
        "username": ACCOUNT,
        "loaiHoSo": kind,
        "maTinh": "01",
        "maCSKCB": "01001",
        "fileHSBase64": file_b64,
    }


# --- login -------------------------------------------------------------------------------------


def test_form_login_upper_and_lower_md5(http: httpx.Client) -> None:
    # qlbv_public BHYTLoginService and the Python Bhyt3176Client: form, UPPER MD5.
    reply = _login_form(http)
    assert reply["maKetQua"] == "200"
    assert reply["APIKey"]["username"] == ACCOUNT
    assert reply["APIKey"]["expires_in"].endswith("Z")
    # The Next.js HIS notes the gateway does not distinguish the MD5's case.
    assert _login_form(http, MD5_UPPER.lower())["maKetQua"] == "200"


def test_json_login_as_five_clients_send_it(http: httpx.Client) -> None:
    # aEMR LoginHIAPI, XML130 ClientHelper, PHP dangnhap(), Next.js postBhxhJson, axios client.
    reply = _ok(http.post("/api/token/take", json={"username": ACCOUNT, "password": MD5_UPPER}))
    assert reply["maKetQua"] == "200"
    expires = dt.datetime.fromisoformat(reply["APIKey"]["expires_in"][:26] + "+00:00")
    assert expires.tzinfo is not None


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (
            b"username=01001_BV&password=wrong",
            {"content-type": "application/x-www-form-urlencoded"},
        ),
        (b'{"username": "01001_BV"}', {"content-type": "application/json"}),
        (b"{not json", {"content-type": "application/json"}),
        (b"username=01001_BV", {"content-type": "text/plain"}),
        (b"", {}),
    ],
)
def test_login_errors_are_200_with_ma_ket_qua(
    http: httpx.Client, content: bytes, headers: dict[str, str]
) -> None:
    reply = _ok(http.post("/api/token/take", content=content, headers=headers))
    assert reply["maKetQua"] == "401"
    assert "APIKey" not in reply


# --- card check ---------------------------------------------------------------------------------


def test_json_card_check_as_the_official_sample(http: httpx.Client) -> None:
    # BHXH's "Hàm API tra cứu thông tin thẻ": JSON body, token in the query, every key back.
    reply = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=_query(http), json=_body()))
    assert reply["maKetQua"] == "000"
    assert set(reply) == SAMPLE_KEYS
    assert reply["maKV"] == ""
    assert isinstance(reply["dsLichSuKCB2018"], list)


def test_form_card_check_as_qlbv_sends_in_production(http: httpx.Client) -> None:
    # qlbv_public app/BHYT.php: Guzzle form_params body plus the token in the query.
    reply = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=_query(http), data=_body()))
    assert reply["maKetQua"] == "000"
    # jobKtTheBHYT reads every key unguarded: all of them must be there.
    for key in ("maTheCu", "maTheMoi", "maKV", "gtTheTuMoi", "gtTheDenMoi", "maDKBDMoi"):
        assert key in reply


def test_json_card_check_with_extra_keys_and_lower_md5(http: httpx.Client) -> None:
    # The Next.js HIS adds username/password to the body and sends a lowercase MD5.
    body = {**_body(), "username": ACCOUNT, "password": MD5_UPPER.lower()}
    params = _query(http, MD5_UPPER.lower())
    reply = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=params, json=body))
    assert reply["maKetQua"] == "000"
    assert all(isinstance(v, dict) for v in reply["dsLichSuKCB2018"])


def test_every_code_carries_every_key(http: httpx.Client) -> None:
    unknown = _body(maThe="DN4010199999999")
    reply = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=_query(http), json=unknown))
    assert reply["maKetQua"] != "000"
    assert set(reply) == SAMPLE_KEYS
    forged = {**_query(http), "token": "forged"}
    refused = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=forged, json=_body()))
    assert refused["maKetQua"] == "401"
    assert set(refused) == SAMPLE_KEYS


def test_user_kt_is_the_facility_account(http: httpx.Client) -> None:
    query = _query(http)
    _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=query, json=_body()))
    again = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=query, json=_body()))
    assert again["dsLichSuKT2018"][-1]["userKT"] == ACCOUNT


@pytest.mark.parametrize("field", ["hoTenCb", "cccdCb"])
def test_empty_staff_field_gets_the_gateways_answer(http: httpx.Client, field: str) -> None:
    body = _body(**{field: ""})
    reply = _ok(http.post("/api/egw/KQNhanLichSuKCB2024", params=_query(http), json=body))
    assert reply["ghiChu"] == f"Null {field}"


@pytest.mark.parametrize(
    "birth", ["1985", "14/03/1985"], ids=["year only (qlbv dob())", "dd/MM/yyyy"]
)
def test_birth_forms_real_clients_send(http: httpx.Client, birth: str) -> None:
    reply = _ok(
        http.post("/api/egw/KQNhanLichSuKCB2024", params=_query(http), json=_body(ngaySinh=birth))
    )
    assert reply["maKetQua"] == "000"


def test_card_check_without_query_or_body_is_200(http: httpx.Client) -> None:
    assert _ok(http.post("/api/egw/KQNhanLichSuKCB2024"))["maKetQua"] == "401"
    reply = _ok(
        http.post(
            "/api/egw/KQNhanLichSuKCB2024",
            params=_query(http),
            content=b"\xff\xfe",
            headers={"content-type": "application/xml"},
        )
    )
    assert reply["maKetQua"] == "205"


# --- uploads ------------------------------------------------------------------------------------


def _file(quirk: str) -> str:
    data = next(q.data for q in corpus.QUIRKS if q.name == quirk)
    return base64.b64encode(data).decode()


@pytest.mark.parametrize(
    "quirk", ["bad_xsi_namespace_bom_crlf", "birth_year_only", "cent_rounding", "card_cd4"]
)
def test_form_upload_of_real_style_files_is_received(http: httpx.Client, quirk: str) -> None:
    # The Python Bhyt3176Client and qlbv_public: form body, token headers.
    response = http.post(
        "/api/qd130/guiHoSoXmlQD3176", data=_form(_file(quirk)), headers=_headers(http)
    )
    reply = _ok(response)
    assert reply["maKetQua"] == "200", reply
    assert len(reply["thoiGianTiepNhan"]) == 14


def test_content_errors_are_reported_after_receipt(http: httpx.Client, sandbox: Sandbox) -> None:
    reply = _ok(
        http.post(
            "/api/qd130/guiHoSoXmlQD3176",
            data=_form(_file("empty_required_values")),
            headers=_headers(http),
        )
    )
    assert reply["maKetQua"] == "200"  # received: content is checked afterwards, not as "123"
    sandbox.tick()
    (claim,) = sandbox.store.find("claims", link_key=factory.MA_LK)
    assert claim["public"]["status"] == "rejected"
    fields = {(e["table"], e["field"]) for e in claim["public"]["errors"]}
    assert ("XML1", "MA_BENH_CHINH") in fields


def test_json_upload_to_the_qd130_path_as_client_helper(http: httpx.Client) -> None:
    # XML130.XML.ClientHelper SendBase64Xml: JSON body to guiHoSoXmlQD130 with token headers.
    d = qd4750_dossier()
    body = _form(d.to_file(created=dt.date(2024, 9, 6)))
    reply = _ok(http.post("/api/qd130/guiHoSoXmlQD130", json=body, headers=_headers(http)))
    assert reply["maKetQua"] == "200", reply


def qd4750_dossier() -> ClaimDossier:
    base = factory.dossier()
    return ClaimDossier(base.summary, base.drugs, base.services, "QD4750")


def test_legacy_qd4750_paths_as_qlbv_and_the_4750_guide(http: httpx.Client) -> None:
    file_b64 = qd4750_dossier().to_file(created=dt.date(2024, 9, 6))
    claim = _ok(
        http.post("/api/qd130/guiHoSoXmlQD4750", data=_form(file_b64), headers=_headers(http))
    )
    assert claim["maKetQua"] == "200"
    check_in = CheckInFile(
        (
            CheckIn(
                ma_lk="01001-2024-000001", stt=1, ma_bn="BN1", ho_ten="ĐỖ VĂN MỘT",
                ngay_sinh=dt.datetime(1970, 1, 1), gioi_tinh="1", ma_doituong_kcb="1.1",
                ngay_vao=dt.datetime(2024, 9, 2, 8, 0), ma_loai_kcb="01", ma_cskcb="01001",
            ),
        )
    )  # fmt: skip
    reply = _ok(
        http.post(
            "/api/qd130/checkInKcbQd4750",
            data=_form(check_in.to_file(), kind="0"),
            headers=_headers(http),
        )
    )
    assert reply["maKetQua"] == "200"


def test_upload_errors_are_200(http: httpx.Client) -> None:
    no_headers = _ok(http.post("/api/qd130/guiHoSoXmlQD3176", data=_form("AAAA")))
    assert no_headers["maKetQua"] == "401"
    garbage = _ok(
        http.post(
            "/api/qd130/guiHoSoXmlQD3176",
            content=b"<xml/>",
            headers={**_headers(http), "content-type": "application/xml"},
        )
    )
    assert garbage["maKetQua"] == "401"  # no username in the body: the account is unknown
    missing = {k: v for k, v in _form("AAAA").items() if k != "maTinh"}
    wrong = _ok(http.post("/api/qd130/guiHoSoXmlQD3176", data=missing, headers=_headers(http)))
    assert wrong["maKetQua"] == "205"
    broken = base64.b64encode(corpus.BROKEN[3][1]).decode()
    refused = _ok(
        http.post("/api/qd130/guiHoSoXmlQD3176", data=_form(broken), headers=_headers(http))
    )
    assert refused["maKetQua"] == "123"
    assert "XML2[1].THANH_TIEN_BV" in refused["thongDiep"]


# --- the SDK's raw calls on the legacy paths ----------------------------------------------------


def test_sdk_raw_legacy_uploads(wire: Any, login: GatewayLogin) -> None:
    token = login.token(wire._engine.send_raw)
    creds = {
        "facility_code": "01001",
        "username": login.username,
        "access_token": token.access_token,
        "token_id": token.id_token,
        "password_hash": login.password_hash,
    }
    file_b64 = qd4750_dossier().to_file(created=dt.date(2024, 9, 6))
    assert wire.gateway.raw_submit_claim_qd4750(file_b64, **creds).maKetQua == "200"
    assert wire.gateway.raw_submit_claim_qd130(file_b64, **creds).maKetQua == "200"
    row = CheckIn(
        ma_lk="01001-2024-000002", stt=1, ma_bn="BN2", ho_ten="ĐỖ THỊ HAI",
        ngay_sinh=dt.datetime(1971, 1, 1), gioi_tinh="2", ma_doituong_kcb="1.1",
        ngay_vao=dt.datetime(2024, 9, 2, 8, 0), ma_loai_kcb="01", ma_cskcb="01001",
    )  # fmt: skip
    reply = wire.gateway.raw_check_in_qd4750(CheckInFile((row,)).to_file(), **creds)
    assert reply.maKetQua == "200"


@pytest.mark.parametrize("prefix", ["DN2", "CH2", "HT2", "HC2", "GD2", "CD4", "ZZ4"])
def test_2026_card_codes_reach_the_gateway(wire: Any, prefix: str) -> None:
    # Real 2026 cards carry the holder's own level; the SDK sends them and the gateway decides.
    code = prefix + VALID["card_code"][3:]
    result = wire.gateway.check_card(
        code,
        full_name=VALID["full_name"],
        birth_date=VALID["birth_date"],
        operator_name=OPERATOR["operator_name"],
        operator_id=OPERATOR["operator_id"],
    )
    assert result.result_code  # an answer from the (simulated) gateway, not a local refusal


def test_form_check_in_as_the_python_client(http: httpx.Client) -> None:
    # Bhyt3176Client: form body with loaiHoSo 0 to checkInKcbQd3176, the XML0 document in base64,
    # here with a birth year only (yyyy00000000) and the malformed xsi namespace of real exports.
    row = CheckIn(
        ma_lk="01001-2026-000301", stt=1, ma_bn="BN301", ho_ten="LÊ VĂN CỤ",
        ngay_sinh=PartialDate(1938), gioi_tinh="1", ma_doituong_kcb="1.1",
        ngay_vao=dt.datetime(2026, 11, 23, 7, 0), ma_loai_kcb="01", ma_cskcb="01001",
    )  # fmt: skip
    document = (
        CheckInFile((row,))
        .to_xml()
        .replace(b"<CHI_TIEU_TRANG_THAI_KCB>", b"<CHI_TIEU_TRANG_THAI_KCB" + corpus.BAD_XSI + b">")
    )
    file_b64 = base64.b64encode(corpus.BOM + document).decode()
    reply = _ok(
        http.post(
            "/api/qd130/checkInKcbQd3176", data=_form(file_b64, kind="0"), headers=_headers(http)
        )
    )
    assert reply["maKetQua"] == "200", reply
