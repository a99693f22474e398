"""(async) CPU per call at 64 concurrent requests: vssdk.AsyncClient vs bare httpx.AsyncClient.

The server is a minimal Starlette app in a child process (pinned to another CPU where the OS
allows) answering ``GET /reference/facilities/01001`` with the sandbox's reply, so the client is
what is measured. Each side runs N reads, 64 at a time (``asyncio.Semaphore``), in its own
event loop; the figure is this process's CPU time (``time.process_time``) per call, interleaved
rounds, median. The bare side is ``httpx.AsyncClient()`` with default settings, GET +
``json.loads``. Target (issue 18): ≤ 0.6× the bare client's CPU per call.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time

import httpx
from _common import QUICK, med, report
from _server import PROBE_PATH, python_server

import vssdk

TARGET = 0.6
CONCURRENCY = 64
_CANNED = """
import sys
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
BODY = (
    '{"code":"01001","name":"Bệnh viện Bạch Mai","province_code":"01","level":"central",'
    '"contracted":true,"address":"78 Giải Phóng, Đống Đa, Hà Nội"}'
).encode()
async def facility(request):
    return Response(BODY, media_type="application/json")
app = Starlette(routes=[Route("/reference/facilities/01001", facility)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


async def _sdk(base_url: str, n: int) -> float:
    gate = asyncio.Semaphore(CONCURRENCY)
    async with vssdk.AsyncClient(base_url) as client:

        async def one() -> None:
            async with gate:
                await client.lookups.facility("01001")

        await asyncio.gather(*(one() for _ in range(CONCURRENCY * 2)))  # warm: pool, caches
        start = time.process_time()
        await asyncio.gather(*(one() for _ in range(n)))
        return (time.process_time() - start) / n


async def _bare(base_url: str, n: int) -> float:
    gate = asyncio.Semaphore(CONCURRENCY)
    url = base_url + PROBE_PATH
    async with httpx.AsyncClient() as http:

        async def one() -> None:
            async with gate:
                response = await http.get(url)
                response.raise_for_status()
                json.loads(response.content)

        await asyncio.gather(*(one() for _ in range(CONCURRENCY * 2)))
        start = time.process_time()
        await asyncio.gather(*(one() for _ in range(n)))
        return (time.process_time() - start) / n


def main() -> int:
    n = 1000 if QUICK else 5000
    rounds = 3 if QUICK else 5
    cpus = os.cpu_count() or 1
    server_cpu = 1 if cpus >= 2 else None
    if server_cpu is not None:
        with contextlib.suppress(OSError, AttributeError):
            os.sched_setaffinity(0, {0})
    sdk: list[float] = []
    bare: list[float] = []
    with python_server(_CANNED, [], PROBE_PATH, cpu=server_cpu) as base_url:
        for r in range(rounds):
            order = [(bare, _bare), (sdk, _sdk)]
            for sink, fn in order if r % 2 == 0 else order[::-1]:
                sink.append(asyncio.run(fn(base_url, n)))
    sdk_s, bare_s = med(sdk), med(bare)
    ratio = sdk_s / bare_s
    report(
        "async_cpu",
        f"Async: CPU per call at {CONCURRENCY} concurrent, vssdk.AsyncClient vs httpx.AsyncClient",
        figures={
            "calls_per_round": n,
            "rounds": rounds,
            "concurrency": CONCURRENCY,
            "bare_cpu_per_call_s": bare_s,
            "sdk_cpu_per_call_s": sdk_s,
        },
        ratio=ratio,
        ratio_label="CPU of bare httpx.AsyncClient (lower is better)",
        target=f"≤ {TARGET}×",
        met=ratio <= TARGET,
        notes=["operation: lookups.facility('01001') against a canned Starlette app (loopback)"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
