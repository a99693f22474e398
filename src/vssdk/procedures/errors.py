"""Errors of the procedures area."""

from __future__ import annotations

from typing import Any

from vssdk.errors import APIStatusError, ConflictError, InvalidArgument

__all__ = ["InvalidRecord", "RecordConflict"]


class InvalidRecord(InvalidArgument):
    """A submitted record is wrong before it is sent; ``argument`` is the field path
    (``child.citizen_id``, ``months`` ...) and ``reason`` says why."""


class RecordConflict(ConflictError):
    """409: the record number was already submitted with different content.

    ``existing`` is the record as first accepted, ``submitted`` the one just sent, ``case_id`` the
    case the number belongs to and ``differences`` the field paths that differ.
    """

    @classmethod
    def of(cls, error: ConflictError) -> RecordConflict:
        """The typed view of a 409 from a submit call (the error itself when already typed)."""
        if isinstance(error, RecordConflict):
            return error
        return cls(
            str(error),
            status_code=error.status_code,
            body=error.body,
            headers=error.headers,
            problem=error.problem,
            request_id=error.request_id,
            operation_id=error.operation_id,
        )

    def _ext(self, name: str) -> Any:
        return self.problem.extensions.get(name) if self.problem else None

    @property
    def case_id(self) -> str | None:
        value = self._ext("case_id")
        return value if isinstance(value, str) else None

    @property
    def existing(self) -> dict[str, Any]:
        value = self._ext("existing")
        return dict(value) if isinstance(value, dict) else {}

    @property
    def submitted(self) -> dict[str, Any]:
        value = self._ext("submitted")
        return dict(value) if isinstance(value, dict) else {}

    @property
    def differences(self) -> tuple[str, ...]:
        value = self._ext("differences")
        return tuple(str(v) for v in value) if isinstance(value, list) else ()


# problem+json ``type`` slug (after the problem base URL) → class, read by the error mapping.
PROBLEM_TYPES: dict[str, type[APIStatusError]] = {"linked-record-conflict": RecordConflict}
