"""Form 01B-HSB: the employer's list of sickness, maternity and convalescence benefit claims.

One row per employee and period of leave, citing the hospital's certificate where the regime
needs one (sick-leave certificate or discharge certificate for sickness, birth certificate for
maternity at birth). Typed (:class:`HSB01B`, :class:`HSBRow`), checked (:func:`validate_hsb`,
:func:`check_hsb`), written to XML (:func:`hsb_to_xml`, :func:`hsb_from_xml`) and signed
(:meth:`SignedSettlement.prepare`, :func:`verify_hsb`). Element names, regime codes and the
certificates each regime accepts are data (``data/hsb01b.json``).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs
from lxml import etree

from vssdk.cards import InvalidIdentifier, parse_si_code
from vssdk.declarations._month import Month
from vssdk.declarations.errors import (
    DeclarationInvalid,
    MalformedDeclarationFile,
    SignatureInvalid,
    Violation,
)
from vssdk.declarations.xmlfile import parse_xml
from vssdk.errors import InvalidArgument

if TYPE_CHECKING:
    from cryptography import x509

    from vssdk.declarations.signing import SigningKey

__all__ = [
    "HSB01B",
    "HSBRegime",
    "HSBRow",
    "SignedSettlement",
    "check_hsb",
    "hsb_from_xml",
    "hsb_to_xml",
    "refusal_text",
    "regime_rule",
    "validate_hsb",
    "verify_hsb",
]

FORM_CODE = "01B-HSB"
_UNIT = re.compile(r"^[A-Z0-9]{3,12}$")
_NUMBER = re.compile(r"^[0-9A-Za-z./_-]{1,50}$")


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("vssdk.declarations").joinpath("data", "hsb01b.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class HSBRegime(enum.StrEnum):
    """The benefit a row claims (section of the form in ``regime_rule(...)["section"]``)."""

    SICKNESS = "sickness"
    SICKNESS_LONG_TERM = "sickness_long_term"
    MATERNITY_BIRTH = "maternity_birth"
    CONVALESCENCE_SICKNESS = "convalescence_sickness"
    CONVALESCENCE_MATERNITY = "convalescence_maternity"


def regime_rule(regime: str) -> dict[str, Any]:
    """The data of one regime: section, benefit, certificates accepted, whether one is required."""
    return dict(_data()["regimes"][str(regime)])


def refusal_text(code: str, lang: str = "vi") -> str:
    """BHXH's reason for refusing a row, in Vietnamese or English."""
    return str(_data()["refusals"][code][lang])


@attrs.frozen(slots=True)
class HSBRow:
    """One claim: who, which regime, the days (from, to, total), the certificate cited."""

    si_code: str
    full_name: str
    regime: HSBRegime
    leave_from: dt.date
    leave_to: dt.date
    days: int
    certificate_number: str | None = None
    child_birth_date: dt.date | None = None
    children: int = 1
    account_number: str | None = None
    bank: str | None = None
    note: str | None = None


@attrs.frozen(slots=True)
class HSB01B:
    """The list for one unit, month and batch (đợt)."""

    unit_code: str
    unit_name: str
    period: Month
    batch: int
    rows: tuple[HSBRow, ...]

    form_code = FORM_CODE


def validate_hsb(form: HSB01B) -> tuple[Violation, ...]:
    """Every broken rule of the form, header first then rows in order (empty when valid)."""
    out: list[Violation] = []
    if not _UNIT.match(form.unit_code or ""):
        out.append(Violation(None, "unit_code", "unit_code.format", "3-12 capital letters/digits"))
    if not isinstance(form.batch, int) or not 1 <= form.batch <= 99:
        out.append(Violation(None, "batch", "batch.range", "the batch (đợt) is 1-99"))
    if not form.rows:
        out.append(Violation(None, "rows", "rows.empty", "the list has no rows"))
    seen: set[tuple[str, str, dt.date]] = set()
    for index, row in enumerate(form.rows, 1):
        _row(out, index, row)
        key = (row.si_code, str(row.regime), row.leave_from)
        if key in seen:
            out.append(
                Violation(index, "leave_from", "row.duplicate", "the same claim appears twice")
            )
        seen.add(key)
    return tuple(out)


