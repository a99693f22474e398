"""The corrections of the 2026-12 fact-check, each with the figure the law gives."""

from __future__ import annotations

import datetime as dt

import pytest

from vssdk import benefits

BIRTH = dt.date(2026, 8, 10)


def test_second_child_mother_gets_7_months_from_2026_07_01() -> None:
    """Population Law 113/2025/QH15 Art. 28(1): 7 × 15,000,000 + 2 × 2,530,000."""
    r = benefits.maternity_benefit(15_000_000, BIRTH, child_order=2)
    assert r.leave_months == 7
    assert r.total == 110_060_000
    assert benefits.maternity_benefit(15_000_000, BIRTH, leave_months=7, child_order=2).total == (
        110_060_000
    )
    assert any("113/2025" in c for c in r.citations)
    assert "Second child" in r.explain("en")


def test_second_child_rule_follows_the_birth_date() -> None:
    before = benefits.maternity_benefit(15_000_000, dt.date(2026, 6, 30), child_order=2)
    assert before.leave_months == 6
    first = benefits.maternity_benefit(15_000_000, BIRTH)
    assert first.total == 95_060_000


def test_seven_months_for_a_first_child_is_refused_with_a_hint() -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.maternity_benefit(15_000_000, BIRTH, leave_months=7)
    assert info.value.argument == "leave_months"
    assert "child_order=2" in str(info.value)


def test_second_child_twins_add_a_month_per_extra_child() -> None:
    r = benefits.maternity_benefit(15_000_000, BIRTH, children=2, child_order=2)
    assert r.leave_months == 8


def test_second_child_father_gets_10_working_days_from_2026_07_01() -> None:
    """15,000,000 / 24 × 10 = 6,250,000 (Decree 168/2026/NĐ-CP)."""
    r = benefits.paternity_benefit(15_000_000, BIRTH, child_order=2)
    assert (r.days, r.amount) == (10, 6_250_000)
    assert benefits.paternity_benefit(15_000_000, BIRTH).amount == 3_125_000
    assert benefits.paternity_benefit(15_000_000, dt.date(2026, 6, 1), child_order=2).days == 5
    # the general rule wins when it gives more: caesarean twins
    assert benefits.paternity_benefit(15_000_000, BIRTH, 2, True, child_order=2).days == 14


def test_child_order_is_checked() -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.paternity_benefit(15_000_000, BIRTH, child_order=0)
    assert info.value.argument == "child_order"


def test_oaod_relief_excludes_state_payroll() -> None:
    """Decision 23/2021/QĐ-TTg: 0.5% × 29,800,000 = 149,000 for state payroll in 2021-10."""
    on = dt.date(2021, 10, 1)
    state = benefits.compulsory_contribution(30_000_000, on, 1, state_payroll=True)
    assert state.by_fund["occupational_accident"].employer == 149_000
    firm = benefits.compulsory_contribution(30_000_000, on, 1)
    assert firm.by_fund["occupational_accident"].employer == 0
    assert state.employer - firm.employer == 149_000 + 298_000  # OA/OD and no UI relief


def test_unemployment_regime_follows_the_decision_date() -> None:
    """Law 74/2025 Art. 55(4): decided in 2026 → 5 × 4,960,000 (RMW of 2025-12), not 5 × 2,340,000."""
    last = dt.date(2025, 12, 1)
    old = benefits.unemployment_benefit(60_000_000, 50, 1, last, state_payroll=True)
    assert old.cap == 11_700_000
    new = benefits.unemployment_benefit(
        60_000_000, 50, 1, last, state_payroll=True, decision_date=dt.date(2026, 1, 20)
    )
    assert new.regime == "74/2025/QH15"
    assert new.cap == 24_800_000
    assert new.total == 24_800_000 * 4
    assert "6 most recent contribution months" in new.explain("en")
    assert "Art. 55(4)" in " ".join(new.citations)


def test_decision_before_the_last_contribution_month_is_refused() -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        benefits.unemployment_benefit(
            10_000_000, 50, 1, dt.date(2026, 3, 1), decision_date=dt.date(2026, 2, 1)
        )
    assert info.value.argument == "decision_date"


