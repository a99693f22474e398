"""Retry decisions: pure functions of (attempt, outcome, headers, time left) → wait or stop."""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Callable, Mapping

import attrs

from vssdk._core.config import INITIAL_RETRY_DELAY, MAX_RETRY_AFTER, MAX_RETRY_DELAY

__all__ = ["RETRYABLE_STATUS", "RetryPolicy", "parse_retry_after"]

RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date), else None."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


@attrs.frozen(slots=True)
class RetryPolicy:
    """Exponential backoff with jitter, honouring Retry-After, bounded by retries and deadline."""

    max_retries: int
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_retry_after: float = MAX_RETRY_AFTER
    jitter: Callable[[], float] = random.random

    def backoff(self, attempt: int) -> float:
        """Delay before retry number ``attempt + 1``: base·2^attempt capped, minus ≤25 % jitter."""
        delay = min(self.initial_delay * (2.0**attempt), self.max_delay)
        return float(delay * (1 - 0.25 * self.jitter()))

    def delay_for_status(
        self,
        attempt: int,
        status: int,
        headers: Mapping[str, str],
        *,
        retry_safe: bool,
        time_left: float,
    ) -> float | None:
        """Seconds to wait before retrying a reply with ``status``, or None to stop."""
        if not retry_safe or attempt >= self.max_retries:
            return None
        explicit = headers.get("x-should-retry")
        if explicit == "false":
            return None
        if status not in RETRYABLE_STATUS and explicit != "true":
            return None
        hinted = parse_retry_after(headers.get("retry-after"))
        if hinted is not None:
            if hinted > self.max_retry_after:
                return None
            delay = hinted
        else:
            delay = self.backoff(attempt)
        return delay if delay < time_left else None

    def delay_for_error(self, attempt: int, *, retry_safe: bool, time_left: float) -> float | None:
        """Seconds to wait before retrying after a connection error or timeout, or None."""
        if not retry_safe or attempt >= self.max_retries:
            return None
        delay = self.backoff(attempt)
        return delay if delay < time_left else None
