"""The pure pieces: builders, rules naming field and rule, XML and the base64 envelope."""

from __future__ import annotations

import base64
import datetime as dt

import attrs
import pytest

from tests.medical.factory import DAY, MOTHER, WORKER, all_kinds, birth, sick_leave
from vssdk import medical


@pytest.mark.parametrize("document", all_kinds(), ids=lambda d: str(d.type))
def test_each_certificate_round_trips_through_its_xml(
    document: medical.MedicalDocumentSubmission,
) -> None:
    xml = medical.document_to_xml(document)
    spec = medical.document_spec(document.type)
    assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert f"<{spec.path[-1]}>".encode() in xml
    assert medical.document_from_xml(document.type, xml) == document


def test_sick_leave_xml_uses_the_ct07_names_and_formats() -> None:
    xml = medical.document_to_xml(sick_leave()).decode()
    assert xml.index("<MA_CT>") < xml.index("<SO_SERI>") < xml.index("<TU_NGAY>")
    assert "<TU_NGAY>20260601</TU_NGAY><DEN_NGAY>20260605</DEN_NGAY>" in xml
    assert "<BENH_ICD10_ID>J02.9</BENH_ICD10_ID>" in xml and "<GIOI_TINH>1</GIOI_TINH>" in xml
    assert "SO_NGAY" not in xml  # CT07 carries the span only; the days are derived when read


def test_the_envelope_wraps_each_document_in_base64_twice() -> None:
    payload = medical.envelope_to_base64("79001", [sick_leave()], DAY)
    outer = base64.b64decode(payload).decode()
    assert outer.startswith('<?xml version="1.0" encoding="utf-8"?>\n<HSCHUNGTU>')
    assert "<LOAIHOSO>CT07</LOAIHOSO>" in outer and "<CHUKYDONVI/>" in outer
    envelope = medical.decode_envelope(payload)
    assert (envelope.root, envelope.facility_code, envelope.created) == (
        "HSCHUNGTU",
        "79001",
        "20260601",
    )
    [(spec, content)] = envelope.documents()
    assert spec.type == "sick_leave"
    assert medical.document_from_xml("sick_leave", content) == sick_leave()


def test_birth_certificates_travel_as_hsdlgcs_with_loaihs_61() -> None:
    spec = medical.document_spec("birth")
    assert (spec.envelope, spec.loai_hs, spec.endpoint) == ("HSDLGCS", "61", "guiGiayToDienTu")
    assert medical.document_spec("death").loai_hs == "60"
    assert medical.document_spec("sick_leave").loai_hs == "39"
    root = base64.b64decode(medical.envelope_to_base64("79001", [birth()], DAY))
    assert root.startswith(
        b'<?xml version="1.0" encoding="utf-8"?>\n<HSDLGCS><GIAYCHUNGSINH Id="Id-'
    )
    assert b"<NGAY_SINH_CON>20260601000000</NGAY_SINH_CON>" in root and b"<CHUKYDONVI/>" in root
    assert b"NOIDUNGFILE" not in root  # flat: the certificate itself, not base64
    envelope = medical.decode_envelope(base64.b64encode(root).decode())
    [(spec, content)] = envelope.documents()
    assert spec.type == "birth"
    assert medical.document_from_xml("birth", content) == birth()
    with pytest.raises(medical.InvalidMedicalXml, match="one certificate"):
        medical.envelope_to_xml("79001", [birth(), birth("GCS-T-2")], DAY)


def test_one_envelope_holds_one_kind_of_upload() -> None:
    with pytest.raises(medical.InvalidMedicalXml, match="different uploads"):
        medical.envelope_to_xml("79001", [sick_leave(), birth()], DAY)


@pytest.mark.parametrize(
    ("payload", "where"),
    [
        ("not base64!", "fileBase64Str"),
        (base64.b64encode(b"<a><b></a>").decode(), "fileBase64Str"),
        (base64.b64encode(b"<OTHER/>").decode(), "fileBase64Str"),
        (base64.b64encode(b"<HSDLGBT><CHUKYDONVI/></HSDLGBT>").decode(), "HSDLGBT"),
    ],
)
def test_unreadable_envelopes_are_refused_naming_where(payload: str, where: str) -> None:
    with pytest.raises(medical.InvalidMedicalXml) as info:
        medical.decode_envelope(payload)
    assert info.value.argument == where


