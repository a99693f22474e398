"""Shared pieces of the rules: exact rounding, input checks, parameter access, explanations."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Protocol

from vssdk.benefits._errors import RuleInputError, StaleParameters
from vssdk.benefits._params import ParameterValue, parameters

__all__ = [
    "EARLIEST",
    "Explained",
    "ParameterMap",
    "Params",
    "as_exact",
    "check_date",
    "check_int",
    "check_money",
    "fmt_money",
    "fmt_num",
    "fmt_pct",
    "group_stale",
    "money_formatter",
    "round_vnd",
    "tr",
    "years_rounded",
]

EARLIEST = dt.date(2016, 1, 1)
"""The rules cover dates from this day on (the 2014 SI law's entry into force)."""

Number = int | Decimal | Fraction


def round_vnd(x: Fraction | int) -> int:
    """Round half up to the whole đồng (x ≥ 0): vssdk's convention, the law sets no rule."""
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


def group_stale(
    stale: tuple[StaleParameters, ...],
) -> list[tuple[dt.date, dt.date, list[str]]]:
    """Horizon warnings grouped by (horizon, date used): ``[(horizon, on, [series, ...])]``."""
    groups: dict[tuple[dt.date, dt.date], list[str]] = {}
    for w in stale:
        groups.setdefault((w.horizon, w.on), []).append(w.series)
    return [(h, on, names) for (h, on), names in sorted(groups.items())]


class ParameterMap(Mapping[str, ParameterValue]):
    """The parameters a result used (read-only), with the horizon warnings met on the way."""

    __slots__ = ("_data", "stale")

    def __init__(
        self, data: Mapping[str, ParameterValue], stale: tuple[StaleParameters, ...] = ()
    ) -> None:
        self._data = dict(data)
        self.stale = stale

    def __getitem__(self, key: str) -> ParameterValue:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"ParameterMap({self._data!r})"


class Params:
    """Collects the parameter values a rule reads (for ``.parameters`` and ``.citations``).

    A value read for a date past its series' ``known_good_until`` adds a
    :class:`StaleParameters` warning (kept for the result and issued through ``warnings``).
    """

    __slots__ = ("_on", "stale", "used")

    def __init__(self, on: dt.date) -> None:
        self._on = on
        self.used: dict[str, ParameterValue] = {}
        self.stale: dict[str, StaleParameters] = {}

    def __call__(self, name: str, *, region: int | None = None, on: dt.date | None = None) -> Any:
        when = on or self._on
        pv = parameters().get(name, when, region)
        key = name if region is None else f"{name}[{region}]"
        if on is not None and on != self._on:
            key = f"{key}@{when.isoformat()}"
        self.used[key] = pv
        horizon = pv.known_good_until
        if horizon is not None and when > horizon and name not in self.stale:
            self.stale[name] = StaleParameters(name, horizon, when)
        return pv.value

    def absorb(self, other: Mapping[str, ParameterValue]) -> None:
        """Take over the parameters (and horizon warnings) another result used."""
        self.used.update(other)
        for w in getattr(other, "stale", ()):
            self.stale.setdefault(w.series, w)

    def frozen(self) -> ParameterMap:
        """The parameters read so far, for a result's ``.parameters``; issues one
        :class:`StaleParameters` warning naming every series used past its horizon."""
        stale = tuple(self.stale.values())
        if stale:
            warnings.warn(
                StaleParameters(
                    ", ".join(w.series for w in stale),
                    min(w.horizon for w in stale),
                    max(w.on for w in stale),
                ),
                stacklevel=3,
            )
        return ParameterMap(self.used, stale)


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
    def warnings(self) -> tuple[StaleParameters, ...]:
        """Parameter series used past their ``known_good_until`` date (empty when none)."""
        stale: tuple[StaleParameters, ...] = getattr(self.parameters, "stale", ())
        return stale

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
        for horizon, on, series in group_stale(self.warnings):
            names = ", ".join(series)
            lines.append(
                tr(
                    lang,
                    f"Cảnh báo: dữ liệu tham số chỉ được rà soát đến {horizon:%d/%m/%Y} "
                    f"({names}); áp dụng cho ngày {on:%d/%m/%Y}, giá trị có thể đã được thay "
                    "đổi bởi văn bản mới.",
                    f"Warning: parameter data known good until {horizon.isoformat()} (last "
                    f"review) used for {on.isoformat()} ({names}); a later change may be missing.",
                )
            )
        citations = self.citations
        if citations:
            lines.append(tr(lang, "Căn cứ:", "Sources:"))
            lines.extend(f"  - {c}" for c in citations)
        return "\n".join(lines)
