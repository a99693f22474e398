"""Month arithmetic behind the participation totals (pure, property-tested)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from vssdk.calendar import (
    add_months,
    add_months_to_date,
    month_of,
    months_between,
    split_2014,
)
from vssdk_sandbox.handlers.citizen.reads import fund_totals

months = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2060, 12, 1)).map(month_of)
shifts = st.integers(min_value=-600, max_value=600)


@given(months, shifts)
def test_add_months_round_trips_and_counts(month: str, shift: int) -> None:
    later = add_months(month, shift)
    assert add_months(later, -shift) == month
    if shift >= 0:
        assert months_between(month, later) == shift + 1


@given(months, st.integers(min_value=0, max_value=600))
def test_split_2014_adds_up(first: str, length: int) -> None:
    last = add_months(first, length)
    before, after = split_2014(first, last)
    assert before + after == months_between(first, last) == length + 1
    assert (before == 0) == (first >= "2014-01")


def test_add_months_to_date_clamps_to_the_month_end() -> None:
    assert add_months_to_date(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months_to_date(dt.date(2023, 9, 20), 72) == dt.date(2029, 9, 20)


def test_overlapping_periods_count_each_month_once() -> None:
    periods = [
        {"scheme": "si", "from_month": "2012-01", "to_month": "2014-06"},
        {"scheme": "si", "from_month": "2014-01", "to_month": "2014-12"},
        {"scheme": "ui", "from_month": "2012-01", "to_month": "2012-12"},
    ]
    totals = fund_totals(periods, "si", dt.date(2026, 11, 1))
    assert (totals["months_before_2014"], totals["months_from_2014"]) == (24, 12)
    assert (totals["years"], totals["remaining_months"], totals["participating"]) == (3, 0, False)
