"""Retirement age (Labour Code 2019 Art. 169, Decree 135/2020): normal and earliest dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from vssdk.benefits._common import EARLIEST, Explained, Params, tr
from vssdk.benefits._errors import RuleInputError
from vssdk.benefits._params import ParameterValue, parameters

__all__ = ["RetirementAge", "add_months", "month_index", "retirement_age"]


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the day clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def month_index(day: dt.date) -> int:
    """Months since year 0, for differences in whole calendar months."""
    return day.year * 12 + day.month - 1


def _years_months(months: int) -> tuple[int, int]:
    years, rest = divmod(months, 12)
    return years, rest


def _age_text(months: int, lang: str) -> str:
    y, m = _years_months(months)
    if lang == "vi":
        return f"{y} tuổi" + (f" {m} tháng" if m else "")
    return f"{y} years" + (f" {m} months" if m else "")


@attrs.frozen(slots=True)
class RetirementAge(Explained):
    """Normal and earliest retirement of one person.

    ``normal_date`` is the day the normal age is reached; retirement takes effect at the end of
    that month and the pension runs from ``pension_from`` (the first day of the next month).
    ``earliest_*`` is None when no early-retirement case was given, or (hazardous work with
    capacity loss ≥ 61%, Law 41/2024 Art. 65(1)(c)) when the law sets no age at all.
    ``early_reduction`` says whether retiring early reduces the pension rate (reduced capacity,
    Art. 66(3)); early retirement for hazardous work does not (Art. 64(1)(b)).
    """

    sex: str
    birth_date: dt.date
    normal_age_months: int
    normal_date: dt.date
    pension_from: dt.date
    earliest_age_months: int | None
    earliest_date: dt.date | None
    early_basis: str | None
    early_reduction: bool
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    @property
    def normal_age(self) -> tuple[int, int]:
        """The normal age as (years, months)."""
        return _years_months(self.normal_age_months)

    @property
    def earliest_age(self) -> tuple[int, int] | None:
        """The earliest age as (years, months), or None."""
        if self.earliest_age_months is None:
            return None
        return _years_months(self.earliest_age_months)

    def _steps(self, lang: str) -> list[str]:
        steps = [
            tr(
                lang,
                f"Tuổi nghỉ hưu trong điều kiện lao động bình thường: "
                f"{_age_text(self.normal_age_months, lang)}, đủ tuổi ngày "
                f"{self.normal_date:%d/%m/%Y}; hưởng lương hưu từ {self.pension_from:%m/%Y}.",
                f"Normal retirement age: {_age_text(self.normal_age_months, lang)}, reached on "
                f"{self.normal_date.isoformat()}; pension from {self.pension_from:%Y-%m}.",
            )
        ]
        if self.early_basis is None:
            return steps
        if self.earliest_age_months is None or self.earliest_date is None:
            steps.append(
                tr(
                    lang,
                    "Đủ 15 năm làm nghề đặc biệt nặng nhọc, độc hại và suy giảm khả năng lao động "
                    "từ 61%: không có điều kiện về tuổi (có giảm tỷ lệ hưởng).",
                    "15 years of extremely heavy or hazardous work and capacity loss of 61% or "
                    "more: no age condition (the pension rate is reduced).",
                )
            )
            return steps
        reduction_vi = "có giảm tỷ lệ hưởng" if self.early_reduction else "không giảm tỷ lệ hưởng"
        reduction_en = "the rate is reduced" if self.early_reduction else "no rate reduction"
        steps.append(
            tr(
                lang,
                f"Nghỉ hưu sớm nhất ({self.early_basis}): "
                f"{_age_text(self.earliest_age_months, lang)}, ngày "
                f"{self.earliest_date:%d/%m/%Y} ({reduction_vi}).",
                f"Earliest retirement ({self.early_basis}): "
                f"{_age_text(self.earliest_age_months, lang)}, on "
                f"{self.earliest_date.isoformat()} ({reduction_en}).",
            )
        )
        return steps


def _reach(p: Params, birth: dt.date, sex: str, offset_key: str | None) -> tuple[int, int, dt.date]:
    """The age (months) of the calendar year in which it is reached, that year and the date.

    Decree 135/2020 Appendix I: the age is the one set for the year in which the person
    reaches it; the early age is the normal age of that year minus the allowed years. Only the
    row finally used is recorded in ``p`` (for ``.parameters`` and the horizon).
    """
    data = parameters()
    year = max(birth.year + (55 if sex == "female" else 60) - (10 if offset_key else 0), 2016)
    while True:
        on = dt.date(year, 1, 1)
        months: int = data.get("retirement_age.normal", on).value[sex]
        if offset_key is not None:
            offsets: dict[str, int] = data.get("retirement_age.early_years", on).value
            if offset_key not in offsets:
                first = next(
                    v.value[offset_key]
                    for v in data.parameters["retirement_age.early_years"].values
                    if offset_key in v.value
                )
                if add_months(birth, months - 12 * first).year <= year:
                    raise RuleInputError(
                        "reduced_capacity_percent",
                        "retirement age: early retirement for reduced working capacity before "
                        "2021 (the original ladder of Law 58/2014 Art. 55) is not modelled",
                    )
                year += 1
                continue
            months -= 12 * offsets[offset_key]
        reached = add_months(birth, months)
        if reached.year <= year:
            p("retirement_age.normal", on=on)
            if offset_key is not None:
                p("retirement_age.early_years", on=on)
            return months, year, reached
        year += 1


def retirement_age(
    sex: str,
    birth_date: dt.date,
    *,
    hazardous: bool = False,
    reduced_capacity_percent: int = 0,
) -> RetirementAge:
    """Normal and earliest retirement for a person born on ``birth_date``.

    Normal age: men 60 years 3 months in 2021, +3 months a year to 62 (2028); women 55 years
    4 months in 2021, +4 months a year to 60 (2035); before 2021, 60 / 55 (Labour Code 2019
    Art. 169(2), Decree 135/2020 Art. 4). The age is the one of the year in which it is reached.
    Earliest: ``hazardous`` (15+ years of heavy/hazardous work or in extremely difficult areas)
    up to 5 years earlier without reduction; ``reduced_capacity_percent`` 61–80 up to 5 years,
    81+ up to 10 years earlier, with the reduction of Law 41/2024 Art. 66(3). Whether the years
    of contributions qualify (15 under Law 41/2024, 20 before) is not checked here.
    """
    rule = "retirement age"
    if sex not in ("male", "female"):
        raise RuleInputError(
            "sex", f"{rule}: sex must be 'male' or 'female', got {sex!r}", value=sex
        )
    if type(birth_date) is not dt.date:
        raise RuleInputError(
            "birth_date", f"{rule}: must be a datetime.date, got {birth_date!r}", value=birth_date
        )
    if birth_date.year < 1940:
        raise RuleInputError(
            "birth_date", f"{rule}: births before 1940 are out of range", value=birth_date
        )
    if type(reduced_capacity_percent) is not int or not 0 <= reduced_capacity_percent <= 100:
        raise RuleInputError(
            "reduced_capacity_percent",
            f"{rule}: must be an int between 0 and 100, got {reduced_capacity_percent!r}",
            value=reduced_capacity_percent,
        )
    p = Params(max(EARLIEST, birth_date))
    normal, _year, reached = _reach(p, birth_date, sex, None)
    pension_from = add_months(reached.replace(day=1), 1)
    basis: str | None = None
    earliest_months: int | None = None
    earliest_date: dt.date | None = None
    reduction = False
    if reduced_capacity_percent >= 61 and hazardous:
        basis, reduction = "hazardous+capacity_61", True
        p("retirement_age.early_years", on=max(EARLIEST, dt.date(reached.year, 1, 1)))
    elif reduced_capacity_percent >= 61 or hazardous:
        if reduced_capacity_percent >= 81:
            basis, reduction = "capacity_81", True
        elif reduced_capacity_percent >= 61:
            basis, reduction = "capacity_61", True
        else:
            basis = "hazardous"
        earliest_months, _, earliest_date = _reach(p, birth_date, sex, basis)
    return RetirementAge(
        sex=sex,
        birth_date=birth_date,
        normal_age_months=normal,
        normal_date=reached,
        pension_from=pension_from,
        earliest_age_months=earliest_months,
        earliest_date=earliest_date,
        early_basis=basis,
        early_reduction=reduction,
        parameters=p.frozen(),
    )