def test_doctype_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    with pytest.raises(medical.InvalidMedicalXml, match="DOCTYPE"):
        medical.decode_envelope(base64.b64encode(bomb).decode())


def _rules(document: medical.MedicalDocumentSubmission) -> set[tuple[str, str]]:
    return {(i.field, i.rule) for i in medical.validate(document)}


def test_a_sick_leave_over_30_days_is_refused_naming_field_and_rule() -> None:
    with pytest.raises(medical.InvalidMedicalDocument) as info:
        sick_leave(days=31)
    assert info.value.argument == "sick_leave.days"
    assert ("sick_leave.days", "days.max_per_certificate") in {
        (i.field, i.rule) for i in info.value.issues
    }


def test_days_must_match_the_span() -> None:
    doc = sick_leave()
    assert doc.sick_leave is not None
    wrong = attrs.evolve(doc, sick_leave=attrs.evolve(doc.sick_leave, days=4))
    assert _rules(wrong) == {("sick_leave.days", "days.span")}


def test_a_sick_leave_needs_an_insured_identifier() -> None:
    doc = attrs.evolve(sick_leave(), patient=medical.MedicalPatient(full_name="Nguyễn Văn An"))
    assert ("patient.si_code", "patient.identifier") in _rules(doc)


def test_a_leave_cannot_start_before_the_certificate() -> None:
    doc = attrs.evolve(sick_leave(), issued_on=DAY + dt.timedelta(days=1))
    assert ("sick_leave.leave_from", "leave.before_issue") in _rules(doc)


def test_the_detail_must_match_the_type() -> None:
    doc = attrs.evolve(sick_leave(), type=medical.MedicalDocumentType.BIRTH)
    assert _rules(doc) == {("birth", "detail.missing"), ("sick_leave", "detail.unexpected")}


def test_bad_identifiers_and_numbers_are_named() -> None:
    bad_number = attrs.evolve(sick_leave(), document_number="bad number")
    assert _rules(bad_number) == {("document_number", "document_number.format")}
    doc = attrs.evolve(sick_leave(), patient=attrs.evolve(WORKER, citizen_id="12345", si_code="12"))
    assert _rules(doc) == {
        ("patient.citizen_id", "citizen_id.format"),
        ("patient.si_code", "si_code.format"),
    }


def test_birth_rules() -> None:
    doc = birth()
    assert doc.birth is not None
    heavy = attrs.evolve(doc, birth=attrs.evolve(doc.birth, weight_grams=9000))
    assert _rules(heavy) == {("birth.weight_grams", "weight.range")}
    no_id = attrs.evolve(doc, patient=attrs.evolve(MOTHER, citizen_id=None))
    assert _rules(no_id) == {("patient.citizen_id", "required")}
    early = attrs.evolve(doc, issued_on=DAY - dt.timedelta(days=1))
    assert _rules(early) == {("issued_on", "issued.before_event")}


def _driver(licence_class: str, valid_until: dt.date) -> medical.MedicalDocumentSubmission:
    return medical.driver_health_certificate(
        number="KSK-1",
        issued_on=DAY,
        driver=WORKER,
        licence_class=licence_class,
        examined_on=DAY,
        fit=True,
        valid_until=valid_until,
        signed_by="BS",
    )


def test_driver_health_is_valid_12_months_at_most() -> None:
    assert _driver("B", dt.date(2027, 6, 1)).driver_health is not None
    with pytest.raises(medical.InvalidMedicalDocument) as info:
        _driver("B", dt.date(2027, 6, 2))
    assert info.value.issues[0].rule == "validity.max"
    with pytest.raises(medical.InvalidMedicalDocument) as info:
        _driver("B3", dt.date(2027, 6, 1))
    assert info.value.argument == "driver_health.licence_class"


def test_unknown_type_in_json_is_named() -> None:
    assert medical.validate_builtins({"type": "x-ray"})[0].field == "type"


def test_field_lists_come_from_data_and_mark_choices() -> None:
    spec = medical.document_spec("sick_leave")
    assert spec.table == "XML11" and spec.form == "CT07"
    chosen = {f.tag for f in spec.fields if f.chosen}
    assert "NGAY_KCB" in chosen and "MA_CT" not in chosen
    assert medical.document_spec("death").path == ("GIAYBAOTU",)
