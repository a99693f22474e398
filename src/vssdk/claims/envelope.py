"""The ``GIAMDINHHS`` envelope: base64 tables inside an XML file that is base64-encoded again.

``build_envelope`` → XML bytes; ``encode_file`` → the ``fileHSBase64`` form value. The reverse
functions refuse a table or file that was base64-encoded twice (a common integration bug).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Sequence

import attrs
from lxml import etree

from vssdk.cards import parse_facility_code
from vssdk.claims.errors import InvalidClaimXml
from vssdk.claims.xml import parse_xml

__all__ = [
    "Envelope",
    "build_envelope",
    "decode_file",
    "encode_file",
    "parse_envelope",
]

_XML_DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'


@attrs.frozen(slots=True)
class Envelope:
    """A decoded envelope: facility, creation date and the tables (type → XML bytes), in order."""

    facility_code: str
    created: dt.date
    files: tuple[tuple[str, bytes], ...]
    signature: bytes = b""

    def table(self, name: str) -> bytes | None:
        """The XML of one table (``XML1`` …), or ``None``."""
        for kind, data in self.files:
            if kind == name:
                return data
        return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    cleaned = "".join(text.split())
    try:
        return base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidClaimXml(what, "is not valid base64") from None


def _looks_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def build_envelope(
    facility_code: str, files: Sequence[tuple[str, bytes]], *, created: dt.date
) -> bytes:
    """The ``GIAMDINHHS`` XML for one dossier: each table base64-encoded into ``NOIDUNGFILE``.

    ``CHUKYDONVI`` is left empty (signing is a separate step).
    """
    facility = parse_facility_code(facility_code).canonical
    if not files:
        raise InvalidClaimXml("DANHSACHHOSO", "a dossier needs at least one table")
    root = etree.Element("GIAMDINHHS")
    unit = etree.SubElement(root, "THONGTINDONVI")
    etree.SubElement(unit, "MACSKCB").text = facility
    info = etree.SubElement(root, "THONGTINHOSO")
    etree.SubElement(info, "NGAYLAP").text = created.strftime("%Y%m%d")
    etree.SubElement(info, "SOLUONGHOSO").text = "1"
    dossier = etree.SubElement(etree.SubElement(info, "DANHSACHHOSO"), "HOSO")
    for kind, data in files:
        if not _looks_xml(data):
            raise InvalidClaimXml(kind, "table content must be the XML document, not base64")
        entry = etree.SubElement(dossier, "FILEHOSO")
        etree.SubElement(entry, "LOAIHOSO").text = kind
        etree.SubElement(entry, "NOIDUNGFILE").text = _b64(data)
    etree.SubElement(root, "CHUKYDONVI")
    body: bytes = etree.tostring(root, encoding="utf-8")
    return _XML_DECL + body


def encode_file(envelope: bytes) -> str:
    """``fileHSBase64``: the envelope XML bytes, base64-encoded once."""
    if not _looks_xml(envelope):
        raise InvalidClaimXml("fileHSBase64", "give the envelope XML, not already-encoded text")
    return _b64(envelope)


def decode_file(file_b64: str) -> bytes:
    """The envelope XML from ``fileHSBase64``; refuses double base64."""
    data = _unb64(file_b64, "fileHSBase64")
    if not _looks_xml(data):
        raise InvalidClaimXml("fileHSBase64", "decoded content is not XML (base64-encoded twice?)")
    return data


def _text(node: etree._Element, path: str, what: str) -> str:
    found = node.find(path)
    if found is None or not (found.text or "").strip():
        raise InvalidClaimXml(what, f"{path} is missing")
    return (found.text or "").strip()


def parse_envelope(data: bytes) -> Envelope:
    """Parse a ``GIAMDINHHS`` XML (hardened) and decode each table."""
    root = parse_xml(data, "GIAMDINHHS")
    if root.tag != "GIAMDINHHS":
        raise InvalidClaimXml("GIAMDINHHS", f"root element must be GIAMDINHHS, got {root.tag}")
    facility = _text(root, "THONGTINDONVI/MACSKCB", "MACSKCB")
    created_text = _text(root, "THONGTINHOSO/NGAYLAP", "NGAYLAP")
    try:
        created = dt.datetime.strptime(created_text, "%Y%m%d").date()
    except ValueError:
        raise InvalidClaimXml("NGAYLAP", f"{created_text!r} is not yyyyMMdd") from None
    files: list[tuple[str, bytes]] = []
    for index, entry in enumerate(root.iterfind("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO"), 1):
        kind = _text(entry, "LOAIHOSO", f"FILEHOSO[{index}].LOAIHOSO")
        content = _unb64(_text(entry, "NOIDUNGFILE", f"{kind}.NOIDUNGFILE"), f"{kind}.NOIDUNGFILE")
        if not _looks_xml(content):
            raise InvalidClaimXml(
                f"{kind}.NOIDUNGFILE", "decoded content is not XML (base64-encoded twice?)"
            )
        files.append((kind, content))
    if not files:
        raise InvalidClaimXml("DANHSACHHOSO", "no FILEHOSO in the envelope")
    count = root.findtext("THONGTINHOSO/SOLUONGHOSO")
    if count is not None and count.strip() not in ("", "1"):
        raise InvalidClaimXml("SOLUONGHOSO", "one dossier (one MA_LK) per file")
    signature = root.find("CHUKYDONVI")
    sig = b"" if signature is None or len(signature) == 0 else etree.tostring(signature[0])
    return Envelope(facility_code=facility, created=created, files=tuple(files), signature=sig)
