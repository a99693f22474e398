"""Files written the way real HIS exports are (tests/claims/corpus.py): they parse, keep every
table, and report content problems as issues; genuinely broken files are refused by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

from tests.claims import corpus, factory
from vssdk.claims import (
    CheckIn,
    CheckInFile,
    ClaimDossier,
    InvalidClaimXml,
    LegacyDossier,
    PartialDate,
    RawTable,
    Summary,
    Table,
    TableRow,
    build_envelope,
    parse_envelope,
    parse_table,
    read_dossier,
    table_to_xml,
)
from vssdk.errors import InvalidArgument

NO_ERRORS = {
    "bad_xsi_namespace_bom_crlf",
    "birth_year_only",
    "card_cd4",
    "cent_rounding",
    "icd10_dagger_asterisk",
    "cdata_address",
    "unknown_table_carried",
    "qd4750_era_extra_columns",
}


@pytest.mark.parametrize("quirk", corpus.QUIRKS, ids=lambda q: q.name)
def test_real_style_file_parses_and_keeps_every_table(quirk: corpus.Quirk) -> None:
    d = ClaimDossier.from_envelope(quirk.data)
    assert d.standard == quirk.standard
    assert [name for name, _ in d.tables()] == list(quirk.tables)
    found = {(i.path, i.rule) for i in d.validate()}
    assert set(quirk.expect_rules) <= found
    if quirk.name in NO_ERRORS:
        assert d.errors() == ()
        assert d.check() is d
    again = ClaimDossier.from_envelope(d.fresh().to_envelope(created=corpus.CREATED))
    assert again == d  # every value survives a rewrite from the rows
    assert again.fresh().tables() == d.fresh().tables()


@pytest.mark.parametrize(("name", "data", "argument"), corpus.BROKEN, ids=lambda x: str(x)[:20])
def test_genuinely_broken_file_is_refused_by_name(name: str, data: bytes, argument: str) -> None:
    with pytest.raises(InvalidClaimXml) as info:
        ClaimDossier.from_envelope(data)
    assert info.value.argument.startswith(argument), name


def test_the_standard_chosen_by_date_is_said() -> None:
    d = ClaimDossier.from_envelope(corpus.QUIRKS[0].data)
    (note,) = [i for i in d.validate() if i.rule == "standard.chosen"]
    assert note.severity == "info"
    assert note.message == "QD3176 chosen from NGAY_RA 2026-11-23"
    named = ClaimDossier.from_envelope(corpus.QUIRKS[0].data, standard_name="QD3176")
    assert not [i for i in named.validate() if i.rule == "standard.chosen"]


def test_empty_required_values_become_issues_not_failures() -> None:
    quirk = next(q for q in corpus.QUIRKS if q.name == "empty_required_values")
    d = ClaimDossier.from_envelope(quirk.data)
    assert d.summary.ma_benh_chinh == ""
    assert d.summary.ngay_ra is None
    assert d.services[0].muc_huong is None
    required = sorted(i.path for i in d.errors() if i.rule == "required")
    assert required == sorted(p for p, _ in quirk.expect_rules)


def test_unknown_table_bytes_are_carried_unchanged() -> None:
    quirk = next(q for q in corpus.QUIRKS if q.name == "unknown_table_carried")
    d = ClaimDossier.from_envelope(quirk.data)
    raw = d.table("XML16")
    assert isinstance(raw, RawTable)
    assert raw.data.startswith(corpus.BOM + b"<BANG_MOI>")
    assert dict(d.tables())["XML16"] == raw.data


def test_other_tables_are_rows_in_the_standards_order() -> None:
    d = ClaimDossier.from_envelope(corpus.QUIRKS[0].data)
    xml14 = d.table("XML14")
    assert isinstance(xml14, Table)
    assert xml14.rows[0].get("NGAY_HEN_KL") == "20261201"
    xml8 = d.table("XML8")
    assert isinstance(xml8, Table)
    assert xml8.rows[0].get("QT_BENHLY") == '<ghi chú> & "trích dẫn"'
    assert xml8.rows[0].get("DU_PHONG") == ""


def test_corpus_script_writes_the_files(tmp_path: Path) -> None:
    written = corpus.write(tmp_path)
    assert len(written) == len(corpus.QUIRKS) + 1 + len(corpus.BROKEN)
    for path in tmp_path.glob("ok/*.xml"):
        read_dossier(path.read_bytes())
    for path in tmp_path.glob("broken/*.xml"):
        with pytest.raises(InvalidClaimXml):
            ClaimDossier.from_envelope(path.read_bytes())


@pytest.mark.parametrize(
    ("birth", "wire"),
    [(PartialDate(1940), "194000000000"), (PartialDate(1952, 7), "195207000000")],
)
def test_partial_birth_date_builds_parses_validates(birth: PartialDate, wire: str) -> None:
    base = factory.dossier()
    d = attrs.evolve(base, summary=attrs.evolve(base.summary, ngay_sinh=birth))
    xml = table_to_xml("XML1", [d.summary])
    assert f"<NGAY_SINH>{wire}</NGAY_SINH>".encode() in xml
    back = parse_table("XML1", xml)[0]
    assert isinstance(back, Summary)
    assert back.ngay_sinh == birth
    assert d.validate() == ()
    env = d.to_envelope(created=dt.date(2026, 11, 23))
    assert ClaimDossier.from_envelope(env, standard_name="QD3176") == d


def test_partial_birth_date_in_check_in() -> None:
    row = CheckIn(
        ma_lk="01001-2026-000200", stt=1, ma_bn="BN9", ho_ten="LÊ VĂN CỤ",
        ngay_sinh=PartialDate(1938), gioi_tinh="1", ma_doituong_kcb="1.1",
        ngay_vao=dt.datetime(2026, 11, 23, 7, 0), ma_loai_kcb="01", ma_cskcb="01001",
    )  # fmt: skip
    file = CheckInFile((row,))
    assert b"<NGAY_SINH>193800000000</NGAY_SINH>" in file.to_xml()
    assert CheckInFile.from_xml(file.to_xml()).rows[0].ngay_sinh == PartialDate(1938)


def test_partial_date_bounds() -> None:
    assert PartialDate(1940).earliest() == dt.date(1940, 1, 1)
    assert PartialDate(1940, 2).latest() == dt.date(1940, 2, 29)
    assert str(PartialDate(1940, 2)) == "1940-02"
    with pytest.raises(InvalidArgument, match="not a month"):
        PartialDate(1940, 13)


def test_qd4210_file_is_read_with_its_own_field_sets_and_resent_unchanged() -> None:
    d = read_dossier(corpus.QD4210_FILE)
    assert isinstance(d, LegacyDossier)
    assert d.standard == "QD4210"
    assert d.link_key == "01001-2019-000042"
    assert [i.message for i in d.validate()] == ["QD4210 chosen from NGAY_RA 2019-03-04"]
    assert d.check() is d
    summary = d.table("XML1")
    assert isinstance(summary, Table)
    assert summary.rows[0].get("MA_THE") == "HT3010123456789"
    assert d.tables() == list(parse_envelope(corpus.QD4210_FILE).files)  # as received
    again = LegacyDossier.from_envelope(d.fresh().to_envelope(created=dt.date(2019, 3, 5)))
    assert again.fresh().tables() == d.fresh().tables()
    assert again == d
    with pytest.raises(InvalidClaimXml) as info:
        ClaimDossier.from_envelope(corpus.QD4210_FILE)
    assert info.value.argument == "standard"
    assert isinstance(read_dossier(corpus.QUIRKS[0].data), ClaimDossier)


def test_formats_the_standard_states_are_checked_in_other_tables() -> None:
    base = factory.dossier()
    link = base.summary.ma_lk
    bad = Table("XML14", [TableRow("XML14", {
        "MA_LK": link, "NGAY_HEN_KL": "2026-12-01", "MA_THE_BHYT": "DN40101234",
        "MA_CSKCB": "1001", "MA_BENH_CHINH": "J1", "NGAY_RA": "20261123", "SO_GIAYHEN_KL": "1",
    })])  # fmt: skip
    found = {
        (i.path, i.rule, i.severity) for i in attrs.evolve(base, other_tables=[bad]).validate()
    }
    assert ("XML14[1].NGAY_HEN_KL", "format.date", "error") in found
    assert ("XML14[1].MA_THE_BHYT", "format.card_code", "error") in found
    assert ("XML14[1].MA_CSKCB", "format.facility_code", "error") in found
    assert ("XML14[1].MA_BENH_CHINH", "format.icd10", "error") in found
    assert not any(p == "XML14[1].NGAY_RA" for p, _, _ in found)
    good = Table("XML14", [TableRow("XML14", {
        "MA_LK": link, "NGAY_HEN_KL": "20261201", "MA_THE_BHYT": "DN2010123456789",
        "MA_BENH_CHINH": "K77*", "NGAY_CT": "202611230900",
    })])  # fmt: skip
    issues = attrs.evolve(base, other_tables=[good]).validate()
    assert [(i.path, i.severity) for i in issues] == [("XML14[1].MA_THE_BHYT", "warning")]


def test_unchanged_tables_are_resent_as_received() -> None:
    quirk = corpus.QUIRKS[0]
    env = parse_envelope(quirk.data)
    d = ClaimDossier.from_envelope(quirk.data)
    assert d.tables() == sorted(env.files, key=lambda f: int(f[0][3:]))  # BOM, CRLF, xmlns kept
    changed = attrs.evolve(d, summary=attrs.evolve(d.summary, ma_benh_chinh="J18.0"))
    written = dict(changed.tables())
    assert not written["XML1"].startswith(corpus.BOM)  # rewritten from its rows
    assert b"<MA_BENH_CHINH>J18.0</MA_BENH_CHINH>" in written["XML1"]
    assert written["XML2"] == env.table("XML2")  # untouched tables stay as received
    assert all(not data.startswith(corpus.BOM) for _, data in d.fresh().tables())


def test_a_signed_table_keeps_its_signature() -> None:
    base = factory.dossier()
    signed = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<CHI_TIEU_GIAYHEN_KHAMLAI><MA_LK>'
        + base.summary.ma_lk.encode()
        + b"</MA_LK><SO_GIAYHEN_KL>HK-9</SO_GIAYHEN_KL>"
        b"<CHUKYDONVI><Signature>c2lnbmF0dXJl</Signature></CHUKYDONVI></CHI_TIEU_GIAYHEN_KHAMLAI>"
    )
    files = [*base.tables(), ("XML14", signed)]
    d = ClaimDossier.from_envelope(build_envelope("01001", files, created=dt.date(2026, 11, 23)))
    assert dict(d.tables())["XML14"] == signed
