"""Synthetic claim files with the quirks of real HIS exports, and genuinely broken ones.

Nothing here is real patient data: every file starts from the synthetic dossier of
:mod:`tests.claims.factory` and is then written the way real HIS exports of 2024-2026 are
(the quirks listed in each entry). Run ``python -m tests.claims.corpus DIR`` to write the files
(``ok/*.xml`` readable, ``broken/*.xml`` refused) for use outside the test suite.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs

from tests.claims import factory
from vssdk.claims import ClaimDossier, Table, TableRow

__all__ = ["BROKEN", "QD4210_FILE", "QUIRKS", "Quirk", "write"]

BAD_XSI = (
    b' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
    b' xmlns:xsi="http://www.w3.org/2001/XMLSchema instance"'
)
BOM = b"\xef\xbb\xbf"
CREATED = dt.date(2026, 2, 15)
LINK = factory.MA_LK


@attrs.frozen
class Quirk:
    """One synthetic file: its envelope bytes and what reading it must give."""

    name: str
    data: bytes
    tables: tuple[str, ...]
    expect_rules: tuple[tuple[str, str], ...] = ()  # (path, rule) that validate() reports
    standard: str = "QD3176"


def _rows(table: str, *rows: dict[str, str]) -> Table:
    return Table(table, [TableRow(table, {"MA_LK": LINK, **row}) for row in rows])


def _full() -> ClaimDossier:
    """The factory dossier plus the optional tables real dossiers carry most often."""
    others = (
        _rows(
            "XML4",
            {"STT": "1", "MA_DICH_VU": "22.0001.1701", "MA_CHI_SO": "HGB", "GIA_TRI": "132"},
            {"STT": "2", "MA_DICH_VU": "22.0001.1701", "MA_CHI_SO": "WBC", "GIA_TRI": "7,2"},
        ),
        _rows(
            "XML5", {"STT": "1", "DIEN_BIEN_LS": "Sốt nhẹ, ho", "THOI_DIEM_DBLS": "202611200900"}
        ),
        _rows("XML7", {"SO_LUU_TRU": "LT-0001", "NGAY_RA": "202611230830", "MA_TTDV": "T01"}),
        _rows("XML8", {"MA_LOAI_KCB": "03", "QT_BENHLY": '<ghi chú> & "trích dẫn"'}),
        _rows("XML9", {"HO_TEN_CON": "CON BÉ A", "NGAY_SINH_CON": "202611210300"}),
        _rows("XML13", {"SO_HOSO": "CT-01", "MA_CSKCB": "01001", "MA_CSKCB_DI": "01001"}),
        _rows("XML14", {"SO_GIAYHEN_KL": "HK-01", "NGAY_HEN_KL": "20261201"}),
    )
    return attrs.evolve(factory.dossier(), other_tables=others)


def _tables(d: ClaimDossier) -> list[tuple[str, bytes]]:
    return d.tables()


def _envelope(files: list[tuple[str, bytes]], *, facility: str = "01001") -> bytes:
    """A ``GIAMDINHHS`` written the way HIS exports are: xmlns on the root, CRLF, indented,
    no declaration, an empty ``CHUKYDONVI``."""
    parts = [
        b"<GIAMDINHHS" + BAD_XSI + b">",
        b"  <THONGTINDONVI>",
        b"    <MACSKCB>" + facility.encode() + b"</MACSKCB>",
        b"  </THONGTINDONVI>",
        b"  <THONGTINHOSO>",
        b"    <NGAYLAP>" + CREATED.strftime("%Y%m%d").encode() + b"</NGAYLAP>",
        b"    <SOLUONGHOSO>1</SOLUONGHOSO>",
        b"    <DANHSACHHOSO>",
        b"      <HOSO>",
    ]
    for kind, data in files:
        content = base64.b64encode(data)
        parts += [
            b"        <FILEHOSO>",
            b"          <LOAIHOSO>" + kind.encode() + b"</LOAIHOSO>",
            b"          <NOIDUNGFILE>" + content + b"</NOIDUNGFILE>",
            b"        </FILEHOSO>",
        ]
    parts += [b"      </HOSO>", b"    </DANHSACHHOSO>", b"  </THONGTINHOSO>"]
    parts += [b"  <CHUKYDONVI />", b"</GIAMDINHHS>"]
    return b"\r\n".join(parts)


def _his_style(table: bytes) -> bytes:
    """A table as HIS engines write it: the malformed xsi namespace on the root, CRLF line
    ends, a BOM, and the declaration dropped."""
    body = table.split(b"?>", 1)[1].lstrip() if table.startswith(b"<?xml") else table
    body = re.sub(rb"^<([A-Z_0-9]+)>", lambda m: b"<" + m.group(1) + BAD_XSI + b">", body)
    body = re.sub(rb">(?=<[A-Z])", b">\r\n", body)
    return BOM + body


def _set(table: bytes, column: str, value: str, nth: int = 1) -> bytes:
    """Set the ``nth`` ``<column>`` element's text (``""`` gives an empty element)."""
    pattern = re.compile(rb"<" + column.encode() + rb"(?: ?/>|>[^<]*</" + column.encode() + rb">)")
    seen = 0

    def repl(match: re.Match[bytes]) -> bytes:
        nonlocal seen
        seen += 1
        if seen != nth:
            return match.group(0)
        return b"<" + column.encode() + b">" + value.encode() + b"</" + column.encode() + b">"

    return pattern.sub(repl, table)