def _row(out: list[Violation], index: int, row: HSBRow) -> None:
    def bad(field: str, rule: str, message: str) -> None:
        out.append(Violation(index, field, rule, message))

    try:
        parse_si_code(row.si_code)
    except InvalidIdentifier as exc:
        bad("si_code", "si_code.format", exc.reason)
    if not (row.full_name or "").strip():
        bad("full_name", "required", "the employee's name is required")
    try:
        rule = regime_rule(row.regime)
    except KeyError:
        bad("regime", "regime.unknown", f"one of {', '.join(r.value for r in HSBRegime)}")
        return
    if row.leave_to < row.leave_from:
        bad("leave_to", "dates.order", f"{row.leave_to} is before {row.leave_from}")
    span = (row.leave_to - row.leave_from).days + 1
    if not isinstance(row.days, int) or not 1 <= row.days <= max(span, 1):
        bad("days", "days.range", f"1 to {span} days (the period from {row.leave_from})")
    if "max_days" in rule and isinstance(row.days, int) and row.days > rule["max_days"]:
        bad("days", "days.max", f"at most {rule['max_days']} days of convalescence a year")
    if rule["certificate_required"] and not row.certificate_number:
        kinds = " or ".join(rule["certificates"])
        bad(
            "certificate_number",
            "certificate.required",
            f"this regime rests on a {kinds} certificate",
        )
    if row.certificate_number is not None and not _NUMBER.match(row.certificate_number):
        bad("certificate_number", "certificate.format", "1-50 letters, digits or . / _ -")
    if rule["benefit"] == "maternity":
        if row.child_birth_date is None:
            bad("child_birth_date", "required", "the child's birth date is required")
        if not 1 <= row.children <= 10:
            bad("children", "children.range", "1-10 children")


def check_hsb(form: HSB01B) -> None:
    """Raise :class:`DeclarationInvalid` listing every broken rule, if any."""
    found = validate_hsb(form)
    if found:
        raise DeclarationInvalid(FORM_CODE, found)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Month):
        return value.wire
    return str(value)


