"""Short-term benefits: sickness, maternity, paternity, unemployment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import attrs

from vssdk.benefits._common import (
    Explained,
    Params,
    as_exact,
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
    "MaternityBenefit",
    "PaternityBenefit",
    "SicknessBenefit",
    "UnemploymentBenefit",
    "maternity_benefit",
    "paternity_benefit",
    "sickness_benefit",
    "unemployment_benefit",
]


# --- sickness ----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class SicknessBenefit(Explained):
    """Sickness benefit: 75% of the previous month's SI salary / 24 per counted day."""

    requested_days: Decimal
    counted_days: Decimal
    max_days: int | None
    daily: int
    amount: int
    monthly_salary: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        rate = self.parameters["sickness.rate"].value
        divisor = self.parameters["daily_divisor"].value
        return [
            tr(
                lang,
                f"Mức hưởng một ngày: {fmt_pct(rate, lang)} × {m(self.monthly_salary)} / {divisor} "
                f"≈ {m(self.daily)}.",
                f"Daily amount: {fmt_pct(rate, lang)} × {m(self.monthly_salary)} / {divisor} "
                f"≈ {m(self.daily)}.",
            ),
            tr(
                lang,
                f"Số ngày nghỉ: {fmt_num(self.requested_days, lang)}; số ngày tính hưởng: "
                f"{fmt_num(self.counted_days, lang)}"
                + (f" (tối đa {self.max_days} ngày/năm)." if self.max_days is not None else "."),
                f"Days off: {fmt_num(self.requested_days, lang)}; days counted: "
                f"{fmt_num(self.counted_days, lang)}"
                + (
                    f" ({self.max_days} days a year at most)." if self.max_days is not None else "."
                ),
            ),
            tr(
                lang,
                f"Số tiền: {m(self.amount)} (tính từ mức một ngày chưa làm tròn).",
                f"Amount: {m(self.amount)} (computed from the unrounded daily amount).",
            ),
        ]


def _count_days(days: Decimal) -> Decimal:
    """Part days: under half a day counts as ½, from half to under one day as 1 (Art. 45(5))."""
    whole = days.to_integral_value(rounding="ROUND_FLOOR")
    frac = days - whole
    if frac == 0:
        return whole
    return whole + (Decimal("0.5") if frac < Decimal("0.5") else 1)


def sickness_benefit(
    monthly_salary: int,
    days: int | Decimal,
    on: dt.date,
    contribution_months: int | None = None,
    hazardous: bool = False,
) -> SicknessBenefit:
    """Sickness benefit for ``days`` working days (may be fractional) of leave starting on ``on``.

    ``monthly_salary`` is the SI salary of the month before the leave. With
    ``contribution_months`` the yearly maximum (30/40/60, hazardous 40/50/70 days) caps the days.
    """
    rule = "sickness benefit"
    check_money("monthly_salary", monthly_salary, rule)
    if isinstance(days, bool) or not isinstance(days, int | Decimal):
        raise RuleInputError(
            "days", f"{rule}: days must be an int or Decimal, got {days!r}", value=days
        )
    d = Decimal(days)
    if not d.is_finite() or d < 0 or d > 366:
        raise RuleInputError(
            "days", f"{rule}: days must be between 0 and 366, got {days}", value=days
        )
    on = check_date("on", on, rule)
    p = Params(on)
    rate = Fraction(p("sickness.rate"))
    divisor = p("daily_divisor")
    counted = _count_days(d)
    max_days: int | None = None
    if contribution_months is not None:
        check_int("contribution_months", contribution_months, rule)
        table: dict[str, int] = p("sickness.max_days")
        band = (
            "lt15"
            if contribution_months < 180
            else "15_30"
            if contribution_months < 360
            else "ge30"
        )
        max_days = table[f"{'hazardous' if hazardous else 'normal'}_{band}"]
        counted = min(counted, Decimal(max_days))
    daily = rate * monthly_salary / divisor
    return SicknessBenefit(
        requested_days=d,
        counted_days=counted,
        max_days=max_days,
        daily=round_vnd(daily),
        amount=round_vnd(daily * Fraction(counted)),
        monthly_salary=monthly_salary,
        parameters=MappingProxyType(p.used),
    )


