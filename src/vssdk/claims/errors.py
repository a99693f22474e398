"""Errors of the claims package: validation issues named by table, row and field."""

from __future__ import annotations

from typing import Literal

import attrs

from vssdk.errors import InvalidArgument

__all__ = ["ClaimIssue", "InvalidClaim", "InvalidClaimXml", "Severity"]

Severity = Literal["error", "warning", "info"]


@attrs.frozen(slots=True)
class ClaimIssue:
    """One finding: ``table`` (``XML2``), ``row`` (1-based, ``None`` for the whole table),
    ``field`` (wire name), ``rule`` (a stable code such as ``arithmetic.line_amount``), why, and
    its ``severity``: ``error`` (breaks a rule of the standard; blocks :meth:`check`),
    ``warning`` (worth a look, never blocks: rounding differences within the standard's
    rounding step, unknown columns or object groups) or ``info`` (what vssdk decided, such as
    the standard chosen by date)."""

    table: str
    row: int | None
    field: str
    rule: str
    message: str
    severity: Severity = "error"

    @property
    def path(self) -> str:
        """``XML2[3].THANH_TIEN_BV``."""
        row = f"[{self.row}]" if self.row is not None else ""
        return f"{self.table}{row}.{self.field}"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f" ({self.severity})"
        return f"{self.path}: {self.message}{tag}"


class InvalidClaim(InvalidArgument):
    """A dossier broke one or more rules; ``issues`` lists them all (the first is ``argument``)."""

    def __init__(self, issues: tuple[ClaimIssue, ...]) -> None:
        self.issues = issues
        first = issues[0]
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(first.path, f"{first.message}{more}")


class InvalidClaimXml(InvalidArgument):
    """A table or envelope could not be read (not XML, DOCTYPE present, bad base64, a value
    that is not a number or date ...). ``argument`` names table, row and field
    (``XML2[3].SO_LUONG``) as far as they are known."""
