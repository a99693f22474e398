"""Serialisation to the gateway's XML and envelope, parsing back, and hardened parsing."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tests.claims import factory
from vssdk.claims import (
    CheckIn,
    CheckInFile,
    ClaimDossier,
    InvalidClaimXml,
    Summary,
    build_envelope,
    decode_file,
    encode_file,
    parse_envelope,
    parse_table,
    standard,
    table_to_xml,
)
from vssdk.errors import InvalidArgument

CREATED = dt.date(2026, 11, 23)


def test_xml1_shape_and_formats() -> None:
    d = factory.dossier()
    xml = table_to_xml("XML1", [d.summary])
    root = etree.fromstring(xml)
    assert root.tag == "TONG_HOP"
    assert [c.tag for c in root] == list(standard("QD3176").table("XML1").fields)
    assert root.findtext("NGAY_SINH") == "199005170000"  # yyyyMMddHHmm, 12 characters
    assert root.findtext("NGAY_VAO") == "202611200830"
    assert root.findtext("GT_THE_TU") == "20260101"
    assert root.findtext("DIA_CHI") == "Số 1 phố Huế, Hà Nội"
    assert root.findtext("NHOM_MAU") == ""


def test_qd4750_has_no_nhom_mau() -> None:
    d = factory.dossier()
    root = etree.fromstring(table_to_xml("XML1", [d.summary], standard_name="QD4750"))
    assert root.find("NHOM_MAU") is None
    assert len(root) == 65


def test_xml2_rows_path() -> None:
    xml = table_to_xml("XML2", factory.dossier().drugs)
    root = etree.fromstring(xml)
    rows = root.findall("DSACH_CHI_TIET_THUOC/CHI_TIET_THUOC")
    assert root.tag == "CHITIEU_CHITIET_THUOC"
    assert [r.findtext("STT") for r in rows] == ["1", "2"]
    assert rows[0].findtext("DON_GIA") == "1234.567"
    assert rows[0].findtext("THANH_TIEN_BV") == "12345.67"


def test_unknown_extra_column_kept_after_the_standard_columns() -> None:
    odd = factory.summary(extra={"NOT_A_FIELD": "x", "DIA_CHI": "Hà Nội"})
    xml = table_to_xml("XML1", [odd])
    names = [child.tag for child in etree.fromstring(xml)]
    assert names[-1] == "NOT_A_FIELD"
    assert names[:-1] == list(standard("QD3176").table("XML1").fields)
    back = parse_table("XML1", xml)[0]
    assert isinstance(back, Summary)
    assert back.extra["NOT_A_FIELD"] == "x"
    d = attrs.evolve(factory.dossier(), summary=attrs.evolve(factory.dossier().summary,
                     extra={"NOT_A_FIELD": "x"}))  # fmt: skip
    found = [i for i in d.validate() if i.rule == "format.unknown_column"]
    assert [(i.path, i.severity) for i in found] == [("XML1[1].NOT_A_FIELD", "warning")]
    assert d.check() is d


def test_envelope_shape_and_double_base64() -> None:
    d = factory.dossier()
    env = d.to_envelope(created=CREATED)
    root = etree.fromstring(env)
    assert root.findtext("THONGTINDONVI/MACSKCB") == "01001"
    assert root.findtext("THONGTINHOSO/NGAYLAP") == "20261123"
    kinds = root.xpath("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO/LOAIHOSO/text()")
    assert kinds == ["XML1", "XML2", "XML3"]
    inner = root.findtext("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO/NOIDUNGFILE") or ""
    assert base64.b64decode(inner).startswith(b"<?xml")
    file_b64 = d.to_file(created=CREATED)
    assert base64.b64decode(file_b64) == env


def test_round_trip_through_file() -> None:
    d = factory.dossier()
    assert ClaimDossier.from_file(d.to_file(created=CREATED)) == d


def test_double_encoded_file_refused() -> None:
    env = factory.dossier().to_envelope(created=CREATED)
    twice = base64.b64encode(encode_file(env).encode()).decode()
    with pytest.raises(InvalidClaimXml) as info:
        decode_file(twice)
    assert "twice" in info.value.reason
    with pytest.raises(InvalidClaimXml):
        encode_file(encode_file(env).encode())


def test_double_encoded_table_refused() -> None:
    xml1 = table_to_xml("XML1", [factory.summary()])
    with pytest.raises(InvalidClaimXml):
        build_envelope("01001", [("XML1", base64.b64encode(xml1))], created=CREATED)
    # A hand-made envelope whose table was encoded twice is refused on the way in.
    inner = base64.b64encode(base64.b64encode(xml1)).decode()
    env = (
        "<GIAMDINHHS><THONGTINDONVI><MACSKCB>01001</MACSKCB></THONGTINDONVI><THONGTINHOSO>"
        "<NGAYLAP>20261123</NGAYLAP><SOLUONGHOSO>1</SOLUONGHOSO><DANHSACHHOSO><HOSO><FILEHOSO>"
        f"<LOAIHOSO>XML1</LOAIHOSO><NOIDUNGFILE>{inner}</NOIDUNGFILE></FILEHOSO></HOSO>"
        "</DANHSACHHOSO></THONGTINHOSO><CHUKYDONVI/></GIAMDINHHS>"
    ).encode()
    with pytest.raises(InvalidClaimXml) as info:
        parse_envelope(env)
    assert info.value.argument == "XML1.NOIDUNGFILE"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<TONG_HOP><HO_TEN>&lol3;</HO_TEN></TONG_HOP>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<GIAMDINHHS><THONGTINDONVI><MACSKCB>&x;</MACSKCB></THONGTINDONVI></GIAMDINHHS>"""

