"""RFC 9457 problem details, as :mod:`vssdk.errors` exposes them (``Problem``, ``FieldError``).

Kept apart so that ``import vssdk`` does not load attrs: :mod:`vssdk.errors` loads this module on
first use of either name. Both classes say they belong to ``vssdk.errors``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

__all__ = ["FieldError", "Problem"]


@attrs.frozen(slots=True)
class FieldError:
    """One invalid field in a 422 (or 400) problem: where, BHXH's field name, and why."""

    path: str
    message: str
    vss_field: str | None = None
    code: str | None = None


@attrs.frozen(slots=True)
class Problem:
    """RFC 9457 problem details as sent by the server, with BHXH's result code kept verbatim."""

    status: int
    title: str = ""
    type: str = "about:blank"
    detail: str | None = None
    instance: str | None = None
    vss_code: str | None = None
    vss_message: str | None = None
    errors: tuple[FieldError, ...] = ()
    extensions: Mapping[str, Any] = attrs.field(factory=dict)

    @classmethod
    def from_json(cls, status: int, data: Mapping[str, Any]) -> Problem:
        """Build from a decoded problem+json object; unknown members go to ``extensions``."""
        known = {
            "status",
            "title",
            "type",
            "detail",
            "instance",
            "vss_code",
            "vss_message",
            "errors",
        }
        raw_errors = data.get("errors")
        errors: list[FieldError] = []
        if isinstance(raw_errors, Sequence) and not isinstance(raw_errors, str | bytes):
            for item in raw_errors:
                if isinstance(item, Mapping):
                    errors.append(
                        FieldError(
                            path=str(item.get("path", "")),
                            message=str(item.get("message", "")),
                            vss_field=_opt_str(item.get("vss_field")),
                            code=_opt_str(item.get("code")),
                        )
                    )
        raw_status = data.get("status")
        return cls(
            status=raw_status if isinstance(raw_status, int) else status,
            title=str(data.get("title", "")),
            type=str(data.get("type", "about:blank")),
            detail=_opt_str(data.get("detail")),
            instance=_opt_str(data.get("instance")),
            vss_code=_opt_str(data.get("vss_code")),
            vss_message=_opt_str(data.get("vss_message")),
            errors=tuple(errors),
            extensions={k: v for k, v in data.items() if k not in known},
        )


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


FieldError.__module__ = "vssdk.errors"
Problem.__module__ = "vssdk.errors"
