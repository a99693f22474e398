"""Shared pieces of the rules: exact rounding, input checks, parameter access, explanations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

from vssdk.benefits._errors import RuleInputError
from vssdk.benefits._params import ParameterValue, parameters

__all__ = [
    "EARLIEST",
    "Explained",
    "Params",
    "as_exact",
    "check_date",
    "check_int",
    "check_money",
    "fmt_money",
    "fmt_num",
    "fmt_pct",
    "money_formatter",
    "round_vnd",
    "tr",
    "years_rounded",
]

EARLIEST = dt.date(2016, 1, 1)
"""The rules cover dates from this day on (the 2014 SI law's entry into force)."""

Number = int | Decimal | Fraction


def round_vnd(x: Fraction | int) -> int:
    """Round half up to the whole đồng (rules.md §0; x ≥ 0)."""
    if isinstance(x, int):
        return x
    return (2 * x.numerator + x.denominator) // (2 * x.denominator)


def check_money(argument: str, value: object, rule: str) -> int:
    """A money input: a non-negative int of đồng (no floats, no bools)."""
    if type(value) is not int:
        raise RuleInputError(
            argument, f"{rule}: money must be an int number of đồng, got {value!r}", value=value
        )
    if value < 0:
        raise RuleInputError(argument, f"{rule}: must not be negative, got {value}", value=value)
    return value


def check_int(
    argument: str, value: object, rule: str, *, low: int = 0, high: int | None = None
) -> int:
    """A count (months, days, members): an int within [low, high]."""
    if type(value) is not int:
        raise RuleInputError(argument, f"{rule}: must be an int, got {value!r}", value=value)
    if value < low or (high is not None and value > high):
        limit = f"at least {low}" if high is None else f"between {low} and {high}"
        raise RuleInputError(argument, f"{rule}: must be {limit}, got {value}", value=value)
    return value


def check_date(argument: str, value: object, rule: str) -> dt.date:
    """A date (not a datetime) on or after 2016-01-01."""
    if type(value) is not dt.date:
        raise RuleInputError(
            argument, f"{rule}: must be a datetime.date, got {type(value).__name__}", value=value
        )
    if value < EARLIEST:
        raise RuleInputError(
            argument,
            f"{rule}: the rules cover dates from {EARLIEST.isoformat()}, got {value.isoformat()}",
            value=value,
        )
    return value


class _HasExact(Protocol):
    @property
    def exact(self) -> Fraction: ...


def as_exact(argument: str, value: object, rule: str) -> Fraction:
    """An average salary: int, Decimal, Fraction or an AverageSalary (its exact value)."""
    exact = getattr(value, "exact", None)
    if isinstance(exact, Fraction):
        value = exact
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise RuleInputError(
            argument,
            f"{rule}: must be int, Decimal, Fraction or AverageSalary (no floats), got {value!r}",
            value=value,
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise RuleInputError(argument, f"{rule}: must be finite, got {value}", value=value)
    result = Fraction(value)
    if result < 0:
        raise RuleInputError(argument, f"{rule}: must not be negative, got {value}", value=value)
    return result


def years_rounded(months: int) -> Fraction:
    """Contribution years with leftover months rounded: 1–6 → ½ year, 7–11 → 1 year."""
    years, rest = divmod(months, 12)
    if rest == 0:
        return Fraction(years)
    return Fraction(years) + (Fraction(1, 2) if rest <= 6 else 1)


class Params:
    """Collects the parameter values a rule reads (for ``.parameters`` and ``.citations``)."""

    __slots__ = ("_on", "used")

    def __init__(self, on: dt.date) -> None:
        self._on = on
        self.used: dict[str, ParameterValue] = {}

    def __call__(self, name: str, *, region: int | None = None, on: dt.date | None = None) -> Any:
        pv = parameters().get(name, on or self._on, region)
        key = name if region is None else f"{name}[{region}]"
        if on is not None and on != self._on:
            key = f"{key}@{(on or self._on).isoformat()}"
        self.used[key] = pv
        return pv.value


# --- explanation formatting --------------------------------------------------------------------


def tr(lang: str, vi: str, en: str) -> str:
    return vi if lang == "vi" else en


def fmt_num(value: Number, lang: str, places: int = 2) -> str:
    """A number with thousands separators (vi: 1.234.567,5; en: 1,234,567.5)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    d = Decimal(value)
    if d == d.to_integral_value():
        text = f"{int(d):,}"
    else:
        text = f"{d.quantize(Decimal(1).scaleb(-places)).normalize():,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_money(value: Number, lang: str) -> str:
    return f"{fmt_num(value, lang)} {'đồng' if lang == 'vi' else 'VND'}"


def money_formatter(lang: str) -> Callable[[Number], str]:
    """``fmt_money`` with the language fixed."""

    def fmt(value: Number) -> str:
        return fmt_money(value, lang)

    return fmt


def fmt_pct(rate: Decimal | Fraction, lang: str) -> str:
    """A rate as a percentage (0.015 → 1.5% / 1,5%)."""
    pct = (
        Decimal(rate.numerator) / Decimal(rate.denominator) if isinstance(rate, Fraction) else rate
    )
    return f"{fmt_num(pct * 100, lang, 4)}%"


class Explained:
    """Mixin for result objects: ``.citations`` and ``.explain(lang)`` from ``_steps(lang)``."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def parameters(self) -> Mapping[str, ParameterValue]: ...

    def _steps(self, lang: str) -> list[str]:  # pragma: no cover - every result overrides
        raise NotImplementedError

    @property
    def citations(self) -> tuple[str, ...]:
        """The legal sources of every parameter used, without repeats, in order of use."""
        seen: dict[str, None] = {}
        for pv in self.parameters.values():
            seen.setdefault(str(pv.citation), None)
        return tuple(seen)

    def explain(self, lang: str = "vi") -> str:
        """A step-by-step derivation in Vietnamese (``"vi"``) or English (``"en"``)."""
        if lang not in ("vi", "en"):
            raise RuleInputError(
                "lang", f"explain: lang must be 'vi' or 'en', got {lang!r}", value=lang
            )
        lines = [f"{i}. {step}" for i, step in enumerate(self._steps(lang), 1)]
        citations = self.citations
        if citations:
            lines.append(tr(lang, "Căn cứ:", "Sources:"))
            lines.extend(f"  - {c}" for c in citations)
        return "\n".join(lines)
