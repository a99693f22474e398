"""Batch checks report progress and share rate limits across the batch."""

from __future__ import annotations

import asyncio

import vssdk
from vssdk.cards import CheckAction, CheckEntry
from vssdk.cards.batch import run_batch, run_batch_async
from vssdk.cards.models import CardCheck

ENTRIES = [CheckEntry(f"Người {i}", 1990, card_code=f"DN40101990000{i:02d}") for i in range(5)]


def fake_result(entry: CheckEntry) -> CardCheck:
    return CardCheck(
        result_code="000",
        result_message="Thông tin thẻ chính xác",
        eligible=True,
        action=CheckAction.ACCEPT,
    )


def rate_limited(retry_after: str) -> vssdk.RateLimitError:
    return vssdk.RateLimitError(
        "429",
        status_code=429,
        body=b"",
        headers={"retry-after": retry_after},
        problem=None,
        request_id=None,
    )


def test_sync_batch_reports_progress_and_keeps_errors() -> None:
    seen: list[tuple[int, int]] = []

    def check(entry: CheckEntry) -> CardCheck:
        if entry is ENTRIES[2]:
            raise vssdk.InvalidArgument("card_code", "bad")
        return fake_result(entry)

    items = run_batch(ENTRIES, check, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert [item.ok for item in items] == [True, True, False, True, True]


def test_async_batch_pauses_for_retry_after_and_retries_the_entry() -> None:
    waits: list[float] = []
    calls: list[int] = []
    progress: list[int] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)

    async def check(entry: CheckEntry) -> CardCheck:
        calls.append(ENTRIES.index(entry))
        if entry is ENTRIES[0] and calls.count(0) == 1:
            raise rate_limited("7")
        return fake_result(entry)

    items = asyncio.run(
        run_batch_async(
            ENTRIES,
            check,
            concurrency=1,
            sleep=fake_sleep,
            progress=lambda done, total: progress.append(done),
        )
    )
    assert all(item.ok for item in items)
    assert calls.count(0) == 2  # the limited entry was tried again
    assert waits and 6.0 < waits[0] <= 7.0  # and the batch held back for Retry-After
    assert progress == [1, 2, 3, 4, 5]


def test_a_second_429_for_the_same_entry_is_its_error_not_the_batch() -> None:
    async def fake_sleep(seconds: float) -> None:
        return None

    async def check(entry: CheckEntry) -> CardCheck:
        if entry is ENTRIES[1]:
            raise rate_limited("1")
        return fake_result(entry)

    items = asyncio.run(run_batch_async(ENTRIES, check, concurrency=2, sleep=fake_sleep))
    assert isinstance(items[1].error, vssdk.RateLimitError)
    assert [item.ok for item in items] == [True, False, True, True, True]
