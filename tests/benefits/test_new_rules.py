"""The regimes added for issue 15: worked examples from the formulas of the law."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from vssdk import benefits

AUG_2026 = dt.date(2026, 8, 1)  # reference level 2,530,000 (Decree 161/2026)


# --- occupational accident and disease (Law 84/2015 Art. 48-49, 53-54) ------------------------


def test_oaod_lump_sum_5_to_30_percent() -> None:
    """20%, 5 years, salary 10,000,000: 5 × 2.53M + 15 × 0.5 × 2.53M + (0.5 + 4 × 0.3) × 10M."""
    r = benefits.occupational_injury_benefit(20, 60, 10_000_000, AUG_2026)
    assert r.kind == "lump_sum"
    assert r.capacity_part == 31_625_000
    assert r.years_part == 17_000_000
    assert r.amount == 48_625_000
    assert any("84/2015" in c for c in r.citations)
    assert "48,625,000 VND" in r.explain("en")


def test_oaod_monthly_allowance_from_31_percent() -> None:
    """45%, 10 years, 8,000,000: 30% × 2.53M + 14 × 2% × 2.53M + (0.5% + 9 × 0.3%) × 8M."""
    r = benefits.occupational_injury_benefit(45, 120, 8_000_000, AUG_2026)
    assert r.kind == "monthly"
    assert (r.capacity_part, r.years_part) == (Fraction(1_467_400), Fraction(256_000))
    assert r.amount == 1_723_400
    assert "Monthly: 1,723,400 VND" in r.explain("en")


def test_oaod_boundaries() -> None:
    assert benefits.occupational_injury_benefit(4, 60, 10_000_000, AUG_2026).kind == "none"
    assert benefits.occupational_injury_benefit(4, 60, 10_000_000, AUG_2026).amount == 0
    five = benefits.occupational_injury_benefit(5, 12, 10_000_000, AUG_2026)
    assert five.amount == 5 * 2_530_000 + 5_000_000  # up to 1 year: 0.5 month
    assert benefits.occupational_injury_benefit(30, 13, 1, AUG_2026).kind == "lump_sum"
    assert benefits.occupational_injury_benefit(31, 13, 1, AUG_2026).kind == "monthly"


def test_oaod_death_is_36_base_salaries() -> None:
    assert benefits.occupational_death_benefit(AUG_2026).amount == 91_080_000
    assert benefits.occupational_death_benefit(dt.date(2020, 1, 10)).amount == 53_640_000


@pytest.mark.parametrize(
    ("cause", "loss", "on", "requested", "expected"),
    [
        ("sickness_surgery", None, AUG_2026, 10, 7 * 759_000),  # Law 41/2024 Art. 46
        ("sickness", None, dt.date(2025, 9, 1), 3, 3 * 702_000),
        ("sickness_long_term", None, AUG_2026, 10, 10 * 759_000),
        ("maternity_multiple", None, AUG_2026, 12, 10 * 759_000),  # Art. 60
        ("maternity_caesarean", None, AUG_2026, 7, 7 * 759_000),
        ("occupational", 20, dt.date(2020, 1, 15), 6, 5 * 447_000),  # Law 84/2015 Art. 54
        ("occupational", 55, AUG_2026, 10, 10 * 759_000),
    ],
)
def test_convalescence(
    cause: str, loss: int | None, on: dt.date, requested: int, expected: int
) -> None:
    r = benefits.convalescence_benefit(requested, on, cause=cause, capacity_loss_percent=loss)
    assert r.amount == expected
    assert r.explain("vi").startswith("1. ")


def test_convalescence_inputs() -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.convalescence_benefit(5, AUG_2026, cause="holiday")
    assert info.value.argument == "cause"
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.convalescence_benefit(5, AUG_2026, cause="occupational")
    assert info.value.argument == "capacity_loss_percent"
    with pytest.raises(benefits.RuleInputError):
        benefits.convalescence_benefit(5, AUG_2026, cause="occupational", capacity_loss_percent=10)


# --- survivors (Law 41/2024 Art. 86-89) --------------------------------------------------------


def test_survivor_monthly_allowance_50_and_70_percent() -> None:
    r = benefits.survivor_monthly_allowance(AUG_2026, 3, without_carer=1)
    assert (r.per_relative, r.per_relative_without_carer) == (1_265_000, 1_771_000)
    assert r.monthly_total == 2 * 1_265_000 + 1_771_000
    capped = benefits.survivor_monthly_allowance(AUG_2026, 6)
    assert (capped.relatives_paid, capped.monthly_total) == (4, 4 * 1_265_000)
    double = benefits.survivor_monthly_allowance(AUG_2026, 2, two_or_more_deaths=True)
    assert double.monthly_total == 2 * 2 * 1_265_000


def test_survivor_monthly_allowance_needs_15_years_or_a_pension() -> None:
    r = benefits.survivor_monthly_allowance(AUG_2026, 2, contribution_months=100)
    assert not r.eligible
    assert r.reason and "lump sum applies" in r.reason
    assert benefits.survivor_monthly_allowance(
        AUG_2026, 2, contribution_months=100, pensioner=True
    ).eligible
    assert benefits.survivor_monthly_allowance(AUG_2026, 2, contribution_months=180).eligible


@pytest.mark.parametrize(
    ("month", "months_of_pension"), [(1, 48), (2, 48), (3, Decimal("47.5")), (10, 44), (100, 3)]
)
def test_survivor_lump_sum_of_a_deceased_pensioner(
    month: int, months_of_pension: int | Decimal
) -> None:
    """Art. 89(2): 48 months in the first 2, 0.5 month less per further month, at least 3."""
    r = benefits.survivor_lump_sum(
        on=AUG_2026, monthly_pension=8_000_000, pension_months_received=month
    )
    assert r.pensioner
    assert r.benefit_months == months_of_pension
    assert r.amount == int(Decimal(months_of_pension) * 8_000_000)
    assert r.minimum_applied is (month == 100)
    assert "Pensioner died" in r.explain("en")


def test_survivor_lump_sum_inputs() -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.survivor_lump_sum(on=AUG_2026, monthly_pension=8_000_000)
    assert info.value.argument == "pension_months_received"
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.survivor_lump_sum(on=AUG_2026)
    assert info.value.argument == "average_monthly_salary"


# --- Law 41/2024's new pillars -----------------------------------------------------------------


def test_social_pension_allowance() -> None:
    """Art. 21: 75+, or 70+ in a poor or near-poor household; Decree 176/2025: 500,000."""
    assert benefits.social_pension_allowance(AUG_2026, 75).monthly_amount == 500_000
    assert benefits.social_pension_allowance(AUG_2026, 72, poor_or_near_poor=True).eligible
    young = benefits.social_pension_allowance(AUG_2026, 72)
    assert not young.eligible and young.reason and "under 75" in young.reason
    assert not benefits.social_pension_allowance(AUG_2026, 80, receives_pension=True).eligible
    with pytest.raises(benefits.RuleInputError):
        benefits.social_pension_allowance(dt.date(2025, 6, 1), 80)


def test_monthly_allowance_without_pension_spreads_a_larger_entitlement() -> None:
    """10 years from 2014 at Mbq 5,000,000 = 100,000,000 over the 161 months to age 75 (2040-01)."""
    r = benefits.monthly_allowance_without_pension(
        5_000_000, 0, 120, AUG_2026, dt.date(1965, 1, 15)
    )
    assert r.entitlement == 100_000_000
    assert r.months_to_social_pension == 161
    assert r.monthly_amount == 621_118  # 100,000,000 / 161, above the 500,000 floor
    assert r.top_up_to_reach_age == 0


def test_monthly_allowance_without_pension_at_the_floor_with_a_top_up() -> None:
    r = benefits.monthly_allowance_without_pension(3_000_000, 0, 60, AUG_2026, dt.date(1965, 1, 15))
    assert r.entitlement == 30_000_000
    assert (r.monthly_amount, r.months_paid, r.last_month_amount) == (500_000, 60, 500_000)
    assert r.top_up_to_reach_age == 161 * 500_000 - 30_000_000
    assert "top-up" in r.explain("en")
    with pytest.raises(benefits.RuleInputError):
        benefits.monthly_allowance_without_pension(3_000_000, 0, 200, AUG_2026, dt.date(1965, 1, 1))


def test_voluntary_maternity_benefit() -> None:
    """Art. 95(1): 2,000,000 per child; 6 months within 12 (Art. 94(1))."""
    assert benefits.voluntary_maternity_benefit(AUG_2026, 2).amount == 4_000_000
    r = benefits.voluntary_maternity_benefit(AUG_2026, months_in_last_12=5)
    assert not r.eligible and r.amount == 0


def test_long_term_sickness_after_the_yearly_maximum_law_41_2024() -> None:
    """25 years: 40 days at 75%, then 55% (Art. 43(2), 45(3)): 40 × 300,000 + 20 × 220,000."""
    r = benefits.sickness_benefit(
        9_600_000, 60, dt.date(2026, 3, 1), contribution_months=300, long_term=True
    )
    assert r.counted_days == 40
    assert r.reduced_days == 20
    assert r.reduced_rate == Decimal("0.55")
    assert r.amount == 12_000_000 + 4_400_000
    assert "Long-term illness" in r.explain("en")


def test_long_term_sickness_180_days_under_law_58_2014() -> None:
    r = benefits.sickness_benefit(
        9_600_000, 200, dt.date(2024, 3, 1), contribution_months=120, long_term=True
    )
    assert (r.counted_days, r.reduced_days) == (Decimal(180), Decimal(20))
    assert r.amount == 180 * 300_000 + 20 * 200_000
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.sickness_benefit(9_600_000, 5, dt.date(2026, 3, 1), long_term=True)
    assert info.value.argument == "contribution_months"


def test_retirement_lump_sum_for_years_after_the_retirement_age() -> None:
    """Art. 68(2): 38 years, 2 of them after reaching the age: 1 × 0.5 × Mbq + 2 × 2 × Mbq."""
    r = benefits.pension(
        "male",
        38 * 12,
        10_000_000,
        dt.date(2026, 1, 1),
        birth_date=dt.date(1963, 3, 1),  # 60 y 9 m, reached 2023-12-01
        retirement_date=dt.date(2025, 12, 31),  # 24 months later
    )
    assert r.normal_retirement_date == dt.date(2023, 12, 1)
    assert r.early_months == 0
    assert r.monthly_amount == 7_500_000
    assert r.retirement_lump_sum == 45_000_000
    plain = benefits.pension("male", 38 * 12, 10_000_000, dt.date(2026, 4, 1))
    assert plain.retirement_lump_sum == 15_000_000
    old_law = benefits.pension(
        "male", 38 * 12, 10_000_000, dt.date(2024, 4, 1), months_after_retirement_age=24
    )
    assert old_law.retirement_lump_sum == 15_000_000  # Law 58/2014 Art. 58: 0.5 × Mbq only


# --- pension indexation ------------------------------------------------------------------------


def test_pension_indexed_decree_by_decree() -> None:
    """Granted 2021-05: +7.4% (2022-01), +12.5% (2023-07), +15% (2024-07)."""
    r = benefits.pension_indexed(5_000_000, dt.date(2021, 5, 1), dt.date(2026, 3, 1))
    assert [s[2] for s in r.steps] == [5_370_000, 6_041_250, 6_947_438]
    assert r.amount == 6_947_438
    assert any("42/2023" in c for c in r.citations)


def test_pension_not_raised_in_2022_gets_20_8_percent_in_2023() -> None:
    """Decree 42/2023 Art. 2(1)(b)."""
    r = benefits.pension_indexed(5_000_000, dt.date(2022, 3, 1), dt.date(2026, 3, 1))
    assert [(s[0], s[1]) for s in r.steps] == [
        (dt.date(2023, 7, 1), Decimal("0.208")),
        (dt.date(2024, 7, 1), Decimal("0.15")),
    ]
    assert r.amount == 6_946_000


def test_pension_indexed_no_adjustment_and_horizon() -> None:
    r = benefits.pension_indexed(5_000_000, dt.date(2025, 1, 1), dt.date(2026, 3, 1))
    assert r.amount == 5_000_000 and r.steps == ()
    with pytest.warns(benefits.StaleParameters):
        late = benefits.pension_indexed(5_000_000, dt.date(2025, 1, 1), dt.date(2026, 9, 1))
    assert [w.series for w in late.warnings] == ["pension.adjustment"]
    with pytest.raises(benefits.RuleInputError):
        benefits.pension_indexed(5_000_000, dt.date(2026, 1, 1), dt.date(2025, 1, 1))


def test_new_results_are_exact_fractions_where_documented() -> None:
    r = benefits.occupational_injury_benefit(7, 30, 7_777_777, AUG_2026)
    assert isinstance(r.years_part, Fraction)
    assert r.amount == round(r.capacity_part + r.years_part)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["retirement_age", "--sex", "male", "--birth-date", "1966-11-08"],
            "normal_date: 2028-11-08",
        ),
        (
            [
                "convalescence_benefit",
                "--days",
                "7",
                "--on",
                "2026-08-01",
                "--cause",
                "maternity_caesarean",
            ],
            "amount: 5313000",
        ),
        (
            [
                "survivor_lump_sum",
                "--on",
                "2026-08-01",
                "--monthly-pension",
                "8000000",
                "--pension-months-received",
                "10",
            ],
            "amount: 352000000",
        ),
        (
            [
                "pension_indexed",
                "--amount",
                "5000000",
                "--granted-on",
                "2021-05-01",
                "--on",
                "2026-03-01",
            ],
            "amount: 6947438",
        ),
        (
            [
                "social_pension_allowance",
                "--on",
                "2026-08-01",
                "--age",
                "72",
                "--poor-or-near-poor",
            ],
            "monthly_amount: 500000",
        ),
        (["occupational_death_benefit", "--on", "2026-08-01"], "amount: 91080000"),
    ],
)
def test_vssdk_calc_reaches_the_new_rules(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from vssdk.cli import main

    assert main(["calc", *argv, "--lang", "en"]) == 0
    assert expected in capsys.readouterr().out
