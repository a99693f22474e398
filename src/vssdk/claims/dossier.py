"""A claim dossier (one ``MA_LK``): build, total, validate, and go to and from the envelope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Self, cast

import attrs

from vssdk.claims.envelope import (
    build_envelope,
    decode_file,
    encode_file,
    parse_envelope,
)
from vssdk.claims.errors import ClaimIssue, InvalidClaim, InvalidClaimXml
from vssdk.claims.standards import DEFAULT_STANDARD, standard
from vssdk.claims.tables import CheckIn, DrugLine, ServiceLine, Summary
from vssdk.claims.validation import validate_dossier
from vssdk.claims.xml import parse_table, table_to_xml

__all__ = ["CheckInFile", "ClaimDossier"]

_ZERO = Decimal(0)


def _drugs(rows: Iterable[DrugLine]) -> tuple[DrugLine, ...]:
    return tuple(rows)


def _services(rows: Iterable[ServiceLine]) -> tuple[ServiceLine, ...]:
    return tuple(rows)


def _checkins(rows: Iterable[CheckIn]) -> tuple[CheckIn, ...]:
    return tuple(rows)


@attrs.frozen(slots=True)
class ClaimDossier:
    """XML1 + XML2 + XML3 of one visit (``MA_LK``) under one standard."""

    summary: Summary
    drugs: tuple[DrugLine, ...] = attrs.field(default=(), converter=_drugs)
    services: tuple[ServiceLine, ...] = attrs.field(default=(), converter=_services)
    standard: str = DEFAULT_STANDARD

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
            return sum((getattr(x, name) for x in rows), _ZERO)

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
        """Every rule broken (see :mod:`vssdk.claims.validation`); empty when valid."""
        return validate_dossier(self.summary, self.drugs, self.services, extra_rates=extra_rates)

    def check(self, *, extra_rates: Iterable[Decimal | int] = ()) -> Self:
        """``self`` if valid, else raise :class:`InvalidClaim` listing every issue."""
        issues = self.validate(extra_rates=extra_rates)
        if issues:
            raise InvalidClaim(issues)
        return self

    def tables(self) -> list[tuple[str, bytes]]:
        """``[("XML1", xml), ("XML2", xml)?, ("XML3", xml)?]`` (empty tables left out)."""
        out = [("XML1", table_to_xml("XML1", [self.summary], standard_name=self.standard))]
        if self.drugs:
            out.append(("XML2", table_to_xml("XML2", self.drugs, standard_name=self.standard)))
        if self.services:
            out.append(("XML3", table_to_xml("XML3", self.services, standard_name=self.standard)))
        return out

    def to_envelope(self, *, created: dt.date) -> bytes:
        """The ``GIAMDINHHS`` XML."""
        return build_envelope(self.facility_code, self.tables(), created=created)

    def to_file(self, *, created: dt.date) -> str:
        """``fileHSBase64`` for ``guiHoSoXmlQD3176``."""
        return encode_file(self.to_envelope(created=created))

    @classmethod
    def from_envelope(cls, data: bytes, *, standard_name: str = DEFAULT_STANDARD) -> Self:
        """Parse a ``GIAMDINHHS`` XML back (hardened)."""
        standard(standard_name)
        env = parse_envelope(data)
        xml1 = env.table("XML1")
        if xml1 is None:
            raise InvalidClaimXml("XML1", "the dossier has no summary table")
        summary = cast(Summary, parse_table("XML1", xml1, standard_name=standard_name)[0])
        xml2, xml3 = env.table("XML2"), env.table("XML3")
        drugs: Sequence[DrugLine] = (
            cast(list[DrugLine], parse_table("XML2", xml2, standard_name=standard_name))
            if xml2
            else []
        )
        services: Sequence[ServiceLine] = (
            cast(list[ServiceLine], parse_table("XML3", xml3, standard_name=standard_name))
            if xml3
            else []
        )
        if env.facility_code != summary.ma_cskcb:
            raise InvalidClaimXml("MACSKCB", "differs from XML1 MA_CSKCB")
        return cls(summary, tuple(drugs), tuple(services), standard_name)

    @classmethod
    def from_file(cls, file_b64: str, *, standard_name: str = DEFAULT_STANDARD) -> Self:
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
