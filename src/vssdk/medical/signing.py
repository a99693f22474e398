"""The facility's signature in ``CHUKYDONVI`` (XMLDSig: Canonical XML 1.0, RSA-SHA256, SHA-256).

The signature is placed inside the envelope's ``CHUKYDONVI`` and refers to the signed part by its
``Id``: ``THONGTINHOSO`` of an ``HSCHUNGTU`` envelope, or the certificate element of an
``HSDLGCS``/``HSDLGBT`` one. PL02 describes a second reference (to an ``Object`` carried inside
``CHUKYDONVI``); vssdk signs the data with one reference (see docs/medical-notes.md).
Keys are :class:`vssdk.declarations.SigningKey` (PKCS#12 via ``load_pkcs12``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree
from signxml.algorithms import (
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConstructionMethod,
    SignatureMethod,
)
from signxml.exceptions import SignXMLException
from signxml.signer import XMLSigner
from signxml.verifier import SignatureConfiguration, XMLVerifier

from vssdk.declarations.errors import SignatureInvalid
from vssdk.medical.errors import InvalidMedicalXml
from vssdk.medical.xml import _parse  # the hardened parser of this package

if TYPE_CHECKING:
    from vssdk.declarations.signing import SigningKey

__all__ = ["is_signed", "sign_envelope", "verify_envelope"]

_DSIG = "{http://www.w3.org/2000/09/xmldsig#}"
_C14N = CanonicalizationMethod.CANONICAL_XML_1_0
_EXPECT = SignatureConfiguration(
    require_x509=True,
    location=".//",
    expect_references=1,
    signature_methods=frozenset({SignatureMethod.RSA_SHA256}),
    digest_algorithms=frozenset({DigestAlgorithm.SHA256}),
    default_reference_c14n_method=_C14N,
)


def _target(root: etree._Element) -> etree._Element:
    node = root.find("THONGTINHOSO")
    if node is None:
        inner = [c for c in root if isinstance(c.tag, str) and c.tag != "CHUKYDONVI"]
        node = inner[0] if len(inner) == 1 else None
    if node is None or not node.get("Id"):
        raise InvalidMedicalXml(str(root.tag), "no element with an Id to sign")
    return node


def _slot(root: etree._Element) -> etree._Element:
    slot = root.find("CHUKYDONVI")
    if slot is None:
        raise InvalidMedicalXml(str(root.tag), "no CHUKYDONVI element")
    return slot


def sign_envelope(envelope: bytes, key: SigningKey) -> bytes:
    """Sign an envelope from :func:`~vssdk.medical.envelope_to_xml`; returns the signed bytes."""
    root = _parse(envelope, "envelope")
    slot = _slot(root)
    if len(slot):
        raise InvalidMedicalXml("CHUKYDONVI", "the envelope is already signed")
    signer = XMLSigner(
        method=SignatureConstructionMethod.detached,
        signature_algorithm=SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=_C14N,
    )
    certs = [key.certificate, *key.chain]
    pem = [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs]
    signature = signer.sign(
        root,
        key=key.private_key,
        cert=pem,
        reference_uri="#" + str(_target(root).get("Id")),
        id_attribute="Id",
    )
    slot.append(signature)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def is_signed(envelope: bytes) -> bool:
    """Whether ``CHUKYDONVI`` holds a signature (many HIS still send it empty)."""
    return _slot(_parse(envelope, "envelope")).find(f"{_DSIG}Signature") is not None


def verify_envelope(
    envelope: bytes, *, certificate: x509.Certificate | None = None, trust_embedded: bool = False
) -> x509.Certificate:
    """Check the signature in ``CHUKYDONVI``; returns the signer's certificate or raises
    :class:`~vssdk.declarations.SignatureInvalid`. Give the ``certificate`` registered for the
    facility, or ``trust_embedded=True`` for an integrity check only."""
    root = _parse(envelope, "envelope")
    signature = _slot(root).find(f"{_DSIG}Signature")
    if signature is None:
        raise SignatureInvalid("CHUKYDONVI holds no signature")
    cert = certificate
    if cert is None:
        if not trust_embedded:
            raise SignatureInvalid("give the facility's certificate, or trust_embedded=True")
        node = signature.find(f".//{_DSIG}X509Certificate")
        body = "".join((node.text or "").split()) if node is not None else ""
        pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
        try:
            cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
        except ValueError as exc:
            raise SignatureInvalid(f"the embedded certificate cannot be read: {exc}") from None
    try:
        result = XMLVerifier().verify(
            root, x509_cert=cert, expect_config=_EXPECT, id_attribute="Id"
        )
    except SignXMLException as exc:
        raise SignatureInvalid(str(exc) or type(exc).__name__) from None
    verified = result[0] if isinstance(result, list) else result
    if verified.signed_xml is None or verified.signed_xml.get("Id") != _target(root).get("Id"):
        raise SignatureInvalid("the signature does not cover the envelope's data")
    return cert