# --- maternity and paternity -------------------------------------------------------------------


@attrs.frozen(slots=True)
class MaternityBenefit(Explained):
    """Mother's maternity benefit at birth: monthly allowance for the leave plus the lump sum."""

    leave_months: int
    extra_days: int
    leave_allowance: int
    lump_sum: int
    total: int
    children: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        mult = self.parameters["maternity.lump_sum_multiple"].value
        ref = self.parameters["base_salary"].value
        return [
            tr(
                lang,
                f"Trợ cấp nghỉ sinh: {self.leave_months} tháng × 100% lương bình quân 6 tháng"
                + (f" + {self.extra_days} ngày lẻ / 30" if self.extra_days else "")
                + f" = {m(self.leave_allowance)}.",
                f"Leave allowance: {self.leave_months} months × 100% of the 6-month average"
                + (f" + {self.extra_days} odd days / 30" if self.extra_days else "")
                + f" = {m(self.leave_allowance)}.",
            ),
            tr(
                lang,
                f"Trợ cấp một lần: {mult} × {m(ref)} × {self.children} con = {m(self.lump_sum)}.",
                f"Lump sum: {mult} × {m(ref)} × {self.children} child(ren) = {m(self.lump_sum)}.",
            ),
            tr(lang, f"Tổng: {m(self.total)}.", f"Total: {m(self.total)}."),
        ]


def maternity_benefit(
    average_monthly_salary: object,
    on: dt.date,
    children: int = 1,
    leave_months: int | None = None,
    *,
    extra_days: int = 0,
) -> MaternityBenefit:
    """Maternity benefit of a mother for a birth on ``on`` (the birth month fixes the lump sum).

    ``average_monthly_salary`` is the average SI salary of the 6 most recent months. The leave is
    6 months plus 1 per child from the second unless ``leave_months`` says otherwise;
    ``extra_days`` odd days are paid at monthly / 30.
    """
    rule = "maternity benefit"
    avg = as_exact("average_monthly_salary", average_monthly_salary, rule)
    on = check_date("on", on, rule)
    check_int("children", children, rule, low=1, high=10)
    check_int("extra_days", extra_days, rule, high=30)
    p = Params(on)
    table: dict[str, int] = p("maternity.leave_months")
    default_months = table["base"] + table["per_extra_child"] * (children - 1)
    if leave_months is None:
        leave_months = default_months
    check_int("leave_months", leave_months, rule, high=default_months)
    leave = round_vnd(avg * leave_months + avg / 30 * extra_days)
    lump = p("maternity.lump_sum_multiple") * p("base_salary") * children
    return MaternityBenefit(
        leave_months, extra_days, leave, lump, leave + lump, children, MappingProxyType(p.used)
    )


@attrs.frozen(slots=True)
class PaternityBenefit(Explained):
    """Father's paternity leave benefit: average / 24 per day."""

    days: int
    amount: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        return [
            tr(
                lang,
                f"Số ngày nghỉ: {self.days} ngày làm việc.",
                f"Leave: {self.days} working days.",
            ),
            tr(
                lang,
                f"Số tiền: lương bình quân / 24 × {self.days} = {m(self.amount)}.",
                f"Amount: average salary / 24 × {self.days} = {m(self.amount)}.",
            ),
        ]


def paternity_benefit(
    average_monthly_salary: object,
    on: dt.date,
    children: int = 1,
    caesarean: bool = False,
    *,
    premature: bool = False,
) -> PaternityBenefit:
    """Paternity benefit for a birth on ``on``: 5 days; 7 for caesarean or birth before 32 weeks;
    twins 10 (14 by caesarean), +3 per child from the third."""
    rule = "paternity benefit"
    avg = as_exact("average_monthly_salary", average_monthly_salary, rule)
    on = check_date("on", on, rule)
    check_int("children", children, rule, low=1, high=10)
    p = Params(on)
    t: dict[str, int] = p("paternity.days")
    if children == 1:
        days = t["caesarean"] if caesarean or premature else t["single"]
    else:
        days = (t["twins_caesarean"] if caesarean else t["twins"]) + t["per_extra_child"] * (
            children - 2
        )
    divisor = p("daily_divisor")
    return PaternityBenefit(days, round_vnd(avg / divisor * days), MappingProxyType(p.used))


