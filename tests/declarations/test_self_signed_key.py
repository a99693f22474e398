"""SigningKey.self_signed: a throw-away key for the sandbox that signs and verifies."""

from __future__ import annotations

from cryptography.x509.oid import NameOID

from vssdk.declarations import SigningKey


def test_self_signed_key_is_rsa_2048_with_matching_certificate() -> None:
    key = SigningKey.self_signed("Công ty Sandbox", days=30)
    assert key.private_key.key_size == 2048
    cn = key.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert cn == "Công ty Sandbox"
    assert key.certificate.issuer == key.certificate.subject
    assert len(key.fingerprint) == 64
    validity = key.certificate.not_valid_after_utc - key.certificate.not_valid_before_utc
    assert validity.days == 31
