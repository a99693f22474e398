"""(sandbox) BHYT card checks per second: the sandbox vs a bare Starlette app, same server.

Both servers run in child processes under ``uvicorn.run`` with the same settings (the sandbox
as ``vssdk_sandbox.server.serve`` runs it: SQLite on disk, request and response validation on),
on the pure-Python stack every install has (asyncio loop, h11 parser). When uvloop and httptools
are installed (``vssdk-sandbox[fast]``), both servers are measured on that stack too and reported
as ``fast_*`` figures. The bare app answers the same ``POST /health-insurance/card-checks`` with the
JSON the sandbox sent (captured first), status 201. The load generator (``_load.py``) sends what
``cards.check()`` sends — bearer token, JSON body, a fresh ``Idempotency-Key`` — over C
keep-alive connections for a fixed time, at C = 1, 16 and 64; rounds alternate which server goes
first. Servers are pinned to CPU 1 and the generator to CPU 0 where the OS allows it.

Targets (issue 18): ≥ 0.5× the bare app's throughput at every level, and p99 at 64 concurrent
≤ 3× the bare app's.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
import tempfile
import uuid
from pathlib import Path

import httpx
from _common import QUICK, med, report
from _load import run_load
from _server import python_server, sandbox_process

from vssdk._core.model import encode_json
from vssdk.cards import _operations as card_ops

THROUGHPUT_TARGET = 0.5
P99_TARGET = 3.0
LEVELS = (1, 16, 64)
CLIENT_ID, SECRET = "01001_BV", "sbx-01001_BV-secret"
PATIENT = {
    "card_code": "DN4010199000001",
    "full_name": "Nguyễn Văn Bình",
    "birth_date": "1985-03-14",
    "operator_name": "Nguyễn Thị Lan",
    "operator_id": "001085000111",
}
_BARE = """
import sys
from pathlib import Path
import uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
BODY = Path(sys.argv[2]).read_bytes()
async def check(request):
    await request.body()
    return Response(BODY, status_code=201, media_type="application/json")