def _insert_after(table: bytes, column: str, new: str, value: str) -> bytes:
    """Add a column the standard does not list right after ``column`` (in every row)."""
    pattern = re.compile(
        rb"(<" + column.encode() + rb"(?: ?/>|>[^<]*</" + column.encode() + rb">))"
    )
    extra = b"<" + new.encode() + b">" + value.encode() + b"</" + new.encode() + b">"
    return pattern.sub(lambda m: m.group(1) + extra, table)


Edit = Callable[[dict[str, bytes]], None]


def _quirk(
    name: str,
    edit: Edit | None = None,
    *,
    expect: tuple[tuple[str, str], ...] = (),
    standard: str = "QD3176",
    dossier: ClaimDossier | None = None,
    extra_files: tuple[tuple[str, bytes], ...] = (),
) -> Quirk:
    d = dossier or _full()
    files = dict(_tables(d))
    if edit is not None:
        edit(files)
    ordered = [(k, _his_style(v)) for k, v in files.items()] + list(extra_files)
    envelope = _envelope(ordered)
    if name.startswith("bad_xsi_namespace_bom"):
        envelope = BOM + envelope  # a BOM on the file itself too
    return Quirk(name, envelope, tuple(k for k, _ in ordered), expect, standard)


def _empty_required(files: dict[str, bytes]) -> None:
    for column in ("MA_BENH_CHINH", "MA_DOITUONG_KCB", "NGAY_RA", "GIOI_TINH"):
        files["XML1"] = _set(files["XML1"], column, "")
    files["XML3"] = _set(files["XML3"], "MUC_HUONG", "")


def _birth_year_only(files: dict[str, bytes]) -> None:
    files["XML1"] = _set(files["XML1"], "NGAY_SINH", "194000000000")


def _card(code: str) -> Edit:
    def edit(files: dict[str, bytes]) -> None:
        files["XML1"] = _set(files["XML1"], "MA_THE_BHYT", code)

    return edit


def _cent_rounding(files: dict[str, bytes]) -> None:
    # The HIS rounded the fund share of drug line 1 one step down (0.01 đồng off) and put the
    # cent in the co-payment, as real exports do.
    drugs = files["XML2"]
    fund = re.search(rb"<T_BHTT>([0-9.]+)</T_BHTT>", drugs)
    copay = re.search(rb"<T_BNCCT>([0-9.]+)</T_BNCCT>", drugs)
    assert fund is not None and copay is not None
    cent = Decimal("0.01")
    drugs = _set(drugs, "T_BHTT", f"{Decimal(fund.group(1).decode()) - cent:f}")
    files["XML2"] = _set(drugs, "T_BNCCT", f"{Decimal(copay.group(1).decode()) + cent:f}")


