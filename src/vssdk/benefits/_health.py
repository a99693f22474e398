"""Health-insurance benefit: the fund's share of a covered cost."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from vssdk.benefits._common import (
    Explained,
    Params,
    check_date,
    check_money,
    fmt_pct,
    money_formatter,
    round_vnd,
    tr,
)
from vssdk.benefits._errors import RuleInputError
from vssdk.benefits._params import ParameterValue

__all__ = ["HIBenefit", "hi_benefit"]

# 2 letters (group) + benefit digit, optionally followed by the province and person code.
_CARD = re.compile(r"[A-Z]{2}[1-5](?:[0-9]{12})?")


@attrs.frozen(slots=True)
class HIBenefit(Explained):
    """What the HI fund pays of a covered cost, and the patient's co-payment."""

    card_prefix: str
    level: Decimal
    route_factor: Decimal
    small_visit: bool
    fund_pays: int
    patient_pays: int
    parameters: Mapping[str, ParameterValue] = attrs.field(repr=False)

    def _steps(self, lang: str) -> list[str]:
        m = money_formatter(lang)
        steps = [
            tr(
                lang,
                f"Mã thẻ {self.card_prefix}…: mức hưởng {fmt_pct(self.level, lang)}.",
                f"Card {self.card_prefix}…: benefit level {fmt_pct(self.level, lang)}.",
            ),
        ]
        if self.small_visit:
            steps.append(
                tr(
                    lang,
                    "Chi phí một lần khám thấp hơn 15% lương cơ sở: quỹ thanh toán 100%.",
                    "The visit costs less than 15% of the base salary: the fund pays 100%.",
                )
            )
        if self.route_factor != 1:
            steps.append(
                tr(
                    lang,
                    f"Khám chữa bệnh không đúng tuyến: × {fmt_pct(self.route_factor, lang)}.",
                    f"Outside the referral route: × {fmt_pct(self.route_factor, lang)}.",
                )
            )
        steps.append(
            tr(
                lang,
                f"Quỹ BHYT trả {m(self.fund_pays)}; người bệnh trả {m(self.patient_pays)}.",
                f"HI fund pays {m(self.fund_pays)}; patient co-pays {m(self.patient_pays)}.",
            )
        )
        return steps


def hi_benefit(
    card_code: str,
    covered_cost: int,
    on: dt.date,
    right_route: bool = True,
    *,
    route_factor: Decimal | None = None,
    at_primary_level: bool = False,
) -> HIBenefit:
    """Split a covered cost between the HI fund and the patient for a visit on ``on``.

    ``card_code`` is the 15-character card number (or its first 3 characters: group + benefit
    digit). Off-route visits (``right_route=False``) need ``route_factor`` (0–1), which depends on
    the facility level and the roadmap of HI Law 25/2008/QH12 Art. 22(3) as amended
    (Law 46/2014/QH13, Law 51/2024/QH15).
    """
    rule = "HI benefit"
    if not isinstance(card_code, str) or not _CARD.fullmatch(card_code):
        raise RuleInputError(
            "card_code",
            f"{rule}: card code must be 2 capital letters + benefit digit 1–5 (+ 12 digits)",
        )
    check_money("covered_cost", covered_cost, rule)
    on = check_date("on", on, rule)
    if right_route:
        factor = Decimal(1)
    else:
        if isinstance(route_factor, bool) or not isinstance(route_factor, Decimal | int):
            raise RuleInputError(
                "route_factor",
                f"{rule}: off-route visits need route_factor (a Decimal 0–1; it depends on the "
                "facility level, Law 51/2024/QH15 Art. 1(17))",
                value=route_factor,
            )
        factor = Decimal(route_factor)
        if not 0 <= factor <= 1:
            raise RuleInputError(
                "route_factor", f"{rule}: must be between 0 and 1", value=route_factor
            )
    p = Params(on)
    group, digit = card_code[:2], card_code[2]
    overrides: dict[str, str] = p("hi.digit_override")
    digit = overrides.get(group, digit)
    level: Decimal = p("hi.benefit_level")[digit]
    threshold = Fraction(p("hi.small_visit_threshold")) * p("base_salary")
    small = covered_cost < threshold
    if small or at_primary_level:
        level = Decimal(1)
    fund = round_vnd(Fraction(level) * Fraction(factor) * covered_cost)
    return HIBenefit(card_code[:3], level, factor, small, fund, covered_cost - fund, p.frozen())