# --- unemployment ------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class UnemploymentBenefit(Explained):
    """Unemployment benefit: 60% of the 6-month average, capped, for 3–12 months."""

    eligible: bool
    reason: str | None
    monthly_amount: int
    cap: int
    capped: bool
    duration_months: int
    total: int
    regime: str
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        if not self.eligible:
            return [tr(lang, f"Không đủ điều kiện: {self.reason}", f"Not eligible: {self.reason}")]
        m = money_formatter(lang)
        rules = self.parameters["unemployment.rules"].value
        return [
            tr(lang, f"Luật Việc làm áp dụng: {self.regime}.", f"Employment law: {self.regime}."),
            tr(
                lang,
                f"Mức hưởng: {fmt_pct(rules['rate'], lang)} lương bình quân 6 tháng, tối đa "
                f"{m(self.cap)} = {m(self.monthly_amount)}/tháng"
                + (" (bị giới hạn bởi mức trần)." if self.capped else "."),
                f"Monthly: {fmt_pct(rules['rate'], lang)} of the 6-month average, "
                f"at most {m(self.cap)} "
                f"= {m(self.monthly_amount)}" + (" (capped)." if self.capped else "."),
            ),
            tr(
                lang,
                f"Thời gian hưởng: {self.duration_months} tháng; tổng {m(self.total)}.",
                f"Duration: {self.duration_months} months; total {m(self.total)}.",
            ),
        ]


def unemployment_benefit(
    average_monthly_salary: object,
    contribution_months: int,
    region: int,
    on: dt.date,
    state_payroll: bool = False,
) -> UnemploymentBenefit:
    """Unemployment benefit; ``on`` is the last month of UI contributions (termination month).

    ``average_monthly_salary``: average UI salary of the 6 most recent contribution months.
    ``contribution_months``: UI months counted for the benefit (≥ 12 needed). The cap is
    5 × the regional minimum wage (5 × base salary for state payroll under the 2013 law).
    """
    rule = "unemployment benefit"
    avg = as_exact("average_monthly_salary", average_monthly_salary, rule)
    check_int("contribution_months", contribution_months, rule)
    if type(region) is not int or region not in (1, 2, 3, 4):
        raise RuleInputError(
            "region", f"{rule}: region must be 1, 2, 3 or 4, got {region!r}", value=region
        )
    on = check_date("on", on, rule)
    p = Params(on)
    regime: str = p("regime.employment_law")
    r = {k: Fraction(v) for k, v in p("unemployment.rules").items()}
    if contribution_months < r["min_months"]:
        reason = (
            f"{contribution_months} months of UI, fewer than {int(r['min_months'])} "
            f"(employment law {regime})"
        )
        return UnemploymentBenefit(
            False, reason, 0, 0, False, 0, 0, regime, MappingProxyType(p.used)
        )
    if state_payroll and p("ui_ceiling_basis") != "rmw":
        cap = int(r["cap_multiple"]) * p("base_salary")
    else:
        cap = int(r["cap_multiple"]) * p("regional_minimum_wage", region=region)
    raw = round_vnd(r["rate"] * avg)
    monthly = min(raw, cap)
    extra = max(0, (contribution_months - int(r["base_band_months"])) // int(r["band_months"]))
    duration = min(int(r["max_duration"]), int(r["base_duration"]) + extra)
    return UnemploymentBenefit(
        True,
        None,
        monthly,
        cap,
        raw > cap,
        duration,
        monthly * duration,
        regime,
        MappingProxyType(p.used),
    )