def _icd_marks(files: dict[str, bytes]) -> None:
    files["XML1"] = _set(files["XML1"], "MA_BENH_CHINH", "G55.2*")
    files["XML1"] = _set(files["XML1"], "MA_BENH_KT", "E11.4†;K77*")


def _cdata(files: dict[str, bytes]) -> None:
    files["XML1"] = files["XML1"].replace(
        b"<DIA_CHI>S\xe1\xbb\x91 1 ph\xe1\xbb\x91 Hu\xe1\xba\xbf, H\xc3\xa0 N\xe1\xbb\x99i</DIA_CHI>",
        b"<DIA_CHI><![CDATA[S\xe1\xbb\x91 1 ph\xe1\xbb\x91 Hu\xe1\xba\xbf, H\xc3\xa0 N\xe1\xbb\x99i]]></DIA_CHI>",
    )


def _qd4750_era() -> Quirk:
    # Discharged in September 2024 (QĐ 4750 in force) but written with the QĐ 3176 columns
    # NHOM_MAU (XML1) and NGAY_TH_YL (XML2), as real exports of that period are.
    base = _full()
    summary = attrs.evolve(
        base.summary,
        ngay_vao=dt.datetime(2024, 9, 2, 8, 0),
        ngay_ra=dt.datetime(2024, 9, 5, 8, 0),
        gt_the_tu=(dt.date(2024, 1, 1),),
        gt_the_den=(dt.date(2024, 12, 31),),
        nam_qt=2024,
        thang_qt=9,
    )
    d = attrs.evolve(base, summary=summary, other_tables=())

    def edit(files: dict[str, bytes]) -> None:
        files["XML1"] = _insert_after(files["XML1"], "GIOI_TINH", "NHOM_MAU", "O")
        files["XML2"] = _insert_after(files["XML2"], "NGAY_YL", "NGAY_TH_YL", "202409021000")

    plain = attrs.evolve(d, standard="QD4750")
    return _quirk(
        "qd4750_era_extra_columns",
        edit,
        dossier=plain,
        standard="QD4750",
        expect=(
            ("XML1[1].NHOM_MAU", "format.unknown_column"),
            ("XML2[1].NGAY_TH_YL", "format.unknown_column"),
            ("XML1.standard", "standard.chosen"),
        ),
    )


QUIRKS: tuple[Quirk, ...] = (
    _quirk("bad_xsi_namespace_bom_crlf", expect=(("XML1.standard", "standard.chosen"),)),
    _quirk(
        "empty_required_values",
        _empty_required,
        expect=(
            ("XML1[1].MA_BENH_CHINH", "required"),
            ("XML1[1].MA_DOITUONG_KCB", "required"),
            ("XML1[1].NGAY_RA", "required"),
            ("XML1[1].GIOI_TINH", "required"),
            ("XML3[1].MUC_HUONG", "required"),
        ),
    ),
    _quirk("birth_year_only", _birth_year_only),
    *(
        _quirk(
            f"card_{code[:3].lower()}",
            _card(code),
            expect=(("XML1[1].MA_THE_BHYT", "format.card_code"),),
        )
        for code in (
            "CH2010123456789",
            "HT2010123456789",
            "DN2010123456789",
            "HC2010123456789",
            "GD2010123456789",
        )
    ),
    _quirk("card_cd4", _card("CD4010123456789")),
    _quirk("cent_rounding", _cent_rounding, expect=(("XML2[1].T_BHTT", "arithmetic.fund_share"),)),
    _quirk("icd10_dagger_asterisk", _icd_marks),
    _quirk("cdata_address", _cdata),
    _quirk(
        "unknown_table_carried",
        extra_files=(
            ("XML16", BOM + b"<BANG_MOI><MA_LK>" + LINK.encode() + b"</MA_LK></BANG_MOI>"),
        ),
        expect=(("XML16.*", "table.carried"),),
    ),
    _qd4750_era(),
)


