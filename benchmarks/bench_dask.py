"""Dask throughput vs workers: the bulk rules over a partitioned Parquet payroll.

A LocalCluster with 1 then 2 worker processes (one thread each) reads the same Parquet dataset,
runs ``vssdk.scale.dask.contributions`` and reduces the totals; the ratio is the speed-up of the
largest cluster over one worker. This machine has 2 CPUs, so 2 workers is the ceiling here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _common import QUICK, report


def _write_payroll(path: Path, rows: int, partitions: int) -> None:
    import dask.dataframe as dd

    rng = np.random.default_rng(5)
    months = pd.date_range("2016-01-01", "2026-12-01", freq="MS")
    frame = pd.DataFrame(
        {
            "monthly_salary": rng.integers(5_400_000, 150_000_000, rows),
            "on": months[rng.integers(0, len(months), rows)],
            "region": rng.integers(1, 5, rows).astype(np.int8),
        }
    )
    dd.from_pandas(frame, npartitions=partitions).to_parquet(path)


def _run(path: Path, workers: int, processes: bool) -> float:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from vssdk.scale.dask import contributions

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: __import__("vssdk.benefits.bulk"))  # warm imports on every worker
        contributions(dd.read_parquet(path).head(1000, compute=False))["total"].sum().compute()
        best = float("inf")
        for _ in range(2 if QUICK else 3):
            start = time.perf_counter()
            contributions(dd.read_parquet(path))["total"].sum().compute()
            best = min(best, time.perf_counter() - start)
        return best


def main() -> int:
    rows = 1_000_000 if QUICK else 4_000_000
    partitions = 16
    worker_counts = sorted({1, min(2, os.cpu_count() or 1)})
    with tempfile.TemporaryDirectory(prefix="vssdk-dask-") as tmp:
        path = Path(tmp) / "payroll"
        _write_payroll(path, rows, partitions)
        times = {w: _run(path, w, processes=True) for w in worker_counts}
        thread_times = {w: _run(path, w, processes=False) for w in worker_counts}
    top = max(worker_counts)
    figures: dict[str, object] = {"rows": rows, "partitions": partitions}
    for w, t in times.items():
        figures[f"processes_{w}_s"] = t
        figures[f"processes_{w}_rows_per_second"] = round(rows / t)
    for w, t in thread_times.items():
        figures[f"threads_{w}_s"] = t
        figures[f"threads_{w}_rows_per_second"] = round(rows / t)
    figures["threads_speedup"] = round(thread_times[1] / thread_times[top], 2)
    speedup = times[1] / times[top]
    report(
        "dask_scaling",
        f"Dask: {rows:,}-row partitioned Parquet payroll, throughput vs workers",
        figures=figures,
        ratio=speedup,
        ratio_label=f"speed-up of {top} worker processes over 1 (higher is better)",
        target="grows with workers (no fixed target)",
        met=None,
        notes=[
            f"{os.cpu_count()} CPUs here, shared by the scheduler, the client and the workers; "
            "each time includes reading Parquet and the reduction",
            "threads_*: the same with worker threads in one process (numpy and Parquet reading "
            "release the GIL for most of the work)",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