def test_caesarean_triplets_under_law_58_2014_get_a_flat_14_days() -> None:
    """Law 58/2014 Art. 34(2)(d): 14 days; Law 41/2024 Art. 53(2)(d) adds 3 per child."""
    old = benefits.paternity_benefit(15_000_000, dt.date(2024, 5, 1), 3, True)
    assert old.days == 14
    new = benefits.paternity_benefit(15_000_000, dt.date(2025, 8, 1), 3, True)
    assert new.days == 17
    assert benefits.paternity_benefit(15_000_000, dt.date(2024, 5, 1), 3).days == 13


@pytest.mark.parametrize(
    ("name", "on", "citation"),
    [
        (
            "rate.employer.occupational_accident",
            dt.date(2018, 1, 1),
            "Decree 44/2017/NĐ-CP, Art. 3(1)(a)",
        ),
        (
            "rate.employer.occupational_accident",
            dt.date(2021, 1, 1),
            "Decree 58/2020/NĐ-CP, Art. 4(1)(a)",
        ),
        ("sickness.rate", dt.date(2026, 1, 1), "Law 41/2024/QH15, Art. 45(2)"),
        ("pension.rules", dt.date(2019, 6, 1), "Decree 115/2015/NĐ-CP, Art. 7(2)(b)-(c)"),
    ],
)
def test_corrected_citations(name: str, on: dt.date, citation: str) -> None:
    assert benefits.lookup_parameter(name, on).citation.reference == citation


# --- the horizon -------------------------------------------------------------------------------


def test_results_within_the_horizon_carry_no_warning() -> None:
    r = benefits.compulsory_contribution(20_000_000, dt.date(2026, 11, 1), 1)
    assert r.warnings == ()
    assert "Warning" not in r.explain("en")


def test_computing_past_the_horizon_warns_naming_series_and_date() -> None:
    on = dt.date(2027, 3, 1)
    with pytest.warns(benefits.StaleParameters) as caught:
        r = benefits.compulsory_contribution(20_000_000, on, 1, state_payroll=True)
    assert r.employee == 2_100_000  # the last known value is still used
    stale = {w.series: w for w in r.warnings}
    assert stale["base_salary"].horizon == dt.date(2026, 12, 2)
    assert stale["base_salary"].on == on
    assert "regional_minimum_wage" in stale
    assert "base_salary" in str(caught[0].message)
    text = r.explain("en")
    assert "known good until 2026-12-02" in text
    assert "base_salary" in text
    assert "rà soát đến 02/12/2026" in r.explain("vi")


def test_a_series_with_its_own_horizon() -> None:
    """The 2026 rural poverty line is assumed (no 2026-2030 standard found): known good to 2025."""
    with pytest.warns(benefits.StaleParameters):
        r = benefits.voluntary_si_contribution(1_500_000, dt.date(2026, 2, 1))
    assert [w.series for w in r.warnings] == ["rural_poverty_line"]
    assert r.warnings[0].horizon == dt.date(2025, 12, 31)
    assert benefits.lookup_parameter("cpi_coefficient", dt.date(2026, 5, 1)).known_good_until == (
        dt.date(2026, 12, 31)
    )


def test_stale_warnings_are_picklable_and_comparable() -> None:
    import pickle

    w = benefits.StaleParameters("base_salary", dt.date(2026, 12, 2), dt.date(2027, 1, 1))
    assert pickle.loads(pickle.dumps(w)) == w
    assert issubclass(benefits.StaleParameters, UserWarning)


def test_bulk_warns_past_the_horizon() -> None:
    np = pytest.importorskip("numpy")
    from vssdk.benefits import bulk

    days = np.array(["2026-11-01", "2027-02-01"], dtype="datetime64[D]")
    with pytest.warns(benefits.StaleParameters, match="2027-02-01"):
        bulk.compulsory_contribution_arrays(np.array([20_000_000, 20_000_000]), days, 1)


def test_cli_prints_the_warning(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from vssdk._cli import calc

    args = ["--monthly-salary", "20000000", "--on", "2027-03-01", "--region", "1"]
    ns = argparse.Namespace(file=None, function="compulsory_contribution", lang="en", args=args)
    assert calc.run(ns) == 0
    out, err = capsys.readouterr()
    assert "Warning: parameter data known good until 2026-12-02" in out
    assert "StaleParameters: known good until 2026-12-02, used for 2027-03-01" in err
