"""The Dask recipe: partitioned Parquet → map_partitions(bulk rules) on a local cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from vssdk import benefits
from vssdk.benefits._errors import RuleInputError

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

from vssdk.scale.dask import contributions  # noqa: E402


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """A local cluster: 2 workers in this process (threads), no dashboard."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def _payroll(n: int) -> Any:
    rng = np.random.default_rng(11)
    months = pd.date_range("2016-01-01", "2026-12-01", freq="MS")
    return pd.DataFrame(
        {
            "monthly_salary": rng.integers(5_400_000, 120_000_000, n),
            "on": months[rng.integers(0, len(months), n)],
            "region": rng.integers(1, 5, n),
            "unpaid_working_days": rng.integers(0, 20, n),
        }
    )


def test_partitioned_parquet_through_map_partitions(tmp_path: Path, dask_client: Any) -> None:
    frame = _payroll(400)
    path = tmp_path / "payroll"
    dd.from_pandas(frame, npartitions=4).to_parquet(path)
    assert len(list(path.glob("*.parquet"))) == 4

    result = contributions(dd.read_parquet(path)).compute()

    assert len(result) == len(frame)
    for row in result.itertuples(index=False):
        s = benefits.compulsory_contribution(
            int(row.monthly_salary),
            row.on.date(),
            int(row.region),
            unpaid_working_days=int(row.unpaid_working_days),
        )
        assert (row.employee, row.employer, row.total) == (s.employee, s.employer, s.total)
    assert result["total"].dtype == np.int64


def test_schema_is_declared_without_computing(tmp_path: Path) -> None:
    lazy = contributions(dd.from_pandas(_payroll(10), npartitions=2))
    assert str(lazy.dtypes["total"]) == "int64"
    assert str(lazy.dtypes["subject"]) == "bool"


def test_bad_row_raises_the_typed_error(dask_client: Any) -> None:
    frame = _payroll(20)
    frame.loc[13, "monthly_salary"] = 1_000
    with pytest.raises(RuleInputError) as info:
        contributions(dd.from_pandas(frame, npartitions=3)).compute()
    assert info.value.argument == "monthly_salary"
