"""``vssdk calc --file``: a CSV or Parquet payroll in, contributions out, with a progress bar.

The file is read in batches (pyarrow's streaming readers), each batch goes through
:func:`vssdk.benefits.bulk.compulsory_contributions`, and the result is written as it comes, so
memory stays flat for files larger than RAM. The output format follows the output file's
extension (``.csv`` or ``.parquet``); without ``--output`` CSV goes to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
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
    group.add_argument(
        "--errors",
        type=Path,
        metavar="PATH",
        help="write the rows that could not be computed here (.csv/.parquet): row number "
        "(1 = the first row under the header), reason, and the row's values",
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
    """Compute a payroll file; returns the exit code.

    0: every row computed. 1: some rows could not be (each is reported, with the reason, on
    stderr or in the ``--errors`` file; the others are in the results). 2: the file or the
    arguments are unusable (nothing computed).
    """
    try:
        import numpy  # noqa: F401  (the bulk rules' engine)
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.csv as pacsv  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

        from vssdk.benefits.bulk import compulsory_contributions
    except ImportError as exc:
        missing = exc.name or "a package"
        print(
            f"vssdk calc --file needs the 'bulk' extra ({missing} is not installed): "
            "pip install 'vssdk[bulk]'",
            file=sys.stderr,
        )
        return 2
    from vssdk.errors import InvalidArgument

    try:
        source: Path = args.file
        in_fmt = _format(source, "--file")
        out_fmt = _format(args.output, "--output") if args.output else "csv"
        err_fmt = _format(args.errors, "--errors") if args.errors else None
        if args.batch_rows < 1:
            raise _Usage("--batch-rows must be at least 1")
        if not source.is_file():
            raise _Usage(f"--file: {source} does not exist")
    except _Usage as exc:
        print(f"vssdk calc: {exc}", file=sys.stderr)
        return 2
    columns = {
        "monthly_salary": (args.salary_column, "--salary-column"),
        "on": (args.date_column, "--date-column"),
        "region": (args.region_column, "--region-column"),
    }
    batches, total = _batches(source, in_fmt, args.batch_rows)
    progress = _Progress(total, sys.stderr, not args.no_progress)
    writer: Any = None
    sink: Any = args.output if args.output else sys.stdout.buffer
    errors = _RowErrors(args.errors, err_fmt)

    def compute(table: Any) -> Any:
        return compulsory_contributions(
            table, salary=args.salary_column, on=args.date_column, region=args.region_column
        )

    next_row = 1
    try:
        for batch in batches:
            for start in range(0, batch.num_rows, args.batch_rows):
                chunk = pa.Table.from_batches([batch.slice(start, args.batch_rows)])
                n = chunk.num_rows
                errors.reading(chunk, next_row)
                chunk = chunk.append_column(
                    _ROW_COLUMN, pa.array(range(next_row, next_row + n), pa.int64())
                )
                chunk = _prepare(chunk, columns, errors)
                names = {arg: column for arg, (column, _) in columns.items()}
                for result in _compute_rows(chunk, compute, errors, names):
                    result = result.drop_columns([_ROW_COLUMN])
                    if writer is None:
                        writer = (
                            pq.ParquetWriter(sink, result.schema)
                            if out_fmt == "parquet"
                            else pacsv.CSVWriter(sink, result.schema)
                        )
                    writer.write_table(result)
                next_row += n
                progress.advance(n)
    except InvalidArgument as exc:
        progress.finish()
        column, flag = columns.get(exc.argument, (exc.argument, None))
        named = f"column {column!r}" + (f" ({flag})" if flag else "")
        print(f"vssdk calc: {named}: {exc.reason}", file=sys.stderr)
        return 2
    finally:
        if writer is not None:
            writer.close()
    progress.finish()
    return errors.close(next_row - 1)


_ROW_COLUMN = "__vssdk_row"
_ROW_IN_MESSAGE = re.compile(r"\brow \d+")
_RULE_PREFIX = re.compile(r"^[^:]*\(bulk\): ")
_ROW_LABEL = re.compile(r"\brow \d+: ")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%m/%Y", "%Y-%m")
_SHOWN_ON_STDERR = 20
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+")
_WHOLE = re.compile(r"\d+(?:\.0+)?")


class _RowErrors:
    """Rows that could not be computed: to the ``--errors`` file, else the first few to stderr."""

    def __init__(self, path: Path | None, fmt: str | None) -> None:
        self.path, self.fmt = path, fmt
        self.rows: list[dict[str, Any]] = []
        self.source: Any = None  # the chunk as read (the values are reported as given)
        self.first_row = 1

    def reading(self, chunk: Any, first_row: int) -> None:
        self.source, self.first_row = chunk, first_row

    def add(self, row: int, reason: str) -> None:
        values = _values(self.source, row - self.first_row)
        self.rows.append({"row": row, "error": reason, **values})

    def close(self, total: int) -> int:
        if not self.rows:
            return 0
        self.rows.sort(key=lambda r: r["row"])
        if self.path is not None:
            import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
            import pyarrow.csv as pacsv  # type: ignore[import-untyped,unused-ignore]
            import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

            as_text = [
                {k: v if k in ("row", "error") else _text(v) for k, v in r.items()}
                for r in self.rows
            ]
            table = pa.Table.from_pylist(as_text)
            if self.fmt == "parquet":
                pq.write_table(table, self.path)
            else:
                pacsv.write_csv(table, self.path)
        for r in self.rows[: 0 if self.path else _SHOWN_ON_STDERR]:
            print(f"vssdk calc: row {r['row']}: {r['error']}", file=sys.stderr)
        more = len(self.rows) - (0 if self.path else _SHOWN_ON_STDERR)
        where = f"listed in {self.path}" if self.path else "give --errors FILE to list them all"
        print(
            f"vssdk calc: {len(self.rows):,} of {total:,} rows not computed"
            + (f" ({where})" if self.path or more > 0 else "")
            + "; the others are in the results",
            file=sys.stderr,
        )
        return 1


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _values(chunk: Any, index: int) -> dict[str, Any]:
    return {
        name: chunk.column(name)[index].as_py()
        for name in chunk.column_names
        if name != _ROW_COLUMN
    }


def _prepare(chunk: Any, columns: dict[str, tuple[str, str]], errors: _RowErrors) -> Any:
    """Turn what payroll exports hold into what the rules take, row errors aside: dates written
    ``DD/MM/YYYY``, ``MM/YYYY`` or ``YYYY-MM``; whole-number salaries read as floats; blanks."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    bad: dict[int, str] = {}
    date_name, _ = columns["on"]
    if date_name in chunk.column_names and pa.types.is_string(chunk.column(date_name).type):
        parsed = []
        for i, text in enumerate(chunk.column(date_name).to_pylist()):
            day = _parse_date(text)
            if day is None and text is not None:
                bad[i] = (
                    f"{date_name}: {text!r} is not a date "
                    "(YYYY-MM-DD, DD/MM/YYYY, MM/YYYY or YYYY-MM)"
                )
            parsed.append(day)
        index = chunk.column_names.index(date_name)
        chunk = chunk.set_column(index, date_name, pa.array(parsed, pa.date32()))
    salary_name, _ = columns["monthly_salary"]
    if salary_name in chunk.column_names and pa.types.is_string(chunk.column(salary_name).type):
        amounts = []
        for i, text in enumerate(chunk.column(salary_name).to_pylist()):
            amount = _parse_money(text)
            if amount is None and text:
                bad[i] = f"{salary_name}: {text!r} is not a whole number of đồng"
            amounts.append(amount)
        index = chunk.column_names.index(salary_name)
        chunk = chunk.set_column(index, salary_name, pa.array(amounts, pa.int64()))
    if salary_name in chunk.column_names and pa.types.is_floating(chunk.column(salary_name).type):
        values = chunk.column(salary_name).to_pylist()
        for i, v in enumerate(values):
            if v is not None and v != int(v):
                bad[i] = f"{salary_name}: {v} is not a whole number of đồng"
        whole = [None if v is None or i in bad else int(v) for i, v in enumerate(values)]
        index = chunk.column_names.index(salary_name)
        chunk = chunk.set_column(index, salary_name, pa.array(whole, pa.int64()))
    for name, _ in columns.values():
        if name in chunk.column_names:
            for i in pc.indices_nonzero(pc.is_null(chunk.column(name))).to_pylist():
                bad.setdefault(i, f"{name}: empty")
    if not bad:
        return chunk
    rows = chunk.column(_ROW_COLUMN).to_pylist()
    for i, reason in sorted(bad.items()):
        errors.add(rows[i], reason)
    keep = pa.array([i not in bad for i in range(chunk.num_rows)])
    return chunk.filter(keep)


