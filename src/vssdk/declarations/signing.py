"""XMLDSig for form files: enveloped, RSA-SHA256, SHA-256 digests, Canonical XML 1.0.

Signing takes a :class:`SigningKey` (an RSA private key and its X.509 certificate), made from a
PKCS#12 file (:func:`load_pkcs12`) or from key objects. Verification (:func:`verify_xml`) parses
with the hardened parser, accepts only RSA-SHA256 with SHA-256 digests and exactly one reference
to the whole document, checks against the certificate the caller trusts (or, with
``trust_embedded=True``, the certificate in the file: integrity only, compare its fingerprint
yourself), and builds the form from the bytes the signature actually covers.
"""

from __future__ import annotations

import attrs
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
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

from vssdk.declarations.errors import SignatureInvalid, SigningKeyError, UnsafeXml
from vssdk.declarations.forms import Form
from vssdk.declarations.xmlfile import (
    DEFAULT_MAX_BYTES,
    form_from_element,
    form_to_element,
    parse_xml,
)

__all__ = [
    "SigningKey",
    "VerifiedFile",
    "load_pkcs12",
    "sign_form",
    "sign_xml",
    "verify_xml",
]

_DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
_C14N = CanonicalizationMethod.CANONICAL_XML_1_0
_EXPECT = SignatureConfiguration(
    require_x509=True,
    location="./",
    expect_references=1,
    signature_methods=frozenset({SignatureMethod.RSA_SHA256}),
    digest_algorithms=frozenset({DigestAlgorithm.SHA256}),
    default_reference_c14n_method=_C14N,
)
_MIN_RSA_BITS = 2048


def _check_key(instance: SigningKey, attribute: object, value: rsa.RSAPrivateKey) -> None:
    if not isinstance(value, rsa.RSAPrivateKey):
        raise SigningKeyError(f"an RSA private key is required, got {type(value).__name__}")
    if value.key_size < _MIN_RSA_BITS:
        raise SigningKeyError(f"RSA key of {value.key_size} bits; at least {_MIN_RSA_BITS}")


def _check_certificate(instance: SigningKey, attribute: object, value: x509.Certificate) -> None:
    if not isinstance(value, x509.Certificate):
        raise SigningKeyError(f"an x509.Certificate is required, got {type(value).__name__}")
    if value.public_key() != instance.private_key.public_key():
        raise SigningKeyError("the certificate does not belong to the private key")


@attrs.frozen(slots=True)
class SigningKey:
    """An RSA private key (≥ 2048 bits), its certificate, and optional intermediate certificates."""

    private_key: rsa.RSAPrivateKey = attrs.field(validator=_check_key, repr=False)
    certificate: x509.Certificate = attrs.field(validator=_check_certificate)
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def fingerprint(self) -> str:
        """SHA-256 fingerprint of the certificate, lowercase hex."""
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    @classmethod
    def self_signed(cls, common_name: str, *, days: int = 365) -> SigningKey:
        """A throw-away RSA-2048 key with a self-signed certificate, for the sandbox and tests.

        Real employers sign with the certificate of their USB token or remote-signing service
        (:func:`load_pkcs12`); BHXH does not accept self-signed certificates.
        """
        import datetime as dt

        from cryptography.x509.oid import NameOID

        key = rsa.generate_private_key(public_exponent=65537, key_size=_MIN_RSA_BITS)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        now = dt.datetime.now(dt.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=days))
            .sign(key, hashes.SHA256())
        )
        return cls(key, certificate)


