"""Contributions: compulsory SI/HI/UI/OA (per month), voluntary SI, household HI."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from vssdk.benefits._common import (
    EARLIEST,
    Explained,
    ParameterMap,
    Params,
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

__all__ = [
    "FUNDS",
    "CompulsoryContribution",
    "FundShare",
    "HouseholdHIContribution",
    "VoluntarySIContribution",
    "compulsory_contribution",
    "household_hi_contribution",
    "voluntary_si_contribution",
]

FUNDS = (
    "retirement_survivorship",
    "sickness_maternity",
    "occupational_accident",
    "unemployment",
    "health",
)
_FUND_NAMES = {
    "retirement_survivorship": ("Hưu trí, tử tuất", "Retirement & survivorship"),
    "sickness_maternity": ("Ốm đau, thai sản", "Sickness & maternity"),
    "occupational_accident": (
        "Tai nạn lao động, bệnh nghề nghiệp",
        "Occupational accident & disease",
    ),
    "unemployment": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    "health": ("Bảo hiểm y tế", "Health insurance"),
}
# (fund, side) -> index into the amounts tuple; the order of _RATE_KEYS below.
_SLOTS = (
    ("retirement_survivorship", "employee"),
    ("health", "employee"),
    ("unemployment", "employee"),
    ("sickness_maternity", "employer"),
    ("retirement_survivorship", "employer"),
    ("occupational_accident", "employer"),
    ("health", "employer"),
    ("unemployment", "employer"),
)
_BASE_OF_SLOT = ("si", "hi", "ui", "si", "si", "si", "hi", "ui")


@attrs.frozen(slots=True)
class FundShare:
    """One fund's monthly amounts for the employee and the employer."""

    employee: int
    employer: int

    @property
    def total(self) -> int:
        return self.employee + self.employer


@attrs.frozen(slots=True)
class _Context:
    """Everything compulsory_contribution needs for one date/region/flag combination."""

    reference: int
    rmw: int
    floor: int
    floor_label: str
    si_ceiling: int
    ui_ceiling: int
    ui_ceiling_label: str
    regime: str
    rates: tuple[Decimal, ...]
    ratios: tuple[tuple[int, int], ...]
    parameters: ParameterMap = attrs.field(repr=False)


_CONTEXTS: dict[tuple[int, object, bool, bool, bool], _Context] = {}
_CONTEXT_LIMIT = 4096


def _build_context(
    on: object, region: object, reduced: bool, state: bool, relief: bool
) -> _Context:
    rule = "compulsory contribution"
    on = check_date("on", on, rule)
    if type(region) is not int or region not in (1, 2, 3, 4):
        raise RuleInputError(
            "region", f"{rule}: region must be 1, 2, 3 or 4 (I–IV), got {region!r}", value=region
        )
    p = Params(on)
    regime = p("regime.si_law")
    ref = p("base_salary")
    rmw = p("regional_minimum_wage", region=region)
    if p("si_floor_basis") == "rmw" and not state:
        floor, floor_label = rmw, "rmw"
    else:
        floor, floor_label = ref, "reference"
    si_ceiling = p("ceiling_multiple.si_hi") * ref
    ui_mult = p("ceiling_multiple.ui")
    if p("ui_ceiling_basis") == "rmw" or not state:
        ui_ceiling, ui_label = ui_mult * rmw, "rmw"
    else:
        ui_ceiling, ui_label = ui_mult * ref, "reference"
    # The 2021-22 OA/OD relief (Decision 23/2021/QĐ-TTg) excludes state-payroll staff; the
    # reduced rate (Decree 58/2020 Art. 4(1)(b)) is for enterprises, so state payroll ignores it.
    if state:
        oa_key = "rate.employer.occupational_accident_state_payroll"
    else:
        oa_key = "rate.employer.occupational_accident" + ("_reduced" if reduced else "")
    ui_er_key = "rate.employer.unemployment" + ("_relief" if relief and not state else "")
    keys = (
        "rate.employee.retirement_survivorship",
        "rate.employee.health",
        "rate.employee.unemployment",
        "rate.employer.sickness_maternity",
        "rate.employer.retirement_survivorship",
        oa_key,
        "rate.employer.health",
        ui_er_key,
    )
    rates = tuple(p(k) for k in keys)
    return _Context(
        reference=ref,
        rmw=rmw,
        floor=floor,
        floor_label=floor_label,
        si_ceiling=si_ceiling,
        ui_ceiling=ui_ceiling,
        ui_ceiling_label=ui_label,
        regime=regime,
        rates=rates,
        ratios=tuple(r.as_integer_ratio() for r in rates),
        parameters=ParameterMap(p.used, tuple(p.stale.values())),  # warned per call,
    )


