"""What crosses the wire, as plain values: a request ready to send and a reply as bytes.

A leaf module (attrs only): the pure modules (exchange, auth, problems, the login flows) speak
these types without loading the HTTP package, which only :mod:`vssdk._core.transport` imports.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

__all__ = ["PreparedRequest", "RawResponse"]


@attrs.frozen(slots=True)
class PreparedRequest:
    """Everything needed to send one request, identical on every retry."""

    method: str
    url: str
    headers: Mapping[str, str]
    content: bytes | None
    operation_id: str
    retry_safe: bool
    idempotency_key: str | None = None


@attrs.frozen(slots=True)
class RawResponse:
    """A reply as bytes: status, lower-cased headers and the body exactly as received."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def request_id(self) -> str | None:
        return self.headers.get("x-request-id")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()
