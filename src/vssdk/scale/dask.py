"""Compulsory contributions over a Dask DataFrame (for example a partitioned Parquet dataset).

    import dask.dataframe as dd
    from vssdk.scale.dask import contributions

    payroll = dd.read_parquet("payroll/")            # columns: monthly_salary, on, region
    result = contributions(payroll)                  # lazy; same partitions, result columns added
    result.to_parquet("contributions/")

Each partition goes through :func:`vssdk.benefits.bulk.compulsory_contributions` (pandas in,
pandas out) with ``map_partitions``; the output schema is declared up front so Dask needs no
sample computation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vssdk._extras import missing_extra

try:
    import dask.dataframe  # noqa: F401  (what this module runs on)
    import numpy as np
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
except ImportError as exc:
    raise missing_extra("vssdk.scale.dask", "dask", exc) from exc

from vssdk.benefits.bulk import RESULT_COLUMNS, compulsory_contributions

__all__ = ["contributions", "contributions_partition"]


def contributions_partition(
    frame: pd.DataFrame,
    salary: str = "monthly_salary",
    on: str = "on",
    region: str = "region",
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One partition: the bulk rules on a pandas DataFrame (what ``map_partitions`` calls)."""
    result: pd.DataFrame = compulsory_contributions(
        frame, salary=salary, on=on, region=region, columns=columns, defaults=defaults
    )
    return result


def _meta(frame: Any) -> pd.DataFrame:
    meta: pd.DataFrame = frame._meta.copy()
    for name in RESULT_COLUMNS:
        meta[name] = pd.Series([], dtype=np.bool_ if name == "subject" else np.int64)
    return meta


def contributions(
    frame: Any,
    *,
    salary: str = "monthly_salary",
    on: str = "on",
    region: str = "region",
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Any:
    """A lazy Dask DataFrame: ``frame`` with the contribution result columns appended.

    Arguments as in :func:`vssdk.benefits.bulk.compulsory_contributions`. Bad input raises
    RuleInputError when the partition holding it is computed.
    """
    return frame.map_partitions(
        contributions_partition,
        salary,
        on,
        region,
        columns,
        defaults,
        meta=_meta(frame),
    )
