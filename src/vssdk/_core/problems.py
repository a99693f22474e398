"""Mapping an error reply to the right exception class: by problem type, then by status."""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING

from vssdk._areas import AREAS
from vssdk._core.wire import RawResponse
from vssdk.errors import APIStatusError, ResponseValidationError, status_error_class

if TYPE_CHECKING:
    from vssdk._problem import Problem

__all__ = ["PROBLEM_BASE", "error_from_response"]

PROBLEM_BASE = "https://vssdk.dev/problems/"


@functools.cache
def _domain_errors() -> dict[str, type[APIStatusError]]:
    """Problem types with their own exception class: every area's ``errors.PROBLEM_TYPES``.

    Imported on the first problem met, never at import time.
    """
    table: dict[str, type[APIStatusError]] = {}
    for area in AREAS:
        try:
            module = importlib.import_module(f"vssdk.{area.package}.errors")
        except ModuleNotFoundError as exc:
            if exc.name != f"vssdk.{area.package}.errors":
                raise
            continue
        for slug, cls in getattr(module, "PROBLEM_TYPES", {}).items():
            if slug in table and table[slug] is not cls:
                raise RuntimeError(f"problem type {slug!r} mapped twice")
            table[slug] = cls
    return table


def _domain_class(problem_type: str) -> type[APIStatusError] | None:
    if not problem_type.startswith(PROBLEM_BASE):
        return None
    return _domain_errors().get(problem_type[len(PROBLEM_BASE) :])


def error_from_response(raw: RawResponse, operation_id: str) -> APIStatusError:
    """The typed exception for an error reply; the raw body and any problem details are kept."""
    from vssdk._core.model import parse_json  # the error path: loaded when first needed
    from vssdk._problem import Problem

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