def load_pkcs12(data: bytes, password: bytes | None = None) -> SigningKey:
    """Load a PKCS#12 (``.p12``/``.pfx``) file's key and certificate; wrong password → error."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, password)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"cannot read the PKCS#12 data: {exc}") from None
    if key is None or cert is None:
        raise SigningKeyError("the PKCS#12 data holds no private key or no certificate")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SigningKeyError(f"an RSA private key is required, got {type(key).__name__}")
    return SigningKey(key, cert, tuple(extra))


def sign_form(form: Form, key: SigningKey) -> bytes:
    """Serialise ``form`` and sign it: the file to submit (UTF-8 XML bytes)."""
    return _sign_element(form_to_element(form), key)


def sign_xml(data: bytes, key: SigningKey, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Sign an existing unsigned form file; only the signature is added."""
    root = parse_xml(data, max_bytes=max_bytes)
    if root.find(f"{{{_DSIG_NS}}}Signature") is not None:
        raise UnsafeXml("the file is already signed")
    return _sign_element(root, key)


def _sign_element(root: etree._Element, key: SigningKey) -> bytes:
    signer = XMLSigner(
        method=SignatureConstructionMethod.enveloped,
        signature_algorithm=SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=_C14N,
    )
    certs = [key.certificate, *key.chain]
    pem = [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs]
    signed = signer.sign(root, key=key.private_key, cert=pem)
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


@attrs.frozen(slots=True)
class VerifiedFile:
    """A verified file: the form as signed and the certificate that signed it."""

    form: Form
    certificate: x509.Certificate

    @property
    def fingerprint(self) -> str:
        """SHA-256 fingerprint of the signer's certificate, lowercase hex."""
        return self.certificate.fingerprint(hashes.SHA256()).hex()


def verify_xml(
    data: bytes,
    *,
    certificate: x509.Certificate | None = None,
    trust_embedded: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> VerifiedFile:
    """Check a signed file and return the form it signs; raises :class:`SignatureInvalid`.

    Give the ``certificate`` you trust for the signer, or pass ``trust_embedded=True`` to check
    only that the file is intact under the certificate it carries.
    """
    if certificate is None and not trust_embedded:
        raise SigningKeyError("give the signer's certificate, or trust_embedded=True")
    root = parse_xml(data, max_bytes=max_bytes)
    signatures = root.findall(f".//{{{_DSIG_NS}}}Signature")
    if not signatures:
        raise SignatureInvalid("the file is not signed")
    if len(signatures) > 1 or signatures[0].getparent() is not root:
        raise SignatureInvalid("expected exactly one enveloped signature under the root")
    cert = certificate if certificate is not None else _embedded_certificate(signatures[0])
    _check_key_strength(cert)
    try:
        result = XMLVerifier().verify(
            root,
            x509_cert=cert,
            expect_config=_EXPECT,
            parser=_signed_parser(),
        )
    except SignXMLException as exc:
        raise SignatureInvalid(str(exc) or type(exc).__name__) from None
    verified = result[0] if isinstance(result, list) else result
    if verified.signed_xml is None:
        raise SignatureInvalid("the signed content is not XML")
    return VerifiedFile(form_from_element(verified.signed_xml), cert)


def _check_key_strength(cert: x509.Certificate) -> None:
    """Refuse signers whose RSA key is weaker than we would sign with (same 2048-bit floor)."""
    try:
        public = cert.public_key()
    except ValueError as exc:
        raise SignatureInvalid(f"the signer's public key cannot be read: {exc}") from None
    if isinstance(public, rsa.RSAPublicKey) and public.key_size < _MIN_RSA_BITS:
        raise SignatureInvalid(
            f"the signer's RSA key has {public.key_size} bits; at least {_MIN_RSA_BITS} required"
        )


def _embedded_certificate(signature: etree._Element) -> x509.Certificate:
    node = signature.find(f".//{{{_DSIG_NS}}}X509Certificate")
    if node is None or not (node.text or "").strip():
        raise SignatureInvalid("no certificate in the signature's KeyInfo")
    body = "".join((node.text or "").split())
    pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
    try:
        return x509.load_pem_x509_certificate(pem.encode("ascii"))
    except ValueError as exc:
        raise SignatureInvalid(f"the embedded certificate cannot be read: {exc}") from None


def _signed_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
