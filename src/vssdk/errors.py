"""The exception hierarchy: every error vssdk raises is a :class:`VssdkError`.

Layout::

    VssdkError
    ├── InvalidArgument            bad input caught before anything is sent (names the argument)
    ├── ConfigurationError         the client was set up wrongly (no base URL, bad timeout, ...)
    ├── ResponseValidationError    the server's reply does not match the spec (raw payload kept)
    ├── APIConnectionError         the request never got a reply (DNS, refused, reset, ...)
    │   └── APITimeoutError        ... because a timeout or the overall deadline ran out
    └── APIStatusError             the server answered with an error status (problem+json kept)
        ├── BadRequestError            400
        ├── AuthenticationError        401
        ├── PermissionDeniedError      403
        ├── NotFoundError              404
        ├── ConflictError              409
        ├── UnprocessableEntityError   422 (``.errors`` lists the invalid fields)
        ├── RateLimitError             429 (``.retry_after`` in seconds, if the server said)
        └── ServerError                5xx

Domain packages add subclasses (``vssdk.cards.InvalidIdentifier``,
``vssdk.benefits.RuleInputError``, ``vssdk.identity.SessionRevoked`` ...). Vietnamese text sent by
the server (``detail``, ``vss_message``) is kept exactly as sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk._problem import FieldError, Problem

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "FieldError",
    "InvalidArgument",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "UnknownFieldsWarning",
    "UnprocessableEntityError",
    "VssdkError",
]


class VssdkError(Exception):
    """Base class of every error raised by vssdk."""


class InvalidArgument(VssdkError, ValueError):
    """An argument was rejected before any request was made.

    ``argument`` names the offending argument (or dotted field path) and ``reason`` says why.
    """

    def __init__(self, argument: str, reason: str, *, value: object = None) -> None:
        self.argument = argument
        self.reason = reason
        self.value = value
        super().__init__(f"{argument}: {reason}")


class ConfigurationError(VssdkError):
    """The client or sandbox was configured in a way that cannot work."""


class UnknownFieldsWarning(UserWarning):
    """A reply carried fields the SDK's model does not know (kept on ``model.unknown_fields``)."""


class ResponseValidationError(VssdkError):
    """The server's reply could not be decoded into the operation's model.

    ``body`` holds the raw bytes exactly as received, ``path`` the JSON path of the first problem.
    """

    def __init__(
        self,
        message: str,
        *,
        body: bytes,
        status_code: int | None = None,
        path: str | None = None,
        request_id: str | None = None,
        operation_id: str | None = None,
    ) -> None:
        self.body = body
        self.status_code = status_code
        self.path = path
        self.request_id = request_id
        self.operation_id = operation_id
        super().__init__(message)


class APIConnectionError(VssdkError):
    """No reply was received (connection refused, reset, DNS failure, TLS error ...)."""

    def __init__(self, message: str, *, operation_id: str | None = None) -> None:
        self.operation_id = operation_id
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """A connect/read/write timeout or the client's overall deadline ran out."""


class APIStatusError(VssdkError):
    """The server replied with an error status.

    Carries the HTTP ``status_code``, the ``request_id`` (``X-Request-Id``), the parsed ``problem``
    (``None`` when the body was not problem+json), the raw ``body`` and the ``headers``.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: bytes,
        headers: Mapping[str, str],
        problem: Problem | None,
        request_id: str | None,
        operation_id: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.body = body
        self.headers = dict(headers)
        self.problem = problem
        self.request_id = request_id
        self.operation_id = operation_id
        super().__init__(message)

    @property
    def vss_code(self) -> str | None:
        """BHXH's result code (a string such as ``"050"``), if the server sent one."""
        return self.problem.vss_code if self.problem else None

    @property
    def vss_message(self) -> str | None:
        """BHXH's message, in Vietnamese as sent."""
        return self.problem.vss_message if self.problem else None

    @property
    def detail(self) -> str | None:
        """The problem's ``detail`` text as sent."""
        return self.problem.detail if self.problem else None

    @property
    def errors(self) -> tuple[FieldError, ...]:
        """Per-field errors listed by the server (may be empty)."""
        return self.problem.errors if self.problem else ()


class BadRequestError(APIStatusError):
    """400: the request was malformed."""


class AuthenticationError(APIStatusError):
    """401: missing, invalid or expired credentials."""


class PermissionDeniedError(APIStatusError):
    """403: not allowed (scope, identity level, or another person's data)."""


class NotFoundError(APIStatusError):
    """404: no such resource (or not visible to this caller)."""


class ConflictError(APIStatusError):
    """409: conflicts with the current state (e.g. same idempotency key, different content)."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but failed validation; see ``errors``."""


class RateLimitError(APIStatusError):
    """429: too many requests; ``retry_after`` is the server's hint in seconds, if any."""

    @property
    def retry_after(self) -> float | None:
        from vssdk._core.retry import parse_retry_after

        return parse_retry_after(self.headers.get("retry-after"))


class ServerError(APIStatusError):
    """5xx: the server failed."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an HTTP error status."""
    if status_code >= 500:
        return ServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)


def __getattr__(name: str) -> Any:
    # FieldError and Problem are attrs classes: defined in vssdk._problem and loaded on first use,
    # so that `import vssdk` (which imports this module) does not load attrs.
    if name in ("FieldError", "Problem"):
        from vssdk import _problem

        value = getattr(_problem, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vssdk.errors' has no attribute {name!r}")
