"""A claim dossier (one ``MA_LK``): build, total, validate, and go to and from the envelope.

Every table is kept: XML1–XML3 typed, XML0 and XML4–XML15 as :class:`Table` rows (field lists
as data), and any table without a shipped field list, or unknown to the standard, as
:class:`RawTable` bytes (with a warning). Parse → serialise never drops a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Self, cast

import attrs

from vssdk.claims.envelope import (
    build_envelope,
    decode_file,
    encode_file,
    parse_envelope,
)
from vssdk.claims.errors import ClaimIssue, InvalidClaim, InvalidClaimXml
from vssdk.claims.standards import DEFAULT_STANDARD, Standard, standard, standard_for
from vssdk.claims.tables import CheckIn, DrugLine, Row, ServiceLine, Summary, TableRow
from vssdk.claims.validation import validate_dossier, validate_tables
from vssdk.claims.xml import parse_table, parse_xml, table_to_xml
from vssdk.errors import InvalidArgument

__all__ = ["CheckInFile", "ClaimDossier", "RawTable", "Table", "choose_standard"]

_ZERO = Decimal(0)


def _drugs(rows: Iterable[DrugLine]) -> tuple[DrugLine, ...]:
    return tuple(rows)


def _services(rows: Iterable[ServiceLine]) -> tuple[ServiceLine, ...]:
    return tuple(rows)


def _checkins(rows: Iterable[CheckIn]) -> tuple[CheckIn, ...]:
    return tuple(rows)


def _table_rows(rows: Iterable[TableRow]) -> tuple[TableRow, ...]:
    return tuple(rows)


@attrs.frozen(slots=True)
class Table:
    """A table vssdk carries without typing it (XML0 inside a dossier, XML4–XML15): its name and
    rows, written with the standard's row path and column order."""

    name: str
    rows: tuple[TableRow, ...] = attrs.field(converter=_table_rows)

    def __attrs_post_init__(self) -> None:
        for index, row in enumerate(self.rows, start=1):
            if not isinstance(row, TableRow) or row.table != self.name:
                raise InvalidArgument(f"{self.name}[{index}]", f"must be a TableRow of {self.name}")

    def to_xml(self, standard_name: str) -> bytes:
        """The table's XML document."""
        return table_to_xml(self.name, self.rows, standard_name=standard_name)


@attrs.frozen(slots=True)
class RawTable:
    """A table carried as the bytes it came with: one whose field list vssdk does not ship
    (XML12) or that the standard does not list. Written back unchanged."""

    name: str
    data: bytes


OtherTable = Table | RawTable


def _others(tables: Iterable[OtherTable]) -> tuple[OtherTable, ...]:
    out = tuple(tables)
    names = [t.name for t in out]
    for name in names:
        if name in ("XML1", "XML2", "XML3"):
            raise InvalidArgument("other_tables", f"{name} is the summary, drugs or services")
        if names.count(name) > 1:
            raise InvalidArgument("other_tables", f"{name} given twice")
    return out


def _order(name: str) -> tuple[int, str]:
    digits = name[3:]
    return (int(digits), name) if name.startswith("XML") and digits.isdigit() else (99, name)


def _date_of(text: str | None) -> dt.date | None:
    text = (text or "").strip()
    if len(text) < 8 or not text[:8].isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def choose_standard(summary_xml: bytes, created: dt.date | None = None) -> tuple[Standard, str]:
    """The standard in force on the dossier's own dates: XML1 ``NGAY_RA``, else ``NGAY_TTOAN``,
    ``NGAY_VAO``, else the envelope's ``NGAYLAP``; returns it with the reason."""
    root = parse_xml(summary_xml, "XML1")
    candidates = [(c, _date_of(root.findtext(c))) for c in ("NGAY_RA", "NGAY_TTOAN", "NGAY_VAO")]
    candidates.append(("NGAYLAP", created))
    for column, day in candidates:
        if day is None:
            continue
        try:
            chosen = standard_for(day)
        except InvalidArgument:
            continue
        return chosen, f"{chosen.name} chosen from {column} {day.isoformat()}"
    fallback = standard(DEFAULT_STANDARD)
    return fallback, f"{fallback.name} chosen by default (no date in force for a shipped standard)"


