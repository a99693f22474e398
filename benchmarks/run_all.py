"""Run every benchmark (what ``make bench`` runs) and print a summary of ratios and targets.

Each benchmark runs in its own fresh interpreter, prints its figure as a ratio against a
baseline measured in the same run, and writes ``benchmarks/results/<name>.json``; this script
then writes ``results/summary.json``. ``--quick`` (or VSSDK_BENCH_QUICK=1) uses smaller counts.
Benchmarks never pass or fail: a target not met is reported, with what limits it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import RESULTS, machine, machine_line  # noqa: E402

# (script, result files it writes)
BENCHMARKS = (
    ("bench_client.py", ("client_overhead",)),
    ("bench_async_batch.py", ("async_batch",)),
    ("bench_decode.py", ("decode",)),
    ("bench_rules.py", ("rules_scalar", "rules_bulk")),
    ("bench_declarations.py", ("declarations",)),
    ("bench_import.py", ("import",)),
    ("bench_dask.py", ("dask_scaling",)),
    ("bench_spark.py", ("spark_scaling",)),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    parser.add_argument("only", nargs="*", help="run only these scripts (e.g. bench_decode.py)")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.quick:
        env["VSSDK_BENCH_QUICK"] = "1"
    print(f"vssdk benchmarks — {machine_line()}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.time()
    summary: list[dict[str, object]] = []
    for script, names in BENCHMARKS:
        if args.only and script not in args.only:
            continue
        path = HERE / script
        if not path.exists():
            print(f"\n== {script}: not present (skipped)")
            summary.append({"script": script, "status": "missing"})
            continue
        for name in names:
            (RESULTS / f"{name}.json").unlink(missing_ok=True)
        code = subprocess.run([sys.executable, str(path)], env=env, cwd=HERE.parent).returncode
        for name in names:
            result = RESULTS / f"{name}.json"
            if result.exists():
                record = json.loads(result.read_text())
                summary.append({"script": script, "status": "ok", **_brief(record)})
            else:
                summary.append({"script": script, "name": name, "status": f"exit {code}"})
    print("\n== Summary")
    for row in summary:
        if row.get("status") != "ok":
            print(f"   {row['script']:<24} {row.get('name', ''):<16} {row['status']}")
            continue
        ratio = row["ratio"]
        shown = f"{ratio:.2f}×" if isinstance(ratio, float) else "—"
        verdict = {True: "met", False: "NOT met", None: "n/a"}[row["met"]]  # type: ignore[index]
        label, target = row["ratio_label"], row["target"]
        print(f"   {row['name']:<18} {shown:>8} {label:<44} {target:<40} {verdict}")
    out = {"machine": machine(), "seconds": round(time.time() - started, 1), "results": summary}
    (RESULTS / "summary.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    print(f"\n   results: {RESULTS}/*.json")
    return 0


def _brief(record: dict[str, object]) -> dict[str, object]:
    keys = ("name", "ratio", "ratio_label", "target", "met", "figures")
    return {k: record.get(k) for k in keys}


if __name__ == "__main__":
    sys.exit(main())
