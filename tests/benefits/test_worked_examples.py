"""Worked examples computed by hand from the legal texts, each with its legal basis."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from vssdk import benefits


def test_w1_compulsory_ordinary_salary_law41_2024_art33_34() -> None:
    """W1: March 2026, region I, 20,000,000 (Law 41/2024 Art. 33-34; Decree 188/2025; Law 74/2025)."""
    r = benefits.compulsory_contribution(20_000_000, dt.date(2026, 3, 1), 1)
    assert r.subject
    assert r.contribution_base == 20_000_000
    assert r.ui_base == 20_000_000
    assert r.employee == 2_100_000
    assert r.employer == 4_300_000
    assert r.by_fund["retirement_survivorship"].employee == 1_600_000
    assert r.by_fund["retirement_survivorship"].employer == 2_800_000
    assert r.by_fund["health"].employee == 300_000
    assert r.by_fund["health"].employer == 600_000
    assert r.by_fund["unemployment"].employee == 200_000
    assert r.by_fund["unemployment"].employer == 200_000
    assert r.by_fund["sickness_maternity"].employer == 600_000
    assert r.by_fund["occupational_accident"].employer == 100_000


def test_w2_salary_above_si_ceiling_law41_2024_art31_1_d() -> None:
    """W2: October 2025, region I, 80,000,000: SI/HI base capped at 20 × 2,340,000 (Art. 31(1)(đ))."""
    r = benefits.compulsory_contribution(80_000_000, dt.date(2025, 10, 1), 1)
    assert r.contribution_base == 46_800_000
    assert r.ui_base == 80_000_000  # UI cap 20 × 4,960,000 = 99,200,000
    assert r.employee == 5_246_000
    assert r.employer == 10_394_000


def test_w3_voluntary_near_poor_decree159_2025_art5() -> None:
    """W3: Feb 2026, income 4,000,000, near-poor: 880,000 − 132,000 (Decree 159/2025 Art. 5(1))."""
    r = benefits.voluntary_si_contribution(
        4_000_000, dt.date(2026, 2, 1), months=3, support_group="near_poor"
    )
    assert r.gross_per_month == 880_000
    assert r.state_support_per_month == 132_000
    assert r.payable_per_month == 748_000
    assert r.payable_total == 2_244_000


def test_w4_household_hi_three_members_law51_2024_art1_11() -> None:
    """W4: 3 members, 12 months, paid September 2026 (HI Law Art. 13(6) as amended by Law 51/2024)."""
    r = benefits.household_hi_contribution(3, dt.date(2026, 9, 1), months=12)
    assert r.per_member == (1_366_200, 956_340, 819_720)
    assert r.total == 3_142_260


def test_w5_one_time_si_straddling_2014_law41_2024_art70_3() -> None:
    """W5: 24 months before 2014 and 78 from 2014, Mbq 9,000,000 → 16 months (Art. 70(3))."""
    r = benefits.one_time_si(9_000_000, 24, 78, dt.date(2026, 3, 1))
    assert r.years_before_2014 == 2
    assert r.years_from_2014 == Decimal("6.5")
    assert r.benefit_months == 16
    assert r.amount == 144_000_000


def test_w6_pension_woman_law41_2024_art66_1() -> None:
    """W6: woman, 28 years, Mbq 12,000,000 → 71% (Art. 66(1))."""
    r = benefits.pension("female", 28 * 12, 12_000_000, dt.date(2026, 3, 1))
    assert r.rate == 71
    assert r.monthly_amount == 8_520_000


def test_w7_pension_man_18_years_law41_2024_art66_1() -> None:
    """W7: man, 18 years (the new 15–20-year band) → 43% (Art. 66(1)(b))."""
    r = benefits.pension("male", 18 * 12, 10_000_000, dt.date(2026, 3, 1))
    assert r.eligible
    assert r.rate == 43
    assert r.monthly_amount == 4_300_000


def test_w7_pension_man_18_years_not_eligible_under_law58_2014() -> None:
    """W7 note: under Law 58/2014 (Art. 54) 18 years is not enough."""
    r = benefits.pension("male", 18 * 12, 10_000_000, dt.date(2024, 3, 1))
    assert not r.eligible
    assert r.reason and "fewer than 20 years" in r.reason


def test_w8_sickness_law41_2024_art45() -> None:
    """W8: 9,600,000, 5 working days: 75% / 24 × 5 (Art. 45(1), (5))."""
    r = benefits.sickness_benefit(9_600_000, 5, dt.date(2026, 3, 1))
    assert r.daily == 300_000
    assert r.amount == 1_500_000


def test_w9_maternity_mother_law41_2024_art58_59() -> None:
    """W9: birth August 2026, average 15,000,000: 6 months + 2 × 2,530,000 (Art. 58(4), 59(1))."""
    r = benefits.maternity_benefit(15_000_000, dt.date(2026, 8, 10))
    assert r.leave_allowance == 90_000_000
    assert r.lump_sum == 5_060_000
    assert r.total == 95_060_000


def test_w10_unemployment_law74_2025_art39() -> None:
    """W10: region II, March 2026, average 15,000,000, 50 months → 4 months (Art. 39(1)-(2))."""
    r = benefits.unemployment_benefit(15_000_000, 50, 2, dt.date(2026, 3, 1))
    assert r.eligible
    assert r.cap == 23_650_000
    assert r.monthly_amount == 9_000_000
    assert r.duration_months == 4
    assert r.total == 36_000_000


def test_w11_funeral_old_law_law58_2014_art66() -> None:
    """W11: death October 2023 with 5 years: 10 × 1,800,000 (Law 58/2014 Art. 66)."""
    r = benefits.funeral_allowance(dt.date(2023, 10, 12), contribution_months=60)
    assert r.eligible
    assert r.amount == 18_000_000


def test_w12_survivor_lump_sum_law41_2024_art89_1() -> None:
    """W12: 10 years from 2016, Mbq 8,000,000 → 160,000,000 (Art. 89(1))."""
    r = benefits.survivor_lump_sum(8_000_000, 0, 120, dt.date(2026, 3, 1))
    assert r.amount == 160_000_000
    assert not r.minimum_applied


def test_w13_hi_copayment_law51_2024_art1_17() -> None:
    """W13: DN4 card, March 2025: 80% of 1,000,000; 100% under 15% × 2,340,000 (HI Law Art. 22)."""
    big = benefits.hi_benefit("DN4", 1_000_000, dt.date(2025, 3, 1))
    assert (big.fund_pays, big.patient_pays) == (800_000, 200_000)
    small = benefits.hi_benefit("DN4", 300_000, dt.date(2025, 3, 1))
    assert (small.fund_pays, small.patient_pays) == (300_000, 0)
    assert small.small_visit


def test_w14_cpi_adjusted_average_decree158_2025_art16() -> None:
    """W14: 2019 and 2020 salaries, decided 2026 (coefficients 1.20, 1.16; CV 340/BHXH-CSXH)."""
    on = dt.date(2026, 5, 4)
    c19, c20 = benefits.cpi_coefficient(2019, on), benefits.cpi_coefficient(2020, on)
    assert (c19, c20) == (Decimal("1.20"), Decimal("1.16"))
    avg = benefits.average_monthly_salary([(12, 8_000_000, c19), (12, 9_000_000, c20)])
    assert avg.adjusted_total == 240_480_000
    assert avg.amount == 10_020_000
    r = benefits.one_time_si(avg, 0, 24, on)
    assert r.benefit_months == 4
    assert r.amount == 40_080_000


def test_w16_early_retirement_law41_2024_art66_3() -> None:
    """W16: man, 32 years, 2 years 8 months early, Mbq 15,000,000: 69% − 5% (Art. 66(3))."""
    r = benefits.pension("male", 32 * 12, 15_000_000, dt.date(2026, 3, 1), early_months=32)
    assert r.reduction == 5
    assert r.rate == 64
    assert r.monthly_amount == 9_600_000


def test_w14_with_automatic_coefficients_decree158_2025_art16() -> None:
    """W14 again, the coefficients looked up from the table in force on the decision date."""
    avg = benefits.cpi_adjusted_average_salary(
        [(2019, 12, 8_000_000), (2020, 12, 9_000_000)], dt.date(2026, 5, 4)
    )
    assert avg.amount == 10_020_000
    assert "Công văn 340/BHXH-CSXH (03/02/2026), Annex [S]" in avg.citations
    assert benefits.one_time_si(avg, 0, 24, dt.date(2026, 5, 4)).amount == 40_080_000
