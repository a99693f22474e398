"""Certificates to and from the gateway's XML, and the envelope they travel in (PL02, 2025).

``HSCHUNGTU`` (``GuiHoSoChungTu2025``, loaiHs 39) lists files: each certificate's own XML
document, base64-encoded into a ``FILEHOSO`` with its ``LOAIHOSO`` (CT03, CT06, CT07 ...).
``HSDLGCS`` / ``HSDLGBT`` (``guiGiayToDienTu``, 61 / 60) hold one ``GIAYCHUNGSINH`` /
``GIAYBAOTU`` element directly under the root. Every envelope ends with ``CHUKYDONVI`` (the
facility's signature) and is base64-encoded again into the form's ``fileBase64Str``. Dates are
``yyyyMMdd`` (or 12 / 14 digits where the form says so), sex ``1``/``2``/``3``, flags ``1``/``0``.
Parsing refuses DOCTYPE and entities and never touches the network.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
from lxml import etree

from vssdk._core.model import decode_value, to_builtins
from vssdk.medical.errors import InvalidMedicalXml
from vssdk.medical.fields import DocumentSpec, document_spec, envelope_layout, spec_for_form
from vssdk.medical.models import MedicalDocumentSubmission

if TYPE_CHECKING:
    from vssdk.declarations.signing import SigningKey

__all__ = [
    "Envelope",
    "EnvelopeFile",
    "decode_envelope",
    "document_from_xml",
    "document_to_xml",
    "envelope_to_base64",
    "envelope_to_xml",
]

_DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'
_SEX_TO_WIRE = {"male": "1", "female": "2", "unknown": "3"}
_SEX_FROM_WIRE = {v: k for k, v in _SEX_TO_WIRE.items()}


def _get(doc: dict[str, Any], path: str) -> Any:
    node: Any = doc
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        doc = doc.setdefault(part, {})
    doc[parts[-1]] = value


_DAY_SUFFIX = {"date": "", "datetime12": "0000", "datetime14": "000000"}


def _to_wire(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if fmt in _DAY_SUFFIX:
        return dt.date.fromisoformat(str(value)).strftime("%Y%m%d") + _DAY_SUFFIX[fmt]
    if fmt == "bool":
        return "1" if value else "0"
    if fmt == "sex":
        return _SEX_TO_WIRE.get(str(value), "3")
    return str(value)


def _from_wire(text: str, fmt: str, where: str) -> Any:
    try:
        if fmt in _DAY_SUFFIX:
            return dt.datetime.strptime(text[:8], "%Y%m%d").date().isoformat()
        if fmt == "int":
            return int(text)
        if fmt == "bool":
            return text.strip() in ("1", "true", "True")
        if fmt == "sex":
            return _SEX_FROM_WIRE.get(text.strip(), "unknown")
    except ValueError:
        raise InvalidMedicalXml(where, f"cannot read {text!r} as {fmt}") from None
    return text


def _element(document: MedicalDocumentSubmission, facility_code: str) -> etree._Element:
    spec = document_spec(document.type)
    doc = to_builtins(document)
    root = etree.Element(spec.path[0])
    parent = root
    for tag in spec.path[1:]:
        parent = etree.SubElement(parent, tag)
    for field in spec.fields:
        if field.source == "$facility":
            text = facility_code
        elif field.source.startswith("$"):
            text = ""
        else:
            text = _to_wire(_get(doc, field.source), field.format)
        etree.SubElement(parent, field.tag).text = text
    return root


def document_to_xml(document: MedicalDocumentSubmission, *, facility_code: str = "") -> bytes:
    """The certificate's own XML document (UTF-8), elements in the form's order."""
    return _DECL + etree.tostring(_element(document, facility_code), encoding="utf-8")


def _parse(data: bytes, what: str) -> etree._Element:
    if not isinstance(data, bytes) or b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise InvalidMedicalXml(what, "XML bytes without DOCTYPE or entity declarations")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf"), parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidMedicalXml(what, f"not well-formed XML: {exc}") from None
    if root is None:
        raise InvalidMedicalXml(what, "no root element")
    return root


def document_from_xml(kind: str, data: bytes) -> MedicalDocumentSubmission:
    """Read a certificate's XML document of ``kind``; unknown elements are ignored."""
    spec = document_spec(kind)
    return decode_value(document_builtins(spec, data), MedicalDocumentSubmission)


def document_builtins(spec: DocumentSpec, data: bytes) -> dict[str, Any]:
    """The certificate as the JSON a REST client would send (for checks before decoding)."""
    root = _parse(data, spec.form)
    if root.tag != spec.path[0]:
        raise InvalidMedicalXml(spec.form, f"root is {root.tag}, expected {spec.path[0]}")
    row = root
    for tag in spec.path[1:]:
        found = row.find(tag)
        if found is None:
            raise InvalidMedicalXml(spec.form, f"{tag} is missing under {row.tag}")
        row = found
    doc: dict[str, Any] = {"type": spec.type}
    for path, value in spec.implied:
        _set(doc, path, value)
    for field in spec.fields:
        node = row.find(field.tag)
        text = (node.text or "").strip() if node is not None else ""
        if text and not field.source.startswith("$") and _get(doc, field.source) is None:
            _set(doc, field.source, _from_wire(text, field.format, f"{spec.form}.{field.tag}"))
    for days, first, last in spec.derived:
        start, end = _get(doc, first), _get(doc, last)
        if _get(doc, days) is None and start and end:
            span = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
            _set(doc, days, span)
    return doc


