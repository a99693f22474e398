"""Errors of the medical area: every broken rule named by field and rule."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from vssdk.errors import InvalidArgument, VssdkError

__all__ = ["InvalidMedicalDocument", "InvalidMedicalXml", "MedicalIssue", "WireRefused"]


@attrs.frozen(slots=True)
class MedicalIssue:
    """One broken rule: ``field`` (dotted path in the submission), ``rule`` (stable slug) and
    ``message`` (readable English)."""

    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message} [{self.rule}]"


class InvalidMedicalDocument(InvalidArgument):
    """A certificate breaks one or more rules; ``issues`` lists every one, ``argument`` is the
    first one's field."""

    def __init__(self, issues: Iterable[MedicalIssue]) -> None:
        self.issues: tuple[MedicalIssue, ...] = tuple(issues)
        first = self.issues[0]
        more = f" (and {len(self.issues) - 1} more)" if len(self.issues) > 1 else ""
        super().__init__(first.field, f"{first.message} [{first.rule}]{more}")


class InvalidMedicalXml(InvalidArgument):
    """A certificate file or envelope could not be read (not base64, not XML, wrong root)."""


class WireRefused(VssdkError):
    """The gateway answered ``MaKetQua`` other than 200; ``code`` and ``message`` as sent."""

    def __init__(self, code: str, message: str | None) -> None:
        self.code = code
        self.message = message
        super().__init__(f"gateway refused the document: MaKetQua {code}: {message or ''}")
