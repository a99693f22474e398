"""Bulk (columnar) contributions equal the scalar rules row by row, in int64 đồng."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk import benefits
from vssdk.benefits import bulk
from vssdk.benefits._errors import RuleInputError

# Dates run past the data horizon on purpose: the StaleParameters warnings are expected.
pytestmark = pytest.mark.filterwarnings("ignore::vssdk.benefits.StaleParameters")

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

_EPOCH = dt.date(1970, 1, 1)
# Days on which some parameter changes, and the day before each (rows straddling a change).
_CHANGES = [
    _EPOCH + dt.timedelta(days=d + shift)
    for d in bulk._segment_starts()
    for shift in (-1, 0)
    if _EPOCH + dt.timedelta(days=d + shift) >= dt.date(2016, 1, 1)
]

dates = st.one_of(
    st.sampled_from(_CHANGES),
    st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2027, 12, 31)),
)
salaries = st.one_of(
    st.integers(2_000_000, 6_000_000),  # around the floors
    st.integers(16_777_000, 16_777_300),  # where float32 stops being exact
    st.integers(0, 2_000_000_000),
)
rows = st.tuples(
    salaries,
    dates,
    st.integers(1, 4),
    st.booleans(),  # occupational_reduced
    st.integers(0, 31),  # unpaid_working_days
    st.booleans(),  # part_time
    st.booleans(),  # state_payroll
    st.booleans(),  # ui_relief
)
_FLAGS = ("occupational_reduced", "unpaid_working_days", "part_time", "state_payroll", "ui_relief")


def _scalar(row: tuple[Any, ...]) -> benefits.CompulsoryContribution | RuleInputError:
    salary, on, region, reduced, unpaid, part, state, relief = row
    try:
        return benefits.compulsory_contribution(
            salary, on, region, reduced, unpaid, part, state, ui_relief=relief
        )
    except RuleInputError as exc:
        return exc


def _columns(rs: list[tuple[Any, ...]]) -> dict[str, Any]:
    cols = list(zip(*rs, strict=True))
    return {
        "monthly_salary": np.array(cols[0], np.int64),
        "on": np.array(cols[1], "datetime64[D]"),
        "region": np.array(cols[2], np.int64),
        **{name: np.array(values) for name, values in zip(_FLAGS, cols[3:], strict=True)},
    }


def _bulk(rs: list[tuple[Any, ...]]) -> dict[str, Any]:
    c = _columns(rs)
    return bulk.compulsory_contribution_arrays(
        c.pop("monthly_salary"), c.pop("on"), c.pop("region"), **c
    )


@given(st.lists(rows, min_size=1, max_size=40))
def test_bulk_equals_scalar_row_by_row(rs: list[tuple[Any, ...]]) -> None:
    expected = [_scalar(r) for r in rs]
    good = [r for r, e in zip(rs, expected, strict=True) if not isinstance(e, RuleInputError)]
    for r, e in zip(rs, expected, strict=True):
        if isinstance(e, RuleInputError):  # the bulk path rejects the same rows
            with pytest.raises(RuleInputError) as info:
                _bulk([r])
            assert info.value.argument == e.argument
    if not good:
        return
    got = _bulk(good)
    for i, r in enumerate(good):
        s = _scalar(r)
        assert not isinstance(s, RuleInputError)
        assert bool(got["subject"][i]) == s.subject
        assert int(got["contribution_base"][i]) == s.contribution_base
        assert int(got["ui_base"][i]) == s.ui_base
        assert int(got["employee"][i]) == s.employee
        assert int(got["employer"][i]) == s.employer
        assert int(got["total"][i]) == s.total
        by_fund = s.by_fund
        for name in bulk.AMOUNT_COLUMNS:
            side, fund = name.split("_", 1)
            assert int(got[name][i]) == getattr(by_fund[fund], side), (name, r)
    assert all(got[c].dtype == np.int64 for c in bulk.RESULT_COLUMNS[1:])


def test_amounts_above_float32_exactness_are_exact() -> None:
    # 16,777,217 is the first integer float32 cannot hold; the amounts stay exact.
    salary = 16_777_217
    got = bulk.compulsory_contribution_arrays(
        np.array([salary]), np.array(["2026-03-01"], "datetime64[D]"), np.array([1])
    )
    s = benefits.compulsory_contribution(salary, dt.date(2026, 3, 1), 1)
    assert int(got["employee_retirement_survivorship"][0]) == (2 * salary * 8 + 100) // 200
    assert int(got["total"][0]) == s.total
    assert int(np.float32(salary)) != salary  # the trap this guards against


def test_pyarrow_table_in_table_out() -> None:
    table = pa.table(
        {
            "monthly_salary": pa.array([20_000_000, 10_000_000], pa.int64()),
            "on": pa.array([dt.date(2026, 3, 1), dt.date(2024, 6, 30)], pa.date32()),
            "region": pa.array([1, 4], pa.int8()),
        }
    )
    out = bulk.compulsory_contributions(table)
    assert out.column_names[:3] == ["monthly_salary", "on", "region"]
    assert out.column("employee").to_pylist() == [
        benefits.compulsory_contribution(20_000_000, dt.date(2026, 3, 1), 1).employee,
        benefits.compulsory_contribution(10_000_000, dt.date(2024, 6, 30), 4).employee,
    ]
    assert out.column("total").type == pa.int64()


def test_pandas_frame_with_flag_columns_and_renamed_inputs() -> None:
    frame = pd.DataFrame(
        {
            "luong": [30_000_000, 30_000_000],
            "thang": pd.to_datetime(["2021-12-01", "2021-12-01"]),
            "vung": [2, 2],
            "ui_relief": [True, False],
        }
    )
    out = bulk.compulsory_contributions(frame, salary="luong", on="thang", region="vung")
    expect = [
        benefits.compulsory_contribution(30_000_000, dt.date(2021, 12, 1), 2, ui_relief=flag)
        for flag in (True, False)
    ]
    assert out["employer"].tolist() == [e.employer for e in expect]
    assert out["employer_unemployment"].tolist() == [0, 300_000]  # Resolution 116 relief


def test_defaults_apply_to_every_row() -> None:
    got = bulk.compulsory_contributions(
        {
            "monthly_salary": np.array([10_000_000]),
            "on": np.array(["2026-02-01"], "datetime64[D]"),
            "region": np.array([1]),
        },
        defaults={"occupational_reduced": True},
    )
    assert int(got["employer_occupational_accident"][0]) == 30_000


@pytest.mark.parametrize(
    ("column", "values", "argument"),
    [
        ("monthly_salary", np.array([20_000_000.0]), "monthly_salary"),
        ("monthly_salary", np.array([-1]), "monthly_salary"),
        ("monthly_salary", np.array([1_000_000]), "monthly_salary"),  # below the floor
        ("region", np.array([5]), "region"),
        ("on", np.array(["2015-12-31"], "datetime64[D]"), "on"),
        ("unpaid_working_days", np.array([32]), "unpaid_working_days"),
    ],
)
def test_bad_input_names_the_column(column: str, values: Any, argument: str) -> None:
    cols: dict[str, Any] = {
        "monthly_salary": np.array([20_000_000]),
        "on": np.array(["2026-03-01"], "datetime64[D]"),
        "region": np.array([1]),
    }
    cols[column] = values
    with pytest.raises(RuleInputError) as info:
        bulk.compulsory_contributions(cols)
    assert info.value.argument == argument


def test_missing_values_and_missing_columns_are_rejected() -> None:
    table = pa.table(
        {"monthly_salary": [20_000_000, None], "on": [dt.date(2026, 3, 1)] * 2, "region": [1, 1]}
    )
    with pytest.raises(RuleInputError, match="missing values") as info:
        bulk.compulsory_contributions(table)
    assert info.value.argument == "monthly_salary"
    with pytest.raises(RuleInputError) as info:
        bulk.compulsory_contributions(table, region="vung")
    assert info.value.argument == "region"


def test_empty_input_gives_empty_columns() -> None:
    got = bulk.compulsory_contribution_arrays(
        np.array([], np.int64), np.array([], "datetime64[D]"), np.array([], np.int64)
    )
    assert set(got) == set(bulk.RESULT_COLUMNS)
    assert all(len(v) == 0 for v in got.values())
