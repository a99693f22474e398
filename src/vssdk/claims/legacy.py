"""Dossiers of a standard vssdk does not type (QĐ 4210, 2018–2024): every table kept as rows.

Hospitals still hold and resend QĐ 4210 files. :class:`LegacyDossier` reads them with the QĐ 4210
field sets (data, like the others), checks the required columns, and writes them back with the
same tables; :func:`read_dossier` picks the right class from the file's own dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Self, cast

import attrs

from vssdk.claims.dossier import ClaimDossier, RawTable, Table, choose_standard
from vssdk.claims.envelope import build_envelope, decode_file, encode_file, parse_envelope
from vssdk.claims.errors import ClaimIssue, InvalidClaim, InvalidClaimXml
from vssdk.claims.standards import standard
from vssdk.claims.tables import TableRow
from vssdk.claims.validation import validate_tables
from vssdk.claims.xml import parse_table, parse_xml

__all__ = ["LegacyDossier", "read_dossier"]


def _tables(items: Iterable[Table | RawTable]) -> tuple[Table | RawTable, ...]:
    return tuple(items)


@attrs.frozen(slots=True)
class LegacyDossier:
    """One visit under QĐ 4210 (or any standard whose tables vssdk does not type)."""

    facility_code: str
    standard: str
    tables_in_order: tuple[Table | RawTable, ...] = attrs.field(converter=_tables)
    notes: tuple[ClaimIssue, ...] = attrs.field(default=(), eq=False)
    received: tuple[tuple[str, bytes], ...] = attrs.field(default=(), eq=False, repr=False)
    """The tables as read: an unchanged table is written back as these bytes."""

    def fresh(self) -> Self:
        """A copy that writes every table from its rows."""
        return attrs.evolve(self, received=())

    def _write(self, table: Table) -> bytes:
        for name, data in self.received:
            if name == table.name:
                rows = parse_table(name, data, standard_name=self.standard, typed=False)
                if list(rows) == list(table.rows):
                    return data
        return table.to_xml(self.standard)

    def table(self, name: str) -> Table | RawTable | None:
        """One table by name (``XML1`` …), or ``None``."""
        for table in self.tables_in_order:
            if table.name == name:
                return table
        return None

    @property
    def link_key(self) -> str:
        """``MA_LK`` of XML1."""
        summary = self.table("XML1")
        if isinstance(summary, Table) and summary.rows:
            return summary.rows[0].get("MA_LK")
        return ""

    def validate(self) -> tuple[ClaimIssue, ...]:
        """Reading notes and the column rules of the standard (required ``MA_LK``/``STT``,
        ``MA_LK`` shared by every table, unknown columns as warnings)."""
        tables = [(t.name, t.rows) for t in self.tables_in_order if isinstance(t, Table)]
        return (*self.notes, *validate_tables(self.standard, self.link_key, tables))

    def check(self) -> Self:
        """``self`` if no issue is an error, else raise :class:`InvalidClaim`."""
        errors = tuple(i for i in self.validate() if i.severity == "error")
        if errors:
            raise InvalidClaim(errors)
        return self

    def tables(self) -> list[tuple[str, bytes]]:
        """Every table as ``(name, xml)`` in the order read (unchanged ones as received)."""
        return [
            (t.name, t.data if isinstance(t, RawTable) else self._write(t))
            for t in self.tables_in_order
        ]

    def to_envelope(self, *, created: dt.date) -> bytes:
        """The ``GIAMDINHHS`` XML."""
        return build_envelope(self.facility_code, self.tables(), created=created)

    def to_file(self, *, created: dt.date) -> str:
        """``fileHSBase64``."""
        return encode_file(self.to_envelope(created=created))

    @classmethod
    def from_envelope(cls, data: bytes, *, standard_name: str | None = None) -> Self:
        """Read a ``GIAMDINHHS`` XML with the field sets of ``standard_name`` (default: the
        standard in force on the dossier's dates)."""
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
        out: list[Table | RawTable] = []
        for kind, content in env.files:
            spec = std.tables.get(kind)
            if spec is not None and spec.known:
                rows = parse_table(kind, content, standard_name=std.name, typed=False)
                out.append(Table(kind, cast(list[TableRow], rows)))
                continue
            parse_xml(content, kind)
            notes.append(
                ClaimIssue(
                    kind, None, "*", "table.carried",
                    f"{kind} is not a table of {std.name}; carried unchanged", "warning",
                )
            )  # fmt: skip
            out.append(RawTable(kind, content))
        return cls(env.facility_code, std.name, tuple(out), tuple(notes), env.files)

    @classmethod
    def from_file(cls, file_b64: str, *, standard_name: str | None = None) -> Self:
        """Read ``fileHSBase64``."""
        return cls.from_envelope(decode_file(file_b64), standard_name=standard_name)


def read_dossier(data: bytes, *, standard_name: str | None = None) -> ClaimDossier | LegacyDossier:
    """Read any ``GIAMDINHHS`` XML: a :class:`ClaimDossier` for the QĐ 130 family (QĐ 4750,
    QĐ 3176), a :class:`LegacyDossier` for QĐ 4210. Without ``standard_name`` the standard in
    force on the dossier's dates is chosen (and said in an ``info`` note)."""
    if standard_name is None:
        env = parse_envelope(data)
        xml1 = env.table("XML1")
        if xml1 is None:
            raise InvalidClaimXml("XML1", "the dossier has no summary table")
        chosen, _ = choose_standard(xml1, env.created)
        typed = chosen.typed
    else:
        typed = standard(standard_name).typed
    if typed:
        return ClaimDossier.from_envelope(data, standard_name=standard_name)
    return LegacyDossier.from_envelope(data, standard_name=standard_name)
