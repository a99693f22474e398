"""The handler toolkit: what every sandbox handler module imports.

A handler is a function decorated with ``@handles("operationId")`` taking a :class:`Ctx` and
returning the reply body (a vssdk model, a dict, or a :class:`Reply` for another status, headers
or bytes). Raise :class:`SandboxProblem` (or use :func:`problem`) for an error reply: it becomes
``application/problem+json``. The dispatcher has already validated the request against the spec,
authenticated the caller and checked scope and identity level.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from vssdk.contract import PROBLEM_BASE

if TYPE_CHECKING:
    from vssdk.contract import AnyOperation
    from vssdk_sandbox.app import Sandbox
    from vssdk_sandbox.security import Principal
    from vssdk_sandbox.store import Store

__all__ = [
    "Ctx",
    "Handler",
    "Reply",
    "SandboxProblem",
    "field_error",
    "handles",
    "on_tick",
    "problem",
]


@attrs.frozen(slots=True)
class Reply:
    """A reply other than "the operation's success status with this JSON body"."""

    body: Any = None
    status: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    media_type: str | None = None


class SandboxProblem(Exception):
    """An error reply (RFC 9457 problem details, BHXH code and message kept)."""

    def __init__(
        self,
        status: int,
        title: str,
        *,
        detail: str | None = None,
        slug: str | None = None,
        vss_code: str | None = None,
        vss_message: str | None = None,
        errors: Sequence[Mapping[str, Any]] = (),
        headers: Mapping[str, str] | None = None,
        extensions: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{status} {title}: {detail or ''}")
        self.status = status
        self.title = title
        self.detail = detail
        self.slug = slug
        self.vss_code = vss_code
        self.vss_message = vss_message
        self.errors = list(errors)
        self.headers = dict(headers or {})
        self.extensions = dict(extensions or {})

    def body(self, instance: str | None = None) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "type": PROBLEM_BASE + self.slug if self.slug else "about:blank",
            "title": self.title,
            "status": self.status,
        }
        for key, value in (
            ("detail", self.detail),
            ("instance", instance),
            ("vss_code", self.vss_code),
            ("vss_message", self.vss_message),
        ):
            if value is not None:
                doc[key] = value
        if self.errors:
            doc["errors"] = self.errors
        doc.update(self.extensions)
        return doc


def problem(status: int, title: str, **kwargs: Any) -> SandboxProblem:
    """Build a :class:`SandboxProblem` to ``raise``."""
    return SandboxProblem(status, title, **kwargs)


def field_error(
    path: str, message: str, *, vss_field: str | None = None, code: str | None = None
) -> dict[str, Any]:
    """One entry of a problem's ``errors`` list."""
    entry: dict[str, Any] = {"path": path, "message": message}
    if vss_field is not None:
        entry["vss_field"] = vss_field
    if code is not None:
        entry["code"] = code
    return entry


@attrs.define(slots=True)
class Ctx:
    """What a handler sees of one request."""

    sandbox: Sandbox
    operation: AnyOperation
    path: dict[str, str]
    query: dict[str, Any]
    headers: Mapping[str, str]
    body: Any
    raw_body: bytes
    principal: Principal | None
    request_id: str
    prepared: Any = None  # what the handler's ``prepare`` step computed (see :func:`handles`)

    @property
    def store(self) -> Store:
        return self.sandbox.store

    def require_principal(self) -> Principal:
        if self.principal is None:
            raise problem(401, "Unauthorized", detail="a bearer token is required")
        return self.principal


Handler = Callable[[Ctx], Any]
F = TypeVar("F", bound=Handler)


def handles(operation_id: str, *, prepare: Handler | None = None) -> Callable[[F], F]:
    """Mark a function as the sandbox handler of ``operation_id``.

    ``prepare(ctx)``, if given, runs first and *without* the store's lock: heavy work that needs
    no store writes (parsing, verifying signatures, checking rules) goes there, so other requests
    are served meanwhile. Its result is ``ctx.prepared``; a problem it raises is the reply.
    """

    def mark(fn: F) -> F:
        fn.__vssdk_operation__ = operation_id  # type: ignore[attr-defined]
        fn.__vssdk_prepare__ = prepare  # type: ignore[attr-defined]
        return fn

    return mark


T = TypeVar("T", bound=Callable[..., None])


def on_tick(fn: T) -> T:
    """Mark ``fn(sandbox)`` to run whenever simulated time moves or an event is emitted."""
    fn.__vssdk_tick__ = True  # type: ignore[attr-defined]
    return fn
