"""Compulsory contributions over a Spark DataFrame, with ``mapInArrow`` (no pandas in between).

    from pyspark.sql import SparkSession
    from vssdk.scale.spark import contributions

    spark = SparkSession.builder.getOrCreate()
    payroll = spark.read.parquet("payroll/")         # monthly_salary long, on date, region int
    contributions(payroll).write.parquet("contributions/")

Spark hands each task Arrow record batches; each goes through
:func:`vssdk.benefits.bulk.compulsory_contributions` (Arrow in, Arrow out). The output schema is
declared up front: the input columns, then :data:`vssdk.benefits.bulk.RESULT_COLUMNS`
(``subject`` boolean, the amounts long). Install ``vssdk[spark]`` on the driver and
``vssdk[bulk]`` on every executor.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from vssdk._extras import missing_extra

try:
    import pyarrow  # type: ignore[import-untyped,unused-ignore]  # noqa: F401
    import pyspark  # type: ignore[import-untyped,unused-ignore]  # noqa: F401
except ImportError as exc:
    raise missing_extra("vssdk.scale.spark", "spark", exc) from exc

from vssdk.benefits.bulk import RESULT_COLUMNS, compulsory_contributions

__all__ = ["contributions", "result_schema"]


def result_schema(input_schema: Any) -> Any:
    """The Spark schema of the result: the input's fields, then the result columns."""
    from pyspark.sql.types import BooleanType, LongType, StructField, StructType

    added = [
        StructField(name, BooleanType() if name == "subject" else LongType(), nullable=False)
        for name in RESULT_COLUMNS
    ]
    return StructType([*input_schema.fields, *added])


def contributions(
    frame: Any,
    *,
    salary: str = "monthly_salary",
    on: str = "on",
    region: str = "region",
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Any:
    """A lazy Spark DataFrame: ``frame`` with the contribution result columns appended.

    Arguments as in :func:`vssdk.benefits.bulk.compulsory_contributions`. Declare the salary
    column as ``long`` (never ``double``: the rules refuse floats). A bad row fails its task with
    ``RuleInputError`` naming the column and the reason; Spark retries the task, then fails the
    job with that message.
    """
    column_map = dict(columns or {})
    default_map = dict(defaults or {})

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        for batch in batches:
            if batch.num_rows == 0:
                continue
            table = compulsory_contributions(
                pa.Table.from_batches([batch]),
                salary=salary,
                on=on,
                region=region,
                columns=column_map,
                defaults=default_map,
            )
            yield from table.to_batches()

    return frame.mapInArrow(run, result_schema(frame.schema))
