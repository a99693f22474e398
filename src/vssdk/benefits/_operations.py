"""Operations of the calculators area (server-side calculators backed by vssdk.benefits)."""

from __future__ import annotations

import datetime as dt

from vssdk._core.operation import Call, operation
from vssdk.benefits._common import check_date, check_int, check_money
from vssdk.benefits._errors import RuleInputError
from vssdk.benefits.models import (
    CalcCompulsoryRequest,
    CalcCompulsoryResult,
    CalcHouseholdHiRequest,
    CalcHouseholdHiResult,
    CalcVoluntarySiRequest,
    CalcVoluntarySiResult,
)


def _lang(lang: str) -> str:
    if lang not in ("vi", "en"):
        raise RuleInputError("lang", f"lang must be 'vi' or 'en', got {lang!r}", value=lang)
    return lang


@operation(
    "calculateCompulsoryContribution",
    "POST",
    "/calculators/compulsory-contribution",
    response=CalcCompulsoryResult,
    request=CalcCompulsoryRequest,
    idempotent=True,
)
def compulsory_contribution(
    monthly_salary: int,
    on: dt.date,
    region: int,
    *,
    occupational_reduced: bool = False,
    unpaid_working_days: int = 0,
    part_time: bool = False,
    state_payroll: bool = False,
    ui_relief: bool = True,
    lang: str = "vi",
) -> Call:
    """Monthly compulsory SI/HI/UI/OA contributions, computed by the server's rules engine."""
    rule = "compulsory contribution"
    check_money("monthly_salary", monthly_salary, rule)
    check_date("on", on, rule)
    check_int("region", region, rule, low=1, high=4)
    check_int("unpaid_working_days", unpaid_working_days, rule, high=31)
    return Call(
        body=CalcCompulsoryRequest(
            monthly_salary=monthly_salary,
            on=on,
            region=region,
            occupational_reduced=occupational_reduced,
            unpaid_working_days=unpaid_working_days,
            part_time=part_time,
            state_payroll=state_payroll,
            ui_relief=ui_relief,
            lang=_lang(lang),
        )
    )


@operation(
    "calculateVoluntarySi",
    "POST",
    "/calculators/voluntary-si",
    response=CalcVoluntarySiResult,
    request=CalcVoluntarySiRequest,
    idempotent=True,
)
def voluntary_si(
    monthly_income: int,
    on: dt.date,
    *,
    months: int = 1,
    support_group: str = "other",
    supported_months_so_far: int = 0,
    lang: str = "vi",
) -> Call:
    """Voluntary SI due for 1, 3, 6 or 12 months after state support (as BHXH's calculator)."""
    rule = "voluntary SI contribution"
    check_money("monthly_income", monthly_income, rule)
    check_date("on", on, rule)
    if months not in (1, 3, 6, 12) or type(months) is not int:
        raise RuleInputError("months", f"{rule}: months must be 1, 3, 6 or 12", value=months)
    check_int("supported_months_so_far", supported_months_so_far, rule, high=1200)
    return Call(
        body=CalcVoluntarySiRequest(
            monthly_income=monthly_income,
            on=on,
            months=months,
            support_group=support_group,
            supported_months_so_far=supported_months_so_far,
            lang=_lang(lang),
        )
    )


@operation(
    "calculateHouseholdHi",
    "POST",
    "/calculators/household-hi",
    response=CalcHouseholdHiResult,
    request=CalcHouseholdHiRequest,
    idempotent=True,
)
def household_hi(members: int, on: dt.date, *, months: int = 12, lang: str = "vi") -> Call:
    """Household HI for ``members`` members paying 3, 6 or 12 months (as BHXH's calculator)."""
    rule = "household HI contribution"
    check_int("members", members, rule, low=1, high=100)
    check_date("on", on, rule)
    if months not in (3, 6, 12) or type(months) is not int:
        raise RuleInputError("months", f"{rule}: months must be 3, 6 or 12", value=months)
    return Call(
        body=CalcHouseholdHiRequest(members=members, on=on, months=months, lang=_lang(lang))
    )
