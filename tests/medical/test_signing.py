"""The facility's signature in CHUKYDONVI: signed, verified, tampering found; the gateway checks it."""

from __future__ import annotations

import base64
import functools

import pytest

import vssdk
from tests.medical.factory import DAY, birth, sick_leave
from vssdk import medical
from vssdk.declarations import SignatureInvalid, SigningKey


@functools.cache
def _key() -> SigningKey:
    return SigningKey.self_signed("Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh")


@pytest.mark.parametrize("document", [sick_leave(), birth()], ids=["HSCHUNGTU", "HSDLGCS"])
def test_sign_and_verify(document: medical.MedicalDocumentSubmission) -> None:
    plain = medical.envelope_to_xml("79001", [document], DAY)
    assert not medical.is_signed(plain)
    signed = medical.sign_envelope(plain, _key())
    assert medical.is_signed(signed) and b"<CHUKYDONVI><ds:Signature" in signed
    assert medical.verify_envelope(signed, certificate=_key().certificate) == _key().certificate
    assert medical.verify_envelope(signed, trust_embedded=True) == _key().certificate
    with pytest.raises(medical.InvalidMedicalXml, match="already signed"):
        medical.sign_envelope(signed, _key())


def test_tampering_is_found() -> None:
    signed = medical.sign_envelope(medical.envelope_to_xml("79001", [birth()], DAY), _key())
    forged = signed.replace(b"<CAN_NANG_CON>3100<", b"<CAN_NANG_CON>3900<")
    assert forged != signed
    with pytest.raises(SignatureInvalid):
        medical.verify_envelope(forged, trust_embedded=True)
    other = SigningKey.self_signed("Another facility")
    with pytest.raises(SignatureInvalid):
        medical.verify_envelope(signed, certificate=other.certificate)
    with pytest.raises(SignatureInvalid, match="no signature"):
        medical.verify_envelope(
            medical.envelope_to_xml("79001", [birth()], DAY), trust_embedded=True
        )


def test_the_gateway_accepts_a_signed_upload_and_refuses_a_forged_one(wire: vssdk.Client) -> None:
    reply = wire.medical.send_wire([birth("GCS-S-1")], facility_code="79001", key=_key())
    assert reply.MaKetQua == "200"
    signed = medical.sign_envelope(
        medical.envelope_to_xml("79001", [birth("GCS-S-2")], DAY), _key()
    )
    forged = base64.b64encode(
        signed.replace(b"<CAN_NANG_CON>3100<", b"<CAN_NANG_CON>3900<")
    ).decode()
    from tests.medical.test_wire import _form

    refused = wire.medical.raw_send_document(_form(wire, "61", forged))
    assert refused.MaKetQua == "205" and "CHUKYDONVI" in (refused.ThongDiep or "")
