"""Legal parameters the rules need, read from :mod:`vssdk.benefits` and memoised per month."""

from __future__ import annotations

import functools

from vssdk.declarations._month import Month

__all__ = ["ceiling", "minimum_wage", "voluntary_gross_per_month"]


@functools.lru_cache(maxsize=4096)
def minimum_wage(region: int, month: Month) -> int:
    """Regional minimum monthly wage of ``region`` (1-4) in force on the 1st of ``month``."""
    from vssdk import benefits

    return benefits.regional_minimum_wage(region, month.first_day)


@functools.lru_cache(maxsize=4096)
def ceiling(month: Month) -> int:
    """The SI/HI contribution ceiling (20 × base salary / reference level) for ``month``."""
    from vssdk import benefits

    return benefits.contribution_ceiling(month.first_day)


def voluntary_gross_per_month(monthly_income: int, month: Month, months: int) -> int:
    """22 % of a voluntary participant's income; raises if the income is outside its legal range."""
    from vssdk import benefits

    result = benefits.voluntary_si_contribution(
        monthly_income=monthly_income, on=month.first_day, months=months
    )
    return int(result.gross_per_month)
