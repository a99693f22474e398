"""Claim tables to and from the gateway's XML, with a hardened parser.

Parsing never resolves entities, never touches the network, refuses any DOCTYPE (so no
entity-expansion bombs and no external entities) and keeps lxml's huge-tree limits on.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from vssdk.claims.errors import InvalidClaimXml
from vssdk.claims.standards import DEFAULT_STANDARD, TableSpec, standard
from vssdk.claims.tables import CheckIn, DrugLine, Row, ServiceLine, Summary

__all__ = ["ROW_TYPES", "parse_table", "parse_xml", "table_to_xml"]

ROW_TYPES: dict[str, type[Row]] = {
    "XML0": CheckIn,
    "XML1": Summary,
    "XML2": DrugLine,
    "XML3": ServiceLine,
}

_XML_DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_blank_text=True,
    )


def parse_xml(data: bytes, what: str) -> etree._Element:
    """Parse untrusted XML bytes safely; raises :class:`InvalidClaimXml` naming ``what``."""
    if not isinstance(data, bytes):
        raise InvalidClaimXml(what, "expected XML bytes")
    head = data[:2048].lstrip().upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        raise InvalidClaimXml(what, "DOCTYPE and entity declarations are not allowed")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InvalidClaimXml(what, f"not well-formed XML: {exc}") from None
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise InvalidClaimXml(what, "DOCTYPE is not allowed")
    return root


def table_to_xml(
    table: str,
    rows: Sequence[Row],
    *,
    standard_name: str = DEFAULT_STANDARD,
    signature_slot: bool = False,
) -> bytes:
    """Serialise rows of one table to a UTF-8 XML document, every column of the standard in
    order (empty columns as empty elements). Unknown ``extra`` columns raise.

    ``signature_slot`` appends an empty ``CHUKYDONVI`` to the root (files sent on their own,
    such as the XML0 check-in file)."""
    spec = standard(standard_name).table(table)
    expected = ROW_TYPES[table]
    if table == "XML1" and len(rows) != 1:
        raise InvalidClaimXml("XML1", "a dossier has exactly one summary row")
    root = etree.Element(spec.path[0])
    parent = root
    for name in spec.path[1:-1]:
        parent = etree.SubElement(parent, name)
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, expected):
            raise InvalidClaimXml(f"{table}[{index}]", f"expected {expected.__name__}")
        fields = row.to_fields()
        unknown = sorted(set(fields) - set(spec.fields))
        if unknown:
            raise InvalidClaimXml(
                f"{table}[{index}].{unknown[0]}", f"not a column of {table} in {standard_name}"
            )
        element = root if len(spec.path) == 1 else etree.SubElement(parent, spec.path[-1])
        for column in spec.fields:
            etree.SubElement(element, column).text = fields.get(column, "")
    if signature_slot:
        etree.SubElement(root, "CHUKYDONVI")
    body: bytes = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return _XML_DECL + body


def _rows(root: etree._Element, spec: TableSpec) -> list[etree._Element]:
    if root.tag != spec.path[0]:
        raise InvalidClaimXml(spec.name, f"root element must be {spec.path[0]}, got {root.tag}")
    if len(spec.path) == 1:
        return [root]
    nodes = [root]
    for name in spec.path[1:]:
        nodes = [child for node in nodes for child in node if child.tag == name]
    return nodes


def parse_table(table: str, data: bytes, *, standard_name: str = DEFAULT_STANDARD) -> list[Row]:
    """Parse one table document back into typed rows (hardened; errors name table and row)."""
    spec = standard(standard_name).table(table)
    root = parse_xml(data, table)
    out: list[Row] = []
    for index, node in enumerate(_rows(root, spec), start=1):
        fields: dict[str, str] = {}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag not in spec.fields:
                raise InvalidClaimXml(
                    f"{table}[{index}].{child.tag}", f"not a column of {table} in {standard_name}"
                )
            fields[child.tag] = child.text or ""
        out.append(ROW_TYPES[table].from_fields(fields, row=index))
    return out
