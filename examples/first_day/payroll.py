"""First day in payroll or HR: this month's contributions for a payroll file, and one pension
with the explanation and the law it rests on. No server involved: the rules run locally.

``python examples/first_day/payroll.py`` (needs ``pip install 'vssdk[bulk]'`` for the file part;
the same file from the shell: ``vssdk calc --file payroll.csv -o out.csv --errors bad.csv``).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from vssdk import benefits
from vssdk.cli import main as vssdk_command

ON = dt.date(2026, 7, 1)  # the contribution month (any day in it)


def one_employee() -> None:
    result = benefits.compulsory_contribution(monthly_salary=20_000_000, on=ON, region=1)
    print(f"one employee: employee {result.employee:,} VND, employer {result.employer:,} VND")


def whole_file(folder: Path) -> None:
    """A payroll export in, contributions out; rows the rules refuse are set aside with the
    reason, numbered from 1 under the header as in a spreadsheet."""
    source = folder / "payroll.csv"
    with source.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["ma_nv", "monthly_salary", "on", "region"])
        out.writerow(["NV001", 20_000_000, "07/2026", 1])  # MM/YYYY as payroll exports write it
        out.writerow(["NV002", 9_000_000, "2026-07-01", 2])
        out.writerow(["NV003", 1_000_000, "2026-07-01", 1])  # below the minimum wage
    results, bad = folder / "out.csv", folder / "bad.csv"
    code = vssdk_command(
        ["calc", "--file", str(source), "-o", str(results), "--errors", str(bad), "--no-progress"]
    )  # the same as the shell command above
    if code == 2:  # the file could not be used (or the bulk extra is missing): said on stderr
        return
    computed = list(csv.DictReader(results.open(encoding="utf-8")))
    refused = list(csv.DictReader(bad.open(encoding="utf-8")))
    print(f"file: {len(computed)} rows computed, {len(refused)} set aside (exit code {code})")
    for row in computed:
        employee, employer = int(row["employee"]), int(row["employer"])
        print(f"  {row['ma_nv']}: employee {employee:,}, employer {employer:,}")
    for row in refused:
        print(f"  row {row['row']} ({row['ma_nv']}): {row['error']}")


def one_pension() -> None:
    pension = benefits.pension(
        sex="female", contribution_months=304, average_monthly_salary=14_200_000, on=ON
    )
    print(f"pension: {pension.monthly_amount:,} VND a month at {pension.rate}%")
    print(pension.explain("vi"))


def main() -> None:
    one_employee()
    with tempfile.TemporaryDirectory() as folder:
        whole_file(Path(folder))
    one_pension()


if __name__ == "__main__":
    main()
