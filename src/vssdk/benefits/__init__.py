"""vssdk.benefits: the rules of Vietnamese social, health and unemployment insurance as code.

Contributions and benefits for any date from 2016-01-01, computed exactly (int đồng, Decimal
rates) from dated, cited parameter data; every result has ``.parameters``, ``.citations`` and
``.explain(lang="vi" | "en")``::

    >>> import datetime as dt
    >>> from vssdk import benefits
    >>> r = benefits.compulsory_contribution(20_000_000, dt.date(2026, 3, 1), region=1)
    >>> r.employee, r.employer
    (2100000, 4300000)

Parameter data is read lazily, once, on first use.
"""

from __future__ import annotations

from vssdk.benefits._contributions import (
    FUNDS,
    CompulsoryContribution,
    FundShare,
    HouseholdHIContribution,
    VoluntarySIContribution,
    compulsory_contribution,
    household_hi_contribution,
    voluntary_si_contribution,
)
from vssdk.benefits._errors import ParameterDataError, RuleInputError, StaleParameters
from vssdk.benefits._health import HIBenefit, hi_benefit
from vssdk.benefits._long_term import (
    AverageSalary,
    FuneralAllowance,
    OneTimeSI,
    Pension,
    SurvivorLumpSum,
    average_monthly_salary,
    cpi_adjusted_average_salary,
    funeral_allowance,
    one_time_si,
    pension,
    survivor_lump_sum,
)
from vssdk.benefits._lookups import (
    base_salary,
    contribution_ceiling,
    cpi_coefficient,
    lookup_parameter,
    regional_minimum_wage,
)
from vssdk.benefits._occupational import (
    ConvalescenceBenefit,
    OccupationalDeathBenefit,
    OccupationalInjuryBenefit,
    convalescence_benefit,
    occupational_death_benefit,
    occupational_injury_benefit,
)
from vssdk.benefits._old_age import (
    IndexedPension,
    MonthlyAllowanceWithoutPension,
    SocialPensionAllowance,
    SurvivorMonthlyAllowance,
    VoluntaryMaternityBenefit,
    monthly_allowance_without_pension,
    pension_indexed,
    social_pension_allowance,
    survivor_monthly_allowance,
    voluntary_maternity_benefit,
)
from vssdk.benefits._params import Citation, ParameterValue
from vssdk.benefits._retirement import RetirementAge, retirement_age
from vssdk.benefits._short_term import (
    MaternityBenefit,
    PaternityBenefit,
    SicknessBenefit,
    UnemploymentBenefit,
    maternity_benefit,
    paternity_benefit,
    sickness_benefit,
    unemployment_benefit,
)

__all__ = [
    "FUNDS",
    "AverageSalary",
    "Citation",
    "CompulsoryContribution",
    "ConvalescenceBenefit",
    "FundShare",
    "FuneralAllowance",
    "HIBenefit",
    "HouseholdHIContribution",
    "IndexedPension",
    "MaternityBenefit",
    "MonthlyAllowanceWithoutPension",
    "OccupationalDeathBenefit",
    "OccupationalInjuryBenefit",
    "OneTimeSI",
    "ParameterDataError",
    "ParameterValue",
    "PaternityBenefit",
    "Pension",
    "RetirementAge",
    "RuleInputError",
    "SicknessBenefit",
    "SocialPensionAllowance",
    "StaleParameters",
    "SurvivorLumpSum",
    "SurvivorMonthlyAllowance",
    "UnemploymentBenefit",
    "VoluntaryMaternityBenefit",
    "VoluntarySIContribution",
    "average_monthly_salary",
    "base_salary",
    "compulsory_contribution",
    "contribution_ceiling",
    "convalescence_benefit",
    "cpi_adjusted_average_salary",
    "cpi_coefficient",
    "funeral_allowance",
    "hi_benefit",
    "household_hi_contribution",
    "lookup_parameter",
    "maternity_benefit",
    "monthly_allowance_without_pension",
    "occupational_death_benefit",
    "occupational_injury_benefit",
    "one_time_si",
    "paternity_benefit",
    "pension",
    "pension_indexed",
    "regional_minimum_wage",
    "retirement_age",
    "sickness_benefit",
    "social_pension_allowance",
    "survivor_lump_sum",
    "survivor_monthly_allowance",
    "unemployment_benefit",
    "voluntary_maternity_benefit",
    "voluntary_si_contribution",
]
