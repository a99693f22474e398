"""(1) Client overhead: sequential small reads through vssdk.Client vs bare httpx + json.loads.

Both sides talk to the same sandbox (a separate process, loopback TCP), one keep-alive
connection each, interleaved rounds; the figure is the median time per call.
Target: the SDK costs at most 1.3× the bare path.
"""

from __future__ import annotations

import json
import sys

import httpx
from _common import QUICK, med, median_rounds, per_call, report
from _server import PROBE_PATH, sandbox_process

import vssdk

TARGET = 1.3


def _in_memory(calls: int, rounds: int) -> tuple[float, float]:
    """Client CPU alone: both sides talk to a MockTransport returning the recorded reply."""
    with sandbox_process() as base_url:
        recorded = httpx.get(base_url + PROBE_PATH)
    body, headers = recorded.content, dict(recorded.headers)

    def handler(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=headers)

    transport = httpx.MockTransport(handler)
    url = "http://sandbox.test" + PROBE_PATH
    with (
        vssdk.Client("http://sandbox.test", transport=transport) as client,
        httpx.Client(transport=transport) as bare,
    ):

        def sdk_once() -> object:
            return client.lookups.facility("01001")

        def bare_once() -> object:
            return json.loads(bare.get(url).content)

        for _ in range(200):
            sdk_once()
            bare_once()
        samples = median_rounds(
            {"bare": lambda: per_call(bare_once, calls), "sdk": lambda: per_call(sdk_once, calls)},
            rounds,
        )
    return med(samples["bare"]), med(samples["sdk"])


def main() -> int:
    calls = 300 if QUICK else 2000
    rounds = 3 if QUICK else 7
    with sandbox_process() as base_url, vssdk.Client(base_url) as client, httpx.Client() as bare:
        url = base_url + PROBE_PATH

        def sdk_once() -> object:
            return client.lookups.facility("01001")

        def bare_once() -> object:
            return json.loads(bare.get(url).content)

        for _ in range(100):  # warm-up: connections, caches
            sdk_once()
            bare_once()
        samples = median_rounds(
            {"bare": lambda: per_call(bare_once, calls), "sdk": lambda: per_call(sdk_once, calls)},
            rounds,
        )
    bare_s, sdk_s = med(samples["bare"]), med(samples["sdk"])
    ratio = sdk_s / bare_s
    mem_bare_s, mem_sdk_s = _in_memory(calls, rounds)
    report(
        "client_overhead",
        "1. Client overhead: vssdk.Client vs bare httpx.Client + json.loads",
        figures={
            "calls_per_round": calls,
            "rounds": rounds,
            "bare_per_call_s": bare_s,
            "sdk_per_call_s": sdk_s,
            "sdk_added_per_call_s": sdk_s - bare_s,
            "in_memory_bare_per_call_s": mem_bare_s,
            "in_memory_sdk_per_call_s": mem_sdk_s,
            "in_memory_ratio": round(mem_sdk_s / mem_bare_s, 2),
        },
        ratio=ratio,
        ratio_label="of the bare path (lower is better)",
        target=f"≤ {TARGET}×",
        met=ratio <= TARGET,
        notes=[
            "operation: lookups.facility('01001') → GET /reference/facilities/01001",
            "in_memory_*: the same calls against an httpx.MockTransport answering the recorded "
            "reply, i.e. client CPU alone (no server, no socket): the SDK's own cost per call",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
