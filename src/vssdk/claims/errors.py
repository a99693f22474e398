"""Errors of the claims package: validation issues named by table, row and field."""

from __future__ import annotations

import attrs

from vssdk.errors import InvalidArgument

__all__ = ["ClaimIssue", "InvalidClaim", "InvalidClaimXml"]


@attrs.frozen(slots=True)
class ClaimIssue:
    """One failed rule: ``table`` (``XML2``), ``row`` (1-based, ``None`` for the envelope),
    ``field`` (wire name), ``rule`` (a stable code such as ``arithmetic.line_amount``) and why."""

    table: str
    row: int | None
    field: str
    rule: str
    message: str

    @property
    def path(self) -> str:
        """``XML2[3].THANH_TIEN_BV``."""
        row = f"[{self.row}]" if self.row is not None else ""
        return f"{self.table}{row}.{self.field}"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidClaim(InvalidArgument):
    """A dossier broke one or more rules; ``issues`` lists them all (the first is ``argument``)."""

    def __init__(self, issues: tuple[ClaimIssue, ...]) -> None:
        self.issues = issues
        first = issues[0]
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(first.path, f"{first.message}{more}")


class InvalidClaimXml(InvalidArgument):
    """A table or envelope could not be read (malformed, DOCTYPE present, bad base64 ...)."""
