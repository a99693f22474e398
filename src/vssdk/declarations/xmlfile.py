"""The form file: model ↔ XML in the layout BHXH receives, and hardened parsing.

One file per form, as the portal stores them. The root is
``<ToKhai maToKhai="D02-LT" maThuTuc="600">``;
an enveloped XMLDSig ``<Signature>`` may follow as the root's last child and is ignored here (see
:mod:`vssdk.declarations.signing`). Parsing refuses DTDs and entities, never touches the network,
and limits size and depth; every structural problem raises
:class:`~vssdk.declarations.MalformedDeclarationFile` naming the element.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from vssdk.declarations import _layout as lay
from vssdk.declarations.errors import MalformedDeclarationFile, UnsafeXml
from vssdk.declarations.forms import (
    D02LT,
    D03TS,
    D05TS,
    TK1TS,
    TK3TS,
    D02Row,
    D03Row,
    D05Row,
    Employer,
    ETransactionRegistration,
    Form,
    HouseholdMember,
)
from vssdk.errors import InvalidArgument

__all__ = ["DEFAULT_MAX_BYTES", "LAYOUT_VERSION", "form_from_xml", "form_to_xml", "parse_xml"]

LAYOUT_VERSION = "1"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_DSIG = "{http://www.w3.org/2000/09/xmldsig#}Signature"
_MAX_DEPTH = 32


# --- writing ----------------------------------------------------------------------------------


def form_to_element(form: Form) -> etree._Element:
    """The form as an lxml element tree (root ``ToKhai``)."""
    root = etree.Element("ToKhai")
    root.set("maToKhai", form.form_code)
    root.set("maThuTuc", form.procedure_code)
    root.set("phienBan", LAYOUT_VERSION)
    if isinstance(form, D02LT | D03TS | D05TS):
        _fields(etree.SubElement(root, "DonVi"), form.employer, lay.EMPLOYER, "DonVi")
        _text(etree.SubElement(root, "kyKeKhai"), form.period.wire, "kyKeKhai")
        if isinstance(form, D02LT):
            _text(etree.SubElement(root, "dot"), str(form.batch), "dot")
        spec, tag = _ROWS[type(form)]
        rows = etree.SubElement(root, "DanhSach")
        for index, row in enumerate(form.rows, start=1):
            item = etree.SubElement(rows, tag, stt=str(index))
            _fields(item, row, spec, f"DanhSach/{tag}[{index}]")
    elif isinstance(form, TK1TS):
        _fields(etree.SubElement(root, "NguoiThamGia"), form, lay.TK1, "NguoiThamGia")
        members = etree.SubElement(root, "listThanhVien")
        for index, member in enumerate(form.members, start=1):
            item = etree.SubElement(members, "ThanhVien", stt=str(index))
            _fields(item, member, lay.MEMBER, f"listThanhVien/ThanhVien[{index}]")
    elif isinstance(form, TK3TS):
        _fields(etree.SubElement(root, "DonViThamGia"), form, lay.TK3, "DonViThamGia")
    elif isinstance(form, ETransactionRegistration):
        _fields(etree.SubElement(root, "DangKy"), form, lay.REGISTRATION, "DangKy")
    else:
        raise InvalidArgument("form", f"not a declaration form: {type(form).__name__}")
    return root


def form_to_xml(form: Form) -> bytes:
    """The form as UTF-8 XML bytes with an XML declaration (unsigned)."""
    return bytes(etree.tostring(form_to_element(form), xml_declaration=True, encoding="UTF-8"))


def _fields(parent: etree._Element, obj: object, spec: Sequence[lay.FieldSpec], path: str) -> None:
    for field in spec:
        value = getattr(obj, field.attr)
        if value is None:
            continue
        child = etree.SubElement(parent, field.element)
        _text(child, field.codec.dump(value), f"{path}/{field.element}")


def _text(element: etree._Element, text: str, path: str) -> None:
    try:
        element.text = text
    except ValueError:
        raise InvalidArgument(path, "contains characters XML cannot carry") from None


# --- reading ----------------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )


def parse_xml(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse untrusted XML safely: no DTD, no entities, no network, bounded size and depth."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise UnsafeXml(f"expected bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise UnsafeXml(f"{len(data):,} bytes exceeds the limit of {max_bytes:,}")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnsafeXml("DTDs and entity declarations are not accepted")
    try:
        root = etree.fromstring(bytes(data), parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXml(f"not well-formed XML: {exc}") from None
    if getattr(root.getroottree().docinfo, "doctype", ""):
        raise UnsafeXml("DTDs are not accepted")
    _check_depth(root)
    return root


def _check_depth(root: etree._Element) -> None:
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > _MAX_DEPTH:
            raise UnsafeXml(f"nesting deeper than {_MAX_DEPTH} levels")
        stack.extend((child, depth + 1) for child in element)


def form_from_xml(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Form:
    """Parse a form file (signed or not) back into its model; the signature is not checked."""
    return form_from_element(parse_xml(data, max_bytes=max_bytes))


def form_from_element(root: etree._Element) -> Form:
    """Build the model from a parsed ``ToKhai`` element (an enveloped signature is skipped)."""
    if root.tag != "ToKhai":
        raise MalformedDeclarationFile(str(root.tag), "the root element must be ToKhai")
    code = root.get("maToKhai")
    children = {c.tag: c for c in root if c.tag != _DSIG and isinstance(c.tag, str)}
    if code in ("D02-LT", "D03-TS", "D05-TS"):
        return _list_form(code, root, children)
    if code == "TK1-TS":
        _only(root, children, {"NguoiThamGia", "listThanhVien"}, "ToKhai")
        values = _read(_need(children, "NguoiThamGia", "ToKhai"), lay.TK1, "NguoiThamGia")
        members = _rows(children.get("listThanhVien"), "ThanhVien", lay.MEMBER, "listThanhVien")
        tk1: TK1TS = _build(
            TK1TS,
            "NguoiThamGia",
            **values,
            members=tuple(_build(HouseholdMember, p, **m) for p, m in members),
        )
        return tk1
    if code == "TK3-TS":
        _only(root, children, {"DonViThamGia"}, "ToKhai")
        values = _read(_need(children, "DonViThamGia", "ToKhai"), lay.TK3, "DonViThamGia")
        tk3: TK3TS = _build(TK3TS, "DonViThamGia", **values)
        return tk3
    if code == "DK-GD":
        _only(root, children, {"DangKy"}, "ToKhai")
        values = _read(_need(children, "DangKy", "ToKhai"), lay.REGISTRATION, "DangKy")
        registration: ETransactionRegistration = _build(
            ETransactionRegistration, "DangKy", **values
        )
        return registration
    raise MalformedDeclarationFile("ToKhai/@maToKhai", f"unknown form code {code!r}")


_ROWS: dict[type, tuple[tuple[lay.FieldSpec, ...], str]] = {
    D02LT: (lay.D02_ROW, "NguoiLaoDong"),
    D03TS: (lay.D03_ROW, "NguoiThamGia"),
    D05TS: (lay.D05_ROW, "NguoiThamGia"),
}
_ROW_MODEL: dict[str, tuple[type, type]] = {
    "D02-LT": (D02LT, D02Row),
    "D03-TS": (D03TS, D03Row),
    "D05-TS": (D05TS, D05Row),
}


def _list_form(code: str, root: etree._Element, children: dict[str, etree._Element]) -> Form:
    form_cls, row_cls = _ROW_MODEL[code]
    spec, tag = _ROWS[form_cls]
    allowed = {"DonVi", "kyKeKhai", "DanhSach"} | ({"dot"} if form_cls is D02LT else set())
    _only(root, children, allowed, "ToKhai")
    employer = _build(Employer, "DonVi", **_read(_need(children, "DonVi", "ToKhai"), lay.EMPLOYER))
    period = _load(lay.MONTH, _need(children, "kyKeKhai", "ToKhai"), "kyKeKhai")
    rows = tuple(_build(row_cls, p, **v) for p, v in _rows(children.get("DanhSach"), tag, spec))
    extra: dict[str, Any] = {}
    if form_cls is D02LT:
        extra["batch"] = _load(lay.INT, _need(children, "dot", "ToKhai"), "dot")
    built: Form = _build(form_cls, "ToKhai", employer=employer, period=period, rows=rows, **extra)
    return built


def _rows(
    parent: etree._Element | None, tag: str, spec: Sequence[lay.FieldSpec], where: str = "DanhSach"
) -> list[tuple[str, dict[str, Any]]]:
    if parent is None:
        return []
    out: list[tuple[str, dict[str, Any]]] = []
    for index, item in enumerate(parent, start=1):
        path = f"{where}/{tag}[{index}]"
        if item.tag != tag:
            raise MalformedDeclarationFile(path, f"expected <{tag}>, got <{item.tag}>")
        if item.get("stt") != str(index):
            raise MalformedDeclarationFile(f"{path}/@stt", f"row number must be {index}")
        out.append((path, _read(item, spec, path)))
    return out


def _read(
    element: etree._Element, spec: Sequence[lay.FieldSpec], path: str = "DonVi"
) -> dict[str, Any]:
    by_name = {field.element: field for field in spec}
    values: dict[str, Any] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments
        field = by_name.get(child.tag)
        if field is None:
            raise MalformedDeclarationFile(f"{path}/{child.tag}", "unknown element")
        if field.attr in values:
            raise MalformedDeclarationFile(f"{path}/{child.tag}", "element appears twice")
        if len(child):
            raise MalformedDeclarationFile(f"{path}/{child.tag}", "must contain text only")
        values[field.attr] = _load(field.codec, child, f"{path}/{child.tag}")
    for field in spec:
        if field.required and field.attr not in values:
            raise MalformedDeclarationFile(f"{path}/{field.element}", "required element missing")
    return values


def _load(codec: lay.Codec, element: etree._Element, path: str) -> Any:
    try:
        return codec.load(element.text or "")
    except InvalidArgument as exc:
        raise MalformedDeclarationFile(path, exc.reason) from None


def _need(children: dict[str, etree._Element], tag: str, path: str) -> etree._Element:
    found = children.get(tag)
    if found is None:
        raise MalformedDeclarationFile(f"{path}/{tag}", "required element missing")
    return found


def _only(
    root: etree._Element, children: dict[str, etree._Element], allowed: set[str], path: str
) -> None:
    seen: set[str] = set()
    for child in root:
        if not isinstance(child.tag, str) or child.tag == _DSIG:
            continue
        if child.tag not in allowed:
            raise MalformedDeclarationFile(f"{path}/{child.tag}", "unknown element")
        if child.tag in seen:
            raise MalformedDeclarationFile(f"{path}/{child.tag}", "element appears twice")
        seen.add(child.tag)


def _build(cls: Any, path: str, **values: Any) -> Any:
    try:
        return cls(**values)
    except InvalidArgument as exc:
        raise MalformedDeclarationFile(f"{path}/{exc.argument}", exc.reason) from None
