"""The Spark path for real: a local Spark session reads a partitioned Parquet dataset and runs
the bulk rules with mapInArrow; every row equals the scalar rule.

Needs pyspark (the ``spark`` extra) and a Java runtime (17+); without either the tests are
skipped and say which is missing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from vssdk import benefits

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pads = pytest.importorskip("pyarrow.dataset")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "Spark needs a Java runtime (17+): none on PATH or in JAVA_HOME", allow_module_level=True
    )
pyspark_sql = pytest.importorskip("pyspark.sql", reason="pyspark is not installed (vssdk[spark])")

from vssdk.scale.spark import contributions  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A local Spark session: 2 cores, no UI, small shuffles; stopped after the module."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", sys.executable))
        env.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
        yield from _session()


def _session() -> Iterator[Any]:
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("vssdk-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "Asia/Ho_Chi_Minh")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _payroll(n: int) -> Any:
    rng = np.random.default_rng(17)
    first = dt.date(2016, 1, 1)
    days = rng.integers(0, (dt.date(2026, 12, 31) - first).days, n)
    on = [first + dt.timedelta(days=int(d)) for d in days]
    return pa.table(
        {
            "employee_id": [f"NV{i:05d}" for i in range(n)],
            "monthly_salary": pa.array(rng.integers(5_400_000, 120_000_000, n), pa.int64()),
            "on": pa.array(on, pa.date32()),
            "region": pa.array(rng.integers(1, 5, n), pa.int32()),
            "unpaid_working_days": pa.array(rng.integers(0, 20, n), pa.int32()),
            "year": pa.array([d.year for d in on], pa.int32()),
        }
    )


def test_partitioned_parquet_through_map_in_arrow(spark: Any, tmp_path: Path) -> None:
    table = _payroll(600)
    path = tmp_path / "payroll"
    pads.write_dataset(table, path, format="parquet", partitioning=["year"],
                       partitioning_flavor="hive")  # fmt: skip
    assert len(list(path.glob("year=*"))) >= 10  # one folder per year, 2016–2026

    result = contributions(spark.read.parquet(str(path))).collect()

    assert len(result) == table.num_rows
    by_id = {row["employee_id"]: row for row in result}
    for source in table.to_pylist():
        row = by_id[source["employee_id"]]
        s = benefits.compulsory_contribution(
            source["monthly_salary"],
            source["on"],
            source["region"],
            unpaid_working_days=source["unpaid_working_days"],
        )
        assert (row["employee"], row["employer"], row["total"]) == (s.employee, s.employer, s.total)
        assert row["subject"] is s.subject
        assert row["year"] == source["on"].year  # the partition column comes back too


def test_schema_is_declared_and_money_is_long(spark: Any) -> None:
    frame = spark.createDataFrame(_payroll(5).drop(["year"]).to_pandas())
    result = contributions(frame)
    types = dict(result.dtypes)
    assert types["total"] == "bigint"
    assert types["subject"] == "boolean"
    assert result.columns[: len(frame.columns)] == frame.columns


def test_a_bad_row_fails_the_job_naming_the_rule(spark: Any) -> None:
    table = _payroll(20)
    salaries = table.column("monthly_salary").to_pylist()
    salaries[7] = 1_000
    table = table.set_column(1, "monthly_salary", pa.array(salaries, pa.int64()))
    frame = spark.createDataFrame(table.drop(["year"]).to_pandas())
    with pytest.raises(Exception, match="below the lowest SI base"):
        contributions(frame).collect()