def _parse_money(text: str | None) -> int | None:
    """``20000000``, ``20,000,000``, ``20.000.000``, ``20 000 000`` or ``20000000.0`` → int."""
    if not text:
        return None
    cleaned = text.strip().replace(" ", "").replace("_", "")
    if _GROUPED.fullmatch(cleaned):
        return int(cleaned.replace(",", "").replace(".", ""))
    if _WHOLE.fullmatch(cleaned):
        return int(cleaned.split(".")[0])
    return None


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _compute_rows(
    chunk: Any, compute: Any, errors: _RowErrors, names: dict[str, str] | None = None
) -> list[Any]:
    """The chunk's results; a row the rules refuse is set aside by halving the chunk until the
    refusing rows stand alone (a few bad rows cost a few extra passes, not a row-by-row run).
    A refusal that names no row (a whole column of the wrong kind) propagates."""
    from vssdk.errors import InvalidArgument

    if chunk.num_rows == 0:
        return []
    try:
        return [compute(chunk)]
    except InvalidArgument as exc:
        if not _ROW_IN_MESSAGE.search(str(exc)):
            raise
        if chunk.num_rows == 1:
            reason = _RULE_PREFIX.sub("", exc.reason)
            reason = _ROW_IN_MESSAGE.sub("this row", _ROW_LABEL.sub("", reason))
            user = (names or {}).get(exc.argument)
            if user and reason.startswith(exc.argument):
                reason = user + reason[len(exc.argument) :]
            errors.add(chunk.column(_ROW_COLUMN)[0].as_py(), reason)
            return []
    half = chunk.num_rows // 2
    return _compute_rows(chunk.slice(0, half), compute, errors, names) + _compute_rows(
        chunk.slice(half), compute, errors, names
    )
