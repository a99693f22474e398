"""(2) Async batch: many card checks with bounded concurrency, vssdk.AsyncClient vs bare httpx.

Uses the cards area's batch helper when it exists, else a semaphore loop over
``client.cards.check``; while the card check is not there yet, ``lookups.facility`` stands in
(the report says which). The bare side sends the same requests through ``httpx.AsyncClient`` at
the same concurrency. Target: ≥ 0.8× the bare throughput.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from _common import QUICK, report
from _server import PROBE_PATH, sandbox_process

import vssdk

TARGET = 0.8
CONCURRENCY = 32


async def _bounded(n: int, one: Callable[[int], Awaitable[Any]]) -> float:
    sem = asyncio.Semaphore(CONCURRENCY)

    async def run(i: int) -> None:
        async with sem:
            await one(i)

    start = time.perf_counter()
    await asyncio.gather(*(run(i) for i in range(n)))
    return time.perf_counter() - start


async def _measure(base_url: str, n: int) -> tuple[float, float, str]:
    url = base_url + PROBE_PATH
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
    async with httpx.AsyncClient(limits=limits) as bare, vssdk.AsyncClient(base_url) as client:

        async def bare_one(_i: int) -> Any:
            response = await bare.get(url)
            return json.loads(response.content)

        # The cards area has no check operation yet: a look-up of the same size stands in.
        what = "client.lookups.facility (card check not available yet)"

        async def sdk_one(_i: int) -> Any:
            return await client.lookups.facility("01001")

        await _bounded(200, bare_one)  # warm-up: open the pools
        await _bounded(200, sdk_one)
        bare_s = await _bounded(n, bare_one)
        sdk_s = await _bounded(n, sdk_one)
        bare_s2 = await _bounded(n, bare_one)
        sdk_s2 = await _bounded(n, sdk_one)
    return min(bare_s, bare_s2), min(sdk_s, sdk_s2), what


def main() -> int:
    n = 1000 if QUICK else 10_000
    with sandbox_process() as base_url:
        bare_s, sdk_s, what = asyncio.run(_measure(base_url, n))
    ratio = bare_s / sdk_s  # throughput ratio = inverse time ratio
    report(
        "async_batch",
        f"2. Async batch: {n:,} requests at concurrency {CONCURRENCY}, AsyncClient vs bare httpx",
        figures={
            "requests": n,
            "concurrency": CONCURRENCY,
            "bare_total_s": bare_s,
            "sdk_total_s": sdk_s,
            "bare_per_second": round(n / bare_s),
            "sdk_per_second": round(n / sdk_s),
        },
        ratio=ratio,
        ratio_label="of the bare throughput (higher is better)",
        target=f"≥ {TARGET}×",
        met=ratio >= TARGET,
        notes=[
            f"operation: {what}",
            "server: sandbox in a child process on loopback; with 2 CPUs the server is the "
            "bottleneck for both sides, so the ratio shows client CPU left over, not network",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
