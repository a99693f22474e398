"""Shared helpers for the benchmarks: machine details, timing, reporting and JSON results.

Every benchmark measures its baseline in the same run and reports a ratio; figures are medians
of several rounds, taken after a warm-up. Nothing here passes or fails: the figures are reported.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
QUICK = os.environ.get("VSSDK_BENCH_QUICK") == "1"

_PACKAGES = (
    "vssdk",
    "vssdk-sandbox",
    "httpx",
    "httpx2",
    "msgspec",
    "attrs",
    "numpy",
    "pyarrow",
    "pandas",
    "dask",
    "pyspark",
    "uvicorn",
    "starlette",
    "jsonschema",
    "jsonschema-rs",
    "lxml",
    "uvloop",
    "httptools",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    versions: dict[str, str] = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "load_average": load_average(),
        "packages": versions,
    }


def machine_line() -> str:
    m = machine()
    load = m["load_average"]
    shown = "n/a" if load is None else " / ".join(f"{x:.2f}" for x in load)
    return f"Python {m['python']} on {m['platform']}, {m['cpus']} × {m['cpu']}, load {shown}"


def per_call(fn: Callable[[], object], n: int) -> float:
    """Seconds per call of ``fn`` over ``n`` calls."""
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def cpu_per_call(fn: Callable[[], object], n: int) -> float:
    """CPU seconds (this process) per call of ``fn`` over ``n`` calls."""
    start = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - start) / n


def load_average() -> tuple[float, float, float] | None:
    """The 1/5/15-minute load averages, where the OS reports them."""
    try:
        return os.getloadavg()
    except (OSError, AttributeError):
        return None


def median_rounds(
    contenders: dict[str, Callable[[], float]], rounds: int
) -> dict[str, list[float]]:
    """Run each contender once per round, interleaved (so drift hits all alike)."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            samples[name].append(run())
    return samples


def med(values: list[float]) -> float:
    return statistics.median(values)


def fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.3f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def report(
    name: str,
    title: str,
    *,
    figures: dict[str, Any],
    ratio: float | None,
    ratio_label: str,
    target: str,
    met: bool | None,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """Print one benchmark's outcome and write ``results/<name>.json``; returns the record."""
    verdict = {True: "MET", False: "NOT MET", None: "n/a"}[met]
    print(f"\n== {title}")
    print(f"   machine: {machine_line()}")
    for key, value in figures.items():
        shown = fmt_time(value) if key.endswith("_s") and isinstance(value, float) else value
        print(f"   {key}: {shown}")
    if ratio is not None:
        print(f"   ratio: {ratio:.2f}× {ratio_label}   target: {target}   → {verdict}")
    else:
        print(f"   target: {target}   → {verdict}")
    for note in notes or []:
        print(f"   note: {note}")
    record = {
        "name": name,
        "title": title,
        "figures": figures,
        "ratio": ratio,
        "ratio_label": ratio_label,
        "target": target,
        "met": met,
        "notes": notes or [],
        "machine": machine(),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False))
    return record
