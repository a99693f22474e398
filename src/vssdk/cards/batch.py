"""Batch card checks: one entry per patient; a bad entry gives an error item, never an abort."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Sequence

import attrs

from vssdk.cards.models import CardCheck
from vssdk.errors import InvalidArgument, VssdkError

__all__ = ["BatchItem", "CheckEntry", "run_batch", "run_batch_async"]


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


def _entries(entries: Iterable[CheckEntry]) -> list[CheckEntry]:
    out = list(entries)
    for index, entry in enumerate(out):
        if not isinstance(entry, CheckEntry):
            raise InvalidArgument(f"entries[{index}]", "must be a vssdk.cards.CheckEntry")
    return out


def run_batch(entries: Iterable[CheckEntry], check: CheckFn) -> list[BatchItem]:
    """Check entries one after the other (sync clients)."""
    items: list[BatchItem] = []
    for index, entry in enumerate(_entries(entries)):
        try:
            items.append(BatchItem(index, entry, result=check(entry)))
        except VssdkError as exc:
            items.append(BatchItem(index, entry, error=exc))
    return items


async def run_batch_async(
    entries: Iterable[CheckEntry], check: ACheckFn, *, concurrency: int
) -> list[BatchItem]:
    """Check entries with at most ``concurrency`` in flight; results keep the input order."""
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise InvalidArgument("concurrency", "must be a positive integer")
    todo: Sequence[CheckEntry] = _entries(entries)
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int, entry: CheckEntry) -> BatchItem:
        async with gate:
            try:
                return BatchItem(index, entry, result=await check(entry))
            except VssdkError as exc:
                return BatchItem(index, entry, error=exc)

    return list(await asyncio.gather(*(one(i, e) for i, e in enumerate(todo))))
