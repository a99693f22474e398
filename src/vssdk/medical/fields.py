"""The certificates' field lists, read from ``data/documents.json`` (one edit corrects a name)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import attrs

__all__ = [
    "DocumentSpec",
    "FieldSpec",
    "document_spec",
    "envelope_layout",
    "envelope_of",
    "licence_classes",
    "licence_health_group",
    "limits",
    "spec_for_form",
]


@attrs.frozen(slots=True)
class FieldSpec:
    """One XML element: its ``tag``, the dotted path it reads in the submission (``$empty``: an
    element of the form vssdk does not model, written empty; ``$facility``: the facility code),
    its format (``text``, ``date`` yyyyMMdd, ``datetime12`` yyyyMMddHHmm, ``datetime14``
    yyyyMMddHHmmss, ``int``, ``bool`` 1/0, ``sex`` 1/2/3) and whether it is required.
    ``chosen`` marks a mapping vssdk chose where the public text gives only the name."""

    tag: str
    source: str
    format: str = "text"
    required: bool = False
    chosen: bool = False


@attrs.frozen(slots=True)
class DocumentSpec:
    """A certificate kind: its form code, envelope root, row path and fields, in order."""

    type: str
    title_vi: str
    form: str
    table: str
    envelope: str
    path: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    loai_hs: str
    endpoint: str
    implied: tuple[tuple[str, str], ...] = ()
    """Values the form implies without an element (the mother of a birth is female)."""
    derived: tuple[tuple[str, str, str], ...] = ()
    """(days field, first day, last day): day counts the form carries only as a span."""
    layout: str = "list"
    """``list``: base64 files in DANHSACHHOSO (HSCHUNGTU); ``flat``: one element under the root."""


@cache
def _data() -> dict[str, Any]:
    text = resources.files("vssdk.medical").joinpath("data", "documents.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def document_spec(kind: str) -> DocumentSpec:
    """The spec of one certificate kind (``sick_leave``, ``birth`` ...)."""
    raw = _data()["documents"][str(kind)]
    envelope = _data()["envelopes"][raw["envelope"]]
    return DocumentSpec(
        type=str(kind),
        title_vi=raw["title_vi"],
        form=raw["form"],
        table=raw["table"],
        envelope=raw["envelope"],
        path=tuple(raw["path"]),
        fields=tuple(
            FieldSpec(
                tag=f["tag"],
                source=f["from"],
                format=f.get("format", "text"),
                required=bool(f.get("required", False)),
                chosen=bool(f.get("chosen", False)),
            )
            for f in raw["fields"]
        ),
        loai_hs=envelope["loai_hs"],
        endpoint=envelope["endpoint"],
        implied=tuple(sorted(raw.get("implied", {}).items())),
        derived=tuple((k, v[0], v[1]) for k, v in sorted(raw.get("derived", {}).items())),
        layout=envelope.get("layout", "list"),
    )


def spec_for_form(envelope: str, form: str) -> DocumentSpec | None:
    """The kind sent as ``LOAIHOSO`` ``form`` inside envelope root ``envelope``, if any."""
    for kind in _data()["documents"]:
        spec = document_spec(kind)
        if spec.envelope == envelope and form in (spec.form, spec.table, spec.path[0]):
            return spec
    return None


def envelope_of(loai_hs: str) -> str | None:
    """The envelope root expected for a ``loaiHs`` code (``61`` → ``HSDLGCS``)."""
    for root, entry in _data()["envelopes"].items():
        if entry["loai_hs"] == loai_hs:
            return str(root)
    return None


def limits() -> dict[str, Any]:
    """Numeric limits of the rules (days per certificate, validity months ...)."""
    return dict(_data()["limits"])


def licence_classes() -> tuple[str, ...]:
    """Driving-licence classes (Law 36/2024/QH15 on Road Traffic Order and Safety, Art. 57)."""
    return tuple(_data()["licence_classes"])


def licence_health_group(licence_class: str) -> str | None:
    """The health-standard group of a licence class (TT 36/2024/TT-BYT: ``"1"`` A1 and B1,
    ``"2"`` A and B, ``"3"`` the heavier classes), or None for an unknown class."""
    for group, classes in _data()["licence_health_groups"].items():
        if group != "source" and licence_class in classes:
            return str(group)
    return None


def envelope_layout(root: str) -> str | None:
    """``list`` or ``flat`` for a known envelope root (``HSCHUNGTU`` → ``list``), else None."""
    entry = _data()["envelopes"].get(root)
    return None if entry is None else str(entry.get("layout", "list"))
