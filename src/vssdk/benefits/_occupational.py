"""Occupational accident and disease (Law 84/2015 Art. 48-54) and convalescence allowances."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction

import attrs

from vssdk.benefits._common import (
    Explained,
    Params,
    check_date,
    check_int,
    check_money,
    fmt_num,
    fmt_pct,
    money_formatter,
    round_vnd,
    tr,
)
from vssdk.benefits._errors import RuleInputError
from vssdk.benefits._params import ParameterValue

__all__ = [
    "ConvalescenceBenefit",
    "OccupationalDeathBenefit",
    "OccupationalInjuryBenefit",
    "convalescence_benefit",
    "occupational_death_benefit",
    "occupational_injury_benefit",
]


def _years_part(contribution_months: int) -> int:
    """Further whole years beyond the first (up to 1 year counts as the first)."""
    return max(0, (contribution_months - 1) // 12)


@attrs.frozen(slots=True)
class OccupationalInjuryBenefit(Explained):
    """OA/OD benefit: a lump sum for 5–30% capacity loss, a monthly allowance from 31%.

    ``kind`` is ``"lump_sum"``, ``"monthly"`` or ``"none"`` (under 5%: the employer's
    responsibility, nothing from the fund). ``amount`` is the lump sum or the monthly amount;
    ``capacity_part`` and ``years_part`` are its two components (exact, before rounding).
    """

    kind: str
    capacity_loss_percent: int
    contribution_months: int
    monthly_salary: int
    capacity_part: Fraction
    years_part: Fraction
    amount: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        if self.kind == "none":
            return [
                tr(
                    lang,
                    f"Suy giảm {self.capacity_loss_percent}% (dưới 5%): quỹ TNLĐ-BNN không chi "
                    "trợ cấp.",
                    f"Capacity loss {self.capacity_loss_percent}% (under 5%): no benefit from "
                    "the OA/OD fund.",
                )
            ]
        ref = self.parameters["base_salary"].value
        cap = m(round_vnd(self.capacity_part))
        if self.kind == "lump_sum":
            r = self.parameters["occupational.lump_sum"].value
            first = (
                f"{fmt_num(r['base_multiple'], lang)} × {m(ref)} + "
                f"({self.capacity_loss_percent} − 5) × {fmt_num(r['per_percent_multiple'], lang)}"
                f" × {m(ref)}"
            )
            second = (
                f"{fmt_num(r['years_first'], lang)} + {_years_part(self.contribution_months)} × "
                f"{fmt_num(r['years_step'], lang)} tháng × {m(self.monthly_salary)}"
            )
            second_en = second.replace("tháng", "months")
            return [
                tr(
                    lang,
                    f"Trợ cấp một lần theo mức suy giảm: {first} = {cap}.",
                    f"Lump sum for the capacity loss: {first} = {cap}.",
                ),
                tr(
                    lang,
                    f"Theo số năm đóng: {second} = {m(round_vnd(self.years_part))}.",
                    f"For the years of contributions: {second_en} = "
                    f"{m(round_vnd(self.years_part))}.",
                ),
                tr(lang, f"Tổng: {m(self.amount)}.", f"Total: {m(self.amount)}."),
            ]
        r = self.parameters["occupational.monthly"].value
        first = (
            f"{fmt_pct(r['base_rate'], lang)} × {m(ref)} + ({self.capacity_loss_percent} − 31) × "
            f"{fmt_pct(r['per_percent_rate'], lang)} × {m(ref)}"
        )
        second = (
            f"({fmt_pct(r['years_first'], lang)} + {_years_part(self.contribution_months)} × "
            f"{fmt_pct(r['years_step'], lang)}) × {m(self.monthly_salary)}"
        )
        return [
            tr(
                lang,
                f"Trợ cấp hằng tháng theo mức suy giảm: {first} = "
                f"{m(round_vnd(self.capacity_part))}.",
                f"Monthly for the capacity loss: {first} = {m(round_vnd(self.capacity_part))}.",
            ),
            tr(
                lang,
                f"Theo số năm đóng: {second} = {m(round_vnd(self.years_part))}.",
                f"For the years of contributions: {second} = {m(round_vnd(self.years_part))}.",
            ),
            tr(lang, f"Hằng tháng: {m(self.amount)}.", f"Monthly: {m(self.amount)}."),
        ]


def occupational_injury_benefit(
    capacity_loss_percent: int, contribution_months: int, monthly_salary: int, on: dt.date
) -> OccupationalInjuryBenefit:
    """OA/OD benefit for ``capacity_loss_percent`` (assessed loss of working capacity).

    5–30%: a lump sum of 5 × base salary + 0.5 × base salary per point above 5, plus 0.5 month of
    ``monthly_salary`` for up to one year of contributions and 0.3 month per further year.
    31% and more: monthly 30% of the base salary + 2% per point above 31, plus 0.5% of
    ``monthly_salary`` for up to one year and 0.3% per further year (Law 84/2015 Art. 48–49).
    ``monthly_salary``: the SI salary of the month before the accident or the diagnosis;
    ``contribution_months``: months contributed to the OA/OD fund (only whole further years
    count); ``on``: the month the benefit starts (its base salary is used).
    """
    rule = "occupational injury benefit"
    check_int("capacity_loss_percent", capacity_loss_percent, rule, high=100)
    check_int("contribution_months", contribution_months, rule)
    check_money("monthly_salary", monthly_salary, rule)
    on = check_date("on", on, rule)
    p = Params(on)
    lump = {k: Fraction(v) for k, v in p("occupational.lump_sum").items()}
    if capacity_loss_percent < lump["min_percent"]:
        return OccupationalInjuryBenefit(
            "none",
            capacity_loss_percent,
            contribution_months,
            monthly_salary,
            Fraction(0),
            Fraction(0),
            0,
            p.frozen(),
        )
    ref = p("base_salary")
    extra_years = _years_part(contribution_months)
    if capacity_loss_percent <= lump["max_percent"]:
        cap = (
            lump["base_multiple"] * ref
            + (capacity_loss_percent - lump["min_percent"]) * lump["per_percent_multiple"] * ref
        )
        years = (lump["years_first"] + extra_years * lump["years_step"]) * monthly_salary
        kind = "lump_sum"
    else:
        r = {k: Fraction(v) for k, v in p("occupational.monthly").items()}
        cap = (
            r["base_rate"] * ref
            + (capacity_loss_percent - r["min_percent"]) * r["per_percent_rate"] * ref
        )
        years = (r["years_first"] + extra_years * r["years_step"]) * monthly_salary
        kind = "monthly"
    return OccupationalInjuryBenefit(
        kind,
        capacity_loss_percent,
        contribution_months,
        monthly_salary,
        cap,
        years,
        round_vnd(cap + years),
        p.frozen(),
    )


@attrs.frozen(slots=True)
class OccupationalDeathBenefit(Explained):
    """Lump sum to the relatives of a worker who died of an occupational accident or disease."""

    amount: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        mult = self.parameters["occupational.death_multiple"].value
        ref = self.parameters["base_salary"].value
        return [
            tr(
                lang,
                f"Trợ cấp một lần khi chết do TNLĐ-BNN: {mult} × {m(ref)} = {m(self.amount)}.",
                f"Lump sum on death from an occupational accident or disease: {mult} × {m(ref)} "
                f"= {m(self.amount)}.",
            )
        ]


def occupational_death_benefit(on: dt.date) -> OccupationalDeathBenefit:
    """36 × the base salary of the month of death ``on`` (Law 84/2015 Art. 53); the funeral
    allowance and survivor benefits come on top."""
    on = check_date("on", on, "occupational death benefit")
    p = Params(on)
    return OccupationalDeathBenefit(p("occupational.death_multiple") * p("base_salary"), p.frozen())


_CAUSES = {
    "sickness": ("convalescence.sickness", "other"),
    "sickness_long_term": ("convalescence.sickness", "long_term"),
    "sickness_surgery": ("convalescence.sickness", "surgery"),
    "maternity": ("convalescence.maternity", "other"),
    "maternity_caesarean": ("convalescence.maternity", "caesarean"),
    "maternity_multiple": ("convalescence.maternity", "multiple"),
    "occupational": ("convalescence.occupational", ""),
}


@attrs.frozen(slots=True)
class ConvalescenceBenefit(Explained):
    """Convalescence allowance (dưỡng sức, phục hồi sức khỏe): 30% of the reference level a day."""

    cause: str
    requested_days: int
    max_days: int
    days: int
    daily: int
    amount: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        key = _CAUSES[self.cause][0]
        rate = self.parameters[key].value["daily_rate"]
        ref = self.parameters["base_salary"].value
        return [
            tr(
                lang,
                f"Số ngày: {self.requested_days}, tối đa {self.max_days} ({self.cause}) → "
                f"{self.days} ngày.",
                f"Days: {self.requested_days}, at most {self.max_days} ({self.cause}) → "
                f"{self.days} days.",
            ),
            tr(
                lang,
                f"Mức một ngày: {fmt_pct(rate, lang)} × {m(ref)} = {m(self.daily)}; "
                f"tổng {m(self.amount)}.",
                f"Daily: {fmt_pct(rate, lang)} × {m(ref)} = {m(self.daily)}; "
                f"total {m(self.amount)}.",
            ),
        ]


def convalescence_benefit(
    days: int, on: dt.date, *, cause: str, capacity_loss_percent: int | None = None
) -> ConvalescenceBenefit:
    """Convalescence after sickness, maternity or an occupational accident/disease.

    ``cause``: ``"sickness"`` (5 days at most a year), ``"sickness_surgery"`` (7),
    ``"sickness_long_term"`` (10), ``"maternity"`` (5), ``"maternity_caesarean"`` (7),
    ``"maternity_multiple"`` (10, two or more children), ``"occupational"`` (with
    ``capacity_loss_percent``: 5 days for 15–30%, 7 for 31–50%, 10 from 51%). Each day pays 30%
    of the reference level / base salary in force on ``on`` (the first day of the rest). Days
    above the maximum are not paid.
    """
    rule = "convalescence benefit"
    check_int("days", days, rule, high=366)
    on = check_date("on", on, rule)
    if cause not in _CAUSES:
        raise RuleInputError(
            "cause", f"{rule}: cause must be one of {sorted(_CAUSES)}, got {cause!r}", value=cause
        )
    key, band = _CAUSES[cause]
    p = Params(on)
    table = {k: Fraction(v) for k, v in p(key).items()}
    if cause == "occupational":
        if capacity_loss_percent is None:
            raise RuleInputError(
                "capacity_loss_percent", f"{rule}: needed for cause='occupational'"
            )
        check_int("capacity_loss_percent", capacity_loss_percent, rule, high=100)
        if capacity_loss_percent >= 51:
            band = "from_51"
        elif capacity_loss_percent >= 31:
            band = "from_31"
        elif capacity_loss_percent >= 15:
            band = "from_15"
        else:
            raise RuleInputError(
                "capacity_loss_percent",
                f"{rule}: convalescence after an occupational accident needs a capacity loss "
                f"of 15% or more, got {capacity_loss_percent}",
                value=capacity_loss_percent,
            )
    max_days = int(table[band])
    counted = min(days, max_days)
    daily = table["daily_rate"] * p("base_salary")
    return ConvalescenceBenefit(
        cause, days, max_days, counted, round_vnd(daily), round_vnd(daily * counted), p.frozen()
    )
