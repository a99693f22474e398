"""Spark throughput vs cores: the bulk rules with mapInArrow over a partitioned Parquet payroll.

The same dataset shape as ``bench_dask.py`` (so the two can be read side by side): a local Spark
session with 1 then 2 cores (``local[N]``) reads the Parquet dataset, runs
``vssdk.scale.spark.contributions`` and reduces the totals; the ratio is the speed-up of the most
cores over one. A baseline in the same run: Spark summing the salary column alone (read + reduce,
no rules), so the rules' own cost shows as the difference. Needs pyspark and Java 17+.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _common import QUICK, report


def _write_payroll(path: Path, rows: int, partitions: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(5)
    months = pd.date_range("2016-01-01", "2026-12-01", freq="MS").date
    path.mkdir(parents=True)
    per = rows // partitions
    for part in range(partitions):
        table = pa.table(
            {
                "monthly_salary": pa.array(rng.integers(5_400_000, 150_000_000, per), pa.int64()),
                "on": pa.array(months[rng.integers(0, len(months), per)], pa.date32()),
                "region": pa.array(rng.integers(1, 5, per), pa.int8()),
            }
        )
        pq.write_table(table, path / f"part-{part:03d}.parquet")


def _session(cores: int):  # type: ignore[no-untyped-def]
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(f"vssdk-bench-{cores}")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.shuffle.partitions", str(cores))
        .getOrCreate()
    )


def _run(path: Path, cores: int) -> tuple[float, float]:
    from pyspark.sql import functions as F  # noqa: N812

    from vssdk.scale.spark import contributions

    spark = _session(cores)
    spark.sparkContext.setLogLevel("ERROR")
    try:
        payroll = spark.read.parquet(str(path))
        contributions(payroll.limit(1000)).agg(F.sum("total")).collect()  # warm the workers
        best = base = float("inf")
        for _ in range(2 if QUICK else 3):
            start = time.perf_counter()
            payroll.agg(F.sum("monthly_salary")).collect()
            base = min(base, time.perf_counter() - start)
            start = time.perf_counter()
            contributions(payroll).agg(F.sum("total")).collect()
            best = min(best, time.perf_counter() - start)
        return best, base
    finally:
        spark.stop()


def main() -> int:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("bench_spark: skipped, no Java runtime (Spark needs Java 17+)")
        return 0
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("bench_spark: skipped, pyspark is not installed (pip install 'vssdk[spark]')")
        return 0
    rows = 1_000_000 if QUICK else 4_000_000
    partitions = 16
    core_counts = sorted({1, min(2, os.cpu_count() or 1)})
    with tempfile.TemporaryDirectory(prefix="vssdk-spark-") as tmp:
        path = Path(tmp) / "payroll"
        _write_payroll(path, rows, partitions)
        times = {c: _run(path, c) for c in core_counts}
    top = max(core_counts)
    figures: dict[str, object] = {"rows": rows, "partitions": partitions}
    for c, (t, base) in times.items():
        figures[f"cores_{c}_s"] = t
        figures[f"cores_{c}_rows_per_second"] = round(rows / t)
        figures[f"cores_{c}_read_and_sum_only_s"] = base
    speedup = times[1][0] / times[top][0]
    report(
        "spark_scaling",
        f"Spark: {rows:,}-row partitioned Parquet payroll, throughput vs cores (mapInArrow)",
        figures=figures,
        ratio=speedup,
        ratio_label=f"speed-up of local[{top}] over local[1] (higher is better)",
        target="grows with cores (no fixed target)",
        met=None,
        notes=[
            f"{os.cpu_count()} CPUs here, shared by the JVM and the Python workers; each time "
            "includes reading Parquet, the Arrow hand-over to Python and the reduction",
            "read_and_sum_only: Spark reading and summing the salary column, no rules (baseline)",
            "compare with dask_scaling (same rows, partitions and columns)",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