@attrs.frozen(slots=True)
class CompulsoryContribution(Explained):
    """Monthly compulsory contributions of one employee (SI, HI, UI, OA/OD), per fund and side.

    ``subject`` is False when the law puts the person outside compulsory insurance (``reason``
    says why); all amounts are then 0. ``contribution_base`` is the SI/HI base; ``ui_base`` the
    unemployment-insurance base.
    """

    subject: bool
    contribution_base: int
    ui_base: int
    employee: int
    employer: int
    total: int
    reason: str | None
    monthly_salary: int
    on: dt.date
    region: int
    unpaid_working_days: int
    _amounts: tuple[int, ...] = attrs.field(repr=False)
    _ctx: _Context = attrs.field(repr=False)

    @property
    def hi_base(self) -> int:
        """The health-insurance base (same as the SI base, same ceiling)."""
        return self.contribution_base

    @property
    def by_fund(self) -> Mapping[str, FundShare]:
        """Amounts per fund: ``by_fund["health"].employee`` etc."""
        ee: dict[str, int] = dict.fromkeys(FUNDS, 0)
        er: dict[str, int] = dict.fromkeys(FUNDS, 0)
        for (fund, side), amount in zip(_SLOTS, self._amounts, strict=True):
            (ee if side == "employee" else er)[fund] = amount
        return MappingProxyType({f: FundShare(ee[f], er[f]) for f in FUNDS})

    @property
    def parameters(self) -> Mapping[str, ParameterValue]:
        used = self._ctx.parameters
        if not used.stale:
            return used
        # the context is shared by every day of its segment: date the warnings by this month
        return ParameterMap(used, tuple(_redated(used.stale, self.on)))

    def _steps(self, lang: str) -> list[str]:
        c = self._ctx
        m = money_formatter(lang)
        steps = [
            tr(
                lang,
                f"Tháng đóng: {self.on:%m/%Y}; luật BHXH áp dụng: {c.regime}.",
                f"Contribution month: {self.on:%Y-%m}; SI law in force: {c.regime}.",
            ),
            tr(
                lang,
                f"Lương cơ sở / mức tham chiếu: {m(c.reference)}; lương tối thiểu vùng "
                f"{self.region}: {m(c.rmw)}.",
                f"Base salary / reference level: {m(c.reference)}; regional minimum wage, region "
                f"{self.region}: {m(c.rmw)}.",
            ),
            tr(
                lang,
                f"Tiền lương tháng khai báo: {m(self.monthly_salary)}.",
                f"Declared monthly salary: {m(self.monthly_salary)}.",
            ),
        ]
        if not self.subject or (self.total == 0 and self.reason):
            steps.append(tr(lang, f"Kết luận: {self.reason}", f"Result: {self.reason}"))
            return steps
        floor_vi = (
            "lương tối thiểu vùng" if c.floor_label == "rmw" else "mức tham chiếu / lương cơ sở"
        )
        floor_en = (
            "regional minimum wage" if c.floor_label == "rmw" else "reference level / base salary"
        )
        steps += [
            tr(
                lang,
                f"Mức thấp nhất ({floor_vi}): {m(c.floor)} — đạt.",
                f"Lowest allowed base ({floor_en}): {m(c.floor)} — met.",
            ),
            tr(
                lang,
                f"Căn cứ đóng BHXH, BHYT = min(lương, trần 20 × tham chiếu = {m(c.si_ceiling)}) "
                f"= {m(self.contribution_base)}.",
                f"SI/HI base = min(salary, ceiling 20 × reference = {m(c.si_ceiling)}) = "
                f"{m(self.contribution_base)}.",
            ),
            tr(
                lang,
                f"Căn cứ đóng BHTN = min(lương, trần {m(c.ui_ceiling)}) = {m(self.ui_base)}.",
                f"UI base = min(salary, ceiling {m(c.ui_ceiling)}) = {m(self.ui_base)}.",
            ),
        ]
        bases = {"si": self.contribution_base, "hi": self.contribution_base, "ui": self.ui_base}
        for (fund, side), rate, base_key, amount in zip(
            _SLOTS, c.rates, _BASE_OF_SLOT, self._amounts, strict=True
        ):
            vi_name, en_name = _FUND_NAMES[fund]
            base = bases[base_key]
            who = tr(
                lang, "người lao động" if side == "employee" else "người sử dụng lao động", side
            )
            steps.append(
                tr(
                    lang,
                    f"{vi_name}, {who}: {fmt_pct(rate, lang)} × {m(base)} = {m(amount)}.",
                    f"{en_name}, {who}: {fmt_pct(rate, lang)} × {m(base)} = {m(amount)}.",
                )
            )
        steps.append(
            tr(
                lang,
                f"Tổng: người lao động {m(self.employee)}, người sử dụng lao động "
                f"{m(self.employer)}, cộng {m(self.total)} (làm tròn từng quỹ đến đồng).",
                f"Total: employee {m(self.employee)}, employer {m(self.employer)}, together "
                f"{m(self.total)} (each fund rounded half up to the đồng).",
            )
        )
        return steps


