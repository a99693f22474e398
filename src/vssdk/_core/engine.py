"""The sync and async drivers of the call state machine (``exchange.py``): only sending differs."""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import attrs

from vssdk._core.auth import Auth, Requirement
from vssdk._core.config import ClientOptions
from vssdk._core.exchange import AuthHeaders, Exchange, RetryUnauthorized, Send, Sleep, exchange
from vssdk._core.log import logger
from vssdk._core.operation import AnyOperation, Binary, Call, Operation, PagedOperation
from vssdk._core.pagination import AsyncPage, SyncPage, decode_page, with_cursor
from vssdk._core.redact import mask_text
from vssdk._core.request import build_request
from vssdk._core.retry import RetryPolicy
from vssdk._core.transport import AsyncHTTP, SyncHTTP
from vssdk._core.wire import PreparedRequest, RawResponse
from vssdk.errors import APIConnectionError

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741

__all__ = ["AsyncEngine", "SyncEngine", "decode_success"]


@functools.cache
def _decoder() -> Callable[..., Any]:
    # The JSON codec (msgspec) loads with the first reply, not with the first Client.
    from vssdk._core.model import decode_json

    return decode_json


def decode_success(op: Operation[Any, T], raw: RawResponse) -> T:
    """A 2xx reply as the operation's response type (pure)."""
    if op.response is Binary:
        content_type = raw.content_type or "application/octet-stream"
        return Binary(raw.content, content_type)  # type: ignore[return-value]
    result: T = _decoder()(raw.content, op.response, context=op.operation_id)
    return result


def _log_attempt(req: PreparedRequest, outcome: RawResponse | APIConnectionError) -> None:
    if logger.isEnabledFor(10):
        status = outcome.status_code if isinstance(outcome, RawResponse) else repr(outcome)
        rid = outcome.request_id if isinstance(outcome, RawResponse) else None
        logger.debug("%s %s -> %s (request id %s)", req.method, mask_text(req.url), status, rid)


@attrs.define(slots=True)
class _Engine:
    options: ClientOptions
    auth: Auth | None
    policy: RetryPolicy
    clock: Callable[[], float] = time.monotonic

    def start(self, op: AnyOperation, call: Call) -> Exchange:
        req = build_request(
            op, call, base_url=self.options.base_url, default_headers=self.options.default_headers
        )
        requirement = Requirement(op.operation_id, op.principal, op.scope, op.identity_level)
        return exchange(
            req,
            requirement,
            policy=self.policy,
            deadline=self.options.deadline,
            clock=self.clock,
            with_auth=self.auth is not None and op.principal != "none",
        )


@attrs.define(slots=True)
class SyncEngine(_Engine):
    """Performs calls synchronously; safe to share between threads."""

    http: SyncHTTP = attrs.field(kw_only=True)
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, kw_only=True)

    def send_raw(self, req: PreparedRequest) -> RawResponse:
        """One attempt, no retries (auth flows fetch tokens with it)."""
        return self.http.send(req, self.options.timeout, self.options.deadline)

    def execute(self, op: AnyOperation, call: Call) -> RawResponse:
        machine = self.start(op, call)
        reply: Any = None
        while True:
            try:
                action = machine.send(reply)
            except StopIteration as done:
                result: RawResponse = done.value
                return result
            if isinstance(action, Send):
                try:
                    reply = self.http.send(action.request, self.options.timeout, action.time_left)
                except APIConnectionError as exc:
                    reply = exc
                _log_attempt(action.request, reply)
            elif isinstance(action, Sleep):
                self.sleep(action.seconds)
                reply = None
            elif isinstance(action, AuthHeaders):
                assert self.auth is not None
                reply = self.auth.headers(action.requirement, self.send_raw)
            elif isinstance(action, RetryUnauthorized):
                assert self.auth is not None
                reply = self.auth.retry_unauthorized(action.response, self.send_raw)

    def invoke(self, op: Operation[Any, T], call: Call) -> T:
        return decode_success(op, self.execute(op, call))

    def invoke_paged(self, op: PagedOperation[Any, I], call: Call) -> SyncPage[I]:
        items, cursor = decode_page(self.execute(op, call).content, op.item, op.operation_id)

        def fetch(next_cursor: str) -> SyncPage[I]:
            return self.invoke_paged(
                op, attrs.evolve(call, query=with_cursor(call.query, next_cursor))
            )

        return SyncPage(
            items, cursor, fetch, cursor=call.query.get("cursor"), operation_id=op.operation_id
        )


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here, not at the top: the sync client never loads asyncio

    await asyncio.sleep(seconds)


@attrs.define(slots=True)
class AsyncEngine(_Engine):
    """Performs calls from one event loop."""

    http: AsyncHTTP = attrs.field(kw_only=True)
    sleep: Callable[[float], Awaitable[None]] = attrs.field(
        factory=lambda: _asyncio_sleep, kw_only=True
    )

    async def send_raw(self, req: PreparedRequest) -> RawResponse:
        return await self.http.send(req, self.options.timeout, self.options.deadline)

    async def execute(self, op: AnyOperation, call: Call) -> RawResponse:
        machine = self.start(op, call)
        reply: Any = None
        while True:
            try:
                action = machine.send(reply)
            except StopIteration as done:
                result: RawResponse = done.value
                return result
            if isinstance(action, Send):
                try:
                    reply = await self.http.send(
                        action.request, self.options.timeout, action.time_left
                    )
                except APIConnectionError as exc:
                    reply = exc
                _log_attempt(action.request, reply)
            elif isinstance(action, Sleep):
                await self.sleep(action.seconds)
                reply = None
            elif isinstance(action, AuthHeaders):
                assert self.auth is not None
                reply = await self.auth.aheaders(action.requirement, self.send_raw)
            elif isinstance(action, RetryUnauthorized):
                assert self.auth is not None
                reply = await self.auth.aretry_unauthorized(action.response, self.send_raw)

    async def invoke(self, op: Operation[Any, T], call: Call) -> T:
        return decode_success(op, await self.execute(op, call))

    async def invoke_paged(self, op: PagedOperation[Any, I], call: Call) -> AsyncPage[I]:
        raw = await self.execute(op, call)
        items, cursor = decode_page(raw.content, op.item, op.operation_id)

        async def fetch(next_cursor: str) -> AsyncPage[I]:
            return await self.invoke_paged(
                op, attrs.evolve(call, query=with_cursor(call.query, next_cursor))
            )

        return AsyncPage(
            items, cursor, fetch, cursor=call.query.get("cursor"), operation_id=op.operation_id
        )
