"""Batch card checks: one entry per patient; a bad entry gives an error item, never an abort."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import TypeVar

import attrs

from vssdk.cards.models import CardCheck
from vssdk.errors import InvalidArgument, RateLimitError, VssdkError

__all__ = ["BatchItem", "CheckEntry", "Progress", "check_entry", "run_batch", "run_batch_async"]


@attrs.frozen(slots=True)
class CheckEntry:
    """One patient to check: exactly one of card code, citizen ID or SI code, name and birth."""

    full_name: str
    birth_date: dt.date | int | str
    card_code: str | None = None
    citizen_id: str | None = None
    si_code: str | None = None


@attrs.frozen(slots=True)
class BatchItem:
    """The outcome for one entry: a :class:`CardCheck` or the error that entry raised."""

    index: int
    entry: CheckEntry
    result: CardCheck | None = None
    error: VssdkError | None = None

    @property
    def ok(self) -> bool:
        """True when the gateway answered (whatever the result code)."""
        return self.result is not None


CheckFn = Callable[[CheckEntry], CardCheck]
ACheckFn = Callable[[CheckEntry], Awaitable[CardCheck]]
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each entry finishes (result or error)."""

R = TypeVar("R")


def check_entry(
    check: Callable[..., R], entry: CheckEntry, *, operator_name: str, operator_id: str
) -> R:
    """Call a card-check method (REST or wire, sync or async) for one entry."""
    return check(
        entry.card_code,
        citizen_id=entry.citizen_id,
        si_code=entry.si_code,
        full_name=entry.full_name,
        birth_date=entry.birth_date,
        operator_name=operator_name,
        operator_id=operator_id,
    )


def _entries(entries: Iterable[CheckEntry]) -> list[CheckEntry]:
    out = list(entries)
    for index, entry in enumerate(out):
        if not isinstance(entry, CheckEntry):
            raise InvalidArgument(f"entries[{index}]", "must be a vssdk.cards.CheckEntry")
    return out


def run_batch(
    entries: Iterable[CheckEntry], check: CheckFn, *, progress: Progress | None = None
) -> list[BatchItem]:
    """Check entries one after the other (sync clients)."""
    todo = _entries(entries)
    items: list[BatchItem] = []
    for index, entry in enumerate(todo):
        try:
            items.append(BatchItem(index, entry, result=check(entry)))
        except VssdkError as exc:
            items.append(BatchItem(index, entry, error=exc))
        if progress is not None:
            progress(len(items), len(todo))
    return items


async def run_batch_async(
    entries: Iterable[CheckEntry],
    check: ACheckFn,
    *,
    concurrency: int,
    progress: Progress | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> list[BatchItem]:
    """Check entries with at most ``concurrency`` in flight; results keep the input order.

    Rate limits are shared: when one entry still meets a 429 after the client's own retries,
    every task holds back new requests until the server's ``Retry-After`` has passed, and that
    entry is tried once more.
    """
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgument("concurrency", "must be a positive integer")
    todo: Sequence[CheckEntry] = _entries(entries)
    gate = asyncio.Semaphore(concurrency)
    loop = asyncio.get_running_loop()
    resume_at = 0.0
    done = 0

    async def attempt(entry: CheckEntry) -> CardCheck:
        nonlocal resume_at
        for tries in (1, 2):
            wait = resume_at - loop.time()
            if wait > 0:
                await sleep(wait)
            try:
                return await check(entry)
            except RateLimitError as exc:
                if tries == 2 or exc.retry_after is None:
                    raise
                resume_at = max(resume_at, loop.time() + exc.retry_after)
        raise AssertionError("unreachable")  # pragma: no cover

    async def one(index: int, entry: CheckEntry) -> BatchItem:
        nonlocal done
        async with gate:
            try:
                item = BatchItem(index, entry, result=await attempt(entry))
            except VssdkError as exc:
                item = BatchItem(index, entry, error=exc)
        done += 1
        if progress is not None:
            progress(done, len(todo))
        return item

    return list(await asyncio.gather(*(one(i, e) for i, e in enumerate(todo))))
