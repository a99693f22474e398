"""Long-term benefits: average salary, one-time SI, pension, funeral, survivor lump sum."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
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
    money_formatter,
    round_vnd,
    tr,
    years_rounded,
)
from vssdk.benefits._errors import RuleInputError, StaleParameters
from vssdk.benefits._params import ParameterValue

__all__ = [
    "AverageSalary",
    "FuneralAllowance",
    "OneTimeSI",
    "Pension",
    "SurvivorLumpSum",
    "average_monthly_salary",
    "cpi_adjusted_average_salary",
    "funeral_allowance",
    "one_time_si",
    "pension",
    "survivor_lump_sum",
]

_EMPTY: Mapping[str, ParameterValue] = MappingProxyType({})


def _dec(x: Fraction) -> Decimal:
    """An exact Decimal for fractions whose denominator divides a power of ten."""
    return Decimal(x.numerator) / Decimal(x.denominator)


def _coef(coef: Decimal, lang: str) -> str:
    """A coefficient as published (1.20 stays 1.20; vi uses a decimal comma)."""
    return str(coef).replace(".", ",") if lang == "vi" else str(coef)


# --- average salary ----------------------------------------------------------------------------


@attrs.frozen(slots=True)
class AverageSalary(Explained):
    """Average monthly salary (Mbq): Σ months × salary × coefficient / Σ months.

    ``exact`` is the exact value (a Fraction) that benefit rules use when given this object;
    ``amount`` is it rounded half up to the đồng, for display.
    """

    amount: int
    exact: Fraction
    total_months: int
    adjusted_total: Fraction
    periods: tuple[tuple[int, int, Decimal], ...]
    parameters: Mapping[str, ParameterValue] = attrs.field(default=_EMPTY, repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        steps = [
            tr(
                lang,
                f"{months} tháng × {m(salary)} × hệ số {_coef(coef, lang)} = "
                f"{m(round_vnd(months * salary * Fraction(coef)))}",
                f"{months} months × {m(salary)} × coefficient {_coef(coef, lang)} = "
                f"{m(round_vnd(months * salary * Fraction(coef)))}",
            )
            for months, salary, coef in self.periods
        ]
        steps.append(
            tr(
                lang,
                f"Bình quân = {m(round_vnd(self.adjusted_total))} / {self.total_months} tháng = "
                f"{m(self.amount)} (giữ giá trị chính xác khi dùng cho chế độ khác).",
                f"Average = {m(round_vnd(self.adjusted_total))} / {self.total_months} months = "
                f"{m(self.amount)} (kept exact when it feeds another rule).",
            )
        )
        return steps


def average_monthly_salary(
    periods: Iterable[tuple[int, int, Decimal | int]],
) -> AverageSalary:
    """Average monthly salary over periods ``(months, monthly_salary, coefficient)``.

    Coefficients are the CPI adjustment coefficients of the settlement year (see
    ``cpi_coefficient``); use 1 for unadjusted salaries. Pass the result itself to a benefit
    function to use the exact average.
    """
    rule = "average monthly salary"
    checked: list[tuple[int, int, Decimal]] = []
    for n, period in enumerate(periods):
        if not isinstance(period, tuple | list) or len(period) != 3:
            raise RuleInputError(
                f"periods[{n}]",
                f"{rule}: each period is (months, monthly_salary, coefficient)",
                value=period,
            )
        months, salary, coef = period
        check_int(f"periods[{n}].months", months, rule, low=1)
        check_money(f"periods[{n}].monthly_salary", salary, rule)
        if isinstance(coef, bool) or not isinstance(coef, int | Decimal):
            raise RuleInputError(
                f"periods[{n}].coefficient",
                f"{rule}: coefficient must be a Decimal or int (no floats)",
                value=coef,
            )
        coef = Decimal(coef)
        if not coef.is_finite() or coef <= 0:
            raise RuleInputError(
                f"periods[{n}].coefficient", f"{rule}: must be positive", value=coef
            )
        checked.append((months, salary, coef))
    if not checked:
        raise RuleInputError("periods", f"{rule}: at least one period is needed", value=periods)
    total_months = sum(p[0] for p in checked)
    adjusted = sum((Fraction(mo) * sal * Fraction(c) for mo, sal, c in checked), Fraction(0))
    exact = adjusted / total_months
    return AverageSalary(round_vnd(exact), exact, total_months, adjusted, tuple(checked))


def cpi_adjusted_average_salary(
    periods: Iterable[tuple[int, int, int]], settled_on: dt.date
) -> AverageSalary:
    """Average monthly salary of employer-set wages, CPI-adjusted for a benefit settled on
    ``settled_on``: ``periods`` are ``(contribution_year, months, monthly_salary)``.

    Each year's coefficient comes from the table in force on ``settled_on`` (Decree 158/2025
    Art. 16; tables for settlements from 2024 are in the data); ``.parameters`` cites it.
    """
    from vssdk.benefits._lookups import cpi_coefficient

    rule = "CPI-adjusted average salary"
    settled_on = check_date("settled_on", settled_on, rule)
    rows: list[tuple[int, int, Decimal]] = []
    for n, period in enumerate(periods):
        if not isinstance(period, tuple | list) or len(period) != 3:
            raise RuleInputError(
                f"periods[{n}]",
                f"{rule}: each period is (contribution_year, months, monthly_salary)",
            )
        year, months, salary = period
        check_int(f"periods[{n}].contribution_year", year, rule, low=1900)
        rows.append((months, salary, cpi_coefficient(year, settled_on)))
    result = average_monthly_salary(rows)
    p = Params(settled_on)
    p("cpi_coefficient")
    return attrs.evolve(result, parameters=p.frozen())


# --- one-time SI and survivor lump sum ---------------------------------------------------------


def _split_years(months_before_2014: int, months_from_2014: int) -> tuple[Fraction, Fraction]:
    """Years before/from 2014, odd pre-2014 months moved to the later period, then rounded."""
    odd = months_before_2014 % 12
    return years_rounded(months_before_2014 - odd), years_rounded(months_from_2014 + odd)


@attrs.frozen(slots=True)
class OneTimeSI(Explained):
    """One-time social insurance (BHXH một lần)."""

    years_before_2014: Decimal
    years_from_2014: Decimal
    benefit_months: Decimal
    average_monthly_salary: Fraction
    gross: int
    state_support_deducted: int
    amount: int
    under_one_year: bool
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        mbq = m(round_vnd(self.average_monthly_salary))
        if self.under_one_year:
            steps = [
                tr(
                    lang,
                    f"Thời gian đóng dưới 1 năm: 22% tổng tiền lương đã đóng, tối đa 2 × {mbq} "
                    f"= {m(self.gross)}.",
                    f"Under one year of contributions: 22% of the salaries paid, at most 2 × {mbq} "
                    f"= {m(self.gross)}.",
                )
            ]
        else:
            mult = self.parameters["lump_sum.months_per_year"].value
            steps = [
                tr(
                    lang,
                    f"Số năm trước 2014 (tháng lẻ chuyển sang sau 2014): "
                    f"{fmt_num(self.years_before_2014, lang)} × "
                    f"{fmt_num(mult['before_2014'], lang)} tháng.",
                    f"Years before 2014 (odd months moved to the later period): "
                    f"{fmt_num(self.years_before_2014, lang)} × "
                    f"{fmt_num(mult['before_2014'], lang)} months.",
                ),
                tr(
                    lang,
                    f"Số năm từ 2014: {fmt_num(self.years_from_2014, lang)} × "
                    f"{fmt_num(mult['from_2014'], lang)} tháng.",
                    f"Years from 2014: {fmt_num(self.years_from_2014, lang)} × "
                    f"{fmt_num(mult['from_2014'], lang)} months.",
                ),
                tr(
                    lang,
                    f"Số tháng hưởng {fmt_num(self.benefit_months, lang)} × bình quân {mbq} = "
                    f"{m(self.gross)}.",
                    f"{fmt_num(self.benefit_months, lang)} benefit months × average {mbq} = "
                    f"{m(self.gross)}.",
                ),
            ]
        if self.state_support_deducted:
            steps.append(
                tr(
                    lang,
                    f"Trừ tiền Nhà nước hỗ trợ đóng: {m(self.state_support_deducted)}.",
                    f"Minus state support received: {m(self.state_support_deducted)}.",
                )
            )
        steps.append(tr(lang, f"Số tiền: {m(self.amount)}.", f"Amount: {m(self.amount)}."))
        return steps


def one_time_si(
    average_monthly_salary: object,
    months_before_2014: int,
    months_from_2014: int,
    on: dt.date,
    *,
    contributed_salaries_total: int | None = None,
    state_support_total: int = 0,
) -> OneTimeSI:
    """One-time SI: 1.5 months of Mbq per year before 2014, 2 months per year from 2014.

    ``on`` is the decision date. With under 12 months in total, pass
    ``contributed_salaries_total`` (sum of the SI salaries): the amount is 22% of it, at most
    2 × Mbq. ``state_support_total`` (voluntary SI support received) is deducted. Eligibility
    (Law 41/2024 Art. 70(1)) is not checked.
    """
    rule = "one-time SI"
    mbq = as_exact("average_monthly_salary", average_monthly_salary, rule)
    check_int("months_before_2014", months_before_2014, rule)
    check_int("months_from_2014", months_from_2014, rule)
    on = check_date("on", on, rule)
    check_money("state_support_total", state_support_total, rule)
    total = months_before_2014 + months_from_2014
    if total == 0:
        raise RuleInputError("months_from_2014", f"{rule}: no contribution months given", value=0)
    p = Params(on)
    p("regime.si_law")
    if total < 12:
        if contributed_salaries_total is None:
            raise RuleInputError(
                "contributed_salaries_total",
                f"{rule}: with under 12 months the sum of SI salaries is needed "
                "(Law 41/2024 Art. 70(3)(c))",
            )
        check_money("contributed_salaries_total", contributed_salaries_total, rule)
        under: dict[str, Decimal] = p("one_time.under_one_year")
        gross = round_vnd(
            min(
                Fraction(under["rate"]) * contributed_salaries_total,
                Fraction(under["cap_months"]) * mbq,
            )
        )
        y_pre, y_post, months = Fraction(0), Fraction(0), Fraction(0)
    else:
        mult: dict[str, Decimal] = p("lump_sum.months_per_year")
        y_pre, y_post = _split_years(months_before_2014, months_from_2014)
        months = Fraction(mult["before_2014"]) * y_pre + Fraction(mult["from_2014"]) * y_post
        gross = round_vnd(months * mbq)
    deducted = min(state_support_total, gross)
    return OneTimeSI(
        years_before_2014=_dec(y_pre),
        years_from_2014=_dec(y_post),
        benefit_months=_dec(months),
        average_monthly_salary=mbq,
        gross=gross,
        state_support_deducted=deducted,
        amount=gross - deducted,
        under_one_year=total < 12,
        parameters=p.frozen(),
    )


@attrs.frozen(slots=True)
class SurvivorLumpSum(Explained):
    """Survivor lump sum (trợ cấp tuất một lần) for a deceased participant or pensioner.

    For a participant ``benefit_months`` are months of average salary; for a pensioner
    (``pensioner=True``) months of the pension being paid.
    """

    years_before_2014: Decimal
    years_from_2014: Decimal
    benefit_months: Decimal
    minimum_applied: bool
    amount: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)
    pensioner: bool = False
    pension_months_received: int = 0

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        if self.pensioner:
            return [
                tr(
                    lang,
                    f"Người đang hưởng lương hưu chết ở tháng hưởng thứ "
                    f"{self.pension_months_received}: 48 tháng lương hưu nếu chết trong 2 tháng "
                    "đầu, sau đó mỗi tháng giảm 0,5 tháng, thấp nhất 3 tháng.",
                    f"Pensioner died in month {self.pension_months_received} of the pension: "
                    "48 months of pension within the first 2 months, 0.5 month less per "
                    "further month, at least 3 months.",
                ),
                tr(
                    lang,
                    f"Số tháng lương hưu: {fmt_num(self.benefit_months, lang)}"
                    + (" (mức thấp nhất)." if self.minimum_applied else ".")
                    + f" Số tiền: {m(self.amount)}.",
                    f"Months of pension: {fmt_num(self.benefit_months, lang)}"
                    + (" (the minimum)." if self.minimum_applied else ".")
                    + f" Amount: {m(self.amount)}.",
                ),
            ]
        return [
            tr(
                lang,
                f"Năm trước 2014: {fmt_num(self.years_before_2014, lang)}; từ 2014: "
                f"{fmt_num(self.years_from_2014, lang)} (1,5 và 2 tháng bình quân mỗi năm).",
                f"Years before 2014: {fmt_num(self.years_before_2014, lang)}; from 2014: "
                f"{fmt_num(self.years_from_2014, lang)} "
                "(1.5 and 2 months of average salary per year).",
            ),
            tr(
                lang,
                f"Số tháng hưởng: {fmt_num(self.benefit_months, lang)}"
                + (" (mức thấp nhất 3 tháng)." if self.minimum_applied else "."),
                f"Benefit months: {fmt_num(self.benefit_months, lang)}"
                + (" (the 3-month minimum applies)." if self.minimum_applied else "."),
            ),
            tr(lang, f"Số tiền: {m(self.amount)}.", f"Amount: {m(self.amount)}."),
        ]


def survivor_lump_sum(
    average_monthly_salary: object = None,
    months_before_2014: int = 0,
    months_from_2014: int = 0,
    on: dt.date | None = None,
    *,
    monthly_pension: int | None = None,
    pension_months_received: int | None = None,
) -> SurvivorLumpSum:
    """Survivor lump sum for a death on ``on``.

    A participant (or someone with contributions in reserve): 1.5 / 2 months of Mbq per year
    before / from 2014, at least 3 months (Law 41/2024 Art. 89(1)). A pensioner: pass
    ``monthly_pension`` (the pension of the month of death) and ``pension_months_received``
    (1 = died in the first month of pension): 48 months of pension within the first 2 months,
    0.5 month less per further month, at least 3 months (Art. 89(2); Law 58/2014 Art. 70(2)).
    """
    rule = "survivor lump sum"
    if on is None:
        raise RuleInputError("on", f"{rule}: the date of death is needed")
    on = check_date("on", on, rule)
    if monthly_pension is not None or pension_months_received is not None:
        return _pensioner_lump_sum(monthly_pension, pension_months_received, on)
    if average_monthly_salary is None:
        raise RuleInputError(
            "average_monthly_salary",
            f"{rule}: give the average salary (participant) or monthly_pension (pensioner)",
        )
    mbq = as_exact("average_monthly_salary", average_monthly_salary, rule)
    check_int("months_before_2014", months_before_2014, rule)
    check_int("months_from_2014", months_from_2014, rule)
    p = Params(on)
    mult: dict[str, Decimal] = p("lump_sum.months_per_year")
    minimum = Fraction(p("survivor.min_months"))
    y_pre, y_post = _split_years(months_before_2014, months_from_2014)
    months = Fraction(mult["before_2014"]) * y_pre + Fraction(mult["from_2014"]) * y_post
    applied = months < minimum
    months = max(months, minimum)
    return SurvivorLumpSum(
        _dec(y_pre),
        _dec(y_post),
        _dec(months),
        applied,
        round_vnd(months * mbq),
        p.frozen(),
    )


def _pensioner_lump_sum(
    monthly_pension: object, pension_months_received: object, on: dt.date
) -> SurvivorLumpSum:
    rule = "survivor lump sum"
    if monthly_pension is None or pension_months_received is None:
        missing = "monthly_pension" if monthly_pension is None else "pension_months_received"
        raise RuleInputError(
            missing, f"{rule}: a pensioner needs both monthly_pension and pension_months_received"
        )
    pension_amount = check_money("monthly_pension", monthly_pension, rule)
    received = check_int("pension_months_received", pension_months_received, rule, low=1)
    p = Params(on)
    r = {k: Fraction(v) for k, v in p("survivor.pensioner").items()}
    months = r["months"] - r["decrease"] * max(0, received - int(r["first_months"]))
    applied = months < r["minimum"]
    months = max(months, r["minimum"])
    zero = Decimal(0)
    return SurvivorLumpSum(
        zero,
        zero,
        _dec(months),
        applied,
        round_vnd(months * pension_amount),
        p.frozen(),
        pensioner=True,
        pension_months_received=received,
    )


# --- funeral -----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class FuneralAllowance(Explained):
    """Funeral allowance (trợ cấp mai táng): 10 × reference level of the month of death."""

    eligible: bool
    amount: int
    reason: str | None
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        if not self.eligible:
            return [tr(lang, f"Không đủ điều kiện: {self.reason}", f"Not eligible: {self.reason}")]
        mult = self.parameters["funeral.multiple"].value
        ref = self.parameters["base_salary"].value
        return [
            tr(
                lang,
                f"Mức tham chiếu / lương cơ sở tháng chết: {m(ref)}.",
                f"Reference level / base salary in the month of death: {m(ref)}.",
            ),
            tr(
                lang,
                f"Trợ cấp mai táng = {mult} × {m(ref)} = {m(self.amount)}.",
                f"Funeral allowance = {mult} × {m(ref)} = {m(self.amount)}.",
            ),
        ]


def funeral_allowance(
    on: dt.date,
    contribution_months: int | None = None,
    *,
    voluntary_months: int = 0,
    pensioner: bool = False,
    occupational_death: bool = False,
) -> FuneralAllowance:
    """Funeral allowance for a death on ``on``.

    Eligible: ≥ 12 months of compulsory SI, ≥ 60 months of voluntary SI, a pensioner / monthly
    OA-OD allowance recipient, or death from an occupational accident/disease.
    ``contribution_months=None`` means the condition is not checked (assumed met).
    """
    rule = "funeral allowance"
    on = check_date("on", on, rule)
    if contribution_months is not None:
        check_int("contribution_months", contribution_months, rule)
    check_int("voluntary_months", voluntary_months, rule)
    p = Params(on)
    minimum = p("funeral.min_months")
    eligible = (
        contribution_months is None
        or contribution_months >= minimum
        or voluntary_months >= 60
        or pensioner
        or occupational_death
    )
    if not eligible:
        reason = (
            f"{contribution_months} months of compulsory SI, fewer than {minimum} "
            "(Law 41/2024/QH15 Art. 85(1); Law 58/2014/QH13 Art. 66(1))"
        )
        return FuneralAllowance(False, 0, reason, p.frozen())
    amount = p("funeral.multiple") * p("base_salary")
    return FuneralAllowance(True, amount, None, p.frozen())


# --- pension -----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Pension(Explained):
    """Monthly pension: rate (percent) × Mbq, with the lump sum for years above the 75% rate."""

    eligible: bool
    reason: str | None
    years: Decimal
    rate: Decimal
    reduction: Decimal
    monthly_amount: int
    floor_applied: bool
    retirement_lump_sum: int
    regime: str
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)
    early_months: int = 0
    normal_retirement_date: dt.date | None = None

    def _steps(self, lang: str) -> list[str]:
        if not self.eligible:
            return [tr(lang, f"Không đủ điều kiện: {self.reason}", f"Not eligible: {self.reason}")]
        m = money_formatter(lang)
        steps = []
        if self.normal_retirement_date is not None:
            steps.append(
                tr(
                    lang,
                    f"Đủ tuổi nghỉ hưu ngày {self.normal_retirement_date:%d/%m/%Y}; nghỉ hưu trước "
                    f"tuổi {self.early_months} tháng.",
                    f"Retirement age reached on {self.normal_retirement_date.isoformat()}; "
                    f"retiring {self.early_months} months early.",
                )
            )
        steps += [
            tr(
                lang,
                f"Luật BHXH áp dụng: {self.regime}; "
                f"số năm đóng (làm tròn): {fmt_num(self.years, lang)}.",
                f"SI law: {self.regime}; "
                f"contribution years (rounded): {fmt_num(self.years, lang)}.",
            ),
            tr(
                lang,
                f"Tỷ lệ hưởng: {fmt_num(self.rate + self.reduction, lang)}% (tối đa 75%)"
                + (
                    f", trừ {fmt_num(self.reduction, lang)}% do nghỉ hưu trước tuổi"
                    if self.reduction
                    else ""
                )
                + f" = {fmt_num(self.rate, lang)}%.",
                f"Rate: {fmt_num(self.rate + self.reduction, lang)}% (75% at most)"
                + (
                    f", minus {fmt_num(self.reduction, lang)}% for early retirement"
                    if self.reduction
                    else ""
                )
                + f" = {fmt_num(self.rate, lang)}%.",
            ),
            tr(
                lang,
                f"Lương hưu hằng tháng: {m(self.monthly_amount)}"
                + (" (nâng lên bằng mức tham chiếu)." if self.floor_applied else "."),
                f"Monthly pension: {m(self.monthly_amount)}"
                + (" (raised to the reference level)." if self.floor_applied else "."),
            ),
        ]
        if self.retirement_lump_sum:
            steps.append(
                tr(
                    lang,
                    f"Trợ cấp một lần khi nghỉ hưu: {m(self.retirement_lump_sum)}.",
                    f"Retirement lump sum: {m(self.retirement_lump_sum)}.",
                )
            )
        return steps


def pension(
    sex: str,
    contribution_months: int,
    average_monthly_salary: object,
    on: dt.date,
    joined_before_2025_07: bool = True,
    early_months: int = 0,
    *,
    floor_eligible: bool | None = None,
    birth_date: dt.date | None = None,
    retirement_date: dt.date | None = None,
    hazardous: bool = False,
    months_after_retirement_age: int | None = None,
) -> Pension:
    """Monthly pension for a retirement on ``on`` (the first month of pension).

    ``sex`` is "male" or "female"; ``early_months`` the months retired before the normal age
    (early-retirement cases): 2% per full year, 1% for 6–11 leftover months. The reference-level
    floor applies (2024 law) to people who joined before 2025-07-01 with ≥ 20 years; under the
    2014 law to everyone (``floor_eligible`` overrides).

    With ``birth_date`` and ``retirement_date`` (the day work stops) the early months are
    derived: whole calendar months from the retirement month to the month the normal age is
    reached (:func:`retirement_age`); with ``hazardous`` (15+ years of heavy or hazardous work,
    Law 41/2024 Art. 64(1)(b)) up to 5 years early carry no reduction.

    Retirement lump sum (men above 35 years, women above 30): 0.5 × Mbq per extra year; from
    2025-07-01, 2 × Mbq for the extra years contributed after reaching the retirement age
    (``months_after_retirement_age``; derived from the dates when both are given).
    """
    rule = "pension"
    if sex not in ("male", "female"):
        raise RuleInputError(
            "sex", f"{rule}: sex must be 'male' or 'female', got {sex!r}", value=sex
        )
    check_int("contribution_months", contribution_months, rule)
    mbq = as_exact("average_monthly_salary", average_monthly_salary, rule)
    on = check_date("on", on, rule)
    check_int("early_months", early_months, rule, high=120)
    normal_date: dt.date | None = None
    age_parameters: Mapping[str, ParameterValue] = _EMPTY
    if (birth_date is None) != (retirement_date is None):
        missing = "retirement_date" if retirement_date is None else "birth_date"
        raise RuleInputError(
            missing, f"{rule}: birth_date and retirement_date go together (to derive early months)"
        )
    if birth_date is not None and retirement_date is not None:
        early_months, normal_date, age_parameters = _derived_early_months(
            sex, birth_date, retirement_date, hazardous, early_months
        )
        if months_after_retirement_age is None:
            from vssdk.benefits._retirement import month_index

            months_after_retirement_age = max(
                0, month_index(retirement_date) - month_index(normal_date)
            )
    if months_after_retirement_age is None:
        months_after_retirement_age = 0
    check_int("months_after_retirement_age", months_after_retirement_age, rule)
    p = Params(on)
    p.absorb(age_parameters)
    regime: str = p("regime.si_law")
    r = {k: Fraction(v) for k, v in p("pension.rules").items()}
    years = years_rounded(contribution_months)
    new_law = "male_low_band_rate" in r
    if contribution_months < r["min_years"] * 12:
        reason = (
            f"{contribution_months} contribution months, fewer than {int(r['min_years'])} years "
            f"(SI law {regime})"
        )
        return Pension(
            False,
            reason,
            _dec(years),
            Decimal(0),
            Decimal(0),
            0,
            False,
            0,
            regime,
            p.frozen(),
        )
    if sex == "female":
        base_years, step = r["female_base_years"], r["female_step"]
        rate = r["base_rate"] + step * (years - base_years)
    elif new_law and years < r["male_base_years"]:
        base_years, step = r["male_base_years"], r["male_step"]
        rate = r["male_low_band_rate"] + r["male_low_band_step"] * (years - 15)
    else:
        base_years, step = r["male_base_years"], r["male_step"]
        rate = r["base_rate"] + step * (years - base_years)
    rate = min(rate, r["max_rate"])
    full, rest = divmod(early_months, 12)
    reduction = r["early_reduction"] * full + (r["early_reduction"] / 2 if rest >= 6 else 0)
    rate = max(rate - reduction, Fraction(0))
    monthly = round_vnd(mbq * rate)
    if floor_eligible is None:
        floor_eligible = (not new_law) or (joined_before_2025_07 and contribution_months >= 240)
    floor_applied = False
    if floor_eligible:
        ref = p("base_salary")
        if monthly < ref:
            monthly, floor_applied = ref, True
    years_at_max = base_years + (r["max_rate"] - r["base_rate"]) / step
    extra = max(years - years_at_max, Fraction(0))
    after_age = Fraction(0)
    if "extra_year_lump_after_age" in r and months_after_retirement_age:
        # Law 41/2024 Art. 68(2): years above 35 / 30 contributed after reaching the retirement
        # age (while already eligible) count 2 × Mbq, the others 0.5 × Mbq.
        after_age = min(extra, years_rounded(months_after_retirement_age))
    lump = round_vnd(
        (extra - after_age) * r["extra_year_lump"] * mbq
        + after_age * r.get("extra_year_lump_after_age", Fraction(0)) * mbq
    )
    return Pension(
        eligible=True,
        reason=None,
        years=_dec(years),
        rate=_dec(rate * 100),
        reduction=_dec(reduction * 100),
        monthly_amount=monthly,
        floor_applied=floor_applied,
        retirement_lump_sum=lump,
        regime=regime,
        parameters=p.frozen(),
        early_months=early_months,
        normal_retirement_date=normal_date,
    )


def _derived_early_months(
    sex: str, birth_date: dt.date, retirement_date: dt.date, hazardous: bool, given: int
) -> tuple[int, dt.date, Mapping[str, ParameterValue]]:
    from vssdk.benefits._retirement import month_index, retirement_age

    rule = "pension"
    retirement_date = check_date("retirement_date", retirement_date, rule)
    if given:
        raise RuleInputError(
            "early_months", f"{rule}: give early_months or birth_date + retirement_date, not both"
        )
    with warnings.catch_warnings():  # the pension result carries (and issues) them
        warnings.simplefilter("ignore", StaleParameters)
        ra = retirement_age(sex, birth_date, hazardous=hazardous)
    target = ra.earliest_date if hazardous and ra.earliest_date is not None else ra.normal_date
    months = max(0, month_index(target) - month_index(retirement_date))
    if months > 120:
        raise RuleInputError(
            "retirement_date",
            f"{rule}: {months} months before the retirement age ({target.isoformat()}); "
            "the law allows at most 10 years",
            value=retirement_date,
        )
    return months, ra.normal_date, ra.parameters
