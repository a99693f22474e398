"""Explanations, citations, parameters on results, and ``vssdk calc``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from vssdk import benefits
from vssdk.cli import main

ON = dt.date(2026, 3, 1)


def _all_results() -> list[object]:
    avg = benefits.average_monthly_salary([(12, 8_000_000, Decimal("1.20"))])
    return [
        benefits.compulsory_contribution(20_000_000, ON, 1),
        benefits.voluntary_si_contribution(4_000_000, ON, support_group="poor"),
        benefits.household_hi_contribution(2, ON),
        avg,
        benefits.one_time_si(avg, 30, 90, ON),
        benefits.pension("female", 400, 12_000_000, ON),
        benefits.unemployment_benefit(15_000_000, 50, 2, ON),
        benefits.maternity_benefit(15_000_000, ON, children=2),
        benefits.paternity_benefit(15_000_000, ON),
        benefits.sickness_benefit(9_600_000, 5, ON, contribution_months=200),
        benefits.funeral_allowance(ON, 20),
        benefits.survivor_lump_sum(8_000_000, 0, 10, ON),
        benefits.hi_benefit("DN4", 1_000_000, ON),
        benefits.retirement_age("female", dt.date(1975, 5, 20), hazardous=True),
        benefits.occupational_injury_benefit(20, 60, 10_000_000, ON),
        benefits.occupational_injury_benefit(45, 60, 10_000_000, ON),
        benefits.occupational_death_benefit(ON),
        benefits.convalescence_benefit(5, ON, cause="sickness"),
        benefits.survivor_monthly_allowance(ON, 2),
        benefits.survivor_lump_sum(on=ON, monthly_pension=6_000_000, pension_months_received=5),
        benefits.social_pension_allowance(ON, 80),
        benefits.monthly_allowance_without_pension(4_000_000, 0, 90, ON, dt.date(1964, 1, 1)),
        benefits.voluntary_maternity_benefit(ON),
        benefits.pension_indexed(4_000_000, dt.date(2020, 1, 1), ON),
        benefits.sickness_benefit(9_600_000, 50, ON, contribution_months=100, long_term=True),
    ]


@pytest.mark.parametrize("result", _all_results(), ids=lambda r: type(r).__name__)
def test_every_result_is_frozen_explained_and_cited(result: object) -> None:
    assert attrs.has(type(result))
    first = attrs.fields(type(result))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(result, first, None)
    vi = result.explain("vi")  # type: ignore[attr-defined]
    en = result.explain(lang="en")  # type: ignore[attr-defined]
    assert vi.startswith("1. ")
    assert en.startswith("1. ")
    assert vi != en
    for pv in result.parameters.values():  # type: ignore[attr-defined]
        assert str(pv.citation) in result.citations  # type: ignore[attr-defined]
        assert str(pv.citation) in en


def test_compulsory_parameters_name_values_used() -> None:
    r = benefits.compulsory_contribution(20_000_000, ON, 1)
    assert r.parameters["base_salary"].value == 2_340_000
    assert r.parameters["regional_minimum_wage[1]"].value == 5_310_000
    assert r.parameters["rate.employee.retirement_survivorship"].value == Decimal("0.08")
    assert "Law 41/2024/QH15, Art. 33(1)(a) [V]" in r.citations
    text = r.explain("vi")
    assert "8% × 20.000.000 đồng = 1.600.000 đồng" in text
    assert "Căn cứ:" in text


def test_explain_rejects_unknown_language() -> None:
    r = benefits.funeral_allowance(ON)
    with pytest.raises(benefits.RuleInputError) as info:
        r.explain("fr")
    assert info.value.argument == "lang"


def test_hi_explanation_masks_the_card_number() -> None:
    r = benefits.hi_benefit("DN4790123456789", 1_000_000, ON)
    assert "790123456789" not in r.explain("en")
    assert "790123456789" not in repr(r)
    assert r.card_prefix == "DN4"


def test_cli_prints_result_and_explanation(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "calc",
            "compulsory_contribution",
            "--monthly-salary",
            "20000000",
            "--on",
            "2026-03-01",
            "--region",
            "1",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "employee: 2100000" in out
    assert "Total: employee 2,100,000 VND" in out
    assert "Sources:" in out


def test_cli_periods_and_flags(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["calc", "average_monthly_salary", "--periods", "12:8000000:1.20,12:9000000:1.16"])
        == 0
    )
    assert "amount: 10020000" in capsys.readouterr().out
    argv = ["calc", "compulsory_contribution", "--monthly-salary", "2000000", "--on", "2026-03-01"]
    assert main([*argv, "--region", "1", "--part-time"]) == 0
    assert "subject: False" in capsys.readouterr().out


def test_cli_reports_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["calc", "compulsory_contribution", "--monthly-salary", "100", "--on", "2026-03-01"]
    assert main([*argv, "--region", "1"]) == 2
    assert "monthly_salary" in capsys.readouterr().err
    assert main(["calc", "pension", "--sex", "male"]) == 2
    assert "missing" in capsys.readouterr().err
    assert main(["calc", "pension", "--colour", "red"]) == 2
    assert "no argument --colour" in capsys.readouterr().err
