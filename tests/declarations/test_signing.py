"""XMLDSig: good, tampered and wrong-key files; PKCS#12 loading; algorithm and shape checks."""

from __future__ import annotations

import base64

import attrs
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from lxml import etree

from tests.declarations import _factories as f
from vssdk.declarations import (
    SignatureInvalid,
    SigningKeyError,
    UnsafeXml,
    form_from_xml,
    form_to_xml,
)
from vssdk.declarations.signing import SigningKey, load_pkcs12, sign_form, sign_xml, verify_xml

DSIG = "{http://www.w3.org/2000/09/xmldsig#}"


@pytest.fixture(scope="module")
def signed() -> bytes:
    return sign_form(f.d02(rows=3), f.shared_key("a"))


def test_good_signature_verifies_and_returns_the_signed_form(signed: bytes) -> None:
    verified = verify_xml(signed, certificate=f.shared_key("a").certificate)
    assert verified.form == f.d02(rows=3)
    assert verified.fingerprint == f.shared_key("a").fingerprint


def test_signature_is_enveloped_rsa_sha256_with_the_certificate(signed: bytes) -> None:
    root = etree.fromstring(signed)
    sig = root[-1]
    assert sig.tag == f"{DSIG}Signature"
    assert sig.find(f"{DSIG}SignedInfo/{DSIG}SignatureMethod").get("Algorithm") == (  # type: ignore[union-attr]
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    )
    ref = sig.find(f"{DSIG}SignedInfo/{DSIG}Reference")
    assert ref is not None
    assert ref.get("URI") == ""
    transforms = [t.get("Algorithm") for t in ref.iter(f"{DSIG}Transform")]
    assert "http://www.w3.org/2000/09/xmldsig#enveloped-signature" in transforms
    assert ref.find(f"{DSIG}DigestMethod").get("Algorithm") == (  # type: ignore[union-attr]
        "http://www.w3.org/2001/04/xmlenc#sha256"
    )
    assert sig.find(f".//{DSIG}X509Certificate") is not None


def test_signed_file_still_parses_as_the_form(signed: bytes) -> None:
    assert form_from_xml(signed) == f.d02(rows=3)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"<tienLuong>10000000</tienLuong>", b"<tienLuong>10000001</tienLuong>"),
        (b"<Masobhxh>7900000002</Masobhxh>", b"<Masobhxh>7900000009</Masobhxh>"),
        (b"<phuongAn>TM</phuongAn>", b"<phuongAn>GH</phuongAn>"),
        (b'maToKhai="D02-LT"', b'maToKhai="D02-LT" x="1"'),
    ],
    ids=["salary", "si-code", "plan", "attribute"],
)
def test_tampered_file_is_rejected(signed: bytes, old: bytes, new: bytes) -> None:
    assert old in signed
    tampered = signed.replace(old, new, 1)
    with pytest.raises(SignatureInvalid):
        verify_xml(tampered, certificate=f.shared_key("a").certificate)
    with pytest.raises(SignatureInvalid):
        verify_xml(tampered, trust_embedded=True)


def test_wrong_key_is_rejected(signed: bytes) -> None:
    with pytest.raises(SignatureInvalid):
        verify_xml(signed, certificate=f.shared_key("b").certificate)


def test_file_re_signed_by_another_key_fails_against_the_expected_certificate() -> None:
    forged = sign_form(f.d02(rows=3), f.shared_key("b"))
    with pytest.raises(SignatureInvalid):
        verify_xml(forged, certificate=f.shared_key("a").certificate)
    # integrity alone holds: it is intact under the certificate it carries
    assert verify_xml(forged, trust_embedded=True).fingerprint == f.shared_key("b").fingerprint


def test_unsigned_file_is_rejected() -> None:
    with pytest.raises(SignatureInvalid, match="not signed"):
        verify_xml(form_to_xml(f.d02()), certificate=f.shared_key("a").certificate)


def test_two_signatures_are_rejected(signed: bytes) -> None:
    root = etree.fromstring(signed)
    root.append(etree.fromstring(etree.tostring(root[-1])))
    with pytest.raises(SignatureInvalid, match="exactly one"):
        verify_xml(etree.tostring(root), certificate=f.shared_key("a").certificate)