_ZERO8 = (0,) * 8


def _min(a: int, b: int) -> int:
    return a if a < b else b


def contribution_formula(
    salary: Any,
    si_ceiling: Any,
    ui_ceiling: Any,
    ratios: Sequence[tuple[Any, Any]],
    minimum: Callable[[Any, Any], Any],
) -> tuple[Any, Any, tuple[Any, ...]]:
    """The compulsory-contribution law, written once for one employee or a whole column.

    ``salary`` and the ceilings are int đồng, or int64 numpy arrays (``minimum`` is then
    ``numpy.minimum``); ``ratios`` are the eight rates of :data:`_SLOTS` as exact integer
    ratios (numerator, denominator), ints or arrays. Returns the SI/HI base, the UI base and the
    eight amounts, each rounded half up to the đồng: ``(2·base·a + b) // (2·b)``.
    """
    si = minimum(salary, si_ceiling)
    ui = minimum(salary, ui_ceiling)
    s2 = si + si
    u2 = ui + ui
    (a, b), (c, d), (e, f), (g, h), (i, j), (k, l_), (m, n), (o, q) = ratios
    return (
        si,
        ui,
        (
            (s2 * a + b) // (2 * b),
            (s2 * c + d) // (2 * d),
            (u2 * e + f) // (2 * f),
            (s2 * g + h) // (2 * h),
            (s2 * i + j) // (2 * j),
            (s2 * k + l_) // (2 * l_),
            (s2 * m + n) // (2 * n),
            (u2 * o + q) // (2 * q),
        ),
    )


def _redated(stale: tuple[StaleParameters, ...], on: dt.date) -> list[StaleParameters]:
    return [StaleParameters(w.series, w.horizon, on) for w in stale]


def _warn_stale(stale: tuple[StaleParameters, ...], on: dt.date) -> None:
    series = ", ".join(w.series for w in stale)
    horizon = min(w.horizon for w in stale)
    warnings.warn(StaleParameters(series, horizon, on), stacklevel=3)


