"""One call as a pure state machine: it yields actions, a driver performs them.

The generator decides everything (auth headers, deadline, retries, waits, 401 refresh, error
mapping); the sync and async drivers in ``engine.py`` only perform its four actions.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping
from typing import Any

import attrs

from vssdk._core.auth import Requirement
from vssdk._core.problems import error_from_response
from vssdk._core.retry import RetryPolicy
from vssdk._core.wire import PreparedRequest, RawResponse
from vssdk.errors import APIConnectionError, APITimeoutError

__all__ = ["AuthHeaders", "Exchange", "RetryUnauthorized", "Send", "Sleep", "exchange"]


@attrs.frozen(slots=True)
class AuthHeaders:
    """Ask the auth for headers (it may fetch or refresh a token); reply: a header mapping."""

    requirement: Requirement


@attrs.frozen(slots=True)
class Send:
    """Send one attempt; reply: the RawResponse, or the APIConnectionError it raised."""

    request: PreparedRequest
    time_left: float


@attrs.frozen(slots=True)
class Sleep:
    """Wait this many seconds before the next attempt; reply: None."""

    seconds: float


@attrs.frozen(slots=True)
class RetryUnauthorized:
    """After a 401, ask the auth whether fresh credentials deserve one more try; reply: bool."""

    response: RawResponse


Action = AuthHeaders | Send | Sleep | RetryUnauthorized
Exchange = Generator[Action, Any, RawResponse]


def exchange(
    req: PreparedRequest,
    requirement: Requirement,
    *,
    policy: RetryPolicy,
    deadline: float,
    clock: Callable[[], float],
    with_auth: bool,
) -> Exchange:
    """Run one call to its final 2xx reply, or raise the typed error."""
    end = clock() + deadline
    attempt = 0
    refreshed = False
    while True:
        request = req
        if with_auth:
            extra: Mapping[str, str] = yield AuthHeaders(requirement)
            if extra:
                request = attrs.evolve(req, headers={**req.headers, **extra})
        time_left = end - clock()
        if time_left <= 0:
            raise APITimeoutError(
                f"{req.operation_id}: overall deadline of {deadline:g}s exceeded",
                operation_id=req.operation_id,
            )
        outcome: RawResponse | APIConnectionError = yield Send(request, time_left)
        if isinstance(outcome, APIConnectionError):
            delay = policy.delay_for_error(
                attempt, retry_safe=req.retry_safe, time_left=end - clock()
            )
            if delay is None:
                raise outcome
        elif outcome.status_code < 400:
            return outcome
        else:
            if outcome.status_code == 401 and with_auth and not refreshed:
                refreshed = True
                if (yield RetryUnauthorized(outcome)):
                    continue
            delay = policy.delay_for_status(
                attempt,
                outcome.status_code,
                outcome.headers,
                retry_safe=req.retry_safe,
                time_left=end - clock(),
            )
            if delay is None:
                raise error_from_response(outcome, req.operation_id)
        yield Sleep(delay)
        attempt += 1
