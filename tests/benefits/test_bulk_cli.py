"""``vssdk calc --file``: CSV/Parquet payroll in, contributions out (file mode of the CLI)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from vssdk import benefits
from vssdk._cli.calc_file import add_file_arguments, run_file

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pacsv = pytest.importorskip("pyarrow.csv")


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_file_arguments(parser)
    return run_file(parser.parse_args(list(argv)))


def _write_csv(path: Path, rows: list[str]) -> None:
    path.write_text("luong,thang,vung\n" + "\n".join(rows) + "\n")


def test_csv_in_parquet_out_in_batches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, out = tmp_path / "payroll.csv", tmp_path / "out.parquet"
    _write_csv(source, ["20000000,2026-03-01,1", "10000000,2024-06-01,4", "90000000,2021-12-01,2"])
    code = _run(
        "--file",
        str(source),
        "-o",
        str(out),
        "--batch-rows",
        "2",
        "--salary-column",
        "luong",
        "--date-column",
        "thang",
        "--region-column",
        "vung",
    )
    assert code == 0
    table = pq.read_table(out)
    expected = [
        benefits.compulsory_contribution(20_000_000, dt.date(2026, 3, 1), 1).total,
        benefits.compulsory_contribution(10_000_000, dt.date(2024, 6, 1), 4).total,
        benefits.compulsory_contribution(90_000_000, dt.date(2021, 12, 1), 2).total,
    ]
    assert table.column("total").to_pylist() == expected
    assert "3 rows" in capsys.readouterr().err  # the progress line


def test_parquet_in_csv_out(tmp_path: Path) -> None:
    source, out = tmp_path / "payroll.parquet", tmp_path / "out.csv"
    pq.write_table(
        pa.table({"monthly_salary": [16_777_217], "on": [dt.date(2026, 3, 1)], "region": [1]}),
        source,
    )
    assert _run("--file", str(source), "-o", str(out), "--no-progress") == 0
    table = pacsv.read_csv(out)
    s = benefits.compulsory_contribution(16_777_217, dt.date(2026, 3, 1), 1)
    assert table.column("employee").to_pylist() == [s.employee]


def test_bad_row_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "payroll.csv"
    source.write_text("monthly_salary,on,region\n20000000,2026-03-01,9\n")
    assert _run("--file", str(source), "-o", str(tmp_path / "o.csv"), "--no-progress") == 2
    assert "region" in capsys.readouterr().err


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "payroll.xlsx"
    source.write_text("x")
    assert _run("--file", str(source), "--no-progress") == 2
