"""The claim standards (QĐ 4750, QĐ 3176 ...) and their code lists, loaded from data files."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

import attrs

from vssdk.claims._data import load
from vssdk.errors import InvalidArgument

__all__ = [
    "DEFAULT_STANDARD",
    "Standard",
    "TableName",
    "TableSpec",
    "code_list",
    "standard",
    "standard_for",
]

TableName = Literal["XML0", "XML1", "XML2", "XML3"]
DEFAULT_STANDARD = "QD3176"


@attrs.frozen(slots=True)
class TableSpec:
    """One table of a standard: its element path (root … row) and its ordered wire fields."""

    name: str
    path: tuple[str, ...]
    fields: tuple[str, ...]


@attrs.frozen(slots=True)
class Standard:
    """A version of the claim XML standard with its validity window and tables."""

    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    tables: dict[str, TableSpec]

    def table(self, name: str) -> TableSpec:
        """The spec of one table (``XML0``–``XML3``)."""
        try:
            return self.tables[name]
        except KeyError:
            raise InvalidArgument("table", f"{name!r} is not a table of {self.name}") from None


@cache
def _standards() -> dict[str, Standard]:
    out: dict[str, Standard] = {}
    for name, body in load("tables")["standards"].items():
        tables = {
            t: TableSpec(t, tuple(spec["path"]), tuple(spec["fields"]))
            for t, spec in body["tables"].items()
        }
        out[name] = Standard(
            name=name,
            valid_from=dt.date.fromisoformat(body["valid_from"]),
            valid_to=dt.date.fromisoformat(body["valid_to"]) if body["valid_to"] else None,
            tables=tables,
        )
    return out


def standard(name: str = DEFAULT_STANDARD) -> Standard:
    """A standard by name (``QD3176``, ``QD4750``)."""
    try:
        return _standards()[name]
    except KeyError:
        known = ", ".join(sorted(_standards()))
        raise InvalidArgument("standard", f"{name!r} is not one of {known}") from None


def standard_for(day: dt.date) -> Standard:
    """The standard in force on ``day`` (discharge or payment date)."""
    for std in _standards().values():
        if std.valid_from <= day and (std.valid_to is None or day <= std.valid_to):
            return std
    raise InvalidArgument("date", f"no shipped claim standard is in force on {day.isoformat()}")


@cache
def code_list(name: str) -> frozenset[str]:
    """The codes of a claim code list (``MA_DOITUONG_KCB``, ``MA_LOAI_KCB``, ``GIOI_TINH``),
    legacy codes included."""
    entry = load("code_lists")["lists"][name]
    return frozenset(entry["codes"]) | frozenset(entry.get("legacy_codes", ()))
