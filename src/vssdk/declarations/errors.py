"""Errors of the declarations area: rule violations, unsafe or malformed files, bad signatures."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from vssdk.errors import InvalidArgument, VssdkError

__all__ = [
    "DeclarationInvalid",
    "DossierWaitTimeout",
    "MalformedDeclarationFile",
    "SignatureInvalid",
    "SigningKeyError",
    "UnsafeXml",
    "Violation",
]


@attrs.frozen(slots=True)
class Violation:
    """One broken rule: where (``row``, 1-based, ``None`` for the header), which field, which rule.

    ``rule`` is a stable slug (``si_code.format``, ``salary.below_minimum`` ...) to branch on;
    ``message`` is readable English. Identifiers in ``message`` are masked.
    """

    row: int | None
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        where = "header" if self.row is None else f"row {self.row}"
        return f"{where}, {self.field}: {self.message} [{self.rule}]"


class DeclarationInvalid(VssdkError):
    """A form broke one or more of BHXH's rules; ``violations`` lists every one, in row order."""

    def __init__(self, form_code: str, violations: Iterable[Violation]) -> None:
        self.form_code = form_code
        self.violations: tuple[Violation, ...] = tuple(violations)
        rows = {v.row for v in self.violations if v.row is not None}
        head = f"{form_code}: {len(self.violations)} rule violation(s) in {len(rows)} row(s)"
        shown = "; ".join(str(v) for v in self.violations[:5])
        more = f"; ... and {len(self.violations) - 5} more" if len(self.violations) > 5 else ""
        super().__init__(f"{head}: {shown}{more}")

    @property
    def rows(self) -> tuple[int, ...]:
        """The 1-based row numbers with at least one violation, ascending."""
        return tuple(sorted({v.row for v in self.violations if v.row is not None}))


class UnsafeXml(InvalidArgument):
    """A file was refused before parsing: DTD/entities, too large, too deep, or not XML at all."""

    def __init__(self, reason: str) -> None:
        super().__init__("xml", reason)


class MalformedDeclarationFile(InvalidArgument):
    """Well-formed XML that is not a declaration file this SDK reads (names the element/field)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        super().__init__(path, reason)


class SigningKeyError(InvalidArgument):
    """The key or certificate given for signing cannot be used (type, mismatch, bad PKCS#12)."""

    def __init__(self, reason: str) -> None:
        super().__init__("key", reason)


class SignatureInvalid(VssdkError):
    """A signed file failed verification: missing, tampered, wrong key or wrong algorithm."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"signature invalid: {reason}")


class DossierWaitTimeout(VssdkError):
    """A dossier was not decided within the time given; ``dossier`` is the last seen."""

    def __init__(self, dossier: object, waited: float) -> None:
        self.dossier = dossier
        self.waited = waited
        super().__init__(f"dossier still not decided after {waited:.0f} s")
