"""A small keep-alive HTTP/1.1 load generator (asyncio streams, prebuilt request bytes).

``C`` connections each loop request → response for a fixed time after a warm-up, so the
throughput and the latency percentiles of two servers can be compared in the same run. Requests
are built by a callable so each can carry a fresh ``Idempotency-Key``. Every loop is bounded in
time and count, and talks only to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import attrs

MAX_REQUESTS = 2_000_000  # a bound on any one run, whatever the duration


@attrs.frozen
class LoadResult:
    concurrency: int
    seconds: float
    requests: int
    statuses: dict[int, int]
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
            break
    if length:
        await reader.readexactly(length)
    return status


async def _run(
    port: int, make: Callable[[], bytes], concurrency: int, warmup: float, duration: float
) -> LoadResult:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    start_at = time.perf_counter() + warmup
    stop_at = start_at + duration
    count = 0

    async def worker() -> None:
        nonlocal count
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while count < MAX_REQUESTS:
                data = make()
                began = time.perf_counter()
                if began >= stop_at:
                    break
                writer.write(data)
                status = await _read_response(reader)
                ended = time.perf_counter()
                if began >= start_at and ended <= stop_at:
                    latencies.append(ended - began)
                    statuses[status] = statuses.get(status, 0) + 1
                    count += 1
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    latencies.sort()
    n = len(latencies)
    return LoadResult(
        concurrency=concurrency,
        seconds=duration,
        requests=n,
        statuses=statuses,
        p50_ms=latencies[n // 2] * 1e3 if n else float("nan"),
        p99_ms=latencies[min(n - 1, int(n * 0.99))] * 1e3 if n else float("nan"),
    )


def run_load(
    port: int,
    make: Callable[[], bytes],
    concurrency: int,
    *,
    warmup: float = 0.5,
    duration: float = 3.0,
) -> LoadResult:
    """Drive ``port`` with ``concurrency`` keep-alive connections for ``duration`` seconds."""
    return asyncio.run(_run(port, make, concurrency, warmup, duration))
