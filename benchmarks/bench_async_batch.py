"""(2) Async batch: 10,000 BHYT card checks with bounded concurrency, AsyncClient vs bare httpx.

The SDK side is ``AsyncClient.cards.check_many`` (bounded concurrency, one result or error per
entry) signed in as the sandbox's facility account ``01001_BV`` (client credentials). The bare
side POSTs the same JSON body with the same bearer token and a fresh idempotency key per request
through ``httpx.AsyncClient`` behind a semaphore of the same size, and parses the reply with
``json.loads``. Target: ≥ 0.8× the bare throughput.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid

import httpx
from _common import QUICK, report
from _server import sandbox_process

import vssdk
from vssdk._core.model import encode_json
from vssdk.cards import _operations as card_ops
from vssdk.cards.batch import CheckEntry
from vssdk.identity import ClientCredentials

TARGET = 0.8
CONCURRENCY = 16
CLIENT_ID, SECRET = "01001_BV", "sbx-01001_BV-secret"
OPERATOR = {"operator_name": "Nguyễn Thị Lan", "operator_id": "001085000111"}
PATIENT = {
    "card_code": "DN4010199000001",
    "full_name": "Nguyễn Văn Bình",
    "birth_date": "1985-03-14",
}


async def _measure(base_url: str, n: int, token: str, chunk: int) -> tuple[float, float, int]:
    """Alternate bare and SDK chunks (order swapped each round) so that server-side drift (its
    store grows with every check; other load on the machine) hits both sides alike."""
    body = encode_json(card_ops.check_card.builder(**PATIENT, **OPERATOR).body)
    url = base_url + card_ops.check_card.path
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
    gate = asyncio.Semaphore(CONCURRENCY)
    auth = ClientCredentials(CLIENT_ID, SECRET, base_url=base_url)
    entries = [CheckEntry(**PATIENT)] * chunk  # type: ignore[arg-type]
    async with (
        httpx.AsyncClient(limits=limits) as http,
        vssdk.AsyncClient(base_url, auth=auth) as client,
    ):

        async def one() -> object:
            async with gate:
                headers = {
                    "authorization": f"Bearer {token}",
                    "content-type": "application/json",
                    "idempotency-key": uuid.uuid4().hex,
                }
                response = await http.post(url, content=body, headers=headers)
                response.raise_for_status()
                return json.loads(response.content)

        async def bare_chunk(size: int) -> float:
            start = time.perf_counter()
            await asyncio.gather(*(one() for _ in range(size)))
            return time.perf_counter() - start

        async def sdk_chunk(size: int) -> tuple[float, int]:
            start = time.perf_counter()
            items = await client.cards.check_many(
                entries[:size], concurrency=CONCURRENCY, **OPERATOR
            )
            return time.perf_counter() - start, sum(1 for i in items if i.error is not None)

        await bare_chunk(100)  # warm-up: pools, token
        await sdk_chunk(100)
        bare_s = sdk_s = 0.0
        errors = 0
        for k in range(n // chunk):
            if k % 2 == 0:
                bare_s += await bare_chunk(chunk)
                t, e = await sdk_chunk(chunk)
            else:
                t, e = await sdk_chunk(chunk)
                bare_s += await bare_chunk(chunk)
            sdk_s += t
            errors += e
    return bare_s, sdk_s, errors


def _token(base_url: str) -> str:
    reply = httpx.post(
        base_url + "/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=(CLIENT_ID, SECRET),
    )
    reply.raise_for_status()
    token: str = reply.json()["access_token"]
    return token


def main() -> int:
    n = 1000 if QUICK else 10_000
    with sandbox_process() as base_url:
        bare_s, sdk_s, errors = asyncio.run(_measure(base_url, n, _token(base_url), 500))
    ratio = bare_s / sdk_s  # throughput ratio = inverse time ratio
    report(
        "async_batch",
        f"2. Async batch: {n:,} card checks at concurrency {CONCURRENCY}, "
        "AsyncClient.cards.check_many vs bare httpx",
        figures={
            "checks": n,
            "concurrency": CONCURRENCY,
            "bare_total_s": bare_s,
            "sdk_total_s": sdk_s,
            "bare_per_second": round(n / bare_s),
            "sdk_per_second": round(n / sdk_s),
            "sdk_errors": errors,
        },
        ratio=ratio,
        ratio_label="of the bare throughput (higher is better)",
        target=f"≥ {TARGET}×",
        met=ratio >= TARGET and errors == 0,
        notes=[
            "server: the sandbox in a child process on loopback; with 2 CPUs it shares the "
            "machine with the client, so both sides are mostly bound by the server",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
