"""(rules, memory) Peak memory of the bulk contribution API vs hand numpy giving the same columns.

1,000,000 payroll rows (salary, date over 2016–2026, region), as in ``bench_rules.py``. Each side
runs once under ``tracemalloc`` (numpy reports its buffers to it); the figure is the peak
allocated during the call, over the input size. The hand-written numpy computes the same 14
columns (subject flag, the two bases, the eight fund amounts, employee, employer, total) from
parameter tables prepared outside the measurement, and is checked equal to the API on every row.
Target (issue 18): ≤ 1.1× the hand numpy's peak.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from _common import QUICK, report
from bench_rules import _payroll

from vssdk.benefits import bulk

TARGET = 1.1
FUNDS = (
    "employee_retirement_survivorship",
    "employee_health",
    "employee_unemployment",
    "employer_sickness_maternity",
    "employer_retirement_survivorship",
    "employer_occupational_accident",
    "employer_health",
    "employer_unemployment",
)


def _peak(fn: Callable[[], Any]) -> tuple[int, Any]:
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, result


def main() -> int:
    warnings.simplefilter("ignore")  # parameter-horizon warnings are expected for future dates
    n = 200_000 if QUICK else 1_000_000
    salary, days, region = _payroll(n)
    input_bytes = salary.nbytes + days.nbytes + region.nbytes
    api = bulk.compulsory_contribution_arrays
    api(salary[:1000], days[:1000], region[:1000])  # load parameters, warm caches
    starts = np.asarray(bulk._segment_starts(), np.int64)
    tables = [bulk._segment_table(int(s)) for s in starts]
    si_cap = np.stack([t[1][:, 0, 0, 0] for t in tables]).reshape(-1)
    ui_cap = np.stack([t[2][:, 0, 0, 0] for t in tables]).reshape(-1)
    num = np.stack([t[3][:, :, 0, 0, 1] for t in tables], axis=1).reshape(8, -1)
    den = np.stack([t[4][:, :, 0, 0, 1] for t in tables], axis=1).reshape(8, -1)
    day_numbers = days.astype(np.int64)

    def by_hand() -> dict[str, np.ndarray]:
        idx = (np.searchsorted(starts, day_numbers, side="right") - 1) * 4 + (region - 1)
        out: dict[str, np.ndarray] = {"subject": np.ones(n, bool)}
        out["contribution_base"] = np.minimum(salary, si_cap[idx])
        out["ui_base"] = np.minimum(salary, ui_cap[idx])
        employee = np.zeros(n, np.int64)
        employer = np.zeros(n, np.int64)
        for k, name in enumerate(FUNDS):
            base = out["ui_base"] if name.endswith("unemployment") else out["contribution_base"]
            b = den[k][idx]
            amount = base * 2
            amount *= num[k][idx]
            amount += b
            amount //= 2 * b
            out[name] = amount
            (employee if k < 3 else employer).__iadd__(amount)
        out["employee"], out["employer"] = employee, employer
        out["total"] = employee + employer
        return out

    api_peak, got = _peak(lambda: api(salary, days, region))
    hand_peak, ref = _peak(by_hand)
    identical = all(bool(np.array_equal(got[k], ref[k])) for k in ref)
    ratio = api_peak / hand_peak
    report(
        "rules_bulk_memory",
        f"Rules, bulk memory: {n:,} rows, compulsory_contribution_arrays vs hand numpy",
        figures={
            "rows": n,
            "input_mb": round(input_bytes / 1e6, 1),
            "api_peak_mb": round(api_peak / 1e6, 1),
            "hand_numpy_peak_mb": round(hand_peak / 1e6, 1),
            "api_peak_over_input": round(api_peak / input_bytes, 2),
            "hand_peak_over_input": round(hand_peak / input_bytes, 2),
            "identical_on_every_row": identical,
        },
        ratio=ratio,
        ratio_label="of hand numpy's peak memory (lower is better)",
        target=f"≤ {TARGET}× hand numpy",
        met=ratio <= TARGET and identical,
        notes=["peak = tracemalloc peak during the call (numpy buffers included)"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
