"""Mapping an error reply to the right exception class: by problem type, then by status."""

from __future__ import annotations

import importlib

from vssdk._core.model import parse_json
from vssdk._core.transport import RawResponse
from vssdk.errors import APIStatusError, Problem, ResponseValidationError, status_error_class

__all__ = ["PROBLEM_BASE", "error_from_response"]

PROBLEM_BASE = "https://vssdk.dev/problems/"

# Problem types with their own exception class, as "module:Class", imported only when met.
# Each domain package adds its lines here.
_DOMAIN_ERRORS: dict[str, str] = {
    "session-revoked": "vssdk.identity.errors:SessionRevoked",
    "otp-required": "vssdk.identity.errors:OtpRequired",
    "identity-level-too-low": "vssdk.identity.errors:IdentityLevelTooLow",
    "account-locked": "vssdk.identity.errors:AccountLocked",
    "invalid-grant": "vssdk.identity.errors:InvalidGrant",
    "invalid-client": "vssdk.identity.errors:InvalidClient",
    "refresh-token-reused": "vssdk.identity.errors:RefreshTokenReused",
    "invalid-otp": "vssdk.identity.errors:OtpInvalid",
    "linked-record-conflict": "vssdk.procedures.errors:RecordConflict",
}


def _domain_class(problem_type: str) -> type[APIStatusError] | None:
    if not problem_type.startswith(PROBLEM_BASE):
        return None
    target = _DOMAIN_ERRORS.get(problem_type[len(PROBLEM_BASE) :])
    if target is None:
        return None
    module_name, _, class_name = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        return None
    return cls if isinstance(cls, type) and issubclass(cls, APIStatusError) else None


def error_from_response(raw: RawResponse, operation_id: str) -> APIStatusError:
    """The typed exception for an error reply; the raw body and any problem details are kept."""
    problem: Problem | None = None
    if raw.content and raw.content_type in ("application/problem+json", "application/json"):
        try:
            data = parse_json(raw.content)
        except ResponseValidationError:
            data = None
        if isinstance(data, dict):
            problem = Problem.from_json(raw.status_code, data)
    cls = (problem and _domain_class(problem.type)) or status_error_class(raw.status_code)
    parts = [f"{operation_id}: HTTP {raw.status_code}"]
    if problem is not None:
        parts.append(problem.title)
        if problem.detail:
            parts.append(problem.detail)
        if problem.vss_code:
            parts.append(f"[{problem.vss_code}] {problem.vss_message or ''}".rstrip())
        for err in problem.errors[:5]:
            parts.append(f"{err.path}: {err.message}")
    elif raw.content:
        parts.append(raw.content[:200].decode("utf-8", "replace"))
    return cls(
        " — ".join(p for p in parts if p),
        status_code=raw.status_code,
        body=raw.content,
        headers=raw.headers,
        problem=problem,
        request_id=raw.request_id,
        operation_id=operation_id,
    )
