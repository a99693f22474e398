"""The typed gateway calls' one policy, written once and free of I/O: log in, call, and on a
``maKetQua`` 401 forget the token and try once more.

:func:`logged_in` is a generator of two actions: :class:`NeedToken` (the driver answers with the
login and its cached or fresh token) and :class:`Invoke` (the driver answers with the operation's
decoded reply). ``Gateway`` and ``AsyncGateway`` drive it with :func:`drive` and :func:`adrive`,
which differ only in awaiting; everything else about a call stays in the client's engine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from typing import Any, Protocol, TypeVar

import attrs

from vssdk._core.operation import Call, Operation
from vssdk.gateway.login import GatewayLogin, GatewayToken

__all__ = ["Invoke", "NeedToken", "adrive", "drive", "logged_in"]

R = TypeVar("R", bound="_HasResult")


class _HasResult(Protocol):
    @property
    def maKetQua(self) -> str: ...  # noqa: N802  (the gateway's own field name)


@attrs.frozen(slots=True)
class NeedToken:
    """Give me the login and a token (cached, or from ``api/token/take``)."""


@attrs.frozen(slots=True)
class Invoke:
    """Send this call of this operation and give me its decoded reply."""

    op: Operation[..., Any]
    call: Call


Steps = Generator[NeedToken | Invoke, Any, R]


def logged_in(
    op: Operation[..., R], build: Callable[[GatewayLogin, GatewayToken], Call]
) -> Steps[R]:
    """Call ``op`` with the token ``build`` puts in it; after a ``maKetQua`` 401, log in again
    and call once more (the second reply is returned whatever it says)."""
    for attempt in (1, 2):
        login, token = yield NeedToken()
        reply: R = yield Invoke(op, build(login, token))
        if reply.maKetQua == "401" and attempt == 1:
            login.invalidate()
            continue
        return reply
    raise AssertionError("unreachable")  # pragma: no cover


def drive(
    steps: Steps[R],
    token: Callable[[], tuple[GatewayLogin, GatewayToken]],
    invoke: Callable[[Operation[..., Any], Call], Any],
) -> R:
    """Run ``steps`` synchronously."""
    action = next(steps)
    while True:
        answer = token() if isinstance(action, NeedToken) else invoke(action.op, action.call)
        try:
            action = steps.send(answer)
        except StopIteration as done:
            result: R = done.value
            return result


async def adrive(
    steps: Steps[R],
    token: Callable[[], Awaitable[tuple[GatewayLogin, GatewayToken]]],
    invoke: Callable[[Operation[..., Any], Call], Awaitable[Any]],
) -> R:
    """Run ``steps`` on the event loop."""
    action = next(steps)
    while True:
        if isinstance(action, NeedToken):
            answer = await token()
        else:
            answer = await invoke(action.op, action.call)
        try:
            action = steps.send(answer)
        except StopIteration as done:
            result: R = done.value
            return result
