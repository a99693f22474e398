"""Small parameter helpers other parts of vssdk depend on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from vssdk.benefits._common import check_date, check_int
from vssdk.benefits._errors import RuleInputError
from vssdk.benefits._params import ParameterValue, parameters

__all__ = [
    "base_salary",
    "contribution_ceiling",
    "cpi_coefficient",
    "lookup_parameter",
    "regional_minimum_wage",
]


def lookup_parameter(name: str, on: dt.date, *, region: int | None = None) -> ParameterValue:
    """The value of parameter ``name`` in force on ``on`` (with ``.value``, ``.effective_from``,
    ``.effective_to``, ``.citation``). Regional parameters need ``region`` 1–4."""
    if type(on) is not dt.date:
        raise RuleInputError(
            "on", f"lookup_parameter: must be a datetime.date, got {on!r}", value=on
        )
    return parameters().get(name, on, region)


def regional_minimum_wage(region: int, on: dt.date) -> int:
    """Regional minimum monthly wage of region 1–4 (I–IV) on ``on``."""
    if type(region) is not int or region not in (1, 2, 3, 4):
        raise RuleInputError("region", f"regional minimum wage: region must be 1–4, got {region!r}")
    value: int = (
        parameters()
        .get("regional_minimum_wage", check_date("on", on, "regional minimum wage"), region)
        .value
    )
    return value


def base_salary(on: dt.date) -> int:
    """Base salary (lương cơ sở) = reference level (mức tham chiếu) on ``on``."""
    value: int = parameters().get("base_salary", check_date("on", on, "base salary")).value
    return value


def contribution_ceiling(on: dt.date) -> int:
    """SI/HI contribution ceiling: 20 × base salary / reference level on ``on``."""
    on = check_date("on", on, "contribution ceiling")
    ps = parameters()
    multiple: int = ps.get("ceiling_multiple.si_hi", on).value
    ref: int = ps.get("base_salary", on).value
    return multiple * ref


def cpi_coefficient(contribution_year: int, settled_on: dt.date) -> Decimal:
    """CPI adjustment coefficient for salaries paid in ``contribution_year`` and a benefit
    settled (decided) on ``settled_on``. Tables are loaded for settlements from 2024."""
    rule = "CPI adjustment coefficient"
    check_int("contribution_year", contribution_year, rule, low=1900)
    settled_on = check_date("settled_on", settled_on, rule)
    if contribution_year > settled_on.year:
        raise RuleInputError(
            "contribution_year",
            f"{rule}: {contribution_year} is after the settlement year {settled_on.year}",
        )
    table: dict[str, Decimal] = parameters().get("cpi_coefficient", settled_on).value
    key = "before_1995" if contribution_year < 1995 else str(contribution_year)
    return table.get(key, Decimal("1.00"))