@attrs.frozen(slots=True)
class EnvelopeFile:
    """One ``FILEHOSO``: the form code (``LOAIHOSO``) and the document's XML bytes."""

    form: str
    content: bytes = attrs.field(repr=lambda b: f"<{len(b):,} bytes>")


@attrs.frozen(slots=True)
class Envelope:
    """A decoded upload: its root, the facility, the creation date and the files."""

    root: str
    facility_code: str
    created: str
    files: tuple[EnvelopeFile, ...]

    def documents(self) -> list[tuple[DocumentSpec, bytes]]:
        """Each file with the kind it holds; an unknown form code is an error naming it."""
        out = []
        for index, item in enumerate(self.files):
            spec = spec_for_form(self.root, item.form)
            if spec is None:
                raise InvalidMedicalXml(
                    f"FILEHOSO[{index}].LOAIHOSO", f"{item.form!r} is not sent in {self.root}"
                )
            out.append((spec, item.content))
        return out


def _id(documents: Sequence[MedicalDocumentSubmission], facility_code: str) -> str:
    """A stable ``Id`` (the signature refers to it): the same upload gets the same id."""
    key = "|".join([facility_code, *(f"{d.type}:{d.document_number}" for d in documents)])
    return f"Id-{uuid.uuid5(uuid.NAMESPACE_URL, 'vssdk:medical:' + key)}"


def envelope_to_xml(
    facility_code: str, documents: Sequence[MedicalDocumentSubmission], created: dt.date
) -> bytes:
    """The envelope for ``documents`` (all of one upload kind), with an empty CHUKYDONVI to be
    signed by the facility. ``HSDLGCS``/``HSDLGBT`` carry exactly one certificate."""
    if not documents:
        raise InvalidMedicalXml("documents", "give at least one certificate")
    specs = [document_spec(d.type) for d in documents]
    roots = {s.envelope for s in specs}
    if len(roots) != 1:
        raise InvalidMedicalXml("documents", f"certificates of different uploads: {sorted(roots)}")
    root = etree.Element(specs[0].envelope)
    if specs[0].layout == "flat":
        if len(documents) != 1:
            raise InvalidMedicalXml("documents", f"{specs[0].envelope} carries one certificate")
        inner = _element(documents[0], facility_code)
        inner.set("Id", _id(documents, facility_code))
        root.append(inner)
    else:
        unit = etree.SubElement(root, "THONGTINDONVI")
        etree.SubElement(unit, "MACSKCB").text = facility_code
        info = etree.SubElement(root, "THONGTINHOSO", Id=_id(documents, facility_code))
        etree.SubElement(info, "NGAYLAP").text = created.strftime("%Y%m%d")
        etree.SubElement(info, "SOLUONGHOSO").text = str(len(documents))
        listing = etree.SubElement(info, "DANHSACHHOSO")
        for spec, document in zip(specs, documents, strict=True):
            item = etree.SubElement(etree.SubElement(listing, "HOSO"), "FILEHOSO")
            etree.SubElement(item, "LOAIHOSO").text = spec.form
            content = document_to_xml(document, facility_code=facility_code)
            etree.SubElement(item, "NOIDUNGFILE").text = base64.b64encode(content).decode("ascii")
    etree.SubElement(root, "CHUKYDONVI")
    return _DECL + etree.tostring(root, encoding="utf-8")


def envelope_to_base64(
    facility_code: str,
    documents: Sequence[MedicalDocumentSubmission],
    created: dt.date,
    *,
    key: SigningKey | None = None,
) -> str:
    """``fileBase64Str``: the envelope, signed in ``CHUKYDONVI`` when ``key`` is given, base64."""
    data = envelope_to_xml(facility_code, documents, created)
    if key is not None:
        from vssdk.medical.signing import sign_envelope  # loads signxml only when signing

        data = sign_envelope(data, key)
    return base64.b64encode(data).decode("ascii")


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidMedicalXml(what, "not valid base64") from None


def decode_envelope(file_base64: str) -> Envelope:
    """Read ``fileBase64Str``: the envelope and its certificates (each as XML bytes)."""
    root = _parse(_b64(file_base64, "fileBase64Str"), "fileBase64Str")
    layout = envelope_layout(str(root.tag))
    if layout is None:
        raise InvalidMedicalXml("fileBase64Str", f"unknown envelope root {root.tag}")
    if layout == "flat":  # HSDLGCS / HSDLGBT: one element under the root
        inner = [c for c in root if isinstance(c.tag, str) and c.tag != "CHUKYDONVI"]
        if len(inner) != 1:
            raise InvalidMedicalXml(str(root.tag), "expected exactly one certificate element")
        facility = inner[0].findtext("MACSKCB") or root.findtext("THONGTINDONVI/MACSKCB") or ""
        content = etree.tostring(inner[0], encoding="utf-8")
        return Envelope(
            str(root.tag), facility.strip(), "", (EnvelopeFile(str(inner[0].tag), content),)
        )
    facility = root.findtext("THONGTINDONVI/MACSKCB") or ""
    created = root.findtext("THONGTINHOSO/NGAYLAP") or ""
    files = []
    for index, node in enumerate(root.iterfind("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO")):
        form = (node.findtext("LOAIHOSO") or "").strip()
        content = _b64(node.findtext("NOIDUNGFILE") or "", f"FILEHOSO[{index}].NOIDUNGFILE")
        files.append(EnvelopeFile(form, content))
    if not files:
        raise InvalidMedicalXml("DANHSACHHOSO", "the envelope holds no FILEHOSO")
    return Envelope(str(root.tag), facility.strip(), created.strip(), tuple(files))