def compulsory_contribution(
    monthly_salary: int,
    on: dt.date,
    region: int,
    occupational_reduced: bool = False,
    unpaid_working_days: int = 0,
    part_time: bool = False,
    state_payroll: bool = False,
    *,
    ui_relief: bool = True,
) -> CompulsoryContribution:
    """Monthly compulsory SI, HI, UI and OA/OD contributions for one employee.

    ``on`` is a day in the contribution month; ``region`` 1–4 is the employer's wage region.
    ``occupational_reduced``: the employer is approved for the reduced OA/OD rate (Decree 58/2020).
    ``unpaid_working_days`` ≥ 14: no SI/HI/UI for the month. ``part_time``: a part-time worker
    below the lowest SI base is not subject (a result, not an error). ``state_payroll``: salary on
    the state wage scale or in a budget-paid unit: no 0% OA/OD relief in 2021-07 to 2022-06
    (Decision 23/2021/QĐ-TTg excludes it) and no reduced OA/OD rate. ``ui_relief``: the employer
    was in UI before 2021-10-01 (0% employer UI from 2021-10 to 2022-09, Resolution 116/NQ-CP;
    never for state payroll).

    Raises RuleInputError for a salary below the legal floor, an unknown region, a date before
    2016-01-01 or non-int money.
    """
    if type(monthly_salary) is not int or monthly_salary < 0:
        check_money("monthly_salary", monthly_salary, "compulsory contribution")
    # Contexts depend only on the parameters in force: cache them per unchanged stretch of days.
    segment = parameters().segment(on) if type(on) is dt.date and on >= EARLIEST else -1
    key = (segment, region, occupational_reduced, state_payroll, ui_relief)
    ctx = _CONTEXTS.get(key) if segment >= 0 and type(region) is int else None
    if ctx is None:
        ctx = _build_context(on, region, occupational_reduced, state_payroll, ui_relief)
        if len(_CONTEXTS) >= _CONTEXT_LIMIT:
            _CONTEXTS.clear()
        _CONTEXTS[key] = ctx
    if ctx.parameters.stale:
        _warn_stale(ctx.parameters.stale, on)
    if type(unpaid_working_days) is not int or not 0 <= unpaid_working_days <= 31:
        check_int("unpaid_working_days", unpaid_working_days, "compulsory contribution", high=31)
    if monthly_salary < ctx.floor:
        if part_time:
            reason = (
                f"part-time wage {monthly_salary:,} is below the lowest SI base {ctx.floor:,}: "
                "not subject to compulsory insurance (Law 41/2024/QH15 Art. 2(1)(l))"
            )
            return CompulsoryContribution(
                False,
                0,
                0,
                0,
                0,
                0,
                reason,
                monthly_salary,
                on,
                region,
                unpaid_working_days,
                _ZERO8,
                ctx,
            )
        which = "regional minimum wage" if ctx.floor_label == "rmw" else "reference level"
        raise RuleInputError(
            "monthly_salary",
            f"compulsory contribution: salary {monthly_salary:,} is below the lowest SI base "
            f"({which} {ctx.floor:,} on {on.isoformat()}; "
            + (
                "Law 41/2024/QH15 Art. 31(1)(đ))"
                if ctx.floor_label != "rmw"
                else "Decision 595/QĐ-BHXH Art. 6(2.6))"
            ),
            value=monthly_salary,
        )
    si_base, ui_base, amounts = contribution_formula(
        monthly_salary, ctx.si_ceiling, ctx.ui_ceiling, ctx.ratios, min
    )
    if unpaid_working_days >= 14:
        reason = (
            f"{unpaid_working_days} working days without pay (≥ 14): no SI, HI or UI contribution "
            "for this month (Law 41/2024/QH15 Art. 33(5); Law 58/2014/QH13 Art. 85(3))"
        )
        return CompulsoryContribution(
            True,
            si_base,
            ui_base,
            0,
            0,
            0,
            reason,
            monthly_salary,
            on,
            region,
            unpaid_working_days,
            _ZERO8,
            ctx,
        )
    employee = amounts[0] + amounts[1] + amounts[2]
    employer = amounts[3] + amounts[4] + amounts[5] + amounts[6] + amounts[7]
    return CompulsoryContribution(
        True,
        si_base,
        ui_base,
        employee,
        employer,
        employee + employer,
        None,
        monthly_salary,
        on,
        region,
        unpaid_working_days,
        amounts,
        ctx,
    )


