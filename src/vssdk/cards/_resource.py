"""``client.cards``: BHYT card checks at reception, single and batch."""

from __future__ import annotations

from collections.abc import Iterable

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.cards import _operations as ops
from vssdk.cards.batch import BatchItem, CheckEntry, run_batch, run_batch_async
from vssdk.cards.models import CardCheck


class Cards(SyncArea):
    """BHYT card checks at reception."""

    __slots__ = ()
    check = ops.check_card.sync
    get_check = ops.get_card_check.sync

    def check_many(
        self, entries: Iterable[CheckEntry], *, operator_name: str, operator_id: str
    ) -> list[BatchItem]:
        """Check several patients in turn; each item holds a result or that entry's error."""

        def one(entry: CheckEntry) -> CardCheck:
            return self.check(
                entry.card_code,
                citizen_id=entry.citizen_id,
                si_code=entry.si_code,
                full_name=entry.full_name,
                birth_date=entry.birth_date,
                operator_name=operator_name,
                operator_id=operator_id,
            )

        return run_batch(entries, one)


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
    ) -> list[BatchItem]:
        """Check several patients, at most ``concurrency`` at a time; one bad entry never
        sinks the batch (its item carries the error). Items keep the input order."""

        async def one(entry: CheckEntry) -> CardCheck:
            return await self.check(
                entry.card_code,
                citizen_id=entry.citizen_id,
                si_code=entry.si_code,
                full_name=entry.full_name,
                birth_date=entry.birth_date,
                operator_name=operator_name,
                operator_id=operator_id,
            )

        return await run_batch_async(entries, one, concurrency=concurrency)