def _qd4210() -> bytes:
    """A 2019 dossier in the QĐ 4210 layout (MA_THE, T_TONGCHI, 8-digit NGAY_SINH ...)."""
    from vssdk.claims import LegacyDossier

    xml1 = TableRow("XML1", {
        "MA_LK": "01001-2019-000042", "STT": "1", "MA_BN": "BN0042", "HO_TEN": "PHẠM VĂN BA",
        "NGAY_SINH": "19400000", "GIOI_TINH": "1", "MA_THE": "HT3010123456789",
        "MA_DKBD": "01001", "GT_THE_TU": "20190101", "GT_THE_DEN": "20191231",
        "MA_BENH": "I10", "NGAY_VAO": "201903040800", "NGAY_RA": "201903040930",
        "T_TONGCHI": "150000", "T_BHTT": "142500", "T_BNCCT": "7500", "MA_CSKCB": "01001",
    })  # fmt: skip
    xml3 = TableRow("XML3", {
        "MA_LK": "01001-2019-000042", "STT": "1", "MA_DICH_VU": "01.0001.1234",
        "SO_LUONG": "1", "DON_GIA": "150000", "THANH_TIEN": "150000", "MUC_HUONG": "95",
    })  # fmt: skip
    dossier = LegacyDossier("01001", "QD4210", (Table("XML1", [xml1]), Table("XML3", [xml3])))
    files = [(k, _his_style(v)) for k, v in dossier.tables()]
    return _envelope(files)


QD4210_FILE = _qd4210()


def _broken(name: str, edit: Edit, argument: str) -> tuple[str, bytes, str]:
    files = dict(_tables(_full()))
    edit(files)
    return name, _envelope([(k, _his_style(v)) for k, v in files.items()]), argument


def _raw(table: str, data: bytes) -> Edit:
    def edit(files: dict[str, bytes]) -> None:
        files[table] = data

    return edit


def _value(table: str, column: str, value: str, nth: int = 1) -> Edit:
    def edit(files: dict[str, bytes]) -> None:
        files[table] = _set(files[table], column, value, nth)

    return edit


def _bad_base64() -> tuple[str, bytes, str]:
    env = _envelope([(k, v) for k, v in _tables(_full())])
    return "bad_base64", env.replace(b"<NOIDUNGFILE>", b"<NOIDUNGFILE>%%%", 1), "XML1.NOIDUNGFILE"


BROKEN: tuple[tuple[str, bytes, str], ...] = (
    _bad_base64(),
    _broken("table_not_xml", _raw("XML2", b"MA_LK;STT;MA_THUOC\r\n1;1;40.152"), "XML2"),
    _broken("table_not_well_formed", _raw("XML3", b"<CHITIEU_CHITIET_DVKT_VTYT><A></B>"), "XML3"),
    _broken("nan_amount", _value("XML2", "THANH_TIEN_BV", "NaN"), "XML2[1].THANH_TIEN_BV"),
    _broken("decimal_comma", _value("XML2", "SO_LUONG", "0,5", 2), "XML2[2].SO_LUONG"),
    _broken("price_11_decimals", _value("XML2", "DON_GIA", "1234.56700000001"), "XML2[1].DON_GIA"),
    _broken("birth_month_13", _value("XML1", "NGAY_SINH", "194013000000"), "XML1[1].NGAY_SINH"),
    _broken("birth_not_digits", _value("XML1", "NGAY_SINH", "1940-00-00"), "XML1[1].NGAY_SINH"),
    (
        "root_hs",
        _envelope([(k, v) for k, v in _tables(_full())]).replace(b"GIAMDINHHS", b"HS"),
        "GIAMDINHHS",
    ),
)


def write(directory: Path) -> list[Path]:
    """Write every file under ``directory/ok`` and ``directory/broken``; the paths written."""
    out: list[Path] = []
    for sub, items in (
        ("ok", [(q.name, q.data) for q in QUIRKS] + [("qd4210_2019", QD4210_FILE)]),
        ("broken", [(n, d) for n, d, _ in BROKEN]),
    ):
        folder = directory / sub
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in items:
            path = folder / f"{name}.xml"
            path.write_bytes(data)
            out.append(path)
    return out


if __name__ == "__main__":  # pragma: no cover - a tool for people, exercised by the tests
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "claim-corpus")
    for written in write(target):
        print(written)