app = Starlette(routes=[Route("/health-insurance/card-checks", check, methods=["POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
            loop=sys.argv[3], http=sys.argv[4])
"""
PURE = ("asyncio", "h11")
FAST = ("uvloop", "httptools")


def _requester(port: int, token: str) -> tuple[bytes, object]:
    body = encode_json(card_ops.check_card.builder(**PATIENT).body)
    head = (
        f"POST {card_ops.check_card.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nIdempotency-Key: "
    ).encode()

    def make() -> bytes:
        return head + uuid.uuid4().hex.encode() + b"\r\n\r\n" + body

    return body, make


def _pin_self(cpu: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        os.sched_setaffinity(0, {cpu})


def _measure(
    stack: tuple[str, str], duration: float, rounds: int, server_cpu: int | None
) -> tuple[dict[int, dict[str, list[float]]], dict[str, dict[int, int]]]:
    with contextlib.ExitStack() as stack_:
        base = stack_.enter_context(sandbox_process(cpu=server_cpu, stack=stack))
        port = int(base.rsplit(":", 1)[1])
        token = httpx.post(
            base + "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(CLIENT_ID, SECRET),
        ).json()["access_token"]
        body, make = _requester(port, token)
        headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
        reply = None
        for _ in range(12):  # the card's history fills to its 10 entries, as in steady use
            reply = httpx.post(
                base + card_ops.check_card.path,
                content=body,
                headers={**headers, "idempotency-key": uuid.uuid4().hex},
            )
        if reply is None or reply.status_code != 201:
            raise RuntimeError(f"the sandbox refused the card check: {reply}")
        captured = Path(stack_.enter_context(tempfile.TemporaryDirectory())) / "reply.json"
        captured.write_bytes(reply.content)
        bare = stack_.enter_context(
            python_server(
                _BARE,
                [str(captured), *stack],
                card_ops.check_card.path,
                cpu=server_cpu,
                method="POST",
            )
        )
        bare_port = int(bare.rsplit(":", 1)[1])
        _, bare_make = _requester(bare_port, token)
        per_level: dict[int, dict[str, list[float]]] = {}
        statuses: dict[str, dict[int, int]] = {"sandbox": {}, "bare": {}}
        for level in LEVELS:
            samples: dict[str, list[float]] = {
                k: []
                for k in ("sandbox", "bare", "sandbox_p50", "sandbox_p99", "bare_p50", "bare_p99")
            }
            for r in range(rounds):
                order = [("sandbox", port, make), ("bare", bare_port, bare_make)]
                for name, p, fn in order if r % 2 == 0 else order[::-1]:
                    got = run_load(p, fn, level, duration=duration)  # type: ignore[arg-type]
                    samples[name].append(got.per_second)
                    samples[f"{name}_p50"].append(got.p50_ms)
                    samples[f"{name}_p99"].append(got.p99_ms)
                    for code, n in got.statuses.items():
                        statuses[name][code] = statuses[name].get(code, 0) + n
            per_level[level] = samples
    return per_level, statuses


def _figures(
    per_level: dict[int, dict[str, list[float]]], prefix: str = ""
) -> tuple[dict[str, object], list[float], float]:
    figures: dict[str, object] = {}
    ratios: list[float] = []
    for level, s in per_level.items():
        ratio = med(s["sandbox"]) / med(s["bare"])
        ratios.append(ratio)
        figures[f"{prefix}c{level}_sandbox_per_second"] = round(med(s["sandbox"]))
        figures[f"{prefix}c{level}_bare_per_second"] = round(med(s["bare"]))
        figures[f"{prefix}c{level}_ratio"] = round(ratio, 3)
        figures[f"{prefix}c{level}_sandbox_p50_p99_ms"] = (
            f"{med(s['sandbox_p50']):.1f} / {med(s['sandbox_p99']):.1f}"
        )
        figures[f"{prefix}c{level}_bare_p50_p99_ms"] = (
            f"{med(s['bare_p50']):.1f} / {med(s['bare_p99']):.1f}"
        )
    top = per_level[LEVELS[-1]]
    p99_ratio = med(top["sandbox_p99"]) / med(top["bare_p99"])
    figures[f"{prefix}c64_p99_ratio"] = round(p99_ratio, 2)
    return figures, ratios, p99_ratio


def main() -> int:
    duration = 2.0 if QUICK else 5.0
    rounds = 2 if QUICK else 3
    cpus = os.cpu_count() or 1
    server_cpu, client_cpu = (1, 0) if cpus >= 2 else (None, None)
    if client_cpu is not None:
        _pin_self(client_cpu)
    per_level, statuses = _measure(PURE, duration, rounds, server_cpu)
    figures: dict[str, object] = {"seconds_per_sample": duration, "rounds": rounds}
    main_figures, ratios, p99_ratio = _figures(per_level)
    figures.update(main_figures)
    figures["statuses"] = json.dumps({k: dict(sorted(v.items())) for k, v in statuses.items()})
    all_201 = set(statuses["sandbox"]) == {201} and set(statuses["bare"]) == {201}
    notes = [
        "ratios per level: " + " / ".join(f"{r:.2f}×" for r in ratios),
        "request and response validation on (the default); SQLite on disk, as serve() runs; "
        "uvicorn with loop=asyncio, http=h11 for both servers",
    ]
    if importlib.util.find_spec("uvloop") and importlib.util.find_spec("httptools"):
        fast_level, _ = _measure(FAST, duration, rounds, server_cpu)
        fast_figures, fast_ratios, _ = _figures(fast_level, "fast_")
        figures.update(fast_figures)
        notes.append(
            "fast_*: both servers on uvloop + httptools: "
            + " / ".join(f"{r:.2f}×" for r in fast_ratios)
        )
    else:
        notes.append("uvloop/httptools not installed: no fast_* figures")
    worst = min(ratios)
    report(
        "sandbox_cards",
        "Sandbox: card checks/s vs a bare Starlette app on the same server (c = 1 / 16 / 64)",
        figures=figures,
        ratio=worst,
        ratio_label="of the bare app's throughput, worst level (higher is better)",
        target=f"≥ {THROUGHPUT_TARGET}× at each level; p99 at c=64 ≤ {P99_TARGET:g}× bare",
        met=worst >= THROUGHPUT_TARGET and p99_ratio <= P99_TARGET and all_201,
        notes=notes,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