# --- voluntary SI ------------------------------------------------------------------------------

_PAYMENT_MONTHS = (1, 3, 6, 12)


@attrs.frozen(slots=True)
class VoluntarySIContribution(Explained):
    """Voluntary SI payment: gross 22% of the chosen income, minus the state support."""

    monthly_income: int
    on: dt.date
    months: int
    support_group: str
    rate: Decimal
    support_rate: Decimal
    gross_per_month: int
    state_support_per_month: int
    payable_per_month: int
    supported_months: int
    payable_total: int
    income_floor: int
    income_ceiling: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        return [
            tr(
                lang,
                f"Thu nhập lựa chọn {m(self.monthly_income)} nằm trong khoảng "
                f"{m(self.income_floor)} (chuẩn nghèo nông thôn) – {m(self.income_ceiling)} "
                "(20 × mức tham chiếu).",
                f"Chosen income {m(self.monthly_income)} is within {m(self.income_floor)} "
                f"(rural poverty line) – {m(self.income_ceiling)} (20 × reference level).",
            ),
            tr(
                lang,
                f"Mức đóng: {fmt_pct(self.rate, lang)} × {m(self.monthly_income)} = "
                f"{m(self.gross_per_month)}/tháng.",
                f"Gross: {fmt_pct(self.rate, lang)} × {m(self.monthly_income)} = "
                f"{m(self.gross_per_month)}/month.",
            ),
            tr(
                lang,
                f"Nhà nước hỗ trợ (nhóm {self.support_group}): "
                f"{fmt_pct(self.support_rate, lang)} × "
                f"{fmt_pct(self.rate, lang)} × {m(self.income_floor)} = "
                f"{m(self.state_support_per_month)}/tháng, cho {self.supported_months} tháng.",
                f"State support (group {self.support_group}): {fmt_pct(self.support_rate, lang)} × "
                f"{fmt_pct(self.rate, lang)} × {m(self.income_floor)} = "
                f"{m(self.state_support_per_month)}/month, for {self.supported_months} month(s).",
            ),
            tr(
                lang,
                f"Phải đóng: {m(self.payable_per_month)}/tháng; {self.months} tháng: "
                f"{m(self.payable_total)}.",
                f"Payable: {m(self.payable_per_month)}/month; for {self.months} month(s): "
                f"{m(self.payable_total)}.",
            ),
        ]


