"""(1) Client overhead: sequential small reads through vssdk.Client vs bare httpx + json.loads.

The figure (issue 18) is the client's CPU per call with an in-memory transport, so the socket
does not hide it: both sides talk to an ``httpx.MockTransport`` answering the reply the sandbox
sent, interleaved rounds, CPU time (``time.process_time``) per call. Target: ≤ 1.15× bare httpx.
Also reported: the same calls against the sandbox over loopback TCP (wall time per call).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from typing import Any

import httpx
from _common import QUICK, cpu_per_call, med, median_rounds, per_call, report
from _server import PROBE_PATH, sandbox_process

import vssdk

TARGET = 1.15


def _in_memory(calls: int, rounds: int) -> dict[str, float]:
    """Client CPU alone: each side talks to a MockTransport returning the recorded reply.

    When ``httpx2`` is installed, bare ``httpx2`` is measured in the same rounds too (the
    candidate HTTP package of the transport seam; see docs/performance.md).
    """
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

        contenders = {
            "bare": lambda: cpu_per_call(bare_once, calls),
            "sdk": lambda: cpu_per_call(sdk_once, calls),
        }
        if importlib.util.find_spec("httpx2") is not None:
            httpx2: Any = importlib.import_module("httpx2")
            other = httpx2.Client(
                transport=httpx2.MockTransport(
                    lambda _r: httpx2.Response(200, content=body, headers=headers)
                )
            )

            def httpx2_once() -> object:
                return json.loads(other.get(url).content)

            contenders["httpx2"] = lambda: cpu_per_call(httpx2_once, calls)
        for _ in range(200):
            for run in (sdk_once, bare_once):
                run()
        samples = median_rounds(contenders, rounds)
    return {name: med(values) for name, values in samples.items()}


def main() -> int:
    calls = 1000 if QUICK else 3000
    rounds = 5 if QUICK else 9
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
    memory = _in_memory(calls * 2, rounds)
    mem_bare_s, mem_sdk_s = memory["bare"], memory["sdk"]
    ratio = mem_sdk_s / mem_bare_s
    report(
        "client_overhead",
        "1. Client CPU per sync call: vssdk.Client vs bare httpx.Client + json.loads (in memory)",
        figures={
            "calls_per_round": calls * 2,
            "rounds": rounds,
            "in_memory_bare_cpu_per_call_s": mem_bare_s,
            "in_memory_sdk_cpu_per_call_s": mem_sdk_s,
            "sdk_added_cpu_per_call_s": mem_sdk_s - mem_bare_s,
            "loopback_bare_per_call_s": bare_s,
            "loopback_sdk_per_call_s": sdk_s,
            "loopback_ratio": round(sdk_s / bare_s, 2),
            "in_memory_bare_httpx2_vs_httpx": (
                round(memory["httpx2"] / mem_bare_s, 2) if "httpx2" in memory else "not installed"
            ),
        },
        ratio=ratio,
        ratio_label="CPU of the bare path (lower is better)",
        target=f"≤ {TARGET}×",
        met=ratio <= TARGET,
        notes=[
            "operation: lookups.facility('01001') → GET /reference/facilities/01001",
            "in memory: an httpx.MockTransport answers the recorded sandbox reply, so the figure "
            "is client CPU alone; loopback_*: the same calls against the sandbox over TCP (wall)",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
