"""How credentials plug into the engine: an :class:`Auth` adds headers before each attempt.

The identity package (``vssdk.identity``) implements the real flows (PKCE, client credentials,
password, gateway login) on top of this; :class:`BearerToken` is the simplest implementation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

import attrs

from vssdk._core.wire import PreparedRequest, RawResponse

__all__ = ["AsyncSend", "Auth", "BearerToken", "Requirement", "SyncSend"]

SyncSend = Callable[[PreparedRequest], RawResponse]
AsyncSend = Callable[[PreparedRequest], Awaitable[RawResponse]]


@attrs.frozen(slots=True)
class Requirement:
    """What an operation needs from the caller's credentials."""

    operation_id: str
    principal: str
    scope: str | None
    identity_level: int | None


class Auth:
    """Base class for credentials. Subclasses override the four hooks they need.

    ``headers``/``aheaders`` run before every attempt (they may fetch or refresh a token through
    ``send``, and may raise before anything is sent, e.g. for a too-low identity level);
    ``retry_unauthorized``/``aretry_unauthorized`` run after a 401 and return True when fresh
    credentials are worth one more attempt.
    """

    def headers(self, requirement: Requirement, send: SyncSend) -> Mapping[str, str]:
        return {}

    async def aheaders(self, requirement: Requirement, send: AsyncSend) -> Mapping[str, str]:
        return {}

    def retry_unauthorized(self, response: RawResponse, send: SyncSend) -> bool:
        return False

    async def aretry_unauthorized(self, response: RawResponse, send: AsyncSend) -> bool:
        return False

    def bind_base_url(self, base_url: str) -> None:
        """Called by the client it is given to: credentials that talk to a server themselves
        (token endpoints) take the client's base URL when they were given none."""


class BearerToken(Auth):
    """A fixed bearer token (for tests and scripts that obtained a token elsewhere)."""

    __slots__ = ("_header",)

    def __init__(self, token: str) -> None:
        self._header = {"authorization": f"Bearer {token}"}

    def headers(self, requirement: Requirement, send: SyncSend) -> Mapping[str, str]:
        return self._header

    async def aheaders(self, requirement: Requirement, send: AsyncSend) -> Mapping[str, str]:
        return self._header
