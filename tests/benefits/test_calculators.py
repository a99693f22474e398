"""client.calculators: the sandbox answers with the same engine as vssdk.benefits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import vssdk
from tests.conftest import run
from vssdk import benefits

ON = dt.date(2026, 3, 1)


def test_compulsory_contribution_matches_the_engine(client: vssdk.Client) -> None:
    r = client.calculators.compulsory_contribution(80_000_000, dt.date(2025, 10, 1), 1)
    local = benefits.compulsory_contribution(80_000_000, dt.date(2025, 10, 1), 1)
    assert (r.employee, r.employer, r.total) == (5_246_000, 10_394_000, local.total)
    assert r.contribution_base == 46_800_000
    assert {f.fund: (f.employee, f.employer) for f in r.by_fund} == {
        k: (v.employee, v.employer) for k, v in local.by_fund.items()
    }
    assert r.citations == list(local.citations)
    assert r.explanation == local.explain("vi")


def test_compulsory_contribution_flags_and_language(client: vssdk.Client) -> None:
    r = client.calculators.compulsory_contribution(2_000_000, ON, 1, part_time=True, lang="en")
    assert not r.subject
    assert r.reason and "not subject" in r.reason
    assert r.explanation.startswith("1. Contribution month")
    relief = client.calculators.compulsory_contribution(10_000_000, dt.date(2022, 3, 1), 2)
    unemployment = next(f for f in relief.by_fund if f.fund == "unemployment")
    assert unemployment.employer == 0


def test_voluntary_si_and_household_hi(client: vssdk.Client) -> None:
    v = client.calculators.voluntary_si(
        4_000_000, dt.date(2026, 2, 1), months=3, support_group="near_poor"
    )
    assert (v.payable_per_month, v.payable_total) == (748_000, 2_244_000)
    h = client.calculators.household_hi(3, dt.date(2026, 9, 1))
    assert h.per_member == [1_366_200, 956_340, 819_720]
    assert h.total == 3_142_260
    assert "Decree 161/2026/NĐ-CP, Art. 3(2) [S]" in h.citations


def test_rule_violation_is_a_422_naming_the_field(client: vssdk.Client) -> None:
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        client.calculators.compulsory_contribution(1_000_000, ON, 1)
    assert [e.path for e in info.value.errors] == ["monthly_salary"]
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        client.calculators.voluntary_si(100_000_000, ON)
    assert [e.path for e in info.value.errors] == ["monthly_income"]


def test_bad_arguments_are_refused_before_sending(client: vssdk.Client) -> None:
    with pytest.raises(benefits.RuleInputError) as info:
        client.calculators.compulsory_contribution(10_000_000, ON, 7)
    assert info.value.argument == "region"
    with pytest.raises(benefits.RuleInputError) as info:
        client.calculators.household_hi(2, ON, months=5)
    assert info.value.argument == "months"
    with pytest.raises(benefits.RuleInputError) as info:
        client.calculators.voluntary_si(3_000_000, ON, lang="fr")
    assert info.value.argument == "lang"


def test_async_calculators(make_aclient: Any) -> None:
    async def go() -> tuple[int, int, int]:
        async with make_aclient() as ac:
            c = await ac.calculators.compulsory_contribution(20_000_000, ON, 1)
            v = await ac.calculators.voluntary_si(4_000_000, ON, support_group="poor")
            h = await ac.calculators.household_hi(1, ON, months=6)
            return c.employee, v.state_support_per_month, h.total

    assert run(go()) == (2_100_000, 165_000, 6 * 105_300)