@attrs.frozen(slots=True)
class ClaimDossier:
    """The tables of one visit (``MA_LK``) under one standard: typed XML1 + XML2 + XML3 and
    every other table (``other_tables``: XML0, XML4–XML15 rows, or raw bytes).

    ``notes`` holds what reading the file found that is not a rule of the standard (the standard
    chosen by date, tables or columns the standard does not list); :meth:`validate` returns them
    with the rule issues.
    """

    summary: Summary
    drugs: tuple[DrugLine, ...] = attrs.field(default=(), converter=_drugs)
    services: tuple[ServiceLine, ...] = attrs.field(default=(), converter=_services)
    standard: str = DEFAULT_STANDARD
    other_tables: tuple[OtherTable, ...] = attrs.field(default=(), converter=_others)
    notes: tuple[ClaimIssue, ...] = attrs.field(default=(), eq=False)
    received: tuple[tuple[str, str, bytes], ...] = attrs.field(default=(), eq=False, repr=False)
    """``(table, standard, bytes)`` of each table as read by :meth:`from_envelope`: a table
    whose rows are unchanged is written back as these bytes (signature, column order and
    formatting kept); see :meth:`fresh`."""

    def fresh(self) -> Self:
        """A copy that writes every table from its rows (drops the bytes as read)."""
        return attrs.evolve(self, received=())

    def _as_received(self, name: str, rows: Sequence[object]) -> bytes | None:
        for table, std, data in self.received:
            if table != name or std != self.standard:
                continue
            typed = name in ("XML1", "XML2", "XML3")
            try:
                again = parse_table(name, data, standard_name=std, typed=typed)
            except InvalidClaimXml:
                return None
            return data if list(again) == list(rows) else None
        return None

    def table(self, name: str) -> Table | RawTable | None:
        """One of ``other_tables`` by name (``XML14`` …), or ``None``."""
        for table in self.other_tables:
            if table.name == name:
                return table
        return None

    @property
    def link_key(self) -> str:
        """``MA_LK``."""
        return self.summary.ma_lk

    @property
    def facility_code(self) -> str:
        """``MA_CSKCB`` of the summary."""
        return self.summary.ma_cskcb

    def with_totals(self) -> Self:
        """A copy whose summary totals are the sums of the lines."""
        lines: list[DrugLine | ServiceLine] = [*self.drugs, *self.services]

        def total(name: str, rows: Iterable[DrugLine | ServiceLine]) -> Decimal:
            return sum((getattr(x, name) or _ZERO for x in rows), _ZERO)

        summary = attrs.evolve(
            self.summary,
            t_thuoc=total("thanh_tien_bv", self.drugs),
            t_vtyt=total("thanh_tien_bv", [x for x in self.services if x.ma_vat_tu]),
            t_tongchi_bv=total("thanh_tien_bv", lines),
            t_tongchi_bh=total("thanh_tien_bh", lines),
            t_bntt=total("t_bntt", lines),
            t_bncct=total("t_bncct", lines),
            t_bhtt=total("t_bhtt", lines),
            t_nguonkhac=total("t_nguonkhac", lines),
        )
        return attrs.evolve(self, summary=summary)

    def validate(self, *, extra_rates: Iterable[Decimal | int] = ()) -> tuple[ClaimIssue, ...]:
        """Every issue: the reading notes, then every rule broken (see
        :mod:`vssdk.claims.validation`). Each has a ``severity``: ``error`` issues make
        :meth:`check` (and ``submit_claim(validate=True)``) refuse; ``warning`` and ``info``
        issues do not. Empty when nothing at all was found."""
        rows = validate_dossier(
            self.summary,
            self.drugs,
            self.services,
            extra_rates=extra_rates,
            standard_name=self.standard,
        )
        tables = validate_tables(
            self.standard,
            self.summary.ma_lk,
            [(t.name, t.rows) for t in self.other_tables if isinstance(t, Table)],
        )
        return (*self.notes, *rows, *tables)

    def errors(self, *, extra_rates: Iterable[Decimal | int] = ()) -> tuple[ClaimIssue, ...]:
        """The issues of severity ``error`` only."""
        return tuple(i for i in self.validate(extra_rates=extra_rates) if i.severity == "error")

    def check(self, *, extra_rates: Iterable[Decimal | int] = ()) -> Self:
        """``self`` if no issue is an error, else raise :class:`InvalidClaim` listing every
        error (warnings never block)."""
        errors = self.errors(extra_rates=extra_rates)
        if errors:
            raise InvalidClaim(errors)
        return self

    def tables(self) -> list[tuple[str, bytes]]:
        """Every table as ``(name, xml)``, in table order (empty XML2/XML3 left out). A table
        read from a file and not changed since is its bytes as read."""
        std = self.standard
        typed: list[tuple[str, Sequence[Row]]] = [("XML1", [self.summary])]
        if self.drugs:
            typed.append(("XML2", self.drugs))
        if self.services:
            typed.append(("XML3", self.services))
        out = [
            (name, self._as_received(name, rows) or table_to_xml(name, rows, standard_name=std))
            for name, rows in typed
        ]
        for other in self.other_tables:
            if isinstance(other, RawTable):
                data = other.data
            else:
                data = self._as_received(other.name, other.rows) or other.to_xml(std)
            out.append((other.name, data))
        return sorted(out, key=lambda item: _order(item[0]))

    def to_envelope(self, *, created: dt.date) -> bytes:
        """The ``GIAMDINHHS`` XML."""
        return build_envelope(self.facility_code, self.tables(), created=created)

    def to_file(self, *, created: dt.date) -> str:
        """``fileHSBase64`` for ``guiHoSoXmlQD3176``."""
        return encode_file(self.to_envelope(created=created))

    @classmethod
    def from_envelope(cls, data: bytes, *, standard_name: str | None = None) -> Self:
        """Parse a ``GIAMDINHHS`` XML back (hardened, liberal: see :mod:`vssdk.claims.xml`).

        Without ``standard_name`` the standard in force on the dossier's own dates is used
        (see :func:`choose_standard`; the choice is an ``info`` note). Every table is kept.
        Raises :class:`InvalidClaimXml` naming table, row and field when a table cannot be read.
        """
        env = parse_envelope(data)
        xml1 = env.table("XML1")
        if xml1 is None:
            raise InvalidClaimXml("XML1", "the dossier has no summary table")
        notes: list[ClaimIssue] = []
        if standard_name is None:
            std, reason = choose_standard(xml1, env.created)
            notes.append(ClaimIssue("XML1", None, "standard", "standard.chosen", reason, "info"))
        else:
            std = standard(standard_name)
        if not std.typed:
            raise InvalidClaimXml(
                "standard",
                f"{std.name} tables are not typed by vssdk: read the file with"
                " vssdk.claims.LegacyDossier.from_envelope",
            )
        name = std.name
        received = tuple((kind, name, content) for kind, content in env.files)
        seen: set[str] = set()
        typed: dict[str, list[Any]] = {}
        others: list[OtherTable] = []
        for kind, content in env.files:
            if kind in seen:
                raise InvalidClaimXml(kind, "the table appears twice in the envelope")
            seen.add(kind)
            spec = std.tables.get(kind)
            if kind in ("XML1", "XML2", "XML3"):
                typed[kind] = list(parse_table(kind, content, standard_name=name))
            elif spec is not None and spec.known:
                rows = cast(
                    list[TableRow], parse_table(kind, content, standard_name=name, typed=False)
                )
                others.append(Table(kind, rows))
            else:
                parse_xml(content, kind)
                why = "has no shipped field list" if spec else f"is not a table of {name}"
                notes.append(
                    ClaimIssue(
                        kind, None, "*", "table.carried",
                        f"{kind} {why}; carried unchanged", "warning",
                    )
                )  # fmt: skip
                others.append(RawTable(kind, content))
        summary = cast(Summary, typed["XML1"][0])
        if env.facility_code != summary.ma_cskcb:
            notes.append(
                ClaimIssue(
                    "XML1", 1, "MA_CSKCB", "consistency.facility",
                    f"differs from the envelope's MACSKCB {env.facility_code}",
                )
            )  # fmt: skip
        return cls(
            summary,
            tuple(cast(list[DrugLine], typed.get("XML2", []))),
            tuple(cast(list[ServiceLine], typed.get("XML3", []))),
            name,
            tuple(others),
            tuple(notes),
            received,
        )

    @classmethod
    def from_file(cls, file_b64: str, *, standard_name: str | None = None) -> Self:
        """Parse ``fileHSBase64`` back."""
        return cls.from_envelope(decode_file(file_b64), standard_name=standard_name)


