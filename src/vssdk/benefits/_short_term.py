"""Short-term benefits: sickness, maternity, paternity, unemployment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

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
    reduced_days: Decimal = Decimal(0)
    reduced_rate: Decimal | None = None

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        rate = self.parameters["sickness.rate"].value
        divisor = self.parameters["daily_divisor"].value
        extra = []
        if self.reduced_rate is not None and self.reduced_days:
            extra.append(
                tr(
                    lang,
                    f"Bệnh dài ngày: {fmt_num(self.reduced_days, lang)} ngày tiếp theo hưởng "
                    f"{fmt_pct(self.reduced_rate, lang)} × {m(self.monthly_salary)} / {divisor}.",
                    f"Long-term illness: {fmt_num(self.reduced_days, lang)} further days at "
                    f"{fmt_pct(self.reduced_rate, lang)} × {m(self.monthly_salary)} / {divisor}.",
                )
            )
        return [
            *extra,
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
    *,
    long_term: bool = False,
) -> SicknessBenefit:
    """Sickness benefit for ``days`` working days (may be fractional) of leave starting on ``on``.

    ``monthly_salary`` is the SI salary of the month before the leave. With
    ``contribution_months`` the yearly maximum (30/40/60, hazardous 40/50/70 days) caps the days.
    ``long_term`` (an illness on the Ministry of Health's long-term list; needs
    ``contribution_months``): days beyond the yearly maximum (Law 41/2024), or beyond 180 days
    (Law 58/2014), are paid at 65% (30+ years), 55% (15–30) or 50% (under 15) instead of
    being cut off (Law 41/2024 Art. 43(2), 45(3)).
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
    reduced_days = Decimal(0)
    reduced_rate: Decimal | None = None
    if long_term and contribution_months is None:
        raise RuleInputError(
            "contribution_months",
            f"{rule}: a long-term illness needs contribution_months (the reduced rate and the "
            "full-rate days depend on them)",
        )
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
        if long_term:
            lt: dict[str, Decimal] = p("sickness.long_term")
            full_days = int(lt["full_rate_days"]) or max_days
            max_days = full_days
            reduced_rate = lt[band]
            reduced_days = max(Decimal(0), counted - full_days)
        counted = min(counted, Decimal(max_days))
    daily = rate * monthly_salary / divisor
    amount = daily * Fraction(counted)
    if reduced_rate is not None:
        amount += Fraction(reduced_rate) * monthly_salary / divisor * Fraction(reduced_days)
    return SicknessBenefit(
        requested_days=d,
        counted_days=counted,
        max_days=max_days,
        daily=round_vnd(daily),
        amount=round_vnd(amount),
        monthly_salary=monthly_salary,
        parameters=p.frozen(),
        reduced_days=reduced_days,
        reduced_rate=reduced_rate,
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
        steps = [
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
        return self._second_child(lang) + steps

    def _second_child(self, lang: str) -> list[str]:
        pv = self.parameters.get("maternity.second_child")
        if pv is None:
            return []
        months = pv.value["mother_months"]
        return [
            tr(
                lang,
                f"Sinh con thứ hai: thời gian nghỉ cơ bản {months} tháng.",
                f"Second child: base leave of {months} months.",
            )
        ]


def _child_order(value: object, rule: str) -> int:
    return check_int("child_order", value, rule, low=1, high=30)


def maternity_benefit(
    average_monthly_salary: object,
    on: dt.date,
    children: int = 1,
    leave_months: int | None = None,
    *,
    extra_days: int = 0,
    child_order: int = 1,
) -> MaternityBenefit:
    """Maternity benefit of a mother for a birth on ``on`` (the birth month fixes the lump sum).

    ``average_monthly_salary`` is the average SI salary of the 6 most recent months. The leave is
    6 months plus 1 per child from the second unless ``leave_months`` says otherwise;
    ``extra_days`` odd days are paid at monthly / 30. ``child_order=2`` (the mother has one
    living child at the birth): for births from 2026-07-01 the leave is 7 months (Population Law
    113/2025/QH15 amending Labour Code Art. 139(1)); before that date the general rule applies.
    """
    rule = "maternity benefit"
    avg = as_exact("average_monthly_salary", average_monthly_salary, rule)
    on = check_date("on", on, rule)
    check_int("children", children, rule, low=1, high=10)
    check_int("extra_days", extra_days, rule, high=30)
    _child_order(child_order, rule)
    p = Params(on)
    table: dict[str, int] = p("maternity.leave_months")
    base = table["base"]
    if child_order == 2:
        base = max(base, p("maternity.second_child")["mother_months"])
    default_months = base + table["per_extra_child"] * (children - 1)
    if leave_months is None:
        leave_months = default_months
    if type(leave_months) is int and leave_months > default_months:
        hint = (
            " (a second child born from 2026-07-01 gives 7 months: pass child_order=2)"
            if child_order != 2
            else ""
        )
        raise RuleInputError(
            "leave_months",
            f"{rule}: must be between 0 and {default_months} for this birth, got {leave_months}"
            + hint,
            value=leave_months,
        )
    check_int("leave_months", leave_months, rule, high=default_months)
    leave = round_vnd(avg * leave_months + avg / 30 * extra_days)
    lump = p("maternity.lump_sum_multiple") * p("base_salary") * children
    return MaternityBenefit(
        leave_months, extra_days, leave, lump, leave + lump, children, p.frozen()
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
            *(
                [
                    tr(
                        lang,
                        f"Vợ sinh con thứ hai: tối thiểu "
                        f"{self.parameters['maternity.second_child'].value['father_days']} ngày.",
                        f"Second child: at least "
                        f"{self.parameters['maternity.second_child'].value['father_days']} days.",
                    )
                ]
                if "maternity.second_child" in self.parameters
                else []
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
    child_order: int = 1,
) -> PaternityBenefit:
    """Paternity benefit for a birth on ``on``: 5 days; 7 for caesarean or birth before 32 weeks;
    twins 10 (14 by caesarean), +3 per child from the third (by caesarean only from 2025-07-01:
    Law 58/2014 Art. 34(2)(d) gives a flat 14 days). ``child_order=2``: 10 working days for a
    second child born from 2026-07-01 (Population Law 113/2025/QH15; Decree 168/2026/NĐ-CP),
    or more if the general rule gives more."""
    rule = "paternity benefit"
    avg = as_exact("average_monthly_salary", average_monthly_salary, rule)
    on = check_date("on", on, rule)
    check_int("children", children, rule, low=1, high=10)
    _child_order(child_order, rule)
    p = Params(on)
    t: dict[str, int] = p("paternity.days")
    if children == 1:
        days = t["caesarean"] if caesarean or premature else t["single"]
    elif caesarean:
        days = t["twins_caesarean"] + t["per_extra_child_caesarean"] * (children - 2)
    else:
        days = t["twins"] + t["per_extra_child"] * (children - 2)
    if child_order == 2:
        days = max(days, p("maternity.second_child")["father_days"])
    divisor = p("daily_divisor")
    return PaternityBenefit(days, round_vnd(avg / divisor * days), p.frozen())


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
        rules = next(v for k, v in self.parameters.items() if k.startswith("unemployment.rules"))
        rules = rules.value
        new_law = not self.regime.startswith("38/")
        return [
            tr(
                lang,
                f"Luật Việc làm áp dụng (theo ngày quyết định): {self.regime}; lương bình quân: "
                + (
                    "6 tháng đóng BHTN gần nhất."
                    if new_law
                    else "6 tháng liền kề trước khi thất nghiệp."
                ),
                f"Employment law (by the decision date): {self.regime}; average salary: "
                + (
                    "the 6 most recent contribution months."
                    if new_law
                    else "the 6 consecutive months before unemployment."
                ),
            ),
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
    *,
    decision_date: dt.date | None = None,
) -> UnemploymentBenefit:
    """Unemployment benefit; ``on`` is the last month of UI contributions (termination month).

    ``average_monthly_salary``: average UI salary of the 6 months the law applied defines
    (Law 38/2013: the 6 consecutive months before unemployment; Law 74/2025: the 6 most recent
    contribution months). ``contribution_months``: UI months counted (≥ 12 needed).
    ``decision_date``: the law follows the decision, not the last contribution month: files
    decided from 2026-01-01 follow Law 74/2025 (its Art. 55(4)) whatever ``on`` is. Without it
    the regime is the one in force on ``on``. The cap is 5 × the regional minimum wage of the
    last contribution month (under Law 38/2013, 5 × base salary for state payroll).
    """
    rule = "unemployment benefit"
    avg = as_exact("average_monthly_salary", average_monthly_salary, rule)
    check_int("contribution_months", contribution_months, rule)
    if type(region) is not int or region not in (1, 2, 3, 4):
        raise RuleInputError(
            "region", f"{rule}: region must be 1, 2, 3 or 4, got {region!r}", value=region
        )
    on = check_date("on", on, rule)
    decided = on
    if decision_date is not None:
        decided = check_date("decision_date", decision_date, rule)
        if decided < on.replace(day=1):
            raise RuleInputError(
                "decision_date",
                f"{rule}: the decision ({decided.isoformat()}) cannot precede the last "
                f"contribution month ({on:%Y-%m})",
                value=decision_date,
            )
    p = Params(on)
    regime: str = p("regime.employment_law", on=decided)
    r = {k: Fraction(v) for k, v in p("unemployment.rules", on=decided).items()}
    if contribution_months < r["min_months"]:
        reason = (
            f"{contribution_months} months of UI, fewer than {int(r['min_months'])} "
            f"(employment law {regime})"
        )
        return UnemploymentBenefit(False, reason, 0, 0, False, 0, 0, regime, p.frozen())
    if state_payroll and p("ui_ceiling_basis", on=decided) != "rmw":
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
        p.frozen(),
    )