def test_signature_moved_into_a_row_is_rejected(signed: bytes) -> None:
    root = etree.fromstring(signed)
    sig = root[-1]
    root.find("DanhSach/NguoiLaoDong").append(sig)  # type: ignore[union-attr]
    with pytest.raises(SignatureInvalid):
        verify_xml(etree.tostring(root), certificate=f.shared_key("a").certificate)


def test_signature_with_unexpected_algorithm_is_rejected(signed: bytes) -> None:
    weakened = signed.replace(
        b"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        b"http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    )
    with pytest.raises(SignatureInvalid):
        verify_xml(weakened, certificate=f.shared_key("a").certificate)


def test_verify_needs_a_trust_decision(signed: bytes) -> None:
    with pytest.raises(SigningKeyError):
        verify_xml(signed)


def test_broken_embedded_certificate_is_reported(signed: bytes) -> None:
    root = etree.fromstring(signed)
    node = root.find(f".//{DSIG}X509Certificate")
    assert node is not None
    node.text = base64.b64encode(b"not a certificate").decode()
    with pytest.raises(SignatureInvalid, match="certificate"):
        verify_xml(etree.tostring(root), trust_embedded=True)


def test_verify_refuses_unsafe_xml() -> None:
    with pytest.raises(UnsafeXml):
        verify_xml(b"<!DOCTYPE x><x/>", trust_embedded=True)


def test_sign_xml_signs_an_existing_file_and_refuses_to_sign_twice() -> None:
    key = f.shared_key("a")
    data = form_to_xml(f.tk1())
    signed = sign_xml(data, key)
    assert verify_xml(signed, certificate=key.certificate).form == f.tk1()
    with pytest.raises(UnsafeXml, match="already signed"):
        sign_xml(signed, key)


@pytest.mark.parametrize("build", [f.tk1, f.d03, f.d05, f.registration])
def test_every_form_signs_and_verifies(build: object) -> None:
    form = build()  # type: ignore[operator]
    key = f.shared_key("a")
    assert verify_xml(sign_form(form, key), certificate=key.certificate).form == form


# --- keys -------------------------------------------------------------------------------------


def test_pkcs12_with_password_loads_and_signs() -> None:
    key = f.shared_key("a")
    blob = pkcs12.serialize_key_and_certificates(
        b"unit", key.private_key, key.certificate, None, BestAvailableEncryption(b"s3cret")
    )
    loaded = load_pkcs12(blob, b"s3cret")
    assert loaded.fingerprint == key.fingerprint
    signed = sign_form(f.d02(rows=1), loaded)
    assert verify_xml(signed, certificate=key.certificate).form == f.d02(rows=1)


def test_pkcs12_wrong_password_is_a_key_error() -> None:
    key = f.shared_key("a")
    blob = pkcs12.serialize_key_and_certificates(
        b"unit", key.private_key, key.certificate, None, BestAvailableEncryption(b"s3cret")
    )
    with pytest.raises(SigningKeyError):
        load_pkcs12(blob, b"wrong")
    with pytest.raises(SigningKeyError):
        load_pkcs12(b"garbage")


def test_pkcs12_without_key_is_rejected() -> None:
    key = f.shared_key("a")
    blob = pkcs12.serialize_key_and_certificates(
        None, None, None, [key.certificate], BestAvailableEncryption(b"p")
    )
    with pytest.raises(SigningKeyError, match="no private key"):
        load_pkcs12(blob, b"p")


def test_key_and_certificate_must_match() -> None:
    with pytest.raises(SigningKeyError, match="does not belong"):
        SigningKey(f.shared_key("a").private_key, f.shared_key("b").certificate)


def test_only_rsa_keys_of_at_least_2048_bits() -> None:
    with pytest.raises(SigningKeyError, match="RSA"):
        SigningKey(ec.generate_private_key(ec.SECP256R1()), f.shared_key("a").certificate)  # type: ignore[arg-type]
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(SigningKeyError, match="2048"):
        SigningKey(small, f.shared_key("a").certificate)


def test_key_repr_hides_the_private_key() -> None:
    assert "private" not in repr(f.shared_key("a")).lower()
    assert attrs.fields(SigningKey).private_key.repr is False
