"""``client.cards``: BHYT card checks at reception, single and batch."""

from __future__ import annotations

from collections.abc import Iterable

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.cards import _operations as ops
from vssdk.cards.batch import (
    BatchItem,
    CheckEntry,
    Progress,
    check_entry,
    run_batch,
    run_batch_async,
)
from vssdk.cards.models import CardCheck


class Cards(SyncArea):
    """BHYT card checks at reception."""

    __slots__ = ()
    check = ops.check_card.sync
    get_check = ops.get_card_check.sync

    def check_many(
        self,
        entries: Iterable[CheckEntry],
        *,
        operator_name: str,
        operator_id: str,
        progress: Progress | None = None,
    ) -> list[BatchItem]:
        """Check several patients in turn; each item holds a result or that entry's error.

        ``progress(done, total)`` is called after each entry.
        """
        staff = {"operator_name": operator_name, "operator_id": operator_id}
        return run_batch(
            entries, lambda entry: check_entry(self.check, entry, **staff), progress=progress
        )


class AsyncCards(AsyncArea):
    """BHYT card checks at reception (async)."""

    __slots__ = ()
    check = ops.check_card.aio
    get_check = ops.get_card_check.aio

    async def check_many(
        self,
        entries: Iterable[CheckEntry],
        *,
        operator_name: str,
        operator_id: str,
        concurrency: int = 8,
        progress: Progress | None = None,
    ) -> list[BatchItem]:
        """Check several patients, at most ``concurrency`` at a time; one bad entry never sinks
        the batch (its item carries the error); items keep the input order. A 429 that outlasts
        the client's retries pauses the whole batch for the server's ``Retry-After``.
        ``progress(done, total)`` is called after each entry.
        """
        staff = {"operator_name": operator_name, "operator_id": operator_id}

        async def one(entry: CheckEntry) -> CardCheck:
            return await check_entry(self.check, entry, **staff)

        return await run_batch_async(entries, one, concurrency=concurrency, progress=progress)
