"""The gateway's wire dialect end to end against the sandbox: same typed results as REST."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import unicodedata
from typing import Any

import attrs
import pytest

import vssdk
from tests.cards.conftest import OPERATOR
from tests.claims import factory
from tests.conftest import IN_PROCESS_URL, run
from vssdk._core.request import build_request
from vssdk.cards import CheckEntry, ResultCode
from vssdk.claims import CheckIn, CheckInFile, InvalidClaim
from vssdk.errors import ConfigurationError
from vssdk.gateway import GatewayLogin, GatewayRefused, password_hash
from vssdk.gateway import _operations as ops
from vssdk.gateway.models import GatewayCardCheckBody
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.seeds.cards import CARD_FIXTURES, GATEWAY_PASSWORD, card_fixture

VALID = card_fixture("valid")


def _check(client: vssdk.Client, fixture: dict[str, Any], **overrides: Any) -> Any:
    args: dict[str, Any] = {
        "card_code": fixture["card_code"],
        "full_name": fixture["full_name"],
        "birth_date": fixture["birth_date"],
        **OPERATOR,
    }
    args.update(overrides)
    code = args.pop("card_code")
    return client.gateway.check_card(code, **args)


def test_token_take_raw(wire: vssdk.Client) -> None:
    reply = wire.gateway.take_token("01001_BV", password_hash(GATEWAY_PASSWORD))
    assert reply.maKetQua == "200"
    assert reply.APIKey is not None
    assert reply.APIKey.expires_in.endswith("Z")
    assert not reply.APIKey.expires_in.isdigit()
    refused = wire.gateway.take_token("01001_BV", password_hash("wrong"))
    assert refused.maKetQua == "401"
    assert refused.APIKey is None


@pytest.mark.parametrize("fixture", CARD_FIXTURES, ids=lambda f: f["key"])
def test_every_result_code_through_the_wire(wire: vssdk.Client, fixture: dict[str, Any]) -> None:
    lookup: dict[str, Any] = {}
    if fixture["expect"] == "130":
        lookup = {"card_code": None, "citizen_id": fixture["citizen_id"]}
    result = _check(wire, fixture, **lookup)
    assert result.result_code == fixture["expect"]
    assert result.result is ResultCode(fixture["expect"])
    assert result.eligible is ResultCode(fixture["expect"]).card_valid


def test_wire_result_matches_rest_shape(wire: vssdk.Client, sandbox: Sandbox) -> None:
    result = _check(wire, VALID)
    assert result.card is not None
    assert result.card.valid_to == dt.date(sandbox.today().year + 1, 12, 31)
    assert result.card.birth_date == VALID["birth_date"]
    assert result.card.sex == "male"
    assert result.visits[0].admitted_at.utcoffset() == dt.timedelta(hours=7)
    new = _check(wire, card_fixture("expired_new_card"))
    assert new.new_card is not None
    assert new.card_to_use == "HT3790199000004"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"card_code": "DN4010199009999"}, "050"),
        ({"card_code": "HC4010199000001"}, "051"),
        ({"card_code": "DN4790199000001"}, "052"),
        ({"full_name": "Trần Văn Bình"}, "060"),
        ({"full_name": "Nguyễn Văn Bính"}, "061"),
        ({"birth_date": dt.date(1985, 3, 15)}, "070"),
        ({"operator_id": "001099009999"}, "054"),
        ({"operator_name": "Người Khác"}, "055"),
    ],
)
def test_derived_codes_through_the_wire(
    wire: vssdk.Client, overrides: dict[str, Any], code: str
) -> None:
    assert _check(wire, VALID, **overrides).result_code == code


def _raw(wire: vssdk.Client, login: GatewayLogin, body: GatewayCardCheckBody, **q: str) -> Any:
    token = login.token(wire._engine.send_raw)
    params = {
        "token": token.access_token,
        "id_token": token.id_token,
        "username": login.username,
        "password_hash": login.password_hash,
    }
    params.update(q)
    return wire.gateway.raw_card_check(body, **params)


def test_raw_call_codes_205_and_401(wire: vssdk.Client, login: GatewayLogin) -> None:
    body = GatewayCardCheckBody(
        maThe=VALID["card_code"],
        hoTen=VALID["full_name"],
        ngaySinh="1985-03-14",  # ISO is not the card check's format (dd/MM/yyyy)
        hoTenCb=OPERATOR["operator_name"],
        cccdCb=OPERATOR["operator_id"],
    )
    assert _raw(wire, login, body).maKetQua == "205"
    good = GatewayCardCheckBody(
        maThe=VALID["card_code"],
        hoTen=VALID["full_name"],
        ngaySinh="14/03/1985",
        hoTenCb=OPERATOR["operator_name"],
        cccdCb=OPERATOR["operator_id"],
    )
    assert _raw(wire, login, good).maKetQua == "000"
    assert _raw(wire, login, good, token="forged").maKetQua == "401"
    # A decomposed (NFD) name sent raw does not match: the gateway does not normalise.
    nfd = GatewayCardCheckBody(
        maThe=good.maThe,
        hoTen=unicodedata.normalize("NFD", VALID["full_name"]),
        ngaySinh=good.ngaySinh,
        hoTenCb=good.hoTenCb,
        cccdCb=good.cccdCb,
    )
    assert _raw(wire, login, nfd).maKetQua in ("060", "061")


def test_one_login_for_many_checks(wire: vssdk.Client, login: GatewayLogin) -> None:
    for _ in range(3):
        _check(wire, VALID)
    assert login.logins == 1


def test_expired_token_answer_401_triggers_one_relogin(
    wire: vssdk.Client, login: GatewayLogin, sandbox: Sandbox
) -> None:
    _check(wire, VALID)
    assert login.cached_token is not None
    # The gateway forgets the token before its expiry: the next answer is maKetQua 401.
    assert sandbox.store.delete("gateway_tokens", login.cached_token.access_token)
    assert _check(wire, VALID).result_code == "000"
    assert login.logins == 2


def test_gateway_needs_a_gateway_login(client: vssdk.Client) -> None:
    with pytest.raises(ConfigurationError):
        _check(client, VALID)


def test_secrets_stay_out_of_debug_logs(
    wire: vssdk.Client, login: GatewayLogin, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="vssdk"):
        _check(wire, VALID)
    text = caplog.text
    token = login.cached_token
    assert token is not None
    assert login.password_hash not in text
    assert token.access_token not in text


def test_id_token_stays_out_of_debug_logs(
    wire: vssdk.Client, login: GatewayLogin, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="vssdk"):
        _check(wire, VALID)
    assert login.cached_token is not None
    assert login.cached_token.id_token not in caplog.text


def test_batch_through_the_wire_async(sandbox_app: Any, make_aclient: Any) -> None:
    login = GatewayLogin("01001_BV", GATEWAY_PASSWORD, base_url=IN_PROCESS_URL)
    entries = [
        CheckEntry(f["full_name"], f["birth_date"], card_code=f["card_code"])
        for f in CARD_FIXTURES[:6]
    ]
    entries.append(CheckEntry("Ai Đó", "not a date", card_code=VALID["card_code"]))

    async def main() -> list[Any]:
        async with make_aclient(auth=login) as ac:
            single = await ac.gateway.check_card(
                VALID["card_code"],
                full_name=VALID["full_name"],
                birth_date=VALID["birth_date"],
                **OPERATOR,
            )
            assert single.result_code == "000"
            items: list[Any] = await ac.gateway.check_many(entries, concurrency=4, **OPERATOR)
            return items

    items = run(main())
    assert [i.result.result_code for i in items[:6] if i.result] == [
        f["expect"] for f in CARD_FIXTURES[:6]
    ]
    assert items[6].error is not None
    assert login.logins == 1


def test_sync_batch_through_the_wire(wire: vssdk.Client) -> None:
    items = wire.gateway.check_many(
        [CheckEntry(VALID["full_name"], 1985, card_code=VALID["card_code"])], **OPERATOR
    )
    assert items[0].result is not None
    assert items[0].result.result_code == "000"


# ---------------------------------------------------------------- uploads


def test_submit_claim_through_the_wire(wire: vssdk.Client, sandbox: Sandbox) -> None:
    receipt = wire.gateway.submit_claim(factory.dossier())
    assert receipt.transaction_id.startswith("01001")
    assert receipt.received_at is not None
    stored = sandbox.store.find("claims", link_key=factory.MA_LK)
    assert [d["public"]["status"] for d in stored] == ["accepted"]
    assert stored[0]["public"]["transaction_id"] == receipt.transaction_id


def test_rejected_upload_raises_never_swallowed(wire: vssdk.Client, login: GatewayLogin) -> None:
    token = login.token(wire._engine.send_raw)
    twice = base64.b64encode(
        factory.dossier().to_file(created=dt.date(2026, 11, 23)).encode()
    ).decode()
    reply = wire.gateway.raw_submit_claim(
        twice,
        facility_code="01001",
        username=login.username,
        access_token=token.access_token,
        token_id=token.id_token,
        password_hash=login.password_hash,
    )
    assert reply.maKetQua == "123"
    wrong_facility = wire.gateway.raw_submit_claim(
        factory.dossier().to_file(created=dt.date(2026, 11, 23)),
        facility_code="79001",
        username=login.username,
        access_token=token.access_token,
        token_id=token.id_token,
        password_hash=login.password_hash,
    )
    assert wrong_facility.maKetQua == "205"
    # The typed method raises on every refusal.
    bad = factory.dossier()
    other = type(bad)(
        factory.summary(ma_cskcb="79001", ma_dkbd=("79001",)), bad.drugs, bad.services
    ).with_totals()
    with pytest.raises(GatewayRefused) as info:
        wire.gateway.submit_claim(other)
    assert info.value.vss_code == "205"


def test_check_in_through_the_wire(wire: vssdk.Client) -> None:
    row = CheckIn(
        ma_lk="01001-2026-000200",
        stt=1,
        ma_bn="BN0200",
        ho_ten="Lê Văn Cường",
        ngay_sinh=dt.datetime(1970, 1, 1, 0, 0),
        gioi_tinh="1",
        ma_doituong_kcb="1.1",
        ngay_vao=dt.datetime(2026, 11, 23, 9, 0),
        ma_loai_kcb="01",
        ma_cskcb="01001",
    )
    receipt = wire.gateway.check_in(CheckInFile((row,)))
    assert receipt.transaction_id
    with pytest.raises(InvalidClaim):
        wire.gateway.check_in(CheckInFile((CheckIn(**{**_fields(row), "gioi_tinh": "9"}),)))
    with pytest.raises(GatewayRefused) as info:
        wire.gateway.check_in(
            CheckInFile((CheckIn(**{**_fields(row), "gioi_tinh": "9"}),)), validate=False
        )
    assert info.value.vss_code == "123"


def _fields(row: CheckIn) -> dict[str, Any]:
    return attrs.asdict(row, recurse=False)


def test_upload_with_stale_token_relogs(
    wire: vssdk.Client, login: GatewayLogin, sandbox: Sandbox
) -> None:
    wire.gateway.submit_claim(factory.dossier())
    assert login.cached_token is not None
    sandbox.store.delete("gateway_tokens", login.cached_token.access_token)
    wire.gateway.submit_claim(factory.dossier())
    assert login.logins == 2


def test_wire_reply_json_keeps_result_code_string(wire: vssdk.Client, login: GatewayLogin) -> None:
    token = login.token(wire._engine.send_raw)
    body = GatewayCardCheckBody(
        maThe=VALID["card_code"],
        hoTen=VALID["full_name"],
        ngaySinh="14/03/1985",
        hoTenCb=OPERATOR["operator_name"],
        cccdCb=OPERATOR["operator_id"],
    )
    call = ops.card_check.builder(
        body,
        token=token.access_token,
        id_token=token.id_token,
        username=login.username,
        password_hash=login.password_hash,
    )
    req = build_request(ops.card_check, call, base_url=IN_PROCESS_URL)
    data = json.loads(wire._engine.send_raw(req).content)
    assert data["maKetQua"] == "000"  # the JSON carries "000", never 0
    assert isinstance(data["maKetQua"], str)


def test_raw_check_in_needs_loai_ho_so_0(wire: vssdk.Client, login: GatewayLogin) -> None:
    token = login.token(wire._engine.send_raw)
    row = CheckIn(
        ma_lk="01001-2026-000201",
        stt=1,
        ma_bn="BN0201",
        ho_ten="Lê Thị Dung",
        ngay_sinh=dt.datetime(1980, 2, 2, 0, 0),
        gioi_tinh="2",
        ma_doituong_kcb="2",
        ngay_vao=dt.datetime(2026, 11, 23, 9, 30),
        ma_loai_kcb="01",
        ma_cskcb="01001",
    )
    file_b64 = CheckInFile((row,)).to_file()
    creds = {
        "facility_code": "01001",
        "username": login.username,
        "access_token": token.access_token,
        "token_id": token.id_token,
        "password_hash": login.password_hash,
    }
    ok = wire.gateway.raw_check_in(file_b64, **creds)
    assert ok.maKetQua == "200"
    assert ok.thoiGianTiepNhan is not None
    assert len(ok.thoiGianTiepNhan) == 14
    # The same file on the claims endpoint (loaiHoSo 130) has no XML1: wrong file format.
    assert wire.gateway.raw_submit_claim(file_b64, **creds).maKetQua == "123"
    forged = wire.gateway.raw_check_in(file_b64, **{**creds, "access_token": "forged"})
    assert forged.maKetQua == "401"
