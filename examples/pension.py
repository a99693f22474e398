"""A pension from a birth date: the retirement age, early months, the amount, and later raises.

No server needed: everything comes from ``vssdk.benefits`` and its dated, cited parameters.
Run with ``python examples/pension.py`` (``--lang en`` for English explanations).
"""

from __future__ import annotations

import datetime as dt
import sys
import warnings

from vssdk import benefits

# A synthetic person: a man born 8 November 1966 with 32 years of contributions, CPI-adjusted
# average salary 15,000,000 đồng, who stops work on 31 March 2026 with a capacity loss of 65%.
SEX, BIRTH = "male", dt.date(1966, 11, 8)
MONTHS, AVERAGE = 32 * 12, 15_000_000
LAST_DAY, FIRST_PENSION_MONTH = dt.date(2026, 3, 31), dt.date(2026, 4, 1)


def main(lang: str = "vi") -> None:
    age = benefits.retirement_age(SEX, BIRTH, reduced_capacity_percent=65)
    years, months = age.normal_age
    print(f"Normal retirement age: {years} years {months} months, reached {age.normal_date}")
    print(f"Earliest (capacity loss 61-80%): {age.earliest_date}, pension reduced")

    pension = benefits.pension(
        SEX,
        MONTHS,
        AVERAGE,
        FIRST_PENSION_MONTH,
        birth_date=BIRTH,
        retirement_date=LAST_DAY,
    )
    print(f"Early months: {pension.early_months}; rate {pension.rate}%")
    print(f"Monthly pension: {pension.monthly_amount:,} VND")
    print(pension.explain(lang))

    # What a pension granted in 2021 is worth today, decree by decree.
    indexed = benefits.pension_indexed(6_000_000, dt.date(2021, 5, 1), FIRST_PENSION_MONTH)
    print(f"A 6,000,000 pension granted 2021-05 is paid {indexed.amount:,} VND in 2026-04")
    print(indexed.explain(lang))

    # Past the data's horizon the result still comes, with a StaleParameters warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", benefits.StaleParameters)
        later = benefits.pension_indexed(6_000_000, dt.date(2021, 5, 1), dt.date(2027, 1, 1))
    for warning in later.warnings:
        print(f"warning: {warning}")


if __name__ == "__main__":
    main("en" if "--lang" in sys.argv and sys.argv[-1] == "en" else "vi")