NET = b"""<?xml version="1.0"?>
<!DOCTYPE r SYSTEM "http://example.invalid/evil.dtd">
<TONG_HOP/>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, XXE, NET])
def test_hostile_xml_refused(payload: bytes) -> None:
    with pytest.raises(InvalidClaimXml):
        parse_envelope(payload)
    with pytest.raises(InvalidClaimXml):
        parse_table("XML1", payload)


def test_malformed_xml_refused() -> None:
    with pytest.raises(InvalidClaimXml) as info:
        parse_table("XML2", b"<CHITIEU_CHITIET_THUOC><oops></CHITIEU_CHITIET_THUOC>")
    assert info.value.argument == "XML2"


def test_parse_errors_name_table_row_field() -> None:
    xml = table_to_xml("XML2", factory.dossier().drugs).replace(
        b"<NGAY_YL>202611200930</NGAY_YL>", b"<NGAY_YL>2026-11-20</NGAY_YL>", 1
    )
    with pytest.raises(InvalidArgument) as info:
        parse_table("XML2", xml)
    assert info.value.argument == "XML2[1].NGAY_YL"
    too_precise = table_to_xml("XML2", factory.dossier().drugs).replace(
        b"<DON_GIA>3000</DON_GIA>", b"<DON_GIA>3000.0001</DON_GIA>"
    )
    with pytest.raises(InvalidArgument) as info:
        parse_table("XML2", too_precise)
    assert info.value.argument == "XML2[2].DON_GIA"


def test_check_in_file_round_trip() -> None:
    row = CheckIn(
        ma_lk="01001-2026-000124",
        stt=1,
        ma_bn="BN0002",
        ho_ten="TRẦN THỊ BÌNH",
        ngay_sinh=dt.datetime(2001, 2, 3, 0, 0),
        gioi_tinh="2",
        ma_doituong_kcb="1.1",
        ngay_vao=dt.datetime(2026, 11, 23, 7, 45),
        ma_loai_kcb="01",
        ma_cskcb="01001",
        ma_the_bhyt=("HS4010987654321",),
        ma_dkbd=("01001",),
        gt_the_tu=(dt.date(2026, 1, 1),),
        gt_the_den=(dt.date(2026, 12, 31),),
    )
    file = CheckInFile((row,))
    xml = file.to_xml()
    root = etree.fromstring(xml)
    assert root.tag == "CHI_TIEU_TRANG_THAI_KCB"  # sent as is, not inside GIAMDINHHS
    assert root[-1].tag == "CHUKYDONVI"
    assert len(root.findall("DSACH_TRANG_THAI_KCB/TRANG_THAI_KCB")) == 1
    assert base64.b64decode(file.to_file()) == xml
    assert CheckInFile.from_file(file.to_file()) == file
    with pytest.raises(InvalidClaimXml):
        CheckInFile.from_file(base64.b64encode(file.to_file().encode()).decode())


# ---------------------------------------------------------------- round-trip property

_money_qty = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("999"), places=3)
_price = st.decimals(min_value=Decimal("0"), max_value=Decimal("9999999"), places=3)
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "")
_minute = st.datetimes(min_value=dt.datetime(1920, 1, 1), max_value=dt.datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@st.composite
def dossiers(draw: st.DrawFn) -> ClaimDossier:
    rate = draw(st.sampled_from(["80", "100"]))
    drugs = []
    for i in range(draw(st.integers(0, 4))):
        qty, price = draw(_money_qty), draw(_price)
        drugs.append(
            factory.drug(
                i + 1, str(qty), str(price), rate, ten_thuoc=draw(_text), ngay_yl=draw(_minute)
            )
        )
    services = []
    for i in range(draw(st.integers(0, 3))):
        qty, price = draw(_money_qty), draw(_price)
        services.append(factory.service(i + 1, str(qty), str(price), str(price), rate))
    summary = factory.summary(ho_ten=draw(_text), ngay_sinh=draw(_minute))
    return ClaimDossier(summary, tuple(drugs), tuple(services)).with_totals()


@given(dossiers())
def test_dossier_round_trips_and_validates(d: ClaimDossier) -> None:
    assert d.validate() == ()
    back = ClaimDossier.from_file(d.to_file(created=CREATED))
    assert back == d
