"""Pure conversion of the gateway's card-check reply into the typed CardCheck."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from vssdk._core.model import decode_json
from vssdk.cards import CheckAction, ResultCode
from vssdk.errors import InvalidArgument
from vssdk.gateway import card_check_from_wire
from vssdk.gateway.models import GatewayCardCheckReply, GatewayUploadReply
from vssdk.gateway.wire import birth_to_wire, receipt_from_wire

SAMPLE = {
    "maKetQua": "004",
    "ghiChu": "Thẻ cũ còn giá trị sử dụng, được cấp thẻ mới",
    "maThe": "GD4010199000005",
    "hoTen": "Lý Thị Năm",
    "ngaySinh": "05/05/1977",
    "gioiTinh": "Nữ",
    "maDKBD": "01001",
    "gtTheTu": "01/01/2025",
    "gtTheDen": "03/12/2026",
    "ngayDu5Nam": "01/01/2024",
    "maSoBHXH": "0199000005",
    "maTheMoi": "GD4010199000005",
    "gtTheTuMoi": "04/12/2026",
    "gtTheDenMoi": "31/12/2026",
    "maDKBDMoi": "01001",
    "dsLichSuKCB2018": [
        {"maHoSo": "HS1", "maCSKCB": "79001", "ngayVao": "202611230705", "ngayRa": "202611230905"}
    ],
    "dsLichSuKT2018": [{"userKT": "Nguyễn Thị Lan", "thoiGianKT": "202611230800", "maLoi": "000"}],
}


def _reply(**changes: object) -> GatewayCardCheckReply:
    data = {**SAMPLE, **changes}
    return decode_json(json.dumps(data).encode(), GatewayCardCheckReply)


def test_reply_becomes_typed_result() -> None:
    result = card_check_from_wire(_reply())
    assert result.result is ResultCode.VALID_NEW_CARD_ISSUED
    assert result.eligible is True
    assert result.card is not None
    assert result.card.birth_date == "1977-05-05"
    assert result.card.sex == "female"
    assert result.card.valid_to == dt.date(2026, 12, 3)
    assert result.new_card is not None
    assert result.new_card.valid_from == dt.date(2026, 12, 4)
    assert result.visits[0].admitted_at == dt.datetime(
        2026, 11, 23, 7, 5, tzinfo=dt.timezone(dt.timedelta(hours=7))
    )
    assert result.previous_checks[0].result_code == "000"


def test_unknown_code_is_kept_raw_and_not_valid() -> None:
    result = card_check_from_wire(_reply(maKetQua="003.1", ghiChu="thẻ đã được gia hạn"))
    assert result.result_code == "003.1"
    assert result.result is None
    assert result.eligible is False
    assert result.action is CheckAction.MANUAL_REVIEW
    assert result.result_message == "thẻ đã được gia hạn"


def test_bad_wire_date_names_the_field() -> None:
    with pytest.raises(InvalidArgument) as info:
        card_check_from_wire(_reply(gtTheDen="2026-12-31"))
    assert info.value.argument == "gtTheDen"


def test_birth_and_receipt_formats() -> None:
    assert birth_to_wire("1985-03-14") == "14/03/1985"
    assert birth_to_wire("1940") == "1940"
    receipt = receipt_from_wire(
        GatewayUploadReply(maKetQua="200", maGiaoDich="X1", thoiGianTiepNhan="20261123081500")
    )
    assert receipt.received_at == dt.datetime(
        2026, 11, 23, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=7))
    )
    with pytest.raises(InvalidArgument):
        receipt_from_wire(GatewayUploadReply(maKetQua="200", thoiGianTiepNhan="2026-11-23"))


def test_null_lists_and_strings_read_as_absent() -> None:
    # The .NET gateway writes null for empty history lists and absent strings (050 and 000).
    nulls = {k: None for k in SAMPLE if k != "maKetQua"}
    result = card_check_from_wire(_reply(maKetQua="050", **nulls))
    assert result.visits == ()
    assert result.previous_checks == ()
    assert result.card is None
    assert result.new_card is None
    plain = card_check_from_wire(
        _reply(maKetQua="000", dsLichSuKCB2018=None, dsLichSuKT2018=None, maKV="", maTheCu=None)
    )
    assert plain.visits == ()
    assert plain.card is not None
    assert plain.card.area_code is None
    assert plain.card.previous_card_code is None


def test_numeric_record_id_from_older_endpoints() -> None:
    visit = {"maHoSo": 1183631925, "maCSKCB": "79001", "ngayVao": "202611230705", "ngayRa": None}
    result = card_check_from_wire(_reply(dsLichSuKCB2018=[visit]))
    assert result.visits[0].record_id == "1183631925"
    assert result.visits[0].discharged_at is None


def test_new_card_only_when_it_differs() -> None:
    # The official sample repeats the current card in the …Moi fields on an ordinary 000.
    same = card_check_from_wire(
        _reply(
            maKetQua="000",
            maTheMoi=SAMPLE["maThe"],
            gtTheTuMoi=SAMPLE["gtTheTu"],
            gtTheDenMoi=SAMPLE["gtTheDen"],
            maDKBDMoi=SAMPLE["maDKBD"],
            tenDKBDMoi="",
        )
    )
    assert same.new_card is None
    assert [w.code for w in same.warnings] == []
    issued = card_check_from_wire(_reply())
    assert issued.new_card is not None
    assert [w.code for w in issued.warnings] == ["new_card_issued"]
