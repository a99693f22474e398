"""Claim tables to and from the gateway's XML, with a hardened, liberal parser.

Parsing never resolves entities, never touches the network, refuses any DOCTYPE (so no
entity-expansion bombs and no external entities) and keeps lxml's huge-tree limits on. It is
liberal where real HIS exports are: a UTF-8 BOM, CRLF line ends, a missing XML declaration and a
malformed namespace URI (``xmlns:xsi="http://www.w3.org/2001/XMLSchema instance"``, found in
most real exports; libxml2 only warns about it) are read. Anything else that is not well-formed
XML is refused as :class:`InvalidClaimXml` naming the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from vssdk.claims.errors import InvalidClaimXml
from vssdk.claims.standards import DEFAULT_STANDARD, TableSpec, standard
from vssdk.claims.tables import CheckIn, DrugLine, Row, ServiceLine, Summary, TableRow
from vssdk.errors import InvalidArgument

__all__ = ["ROW_TYPES", "SIGNATURE", "parse_table", "parse_xml", "table_to_xml"]

ROW_TYPES: dict[str, type[Row]] = {
    "XML0": CheckIn,
    "XML1": Summary,
    "XML2": DrugLine,
    "XML3": ServiceLine,
}

SIGNATURE = "CHUKYDONVI"
_XML_DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'
# libxml2 reports a namespace name that is not a valid URI as this warning (kept at ERROR level
# by lxml); the document is still well-formed XML 1.0.
_TOLERATED = frozenset({("NAMESPACE", "WAR_NS_URI"), ("NAMESPACE", "WAR_NS_URI_RELATIVE")})


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_blank_text=True,
        recover=True,
    )


def parse_xml(data: bytes, what: str) -> etree._Element:
    """Parse untrusted XML bytes safely; raises :class:`InvalidClaimXml` naming ``what``."""
    if not isinstance(data, bytes):
        raise InvalidClaimXml(what, "expected XML bytes")
    if b"<!DOCTYPE" in data[:2048].upper() or b"<!ENTITY" in data.upper():
        raise InvalidClaimXml(what, "DOCTYPE and entity declarations are not allowed")
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidClaimXml(what, f"not well-formed XML: {exc}") from None
    fatal = [e for e in parser.error_log if (e.domain_name, e.type_name) not in _TOLERATED]
    if root is None or fatal:
        detail = fatal[0].message if fatal else "no root element"
        line = f" (line {fatal[0].line})" if fatal else ""
        raise InvalidClaimXml(what, f"not well-formed XML: {detail}{line}")
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise InvalidClaimXml(what, "DOCTYPE is not allowed")
    return root


def _columns(table: str, spec: TableSpec, row: Row | TableRow, index: int) -> list[tuple[str, str]]:
    fields = row.to_fields()
    if isinstance(row, Row):
        typed = type(row).typed_fields()
        for name in typed:
            if name not in spec.fields and fields.get(name, "") != "":
                raise InvalidClaimXml(
                    f"{table}[{index}].{name}", f"not a column of {table} in this standard"
                )
        extras = [n for n in fields if n not in spec.fields and n not in typed]
    else:
        extras = [n for n in fields if n not in spec.fields]
    return [(c, fields.get(c, "")) for c in spec.fields] + [(c, fields[c]) for c in extras]


def table_to_xml(
    table: str,
    rows: Sequence[Row | TableRow],
    *,
    standard_name: str = DEFAULT_STANDARD,
    signature_slot: bool = False,
) -> bytes:
    """Serialise rows of one table to a UTF-8 XML document: every column of the standard in
    order (empty columns as empty elements), then any column the standard does not list, in the
    row's order (kept, never dropped).

    ``signature_slot`` appends an empty ``CHUKYDONVI`` to the root (files sent on their own,
    such as the XML0 check-in file)."""
    spec = standard(standard_name).table(table)
    expected = ROW_TYPES.get(table)
    if table == "XML1" and len(rows) != 1:
        raise InvalidClaimXml("XML1", "a dossier has exactly one summary row")
    if len(spec.path) == 1 and len(rows) != 1:
        raise InvalidClaimXml(table, f"{table} holds exactly one record ({spec.path[0]})")
    root = etree.Element(spec.path[0])
    parent = root
    for name in spec.path[1:-1]:
        parent = etree.SubElement(parent, name)
    for index, row in enumerate(rows, start=1):
        if isinstance(row, TableRow):
            if row.table != table:
                raise InvalidClaimXml(f"{table}[{index}]", f"is a row of {row.table}")
        elif expected is None or not isinstance(row, expected):
            what = expected.__name__ if expected else "TableRow"
            raise InvalidClaimXml(f"{table}[{index}]", f"expected {what}")
        element = root if len(spec.path) == 1 else etree.SubElement(parent, spec.path[-1])
        for column, text in _columns(table, spec, row, index):
            etree.SubElement(element, column).text = text
    if signature_slot:
        etree.SubElement(root, SIGNATURE)
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


def _texts(node: etree._Element) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for child in node:
        if not isinstance(child.tag, str) or child.tag == SIGNATURE:
            continue
        out.append((etree.QName(child).localname, child.text or ""))
    return out


def parse_table(
    table: str, data: bytes, *, standard_name: str = DEFAULT_STANDARD, typed: bool = True
) -> list[Row] | list[TableRow]:
    """Parse one table document (hardened). XML0–XML3 give typed rows (unless ``typed`` is
    false), other tables :class:`TableRow`. Columns the standard does not list are kept in the
    row. Every failure is :class:`InvalidClaimXml` naming table, row and field."""
    spec = standard(standard_name).table(table)
    if not spec.known:
        raise InvalidClaimXml(table, f"no field list of {table} is shipped for {standard_name}")
    root = parse_xml(data, table)
    nodes = _rows(root, spec)
    row_type = ROW_TYPES.get(table) if typed else None
    generic: list[TableRow] = []
    out: list[Row] = []
    for index, node in enumerate(nodes, start=1):
        fields: dict[str, str] = {}
        for name, text in _texts(node):
            if name in fields:
                raise InvalidClaimXml(f"{table}[{index}].{name}", "column given twice")
            fields[name] = text
        if row_type is None:
            generic.append(TableRow(table, fields))
            continue
        typed_names = row_type.typed_fields()
        fields = {
            n: t for n, t in fields.items() if t != "" or n in typed_names or n not in spec.fields
        }
        try:
            out.append(row_type.from_fields(fields, row=index))
        except InvalidClaimXml:
            raise
        except InvalidArgument as exc:
            raise InvalidClaimXml(exc.argument, exc.reason) from None
    return out if row_type is not None else generic
