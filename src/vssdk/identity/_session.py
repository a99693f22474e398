"""The token-holding :class:`Auth` every identity flow builds on.

It attaches the bearer token, refuses a too-low identity level before any call, and gets a new
token when the current one is about to expire: exactly one refresh at a time (a thread lock for
threads, an asyncio lock per event loop for tasks), re-checked under the lock, stored, and the
``on_token_saved`` hook called after the lock is released. Token requests are identity operations
sent through the client's own transport (the ``send`` callable the engine passes in).

Flows are written once as generators (:data:`Steps`) that yield requests and receive replies; the
sync and async paths only differ in how they send.
"""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from collections.abc import Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import attrs

from vssdk._core.auth import AsyncSend, Auth, Requirement, SyncSend
from vssdk._core.config import resolve_base_url
from vssdk._core.engine import decode_success
from vssdk._core.model import parse_json
from vssdk._core.operation import Call, Operation
from vssdk._core.problems import PROBLEM_BASE, error_from_response
from vssdk._core.request import build_request
from vssdk._core.wire import PreparedRequest, RawResponse
from vssdk.errors import APIStatusError, InvalidArgument, ResponseValidationError
from vssdk.identity.errors import (
    IdentityLevelTooLow,
    InvalidGrant,
    LoginError,
    RefreshTokenReused,
    refine,
)
from vssdk.identity.tokens import MemoryTokenStore, TokenSet, TokenStore

if TYPE_CHECKING:
    from vssdk.client import AsyncClient, Client

__all__ = [
    "OAuthSession",
    "Steps",
    "asender",
    "basic_authorization",
    "request_for",
    "run_async",
    "run_sync",
    "sender",
]

T = TypeVar("T")
Steps = Generator[PreparedRequest, RawResponse, T]
TokenSavedHook = Callable[[TokenSet], None]


def basic_authorization(client_id: str, client_secret: str) -> str:
    """``client_secret_basic``: both parts form-encoded first (RFC 6749 §2.3.1)."""
    pair = f"{quote(client_id, safe='')}:{quote(client_secret, safe='')}"
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


def request_for(op: Operation[Any, Any], call: Call, base_url: str) -> PreparedRequest:
    """A prepared request for an identity operation (token, OTP ...) on ``base_url``."""
    return build_request(op, call, base_url=base_url)


def reply_of(op: Operation[Any, T], raw: RawResponse) -> T:
    """The decoded reply, or the precise identity error for an error status."""
    if raw.status_code >= 400:
        raise refine(error_from_response(raw, op.operation_id))
    return decode_success(op, raw)


def call_op(op: Operation[Any, T], call: Call, base_url: str) -> Steps[T]:
    """One operation as a step: yield its request, decode the reply."""
    raw = yield request_for(op, call, base_url)
    return reply_of(op, raw)


def run_sync(steps: Steps[T], send: SyncSend) -> T:
    """Drive a flow with a synchronous sender."""
    try:
        request = next(steps)
        while True:
            request = steps.send(send(request))
    except StopIteration as done:
        result: T = done.value
        return result


async def run_async(steps: Steps[T], send: AsyncSend) -> T:
    """Drive a flow with an asynchronous sender."""
    try:
        request = next(steps)
        while True:
            request = steps.send(await send(request))
    except StopIteration as done:
        result: T = done.value
        return result


def problem_slug(response: RawResponse) -> str | None:
    """The problem-type slug of an error reply (``session-revoked`` ...), if it has one."""
    if response.content_type not in ("application/problem+json", "application/json"):
        return None
    try:
        data = parse_json(response.content)
    except ResponseValidationError:
        return None
    kind = data.get("type") if isinstance(data, dict) else None
    if isinstance(kind, str) and kind.startswith(PROBLEM_BASE):
        return kind[len(PROBLEM_BASE) :]
    return None


def _env_url() -> str | None:
    import os

    from vssdk._core.config import BASE_URL_ENV

    return os.environ.get(BASE_URL_ENV) or None


