"""Retirement age (Labour Code 2019 Art. 169, Decree 135/2020) and early months in pensions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from vssdk import benefits

pytestmark = pytest.mark.filterwarnings("ignore::vssdk.benefits.StaleParameters")


@pytest.mark.parametrize(
    ("sex", "born", "age", "pension_from"),
    [
        # Decree 135/2020 Appendix I: the age of the year in which it is reached
        ("male", dt.date(1961, 3, 15), (60, 3), dt.date(2021, 7, 1)),
        ("male", dt.date(1961, 10, 5), (60, 6), dt.date(2022, 5, 1)),
        ("female", dt.date(1966, 1, 10), (55, 4), dt.date(2021, 6, 1)),
        ("female", dt.date(1966, 9, 1), (55, 8), dt.date(2022, 6, 1)),
        # 2025: 61 y 3 m / 56 y 8 m; 2026: 61 y 6 m / 57 y (Decree 135/2020 Art. 4(1))
        ("male", dt.date(1964, 6, 1), (61, 3), dt.date(2025, 10, 1)),
        ("female", dt.date(1969, 2, 1), (56, 8), dt.date(2025, 11, 1)),
        ("male", dt.date(1965, 3, 1), (61, 6), dt.date(2026, 10, 1)),
        ("female", dt.date(1969, 10, 1), (57, 0), dt.date(2026, 11, 1)),
        # the end of the roadmap: 62 (2028), 60 (2035); before 2021: 60 / 55
        ("male", dt.date(1970, 1, 1), (62, 0), dt.date(2032, 2, 1)),
        ("female", dt.date(1980, 5, 31), (60, 0), dt.date(2040, 6, 1)),
        ("male", dt.date(1958, 4, 20), (60, 0), dt.date(2018, 5, 1)),
    ],
)
def test_normal_retirement_age_by_birth_month(
    sex: str, born: dt.date, age: tuple[int, int], pension_from: dt.date
) -> None:
    r = benefits.retirement_age(sex, born)
    assert r.normal_age == age
    assert r.pension_from == pension_from
    assert r.normal_date.month == (pension_from.month - 2) % 12 + 1
    assert r.earliest_date is None


def test_month_end_birthdays_clamp() -> None:
    r = benefits.retirement_age("female", dt.date(1967, 8, 31))  # 56 y → 2023-08-31
    assert r.normal_age == (56, 0)
    assert r.normal_date == dt.date(2023, 8, 31)
    r = benefits.retirement_age("male", dt.date(1962, 11, 30))  # 60 y 9 m → 2023-08-30
    assert r.normal_date == dt.date(2023, 8, 30)


def test_hazardous_work_five_years_earlier_without_reduction() -> None:
    """Law 41/2024 Art. 64(1)(b): at most 5 years below the age of the year reached."""
    r = benefits.retirement_age("male", dt.date(1970, 1, 15), hazardous=True)
    assert r.earliest_age == (56, 6)  # 2026: 61 y 6 m − 5 y
    assert r.earliest_date == dt.date(2026, 7, 15)
    assert r.early_basis == "hazardous"
    assert not r.early_reduction
    assert "no rate reduction" in r.explain("en")


def test_reduced_capacity_five_or_ten_years_earlier_with_reduction() -> None:
    """Law 41/2024 Art. 65(1)(a)-(b)."""
    r61 = benefits.retirement_age("female", dt.date(1980, 7, 15), reduced_capacity_percent=70)
    assert (r61.earliest_age, r61.normal_age) == ((55, 0), (60, 0))
    assert r61.early_reduction
    r81 = benefits.retirement_age("male", dt.date(1975, 7, 15), reduced_capacity_percent=85)
    assert r81.earliest_age == (51, 9)  # 2027: 61 y 9 m − 10 y
    assert r81.earliest_date == dt.date(2027, 4, 15)
    both = benefits.retirement_age(
        "male", dt.date(1975, 7, 15), reduced_capacity_percent=85, hazardous=True
    )
    assert both.earliest_date is None and both.early_basis == "hazardous+capacity_61"
    assert "no age condition" in both.explain("en")


def test_result_is_cited_and_explained() -> None:
    r = benefits.retirement_age("male", dt.date(1965, 3, 1))
    assert any("Decree 135/2020" in c for c in r.citations)
    assert "61 tuổi 6 tháng" in r.explain("vi")
    assert "61 years 6 months" in r.explain("en")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"sex": "x", "birth_date": dt.date(1970, 1, 1)}, "sex"),
        ({"sex": "male", "birth_date": "1970-01-01"}, "birth_date"),
        (
            {"sex": "male", "birth_date": dt.date(1970, 1, 1), "reduced_capacity_percent": 120},
            "reduced_capacity_percent",
        ),
        (
            {"sex": "female", "birth_date": dt.date(1960, 7, 15), "reduced_capacity_percent": 85},
            "reduced_capacity_percent",
        ),
    ],
)
def test_bad_input(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.retirement_age(**kwargs)  # type: ignore[arg-type]
    assert info.value.argument == argument


def test_pension_derives_early_months_from_the_dates() -> None:
    """W16 from dates: normal age reached 2028-11 (62 y), retiring 2026-03 → 32 months → −5%."""
    r = benefits.pension(
        "male",
        32 * 12,
        15_000_000,
        dt.date(2026, 4, 1),
        birth_date=dt.date(1966, 11, 8),
        retirement_date=dt.date(2026, 3, 31),
    )
    assert r.early_months == 32
    assert r.normal_retirement_date == dt.date(2028, 11, 8)
    assert r.reduction == 5
    assert r.monthly_amount == 9_600_000
    assert "32 months early" in r.explain("en")
    assert any("Decree 135/2020" in c for c in r.citations)


def test_pension_at_or_after_the_age_has_no_reduction() -> None:
    r = benefits.pension(
        "female",
        28 * 12,
        12_000_000,
        dt.date(2026, 12, 1),
        birth_date=dt.date(1969, 10, 1),
        retirement_date=dt.date(2026, 10, 31),
    )
    assert (r.early_months, r.rate, r.monthly_amount) == (0, Decimal(71), 8_520_000)


def test_pension_hazardous_early_months_count_from_five_years_earlier() -> None:
    r = benefits.pension(
        "male",
        30 * 12,
        10_000_000,
        dt.date(2026, 8, 1),
        birth_date=dt.date(1970, 1, 15),
        retirement_date=dt.date(2026, 7, 31),
        hazardous=True,
    )
    assert r.early_months == 0
    assert r.reduction == 0


def test_pension_date_arguments_are_checked() -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.pension(
            "male", 400, 10_000_000, dt.date(2026, 3, 1), birth_date=dt.date(1966, 1, 1)
        )
    assert info.value.argument == "retirement_date"
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.pension(
            "male",
            400,
            10_000_000,
            dt.date(2026, 3, 1),
            early_months=12,
            birth_date=dt.date(1966, 1, 1),
            retirement_date=dt.date(2026, 2, 1),
        )
    assert info.value.argument == "early_months"
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.pension(
            "male",
            400,
            10_000_000,
            dt.date(2026, 3, 1),
            birth_date=dt.date(1980, 1, 1),
            retirement_date=dt.date(2026, 2, 1),
        )
    assert info.value.argument == "retirement_date"