def hsb_to_xml(form: HSB01B) -> bytes:
    """The form's XML file (UTF-8, dates dd/MM/yyyy, period MM/yyyy), unsigned."""
    names = _data()["xml"]
    root = etree.Element(names["root"])
    header = etree.SubElement(root, names["header"])
    for attr, tag in names["header_fields"].items():
        etree.SubElement(header, tag).text = _text(getattr(form, attr))
    rows = etree.SubElement(root, names["rows"])
    for index, row in enumerate(form.rows, 1):
        node = etree.SubElement(rows, names["row"])
        etree.SubElement(node, "STT").text = str(index)
        for attr, tag in names["row_fields"].items():
            etree.SubElement(node, tag).text = _text(getattr(row, attr))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _date(text: str, where: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise MalformedDeclarationFile(where, f"not a dd/MM/yyyy date: {text!r}") from None


def _element_to_form(root: etree._Element) -> HSB01B:
    names = _data()["xml"]
    if root.tag != names["root"]:
        raise MalformedDeclarationFile("root", f"expected {names['root']}, got {root.tag}")
    header = root.find(names["header"])
    if header is None:
        raise MalformedDeclarationFile(names["header"], "missing")
    head = {
        attr: (header.findtext(tag) or "").strip() for attr, tag in names["header_fields"].items()
    }
    rows = []
    for index, node in enumerate(root.iterfind(f"{names['rows']}/{names['row']}"), 1):
        raw = {
            attr: (node.findtext(tag) or "").strip() for attr, tag in names["row_fields"].items()
        }
        where = f"rows[{index}]"
        try:
            rows.append(
                HSBRow(
                    si_code=raw["si_code"],
                    full_name=raw["full_name"],
                    regime=HSBRegime(raw["regime"]),
                    leave_from=_date(raw["leave_from"], f"{where}.leave_from"),
                    leave_to=_date(raw["leave_to"], f"{where}.leave_to"),
                    days=int(raw["days"]),
                    certificate_number=raw["certificate_number"] or None,
                    child_birth_date=_date(raw["child_birth_date"], f"{where}.child_birth_date")
                    if raw["child_birth_date"]
                    else None,
                    children=int(raw["children"] or 1),
                    account_number=raw["account_number"] or None,
                    bank=raw["bank"] or None,
                    note=raw["note"] or None,
                )
            )
        except ValueError as exc:
            raise MalformedDeclarationFile(where, str(exc)) from None
    try:
        return HSB01B(
            unit_code=head["unit_code"],
            unit_name=head["unit_name"],
            period=Month.parse(head["period"]),
            batch=int(head["batch"]),
            rows=tuple(rows),
        )
    except (ValueError, InvalidArgument) as exc:
        raise MalformedDeclarationFile(names["header"], str(exc)) from None


def hsb_from_xml(data: bytes) -> HSB01B:
    """Read a 01B-HSB file (signed or not; the signature is not checked here)."""
    return _element_to_form(parse_xml(data))


@attrs.frozen(slots=True)
class SignedSettlement:
    """A checked, signed 01B-HSB file, as ``client.declarations.submit_settlement`` sends it."""

    unit_code: str
    period: Month
    batch: int
    content: bytes = attrs.field(repr=lambda b: f"<{len(b):,} bytes>")

    @classmethod
    def prepare(cls, form: HSB01B, *, key: SigningKey) -> SignedSettlement:
        """Check the form (:class:`DeclarationInvalid` with every violation) and sign it."""
        from vssdk.declarations.signing import sign_xml

        check_hsb(form)
        return cls(form.unit_code, form.period, form.batch, sign_xml(hsb_to_xml(form), key))


def verify_hsb(data: bytes) -> tuple[HSB01B, x509.Certificate]:
    """Check the enveloped signature against the certificate the file carries (integrity; compare
    the certificate with the one registered for the unit yourself) and read the signed form."""
    from cryptography import x509 as _x509
    from signxml.algorithms import CanonicalizationMethod, DigestAlgorithm, SignatureMethod
    from signxml.exceptions import SignXMLException
    from signxml.verifier import SignatureConfiguration, XMLVerifier

    root = parse_xml(data)
    ns = "{http://www.w3.org/2000/09/xmldsig#}"
    node = root.find(f"{ns}Signature/{ns}KeyInfo/{ns}X509Data/{ns}X509Certificate")
    if node is None or not (node.text or "").strip():
        raise SignatureInvalid("the file is not signed (no enveloped signature with a certificate)")
    body = "".join((node.text or "").split())
    pem = f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
    try:
        cert = _x509.load_pem_x509_certificate(pem.encode("ascii"))
    except ValueError as exc:
        raise SignatureInvalid(f"the embedded certificate cannot be read: {exc}") from None
    config = SignatureConfiguration(
        require_x509=True,
        location="./",
        expect_references=1,
        signature_methods=frozenset({SignatureMethod.RSA_SHA256}),
        digest_algorithms=frozenset({DigestAlgorithm.SHA256}),
        default_reference_c14n_method=CanonicalizationMethod.CANONICAL_XML_1_0,
    )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        result = XMLVerifier().verify(root, x509_cert=cert, expect_config=config, parser=parser)
    except SignXMLException as exc:
        raise SignatureInvalid(str(exc) or type(exc).__name__) from None
    verified = result[0] if isinstance(result, list) else result
    if verified.signed_xml is None:
        raise SignatureInvalid("the signed content is not XML")
    return _element_to_form(verified.signed_xml), cert
