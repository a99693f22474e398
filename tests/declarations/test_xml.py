"""The XML file: layout, round trip (model → XML → model), hardened parsing, malformed files."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from lxml import etree

from tests.declarations import _factories as f
from tests.declarations import strategies as s
from vssdk.declarations import (
    Form,
    MalformedDeclarationFile,
    UnsafeXml,
    form_from_xml,
    form_to_xml,
    parse_xml,
)
from vssdk.errors import InvalidArgument


@given(s.any_form)
def test_round_trip_model_xml_model_is_equal(form: Form) -> None:
    assert form_from_xml(form_to_xml(form)) == form


def test_d02_layout_uses_the_wire_names() -> None:
    row = f.d02_row(1, salary=12_000_000, position_allowance=500_000, citizen_id="001090000001")
    root = etree.fromstring(form_to_xml(attrs.evolve(f.d02(), rows=(row,))))
    assert root.tag == "ToKhai"
    assert root.get("maToKhai") == "D02-LT"
    assert root.get("maThuTuc") == "600"
    assert root.findtext("DonVi/maDonVi") == "TZH490L"
    assert root.findtext("DonVi/maVungLTT") == "1"
    assert root.findtext("kyKeKhai") == "11/2026"
    item = root.find("DanhSach/NguoiLaoDong")
    assert item is not None
    assert item.get("stt") == "1"
    assert item.findtext("Hoten") == "Nguyễn Văn 1"
    assert item.findtext("Masobhxh") == "7900000001"
    assert item.findtext("tienLuong") == "12000000"
    assert item.findtext("phuCapCV") == "500000"
    assert item.findtext("phuCapLuong") == "0"
    assert item.findtext("phuCapBoSung") == "0"
    assert item.findtext("tuThang") == "11/2026"
    assert item.findtext("phuongAn") == "TM"
    assert item.find("denThang") is None  # optional and absent


def test_tk1_and_registration_layout() -> None:
    root = etree.fromstring(form_to_xml(f.tk1()))
    assert root.findtext("NguoiThamGia/Ngaysinh") == "17/05/1990"
    assert root.findtext("NguoiThamGia/Gioitinh") == "2"
    assert root.findtext("listThanhVien/ThanhVien/moiQuanHe") == "00"
    reg = etree.fromstring(form_to_xml(f.registration()))
    assert reg.get("maToKhai") == "DK-GD"
    assert reg.findtext("DangKy/email") == "ketoan@senvang.vn"


def test_text_xml_cannot_carry_is_rejected_naming_the_field() -> None:
    form = attrs.evolve(f.d02(rows=1), rows=(f.d02_row(1, note="bad\x01"),))
    with pytest.raises(InvalidArgument) as info:
        form_to_xml(form)
    assert info.value.argument == "DanhSach/NguoiLaoDong[1]/ghiChu"


# --- hardened parsing -------------------------------------------------------------------------

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE ToKhai [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<ToKhai maToKhai="DK-GD"><DangKy><maDonVi>&x;</maDonVi></DangKy></ToKhai>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<ToKhai>&b;</ToKhai>"""

REMOTE_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE ToKhai SYSTEM "http://example.invalid/evil.dtd"><ToKhai/>"""


@pytest.mark.parametrize("data", [XXE, LAUGHS, REMOTE_DTD], ids=["xxe", "laughs", "remote-dtd"])
def test_dtds_and_entities_are_refused(data: bytes) -> None:
    with pytest.raises(UnsafeXml, match="DTD"):
        parse_xml(data)


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(UnsafeXml, match="exceeds the limit"):
        parse_xml(b"<ToKhai/>" + b" " * 100, max_bytes=50)


def test_deep_nesting_is_refused() -> None:
    deep = b"<a>" * 40 + b"</a>" * 40
    with pytest.raises(UnsafeXml, match="nesting"):
        parse_xml(deep)


@pytest.mark.parametrize("data", [b"", b"<ToKhai>", b"not xml", b"\xff\xfe<"])
def test_not_well_formed_is_refused(data: bytes) -> None:
    with pytest.raises(UnsafeXml):
        parse_xml(data)


def test_non_bytes_input_is_refused() -> None:
    with pytest.raises(UnsafeXml):
        parse_xml("<ToKhai/>")  # type: ignore[arg-type]


def _d02_xml() -> bytes:
    return form_to_xml(f.d02(rows=2))


def _mutate(xpath: str, action: str, value: str = "") -> bytes:
    root = etree.fromstring(_d02_xml())
    node = root.xpath(xpath)[0]
    if action == "text":
        node.text = value
    elif action == "drop":
        node.getparent().remove(node)
    elif action == "add":
        etree.SubElement(node, value).text = "1"
    elif action == "attr":
        name, _, val = value.partition("=")
        node.set(name, val)
    return bytes(etree.tostring(root))


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (b"<Other/>", "Other"),
        (b'<ToKhai maToKhai="X9"/>', "ToKhai/@maToKhai"),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[1]/tienLuong", "text", "12.5"),
            "DanhSach/NguoiLaoDong[1]/tienLuong",
        ),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[1]/tienLuong", "text", "-5"),
            "DanhSach/NguoiLaoDong[1]/tienLuong",
        ),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[2]/tuThang", "text", "13/2026"),
            "DanhSach/NguoiLaoDong[2]/tuThang",
        ),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[2]/phuongAn", "text", "ZZ"),
            "DanhSach/NguoiLaoDong[2]/phuongAn",
        ),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[1]/Hoten", "drop"),
            "DanhSach/NguoiLaoDong[1]/Hoten",
        ),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[1]", "add", "laThua"),
            "DanhSach/NguoiLaoDong[1]/laThua",
        ),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[2]", "attr", "stt=7"),
            "DanhSach/NguoiLaoDong[2]/@stt",
        ),
        (_mutate("/ToKhai/kyKeKhai", "drop"), "ToKhai/kyKeKhai"),
        (_mutate("/ToKhai", "add", "Thua"), "ToKhai/Thua"),
        (_mutate("/ToKhai/DonVi/maVungLTT", "text", "I"), "DonVi/maVungLTT"),
        (
            _mutate("/ToKhai/DanhSach/NguoiLaoDong[1]/daCoSo", "text", "yes"),
            "DanhSach/NguoiLaoDong[1]/daCoSo",
        ),
    ],
)
def test_malformed_files_name_the_element(data: bytes, path: str) -> None:
    with pytest.raises(MalformedDeclarationFile) as info:
        form_from_xml(data)
    assert info.value.path == path


def test_bad_date_in_tk1_names_the_element() -> None:
    root = etree.fromstring(form_to_xml(f.tk1()))
    root.find("NguoiThamGia/Ngaysinh").text = "31/02/1990"  # type: ignore[union-attr]
    with pytest.raises(MalformedDeclarationFile) as info:
        form_from_xml(etree.tostring(root))
    assert info.value.path == "NguoiThamGia/Ngaysinh"


def test_comments_are_ignored() -> None:
    data = _d02_xml().replace(b"<DanhSach>", b"<!-- note --><DanhSach>")
    assert form_from_xml(data) == f.d02(rows=2)
