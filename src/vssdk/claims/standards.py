"""The claim standards (QĐ 4210, QĐ 4750, QĐ 3176) and their code lists, loaded from data files.

Each standard lists its tables (XML0–XML15 for the QĐ 130 family, XML1–XML5 for QĐ 4210) with
the row path and the ordered columns; a table whose field list is not shipped (XML12) has no
path and is carried unchanged.
"""

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
    "standards",
]

TableName = Literal[
    "XML0", "XML1", "XML2", "XML3", "XML4", "XML5", "XML6", "XML7", "XML8", "XML9", "XML10",
    "XML11", "XML12", "XML13", "XML14", "XML15",
]  # fmt: skip
DEFAULT_STANDARD = "QD3176"


@attrs.frozen(slots=True)
class TableSpec:
    """One table of a standard: its element path (root … row), its ordered wire fields and the
    columns that must not be empty. ``path`` and ``fields`` are empty when no field list is
    shipped (the table is then carried as bytes)."""

    name: str
    path: tuple[str, ...]
    fields: tuple[str, ...]
    required: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        """Whether the field list is shipped."""
        return bool(self.path)


@attrs.frozen(slots=True)
class Standard:
    """A version of the claim XML standard with its validity window and tables."""

    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    tables: dict[str, TableSpec]
    typed: bool = True

    def covers(self, day: dt.date) -> bool:
        """Whether the standard is in force on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def table(self, name: str) -> TableSpec:
        """The spec of one table (``XML0``–``XML15``)."""
        try:
            return self.tables[name]
        except KeyError:
            raise InvalidArgument("table", f"{name!r} is not a table of {self.name}") from None


@cache
def _standards() -> dict[str, Standard]:
    out: dict[str, Standard] = {}
    for name, body in load("tables")["standards"].items():
        tables = {
            t: TableSpec(
                t,
                tuple(spec["path"] or ()),
                tuple(spec["fields"] or ()),
                tuple(spec.get("required", ())),
            )
            for t, spec in body["tables"].items()
        }
        out[name] = Standard(
            name=name,
            valid_from=dt.date.fromisoformat(body["valid_from"]),
            valid_to=dt.date.fromisoformat(body["valid_to"]) if body["valid_to"] else None,
            tables=tables,
            typed=bool(body.get("typed", True)),
        )
    return out


def standard(name: str = DEFAULT_STANDARD) -> Standard:
    """A standard by name (``QD3176``, ``QD4750``, ``QD4210``)."""
    try:
        return _standards()[name]
    except KeyError:
        known = ", ".join(sorted(_standards()))
        raise InvalidArgument("standard", f"{name!r} is not one of {known}") from None


def standard_for(day: dt.date) -> Standard:
    """The standard in force on ``day`` (discharge or payment date)."""
    for std in _standards().values():
        if std.covers(day):
            return std
    raise InvalidArgument("date", f"no shipped claim standard is in force on {day.isoformat()}")


def standards() -> tuple[Standard, ...]:
    """Every shipped standard."""
    return tuple(_standards().values())


@cache
def code_list(name: str) -> frozenset[str]:
    """The codes of a claim code list (``MA_DOITUONG_KCB``, ``MA_LOAI_KCB``, ``GIOI_TINH``),
    legacy codes included."""
    entry = load("code_lists")["lists"][name]
    return frozenset(entry["codes"]) | frozenset(entry.get("legacy_codes", ()))