class OAuthSession(Auth):
    """Base of the token-based credentials; subclasses define how a token is first obtained.

    ``base_url`` is the authorization server (the sandbox or the service root; default
    ``$VSSDK_BASE_URL``, else the base URL of the client the credentials are given to).
    ``leeway`` seconds before expiry the token is renewed. ``clock`` returns epoch seconds (inject
    one in tests). ``on_token_saved`` runs after every new token, outside the lock.
    """

    def __init__(
        self,
        *,
        client_id: str,
        base_url: str | None = None,
        store: TokenStore | None = None,
        leeway: float = 30.0,
        clock: Callable[[], float] = time.time,
        on_token_saved: TokenSavedHook | None = None,
    ) -> None:
        if not isinstance(client_id, str) or not client_id.strip():
            raise InvalidArgument("client_id", "must be a non-empty string")
        if leeway < 0:
            raise InvalidArgument("leeway", "must not be negative")
        self.client_id = client_id
        # given, else $VSSDK_BASE_URL, else the client's (bind_base_url); checked on first use
        self._base_url = resolve_base_url(base_url) if base_url or _env_url() else None
        self.store: TokenStore = store if store is not None else MemoryTokenStore()
        self.leeway = leeway
        self.clock = clock
        self.on_token_saved = on_token_saved
        self.refreshes = 0  # refresh-token grants made (for tests and metrics)
        self.acquisitions = 0  # fresh logins / client-credential grants made
        self._lock = threading.Lock()
        self._alocks: dict[int, asyncio.Lock] = {}
        self._alocks_guard = threading.Lock()

    @property
    def base_url(self) -> str:
        """The authorization server: as given, else ``$VSSDK_BASE_URL``, else the client's."""
        return self._base_url if self._base_url is not None else resolve_base_url(None)

    def bind_base_url(self, base_url: str) -> None:
        if self._base_url is None:
            self._base_url = resolve_base_url(base_url)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(client_id={self.client_id!r}, base_url={self._base_url!r})"

    # -- what subclasses provide ----------------------------------------------------------------
    def _acquire(self) -> Steps[TokenSet]:
        """Obtain a token from scratch (no usable refresh token)."""
        raise LoginError(f"{type(self).__name__}: the session has ended; log in again")
        yield  # pragma: no cover  (makes this a generator)

    def _client_auth(self, form: dict[str, str]) -> str | None:
        """Add client authentication to ``form``; return an Authorization header if any."""
        form["client_id"] = self.client_id
        return None

    # -- the token lifecycle --------------------------------------------------------------------
    @property
    def tokens(self) -> TokenSet | None:
        """The current tokens (possibly expired), from the store."""
        return self.store.load()

    def _usable(self) -> TokenSet | None:
        tokens = self.store.load()
        if tokens is not None and tokens.usable_at(self.clock(), self.leeway):
            return tokens
        return None

    def _token_call(self, form: dict[str, str]) -> Steps[TokenSet]:
        from vssdk.identity import _operations as ops

        authorization = self._client_auth(form)
        previous = self.store.load()
        started = self.clock()
        reply = yield from call_op(
            ops.token, ops.token.builder(form, authorization=authorization), self.base_url
        )
        return TokenSet.from_response(reply, started, previous)

    # Whether a refused refresh may fall back to a fresh login (True when the credentials are
    # at hand, as for a password login); a reused refresh token or a revoked session never does.
    can_log_in_again = False

    def _renew(self) -> Steps[TokenSet]:
        current = self.store.load()
        if current is not None and current.refresh_token:
            self.refreshes += 1
            form = {"grant_type": "refresh_token", "refresh_token": current.refresh_token}
            try:
                return (yield from self._token_call(form))
            except InvalidGrant as exc:
                if isinstance(exc, RefreshTokenReused) or not self.can_log_in_again:
                    raise
        self.acquisitions += 1
        return (yield from self._acquire())

    def _save(self, tokens: TokenSet | None) -> None:
        self.store.save(tokens)

    def _after_save(self, tokens: TokenSet | None) -> None:
        if tokens is not None and self.on_token_saved is not None:
            self.on_token_saved(tokens)

    def ensure_token(self, send: SyncSend) -> TokenSet:
        """A usable token, renewed through ``send`` when needed (one renewal at a time)."""
        tokens = self._usable()
        if tokens is not None:
            return tokens
        with self._lock:
            tokens = self._usable()
            if tokens is not None:
                return tokens
            tokens = run_sync(self._renew(), send)
            self._save(tokens)
        self._after_save(tokens)
        return tokens

    def _alock(self) -> asyncio.Lock:
        loop_id = id(asyncio.get_running_loop())
        with self._alocks_guard:
            return self._alocks.setdefault(loop_id, asyncio.Lock())

    async def aensure_token(self, send: AsyncSend) -> TokenSet:
        """Async :meth:`ensure_token`: concurrent tasks on one loop share one renewal."""
        tokens = self._usable()
        if tokens is not None:
            return tokens
        async with self._alock():
            tokens = self._usable()
            if tokens is not None:
                return tokens
            tokens = await run_async(self._renew(), send)
            self._save(tokens)
        self._after_save(tokens)
        return tokens

    def _check_level(self, requirement: Requirement, tokens: TokenSet) -> None:
        needed = requirement.identity_level
        if needed is not None and tokens.identity_level < needed:
            raise IdentityLevelTooLow.local(requirement.operation_id, needed, tokens.identity_level)

    def _bearer(self, tokens: TokenSet) -> Mapping[str, str]:
        return {"authorization": f"Bearer {tokens.access_token}"}

    # -- Auth hooks ------------------------------------------------------------------------------
    def headers(self, requirement: Requirement, send: SyncSend) -> Mapping[str, str]:
        tokens = self.ensure_token(send)
        self._check_level(requirement, tokens)
        return self._bearer(tokens)

    async def aheaders(self, requirement: Requirement, send: AsyncSend) -> Mapping[str, str]:
        tokens = await self.aensure_token(send)
        self._check_level(requirement, tokens)
        return self._bearer(tokens)

    def _on_unauthorized(self, response: RawResponse) -> bool:
        if problem_slug(response) == "session-revoked":
            return False  # signed out elsewhere: SessionRevoked reaches the caller
        tokens = self.store.load()
        if tokens is not None:
            self._expire(tokens)
        return True

    def _expire(self, tokens: TokenSet) -> None:
        with self._lock:
            if self.store.load() == tokens:
                self.store.save(attrs.evolve(tokens, expires_at=0.0))

    def retry_unauthorized(self, response: RawResponse, send: SyncSend) -> bool:
        return self._on_unauthorized(response)

    async def aretry_unauthorized(self, response: RawResponse, send: AsyncSend) -> bool:
        return self._on_unauthorized(response)

    def fetch(self, client: Client) -> TokenSet:
        """A usable token now, obtained through ``client`` if needed (calls do this themselves)."""
        return self.ensure_token(sender(client))

    async def afetch(self, client: AsyncClient) -> TokenSet:
        """Async :meth:`fetch`."""
        return await self.aensure_token(asender(client))

    # -- logout ----------------------------------------------------------------------------------
    def _revoke(self) -> Steps[None]:
        from vssdk.identity import _operations as ops

        tokens = self.store.load()
        self.store.save(None)
        if tokens is None:
            return None
        form = {"token": tokens.refresh_token or tokens.access_token}
        form["token_type_hint"] = "refresh_token" if tokens.refresh_token else "access_token"
        authorization = self._client_auth(form)
        yield from call_op(
            ops.revoke, ops.revoke.builder(form, authorization=authorization), self.base_url
        )
        return None

    def logout(self, client: Client) -> None:
        """Revoke the session at the server (through ``client``) and forget the tokens."""
        run_sync(self._revoke(), sender(client))

    async def alogout(self, client: AsyncClient) -> None:
        """Async :meth:`logout`."""
        await run_async(self._revoke(), asender(client))


def sender(client: Client) -> SyncSend:
    """The client's own one-attempt send (its pool, timeouts and transport)."""
    return client._engine.send_raw


def asender(client: AsyncClient) -> AsyncSend:
    """The async client's own one-attempt send."""
    return client._engine.send_raw


def is_status(error: BaseException, status: int) -> bool:
    """Whether ``error`` is an API error with this HTTP status."""
    return isinstance(error, APIStatusError) and error.status_code == status
