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


def test_bad_row_is_reported_with_its_spreadsheet_number_and_the_rest_computed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "payroll.csv", tmp_path / "o.csv"
    source.write_text(
        "monthly_salary,on,region\n20000000,2026-03-01,1\n20000000,2026-03-01,9\n"
        "10000000,2026-03-01,2\n"
    )
    assert _run("--file", str(source), "-o", str(out), "--no-progress") == 1
    err = capsys.readouterr().err
    assert "row 2: region must be between 1 and 4, this row is 9" in err
    assert "1 of 3 rows not computed" in err
    assert pacsv.read_csv(out).column("region").to_pylist() == [1, 2]


def test_rows_name_the_users_columns_and_read_vietnamese_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out, errors = tmp_path / "luong.csv", tmp_path / "o.csv", tmp_path / "loi.csv"
    source.write_text(
        "ma_nv,luong,thang,vung\nNV1,abc,03/2026,1\nNV2,20000000,01/03/2026,1\n"
        "NV3,20000000,13/2026,1\nNV4,12000000.0,2026-03,1\nNV5,,2026-03-01,1\n"
        "NV6,20000000,2026-03-01,9\n"
    )
    flags = ["--salary-column", "luong", "--date-column", "thang", "--region-column", "vung"]
    code = _run("--file", str(source), "-o", str(out), "--errors", str(errors), *flags)
    assert code == 1
    assert f"4 of 6 rows not computed (listed in {errors})" in capsys.readouterr().err
    bad = pacsv.read_csv(errors)
    assert bad.column("row").to_pylist() == [1, 3, 5, 6]
    assert bad.column("ma_nv").to_pylist() == ["NV1", "NV3", "NV5", "NV6"]
    assert bad.column("thang").to_pylist()[:2] == ["03/2026", "13/2026"]  # as given
    reasons = bad.column("error").to_pylist()
    assert reasons[0] == "luong: 'abc' is not a whole number of đồng"
    assert reasons[1].startswith("thang: '13/2026' is not a date")
    assert reasons[2] == "luong: empty"
    assert reasons[3] == "vung must be between 1 and 4, this row is 9"
    good = pacsv.read_csv(out)
    assert good.column("ma_nv").to_pylist() == ["NV2", "NV4"]
    expected = benefits.compulsory_contribution(12_000_000, dt.date(2026, 3, 1), 1)
    assert good.column("employee").to_pylist()[1] == expected.employee


def test_a_column_of_the_wrong_kind_stops_naming_the_users_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "payroll.csv"
    source.write_text("luong,ngay,region\n20000000,2026-03-01T10:30:00,1\n")
    code = _run("--file", str(source), "--salary-column", "luong", "--date-column", "ngay")
    assert code == 2
    assert "column 'ngay' (--date-column)" in capsys.readouterr().err


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "payroll.xlsx"
    source.write_text("x")
    assert _run("--file", str(source), "--no-progress") == 2


def test_without_the_bulk_extra_it_says_which_extra_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    source = tmp_path / "payroll.csv"
    source.write_text("monthly_salary,on,region\n20000000,2026-03-01,1\n")
    monkeypatch.setitem(sys.modules, "numpy", None)  # as on a base install
    assert _run("--file", str(source), "--no-progress") == 2
    assert "pip install 'vssdk[bulk]'" in capsys.readouterr().err
