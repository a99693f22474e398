"""Parameter segments: stretches of days with no parameter change (the scalar cache key)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk import benefits
from vssdk.benefits._params import parameters

# Dates run past the data horizon on purpose: the StaleParameters warnings are expected.
pytestmark = pytest.mark.filterwarnings("ignore::vssdk.benefits.StaleParameters")


def test_a_change_date_starts_a_new_segment() -> None:
    before, on = dt.date(2026, 6, 30), dt.date(2026, 7, 1)  # base salary 2,340,000 → 2,530,000
    assert parameters().segment(before) != parameters().segment(on)
    assert parameters().segment(dt.date(2026, 7, 2)) == parameters().segment(on)


@given(
    day=st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2027, 12, 31)),
    salary=st.integers(min_value=6_000_000, max_value=90_000_000),
)
def test_cached_contexts_give_the_same_amounts_as_fresh_ones(day: dt.date, salary: int) -> None:
    from vssdk.benefits import _contributions

    cached = benefits.compulsory_contribution(monthly_salary=salary, on=day, region=1)
    _contributions._CONTEXTS.clear()
    fresh = benefits.compulsory_contribution(monthly_salary=salary, on=day, region=1)
    assert (cached.employee, cached.employer, cached.contribution_base) == (
        fresh.employee,
        fresh.employer,
        fresh.contribution_base,
    )
    assert cached.parameters == fresh.parameters