@attrs.frozen(slots=True)
class CheckInFile:
    """XML0 rows for ``checkInKcbQd3176`` (``loaiHoSo`` 0).

    The check-in file is the XML0 document itself (root ``CHI_TIEU_TRANG_THAI_KCB`` with an
    empty ``CHUKYDONVI``), base64-encoded once into ``fileHSBase64``; it is not wrapped in
    ``GIAMDINHHS`` (BHXH's QĐ 4750 connection guide, section 3).
    """

    rows: tuple[CheckIn, ...] = attrs.field(converter=_checkins)
    standard: str = DEFAULT_STANDARD

    @property
    def facility_code(self) -> str:
        """``MA_CSKCB`` of the first row."""
        if not self.rows:
            raise InvalidClaimXml("XML0", "at least one check-in row")
        return self.rows[0].ma_cskcb

    def to_xml(self) -> bytes:
        """The XML0 document."""
        if not self.rows:
            raise InvalidClaimXml("XML0", "at least one check-in row")
        return table_to_xml("XML0", self.rows, standard_name=self.standard, signature_slot=True)

    def to_file(self) -> str:
        """``fileHSBase64``: the XML0 document, base64-encoded once."""
        return encode_file(self.to_xml())

    @classmethod
    def from_xml(cls, data: bytes, *, standard_name: str = DEFAULT_STANDARD) -> Self:
        """Parse an XML0 document back (hardened)."""
        rows = cast(list[CheckIn], parse_table("XML0", data, standard_name=standard_name))
        return cls(tuple(rows), standard_name)

    @classmethod
    def from_file(cls, file_b64: str, *, standard_name: str = DEFAULT_STANDARD) -> Self:
        """Parse ``fileHSBase64`` back; refuses double base64."""
        return cls.from_xml(decode_file(file_b64), standard_name=standard_name)
