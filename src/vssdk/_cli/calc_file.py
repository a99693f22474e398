"""``vssdk calc --file``: a CSV or Parquet payroll in, contributions out, with a progress bar.

The file is read in batches (pyarrow's streaming readers), each batch goes through
:func:`vssdk.benefits.bulk.compulsory_contributions`, and the result is written as it comes, so
memory stays flat for files larger than RAM. The output format follows the output file's
extension (``.csv`` or ``.parquet``); without ``--output`` CSV goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, TextIO

__all__ = ["add_file_arguments", "run_file"]

_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def add_file_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the file-mode options to ``vssdk calc``'s parser."""
    group = parser.add_argument_group("payroll files (CSV or Parquet)")
    group.add_argument(
        "--file", type=Path, metavar="PATH", help="payroll to compute (.csv/.parquet)"
    )
    group.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PATH",
        help="result file (.csv/.parquet); default stdout CSV",
    )
    group.add_argument("--salary-column", default="monthly_salary", metavar="NAME")
    group.add_argument("--date-column", default="on", metavar="NAME")
    group.add_argument("--region-column", default="region", metavar="NAME")
    group.add_argument(
        "--batch-rows", type=int, default=262_144, metavar="N", help="rows per batch (memory bound)"
    )
    group.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _format(path: Path, argument: str) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise _Usage(f"{argument}: {path} must end in .csv or .parquet")
    return fmt


class _Usage(Exception):
    pass


class _Progress:
    """A one-line progress bar on stderr (rows done, percent when the total is known)."""

    def __init__(self, total: int | None, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = 0
        self.start = time.monotonic()

    def advance(self, rows: int) -> None:
        self.done += rows
        if not self.enabled:
            return
        rate = self.done / max(time.monotonic() - self.start, 1e-9)
        if self.total:
            width = 30
            filled = int(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {self.done:,}/{self.total:,} rows ({rate:,.0f}/s)"
        else:
            line = f"{self.done:,} rows ({rate:,.0f}/s)"
        self.stream.write("\r" + line)
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _batches(path: Path, fmt: str, batch_rows: int) -> tuple[Any, int | None]:
    import pyarrow.csv as pacsv  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    if fmt == "parquet":
        pf = pq.ParquetFile(path)
        return pf.iter_batches(batch_size=batch_rows), pf.metadata.num_rows
    reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=1 << 22))
    return reader, None


def run_file(args: argparse.Namespace) -> int:
    """Compute a payroll file; returns the exit code (0 ok, 2 bad input)."""
    from vssdk.benefits.bulk import compulsory_contributions
    from vssdk.errors import InvalidArgument

    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.csv as pacsv  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        print("vssdk calc --file needs pyarrow: pip install 'vssdk[bulk]'", file=sys.stderr)
        return 2
    try:
        source: Path = args.file
        in_fmt = _format(source, "--file")
        out_fmt = _format(args.output, "--output") if args.output else "csv"
        if args.batch_rows < 1:
            raise _Usage("--batch-rows must be at least 1")
        if not source.is_file():
            raise _Usage(f"--file: {source} does not exist")
    except _Usage as exc:
        print(f"vssdk calc: {exc}", file=sys.stderr)
        return 2
    batches, total = _batches(source, in_fmt, args.batch_rows)
    progress = _Progress(total, sys.stderr, not args.no_progress)
    writer: Any = None
    sink: Any = args.output if args.output else sys.stdout.buffer
    offset = 0
    try:
        for batch in batches:
            for start in range(0, batch.num_rows, args.batch_rows):
                chunk = pa.Table.from_batches([batch.slice(start, args.batch_rows)])
                result = compulsory_contributions(
                    chunk,
                    salary=args.salary_column,
                    on=args.date_column,
                    region=args.region_column,
                )
                if writer is None:
                    writer = (
                        pq.ParquetWriter(sink, result.schema)
                        if out_fmt == "parquet"
                        else pacsv.CSVWriter(sink, result.schema)
                    )
                writer.write_table(result)
                offset += chunk.num_rows
                progress.advance(chunk.num_rows)
    except InvalidArgument as exc:
        progress.finish()
        print(f"vssdk calc: rows from {offset + 1}: {exc}", file=sys.stderr)
        return 2
    finally:
        if writer is not None:
            writer.close()
    progress.finish()
    return 0