def voluntary_si_contribution(
    monthly_income: int,
    on: dt.date,
    months: int = 1,
    support_group: str = "other",
    supported_months_so_far: int = 0,
) -> VoluntarySIContribution:
    """Voluntary SI due for ``months`` (1, 3, 6 or 12) paid on ``on``.

    ``support_group``: "poor", "near_poor", "ethnic_minority", "island" or "other" (if several
    apply, pass the one with the highest support). Support stops after 120 supported months.
    """
    rule = "voluntary SI contribution"
    check_money("monthly_income", monthly_income, rule)
    on = check_date("on", on, rule)
    if months not in _PAYMENT_MONTHS or type(months) is not int:
        raise RuleInputError(
            "months", f"{rule}: months must be 1, 3, 6 or 12, got {months!r}", value=months
        )
    check_int("supported_months_so_far", supported_months_so_far, rule)
    p = Params(on)
    floor = p("rural_poverty_line")
    ceiling = p("voluntary.income_ceiling_multiple") * p("base_salary")
    if not floor <= monthly_income <= ceiling:
        raise RuleInputError(
            "monthly_income",
            f"{rule}: income must be between the rural poverty line {floor:,} and 20 × the "
            f"reference level {ceiling:,} on {on.isoformat()}, got {monthly_income:,}",
            value=monthly_income,
        )
    support_rates: dict[str, Decimal] = p("voluntary.support_rate")
    if support_group not in support_rates:
        raise RuleInputError(
            "support_group",
            f"{rule}: support_group must be one of {sorted(support_rates)}, got {support_group!r}",
            value=support_group,
        )
    rate: Decimal = p("rate.voluntary")
    k = support_rates[support_group]
    max_months = p("voluntary.support_max_months")
    supported = max(0, min(months, max_months - supported_months_so_far))
    gross = round_vnd(Fraction(rate) * monthly_income)
    support = round_vnd(Fraction(k) * Fraction(rate) * floor) if supported else 0
    per_month = gross - support
    total = gross * months - support * supported
    return VoluntarySIContribution(
        monthly_income=monthly_income,
        on=on,
        months=months,
        support_group=support_group,
        rate=rate,
        support_rate=k if supported else Decimal(0),
        gross_per_month=gross,
        state_support_per_month=support,
        payable_per_month=per_month,
        supported_months=supported,
        payable_total=total,
        income_floor=floor,
        income_ceiling=ceiling,
        parameters=p.frozen(),
    )


# --- household HI ------------------------------------------------------------------------------

_HOUSEHOLD_MONTHS = (3, 6, 12)


@attrs.frozen(slots=True)
class HouseholdHIContribution(Explained):
    """Household HI: member 1 pays 4.5% of the reference level, later members a reduced share."""

    members: int
    on: dt.date
    months: int
    first_member_monthly: int
    shares: tuple[Decimal, ...]
    per_member: tuple[int, ...]
    total: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        rate = self.parameters["rate.hi_household"].value
        ref = self.parameters["base_salary"].value
        first = m(self.first_member_monthly)
        steps = [
            tr(
                lang,
                f"Người thứ nhất: {fmt_pct(rate, lang)} × {m(ref)} = {first}/tháng.",
                f"First member: {fmt_pct(rate, lang)} × {m(ref)} = {first}/month.",
            )
        ]
        for k, (share, amount) in enumerate(zip(self.shares, self.per_member, strict=True), 1):
            steps.append(
                tr(
                    lang,
                    f"Người thứ {k}: {fmt_pct(share, lang)} × {m(self.first_member_monthly)} × "
                    f"{self.months} tháng = {m(amount)}.",
                    f"Member {k}: {fmt_pct(share, lang)} × {m(self.first_member_monthly)} × "
                    f"{self.months} months = {m(amount)}.",
                )
            )
        steps.append(tr(lang, f"Tổng cộng: {m(self.total)}.", f"Total: {m(self.total)}."))
        return steps


def household_hi_contribution(
    members: int, on: dt.date, months: int = 12
) -> HouseholdHIContribution:
    """HI for ``members`` household members paying ``months`` (3, 6 or 12) on date ``on``."""
    rule = "household HI contribution"
    check_int("members", members, rule, low=1, high=100)
    on = check_date("on", on, rule)
    if type(months) is not int or months not in _HOUSEHOLD_MONTHS:
        raise RuleInputError(
            "months", f"{rule}: months must be 3, 6 or 12, got {months!r}", value=months
        )
    p = Params(on)
    ref = p("base_salary")
    rate: Decimal = p("rate.hi_household")
    factors: tuple[Decimal, ...] = p("hi_household_reduction")
    first = Fraction(rate) * ref
    shares = tuple(factors[min(k, len(factors) - 1)] for k in range(members))
    per_member = tuple(round_vnd(first * Fraction(s) * months) for s in shares)
    return HouseholdHIContribution(
        members=members,
        on=on,
        months=months,
        first_member_monthly=round_vnd(first),
        shares=shares,
        per_member=per_member,
        total=sum(per_member),
        parameters=p.frozen(),
    )
