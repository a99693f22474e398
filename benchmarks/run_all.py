"""Run every benchmark (what ``make bench`` runs) and print the ratios against their targets.

Each benchmark runs in its own fresh interpreter, prints its figure as a ratio against a
baseline measured in the same run, and writes ``benchmarks/results/<name>.json`` (git-ignored).
This script then prints the table of issue 18's targets, writes ``results/summary.json``, appends
the run to ``benchmarks/history.jsonl`` (committed: a ratio that regresses shows run to run) and
regenerates the figures in ``docs/performance.md`` from them (``render_docs.py``).

``--quick`` (or VSSDK_BENCH_QUICK=1) uses smaller counts; ``--no-record`` leaves the history and
the docs alone (while developing). Benchmarks never pass or fail: a target not met is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import RESULTS, load_average, machine, machine_line  # noqa: E402

HISTORY = HERE / "history.jsonl"

# (script, result files it writes), in the order they run.
BENCHMARKS = (
    ("bench_sandbox.py", ("sandbox_cards",)),
    ("bench_client.py", ("client_overhead",)),
    ("bench_async_cpu.py", ("async_cpu",)),
    ("bench_decode.py", ("decode",)),
    ("bench_import.py", ("import",)),
    ("bench_rules.py", ("rules_scalar", "rules_bulk")),
    ("bench_rules_memory.py", ("rules_bulk_memory",)),
    ("bench_claims.py", ("claims",)),
    ("bench_medical.py", ("medical",)),
    ("bench_async_batch.py", ("async_batch",)),
    ("bench_declarations.py", ("declarations",)),
    ("bench_dask.py", ("dask_scaling",)),
    ("bench_spark.py", ("spark_scaling",)),
)

# The rows of issue 18's table: (label, result name, issue target, "now" when the issue was filed).
ISSUE_ROWS: tuple[tuple[str, str | None, str, str], ...] = (
    (
        "sandbox card checks/s vs bare Starlette, c = 1/16/64",
        "sandbox_cards",
        "≥ 0.5× each level; p99 c=64 ≤ 3×",
        "0.12 / 0.11 / 0.065×",
    ),
    ("SDK CPU per sync call vs bare httpx (in memory)", "client_overhead", "≤ 1.15×", "1.39×"),
    ("async c=64, CPU per call vs httpx.AsyncClient", "async_cpu", "≤ 0.6×", "0.87×"),
    ("decode vs msgspec Structs, every model", "decode", "≤ 2×", "2.73× / 4.68× (Decimal)"),
    ("import vssdk + first Client vs import httpx", "import", "≤ 1.0×", "2.1×"),
    (
        "scalar rule: contributions per second",
        "rules_scalar",
        "≥ 300,000/s (≤ 1.2× by hand: not in bench)",
        "360,000/s; 1.78× by hand",
    ),
    ("bulk rules peak memory vs hand numpy", "rules_bulk_memory", "≤ 1.1×", "1.39×"),
    ("claims dossier parse + validate vs lxml", "claims", "≤ 3×", "not measured"),
    (
        "medical: 200 sick-leave certificates vs lxml (01B-HSB: not yet)",
        "medical",
        "benchmarked when they exist",
        "—",
    ),
)


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    keys = ("name", "ratio", "ratio_label", "target", "met", "figures", "notes", "timestamp")
    return {k: record.get(k) for k in keys}


def _shown(ratio: object) -> str:
    return f"{ratio:.2f}×" if isinstance(ratio, float) else "—"


def _verdict(met: object) -> str:
    return {True: "met", False: "NOT met"}.get(met, "n/a")  # type: ignore[call-overload]


def print_issue_table(results: dict[str, dict[str, Any]]) -> None:
    print("\n== Issue 18 targets (ratios measured in this run)")
    print(f"   {'figure':<52} {'ratio':>8}  {'target':<34} {'at filing':<24} verdict")
    for label, name, target, before in ISSUE_ROWS:
        row = results.get(name or "")
        if row is None:
            shown, verdict = "—", "not run" if name else "n/a"
        else:
            shown, verdict = _shown(row["ratio"]), _verdict(row["met"])
            if name == "sandbox_cards":
                figures = row["figures"]
                shown = "/".join(f"{figures.get(f'c{c}_ratio', 0):.2f}" for c in (1, 16, 64))
            elif name == "rules_scalar":  # its ratio is to bare arithmetic, not a hand rule
                shown = f"{row['figures'].get('contributions_per_second', 0):,}/s"
        print(f"   {label:<52} {shown:>8}  {target:<34} {before:<24} {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    parser.add_argument("--no-record", action="store_true", help="no history, no docs update")
    parser.add_argument("only", nargs="*", help="run only these scripts (e.g. bench_decode.py)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    quick = args.quick or env.get("VSSDK_BENCH_QUICK") == "1"
    if quick:
        env["VSSDK_BENCH_QUICK"] = "1"
    print(f"vssdk benchmarks — {machine_line()}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.time()
    load_before = load_average()
    results: dict[str, dict[str, Any]] = {}
    failures: list[str] = []
    for script, names in BENCHMARKS:
        if args.only and script not in args.only:
            continue
        path = HERE / script
        if not path.exists():
            print(f"\n== {script}: not present (skipped)")
            continue
        for name in names:
            (RESULTS / f"{name}.json").unlink(missing_ok=True)
        code = subprocess.run([sys.executable, str(path)], env=env, cwd=HERE.parent).returncode
        for name in names:
            result = RESULTS / f"{name}.json"
            if result.exists():
                results[name] = _brief(json.loads(result.read_text()))
            else:
                failures.append(f"{script}: {name} (exit {code})")
    print("\n== All results")
    for name, row in results.items():
        print(
            f"   {name:<20} {_shown(row['ratio']):>8} {row['ratio_label']:<56} "
            f"{row['target']:<40} {_verdict(row['met'])}"
        )
    for failure in failures:
        print(f"   {failure}: no result")
    print_issue_table(results)
    run = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "commit": _git_commit(),
        "quick": quick,
        "seconds": round(time.time() - started, 1),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "machine": machine(),
        "results": results,
        "failures": failures,
    }
    (RESULTS / "summary.json").write_text(json.dumps(run, indent=2, ensure_ascii=False))
    print(f"\n   results: {RESULTS}/*.json")
    if not args.no_record and not args.only:
        slim = {
            k: run[k]
            for k in ("timestamp", "commit", "quick", "load_average_before", "load_average_after")
        }
        slim["python"] = run["machine"]["python"]
        slim["cpu"] = f"{run['machine']['cpus']} × {run['machine']['cpu']}"
        slim["ratios"] = {name: row["ratio"] for name, row in results.items()}
        slim["met"] = {name: row["met"] for name, row in results.items()}
        with HISTORY.open("a", encoding="utf-8") as out:
            out.write(json.dumps(slim, ensure_ascii=False) + "\n")
        from render_docs import render

        render()
        print(f"   history: {HISTORY}; docs/performance.md regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
