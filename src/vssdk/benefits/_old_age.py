"""Old age without a full pension (Law 41/2024 Art. 21-23), survivors' monthly allowance
(Art. 86-87), pension indexation (Art. 67) and the voluntary maternity allowance (Art. 95)."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from vssdk.benefits._common import (
    Explained,
    Params,
    as_exact,
    check_date,
    check_int,
    check_money,
    fmt_pct,
    money_formatter,
    round_vnd,
    tr,
)
from vssdk.benefits._errors import RuleInputError, StaleParameters
from vssdk.benefits._params import ParameterValue, parameters
from vssdk.benefits._retirement import add_months, month_index

if TYPE_CHECKING:
    from vssdk.benefits._long_term import OneTimeSI

__all__ = [
    "IndexedPension",
    "MonthlyAllowanceWithoutPension",
    "SocialPensionAllowance",
    "SurvivorMonthlyAllowance",
    "VoluntaryMaternityBenefit",
    "monthly_allowance_without_pension",
    "pension_indexed",
    "social_pension_allowance",
    "survivor_monthly_allowance",
    "voluntary_maternity_benefit",
]

NEW_PILLARS = dt.date(2025, 7, 1)
"""Law 41/2024/QH15 takes effect: the social pension and the Art. 23 allowance start."""


def _not_before_new_law(argument: str, on: dt.date, rule: str) -> None:
    if on < NEW_PILLARS:
        raise RuleInputError(
            argument,
            f"{rule}: exists from {NEW_PILLARS.isoformat()} (Law 41/2024/QH15), "
            f"got {on.isoformat()}",
            value=on,
        )


# --- survivors' monthly allowance --------------------------------------------------------------


@attrs.frozen(slots=True)
class SurvivorMonthlyAllowance(Explained):
    """Monthly survivor allowance (trợ cấp tuất hằng tháng) for the eligible relatives."""

    eligible: bool
    reason: str | None
    relatives_paid: int
    without_carer: int
    per_relative: int
    per_relative_without_carer: int
    monthly_total: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        if not self.eligible:
            return [tr(lang, f"Không đủ điều kiện: {self.reason}", f"Not eligible: {self.reason}")]
        m = money_formatter(lang)
        r = self.parameters["survivor.monthly"].value
        ref = self.parameters["base_salary"].value
        with_carer = self.relatives_paid - self.without_carer
        return [
            tr(
                lang,
                f"Số thân nhân được hưởng: {self.relatives_paid} (tối đa "
                f"{int(r['max_relatives'])}), trong đó {self.without_carer} không có người trực "
                "tiếp nuôi dưỡng.",
                f"Relatives paid: {self.relatives_paid} (at most {int(r['max_relatives'])}), "
                f"{self.without_carer} of them without a direct carer.",
            ),
            tr(
                lang,
                f"{with_carer} × {fmt_pct(r['rate'], lang)} × {m(ref)} + {self.without_carer} × "
                f"{fmt_pct(r['rate_without_carer'], lang)} × {m(ref)} = "
                f"{m(self.monthly_total)}/tháng.",
                f"{with_carer} × {fmt_pct(r['rate'], lang)} × {m(ref)} + {self.without_carer} × "
                f"{fmt_pct(r['rate_without_carer'], lang)} × {m(ref)} = "
                f"{m(self.monthly_total)}/month.",
            ),
        ]


def survivor_monthly_allowance(
    on: dt.date,
    dependants: int,
    *,
    without_carer: int = 0,
    contribution_months: int | None = None,
    pensioner: bool = False,
    occupational: bool = False,
    two_or_more_deaths: bool = False,
) -> SurvivorMonthlyAllowance:
    """Monthly survivor allowance from the month after a death on ``on``.

    ``dependants``: relatives who qualify (children under 18, a spouse or parents at retirement
    age, or with 81%+ capacity loss; Law 41/2024 Art. 86(2)); ``without_carer`` of them have no
    one directly caring for them (70% instead of 50% of the reference level). At most 4 are paid
    (no limit, and twice the amount, when two or more deaths are behind the claim). The
    deceased must have had 15+ years of compulsory SI, a pension, or died from / was on a
    monthly allowance for an occupational accident or disease: pass ``contribution_months``,
    ``pensioner`` or ``occupational`` (without any of them the condition is assumed met).
    """
    rule = "survivor monthly allowance"
    on = check_date("on", on, rule)
    check_int("dependants", dependants, rule, high=20)
    check_int("without_carer", without_carer, rule, high=dependants)
    if contribution_months is not None:
        check_int("contribution_months", contribution_months, rule)
    p = Params(on)
    r = {k: Fraction(v) for k, v in p("survivor.monthly").items()}
    ref = p("base_salary")
    qualifies = (
        contribution_months is None
        or contribution_months >= r["min_years"] * 12
        or pensioner
        or occupational
    )
    per = round_vnd(r["rate"] * ref)
    per_alone = round_vnd(r["rate_without_carer"] * ref)
    if not qualifies or dependants == 0:
        reason = (
            "no qualifying relative (Law 41/2024/QH15 Art. 86(2))"
            if qualifies
            else f"{contribution_months} months of compulsory SI, fewer than "
            f"{int(r['min_years'])} years, no pension and no occupational cause "
            "(Law 41/2024/QH15 Art. 86(1)): the survivor lump sum applies"
        )
        return SurvivorMonthlyAllowance(False, reason, 0, 0, per, per_alone, 0, p.frozen())
    paid = dependants if two_or_more_deaths else min(dependants, int(r["max_relatives"]))
    alone = min(without_carer, paid)
    total = (paid - alone) * per + alone * per_alone
    if two_or_more_deaths:
        total *= 2
    return SurvivorMonthlyAllowance(True, None, paid, alone, per, per_alone, total, p.frozen())


# --- social pension allowance ------------------------------------------------------------------


@attrs.frozen(slots=True)
class SocialPensionAllowance(Explained):
    """Social pension allowance (trợ cấp hưu trí xã hội), paid by the state budget."""

    eligible: bool
    reason: str | None
    monthly_amount: int
    age_required: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        if not self.eligible:
            return [tr(lang, f"Không đủ điều kiện: {self.reason}", f"Not eligible: {self.reason}")]
        m = money_formatter(lang)
        return [
            tr(
                lang,
                f"Đủ {self.age_required} tuổi, không hưởng lương hưu / trợ cấp BHXH hằng tháng.",
                f"Aged {self.age_required} or more, no pension or monthly SI allowance.",
            ),
            tr(
                lang,
                f"Trợ cấp hưu trí xã hội: {m(self.monthly_amount)}/tháng (tỉnh có thể hỗ trợ "
                "thêm; được cấp thẻ BHYT).",
                f"Social pension allowance: {m(self.monthly_amount)}/month (provinces may add "
                "to it; health insurance paid by the state).",
            ),
        ]


def social_pension_allowance(
    on: dt.date,
    age: int,
    *,
    poor_or_near_poor: bool = False,
    receives_pension: bool = False,
) -> SocialPensionAllowance:
    """Social pension allowance for a month ``on`` (from 2025-07-01) at ``age`` full years.

    From 75, or from 70 in a poor or near-poor household, for people with no pension or monthly
    SI allowance (Law 41/2024 Art. 21): 500,000 a month (Decree 176/2025 Art. 3). Someone who
    also qualifies for monthly social assistance gets the higher of the two (Art. 22(2)).
    """
    rule = "social pension allowance"
    on = check_date("on", on, rule)
    _not_before_new_law("on", on, rule)
    check_int("age", age, rule, high=130)
    p = Params(on)
    ages: dict[str, int] = p("social_pension.age")
    required = ages["poor_or_near_poor"] if poor_or_near_poor else ages["general"]
    amount = p("social_pension.amount")
    reason: str | None = None
    if receives_pension:
        reason = "receives a pension or a monthly SI allowance (Law 41/2024/QH15 Art. 21(1)(b))"
    elif age < required:
        reason = f"aged {age}, under {required} (Law 41/2024/QH15 Art. 21)"
    if reason:
        return SocialPensionAllowance(False, reason, 0, required, p.frozen())
    return SocialPensionAllowance(True, None, amount, required, p.frozen())


# --- monthly allowance without a pension (Art. 23) ---------------------------------------------


@attrs.frozen(slots=True)
class MonthlyAllowanceWithoutPension(Explained):
    """Monthly allowance from one's own contributions until the social pension age (Art. 23).

    ``entitlement`` is what the contributions are worth (as the one-time SI lump sum);
    ``months_to_social_pension`` the months from ``on`` until the social pension age.
    If the entitlement covers them at the social pension amount, the monthly amount is higher
    (``entitlement / months``); otherwise it is the social pension amount for ``months_paid``
    months (the last one partial, ``last_month_amount``), and ``top_up_to_reach_age`` may be
    paid in one go to be covered until that age.
    """

    entitlement: int
    monthly_amount: int
    months_paid: int
    last_month_amount: int
    months_to_social_pension: int
    top_up_to_reach_age: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        floor = self.parameters["social_pension.amount"].value
        steps = [
            tr(
                lang,
                f"Tổng số tiền tính theo thời gian đóng (như BHXH một lần): {m(self.entitlement)}.",
                f"Entitlement from the contributions (as the one-time SI): {m(self.entitlement)}.",
            ),
            tr(
                lang,
                f"Số tháng đến tuổi hưởng trợ cấp hưu trí xã hội: {self.months_to_social_pension}; "
                f"mức thấp nhất {m(floor)}/tháng.",
                f"Months until the social pension age: {self.months_to_social_pension}; "
                f"at least {m(floor)}/month.",
            ),
            tr(
                lang,
                f"Hưởng {m(self.monthly_amount)}/tháng trong {self.months_paid} tháng"
                + (
                    f" (tháng cuối {m(self.last_month_amount)})."
                    if self.last_month_amount != self.monthly_amount
                    else "."
                ),
                f"Paid {m(self.monthly_amount)}/month for {self.months_paid} months"
                + (
                    f" (last month {m(self.last_month_amount)})."
                    if self.last_month_amount != self.monthly_amount
                    else "."
                ),
            ),
        ]
        if self.top_up_to_reach_age:
            steps.append(
                tr(
                    lang,
                    f"Có thể đóng một lần {m(self.top_up_to_reach_age)} để hưởng đến tuổi hưởng "
                    "trợ cấp hưu trí xã hội.",
                    f"A one-off top-up of {m(self.top_up_to_reach_age)} extends it to the social "
                    "pension age.",
                )
            )
        return steps


def monthly_allowance_without_pension(
    average_monthly_salary: object,
    months_before_2014: int,
    months_from_2014: int,
    on: dt.date,
    birth_date: dt.date,
    *,
    poor_or_near_poor: bool = False,
    state_support_total: int = 0,
) -> MonthlyAllowanceWithoutPension:
    """Art. 23 allowance for someone at retirement age with under 15 years of contributions who
    takes neither the lump sum nor keeps the time in reserve, starting in the month ``on``.

    The entitlement is computed like the one-time SI (1.5 / 2 months of the CPI-adjusted
    average per year before / from 2014, minus state support for voluntary SI); it is spread
    over the months until the social pension age (75; 70 for poor or near-poor households) at
    no less than the social pension amount a month (Law 41/2024 Art. 23(3); the formula of
    Decree 158/2025 Art. 23 and Decree 159/2025 Art. 14 as read from secondary sources).
    """
    rule = "monthly allowance without pension"
    on = check_date("on", on, rule)
    _not_before_new_law("on", on, rule)
    if type(birth_date) is not dt.date:
        raise RuleInputError("birth_date", f"{rule}: must be a datetime.date", value=birth_date)
    check_money("state_support_total", state_support_total, rule)
    check_int("months_before_2014", months_before_2014, rule)
    check_int("months_from_2014", months_from_2014, rule)
    if months_before_2014 + months_from_2014 >= 180:
        raise RuleInputError(
            "months_from_2014",
            f"{rule}: 15 years or more give a pension, not this allowance (Art. 23(1))",
        )
    with warnings.catch_warnings():  # this result carries (and issues) them
        warnings.simplefilter("ignore", StaleParameters)
        lump = _lump(
            average_monthly_salary, months_before_2014, months_from_2014, on, state_support_total
        )
    p = Params(on)
    p.absorb(lump.parameters)
    ages: dict[str, int] = p("social_pension.age")
    age = ages["poor_or_near_poor"] if poor_or_near_poor else ages["general"]
    floor: int = p("social_pension.amount")
    remaining = month_index(add_months(birth_date, 12 * age)) - month_index(on)
    if remaining <= 0:
        raise RuleInputError(
            "birth_date",
            f"{rule}: already at the social pension age ({age}) on {on.isoformat()}",
            value=birth_date,
        )
    total = lump.amount
    if total >= floor * remaining:
        monthly = round_vnd(Fraction(total, remaining))
        months, last, top_up = remaining, monthly, 0
    else:
        full, rest = divmod(total, floor)
        monthly, months = floor, full + (1 if rest else 0)
        last = rest if rest else floor
        top_up = floor * remaining - total
    return MonthlyAllowanceWithoutPension(
        entitlement=total,
        monthly_amount=monthly,
        months_paid=months,
        last_month_amount=last,
        months_to_social_pension=remaining,
        top_up_to_reach_age=top_up,
        parameters=p.frozen(),
    )


def _lump(
    average_monthly_salary: object,
    months_before_2014: int,
    months_from_2014: int,
    on: dt.date,
    state_support_total: int,
) -> OneTimeSI:
    """The one-time SI worth of the contributions (with under a year: 22% of the salaries)."""
    from vssdk.benefits._long_term import one_time_si

    rule = "monthly allowance without pension"
    mbq = as_exact("average_monthly_salary", average_monthly_salary, rule)
    months = months_before_2014 + months_from_2014
    salaries = None if months >= 12 else round_vnd(mbq * months)
    return one_time_si(
        mbq,
        months_before_2014,
        months_from_2014,
        on,
        contributed_salaries_total=salaries,
        state_support_total=state_support_total,
    )


# --- pension indexation ------------------------------------------------------------------------


@attrs.frozen(slots=True)
class IndexedPension(Explained):
    """A pension brought forward through each indexation decree since it was granted."""

    original: int
    amount: int
    steps: tuple[tuple[dt.date, Decimal, int], ...]
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        lines = [tr(lang, f"Mức ban đầu: {m(self.original)}.", f"Granted: {m(self.original)}.")]
        for when, pct, after in self.steps:
            lines.append(
                tr(
                    lang,
                    f"Từ {when:%d/%m/%Y}: tăng {fmt_pct(pct, lang)} → {m(after)}.",
                    f"From {when.isoformat()}: +{fmt_pct(pct, lang)} → {m(after)}.",
                )
            )
        if not self.steps:
            lines.append(
                tr(lang, "Chưa có lần điều chỉnh nào.", "No adjustment applies in between.")
            )
        return lines


def pension_indexed(amount: int, granted_on: dt.date, on: dt.date) -> IndexedPension:
    """The pension (or monthly SI allowance) ``amount`` granted on ``granted_on``, as paid on
    ``on`` after each Government adjustment in between (Law 41/2024 Art. 67; Law 58/2014 Art. 57).

    Each adjustment raises the amount paid the month before by its percentage, for pensions
    granted before its start; Decree 42/2023 gives 20.8% instead of 12.5% to pensions not raised
    by Decree 108/2021. Each step is rounded half up to the đồng. Adjustments before 2016 are
    not in the data: for an older pension pass the amount paid in December 2015 and
    ``granted_on`` 2015-12-31.
    """
    rule = "pension indexation"
    check_money("amount", amount, rule)
    if type(granted_on) is not dt.date:
        raise RuleInputError("granted_on", f"{rule}: must be a datetime.date", value=granted_on)
    on = check_date("on", on, rule)
    if on < granted_on:
        raise RuleInputError("on", f"{rule}: {on} is before the grant {granted_on}", value=on)
    p = Params(on)
    series = parameters().parameters["pension.adjustment"].values
    value = amount
    applied: list[tuple[dt.date, Decimal, int]] = []
    previous_applied = False
    for row in series:
        start = row.effective_from
        if start > on:
            break
        if start <= granted_on:
            previous_applied = False
            continue
        rates: dict[str, Decimal] = p("pension.adjustment", on=start)
        pct = rates["percent"]
        if not previous_applied and "percent_if_not_adjusted_before" in rates:
            pct = rates["percent_if_not_adjusted_before"]
        value = round_vnd(Fraction(value) * (1 + Fraction(pct)))
        applied.append((start, pct, value))
        previous_applied = True
    p("pension.adjustment")
    return IndexedPension(amount, value, tuple(applied), p.frozen())


# --- voluntary maternity -----------------------------------------------------------------------


@attrs.frozen(slots=True)
class VoluntaryMaternityBenefit(Explained):
    """Maternity allowance of voluntary SI: a fixed amount per child."""

    eligible: bool
    reason: str | None
    children: int
    amount: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        if not self.eligible:
            return [tr(lang, f"Không đủ điều kiện: {self.reason}", f"Not eligible: {self.reason}")]
        m = money_formatter(lang)
        per = self.parameters["voluntary.maternity_allowance"].value
        return [
            tr(
                lang,
                f"Trợ cấp thai sản BHXH tự nguyện: {self.children} × {m(per)} = {m(self.amount)}.",
                f"Voluntary SI maternity allowance: {self.children} × {m(per)} = {m(self.amount)}.",
            )
        ]


def voluntary_maternity_benefit(
    on: dt.date, children: int = 1, *, months_in_last_12: int = 6
) -> VoluntaryMaternityBenefit:
    """Maternity allowance for a voluntary SI participant (mother, or father if only he
    qualifies) for a birth on ``on`` from 2025-07-01: 2,000,000 per child, also per stillbirth
    from 22 weeks (Law 41/2024 Art. 95(1)). Needs 6 months of voluntary (or mixed) SI within
    the 12 months before the birth (Art. 94(1)); someone who qualifies under compulsory SI gets
    the compulsory benefit instead (Art. 94(4))."""
    rule = "voluntary maternity benefit"
    on = check_date("on", on, rule)
    _not_before_new_law("on", on, rule)
    check_int("children", children, rule, low=1, high=10)
    check_int("months_in_last_12", months_in_last_12, rule, high=12)
    p = Params(on)
    per: int = p("voluntary.maternity_allowance")
    if months_in_last_12 < 6:
        reason = (
            f"{months_in_last_12} months of SI in the 12 before the birth, fewer than 6 "
            "(Law 41/2024/QH15 Art. 94(1))"
        )
        return VoluntaryMaternityBenefit(False, reason, children, 0, p.frozen())
    return VoluntaryMaternityBenefit(True, None, children, per * children, p.frozen())
