"""Dated, cited parameters: loading, validation and lookup by date.

The YAML files in ``vssdk/benefits/data`` are read once, on first use, validated (every value
cited, no gaps or overlaps in time, right types) and indexed for ``bisect`` lookups.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from vssdk.benefits._errors import ParameterDataError, RuleInputError

__all__ = [
    "Citation",
    "Parameter",
    "ParameterSet",
    "ParameterValue",
    "load_parameter_files",
    "parameters",
]

DATA_DIR = Path(__file__).with_name("data")
KINDS = frozenset(
    {"money", "rate", "integer", "text", "rate_map", "integer_map", "text_map", "rate_list"}
)
STATUSES = frozenset({"V", "S", "S1", "U"})
_ONE_DAY = dt.timedelta(days=1)


@attrs.frozen(slots=True)
class Citation:
    """Where a value comes from: document, article, clause, and the research status tag."""

    document: str
    article: str
    clause: str | None
    status: str

    @property
    def reference(self) -> str:
        """Document, article and clause, e.g. ``Law 41/2024/QH15, Art. 31(1)(đ)``."""
        clause = re.sub(r"^([^()]+)", r"(\1)", self.clause) if self.clause else ""
        return f"{self.document}, {self.article}{clause}"

    def __str__(self) -> str:
        return f"{self.reference} [{self.status}]"


@attrs.frozen(slots=True)
class ParameterValue:
    """One dated value of a parameter (for a regional parameter: of one region)."""

    name: str
    value: Any
    effective_from: dt.date
    effective_to: dt.date | None
    citation: Citation
    region: int | None = None
    known_good_until: dt.date | None = None
    """The series' horizon: the date to which it is known good (its last review)."""

    def __str__(self) -> str:
        end = self.effective_to.isoformat() if self.effective_to else "…"
        return (
            f"{self.name} = {self.value} ({self.effective_from.isoformat()}–{end}; {self.citation})"
        )


@attrs.frozen(slots=True)
class Parameter:
    """A parameter's metadata and its dated values (sorted, contiguous)."""

    name: str
    kind: str
    by_region: bool
    unit: str
    description: Mapping[str, str]
    rounding: str | None
    values: tuple[ParameterValue, ...]
    source: str
    known_good_until: dt.date


class ParameterSet:
    """All parameters, indexed for fast lookup by date (and region)."""

    __slots__ = ("_changes", "_index", "parameters")

    def __init__(self, params: Iterable[Parameter]) -> None:
        self.parameters: dict[str, Parameter] = {}
        self._index: dict[tuple[str, int | None], tuple[list[int], list[ParameterValue]]] = {}
        for p in params:
            if p.name in self.parameters:
                raise ParameterDataError(p.source, p.name, "parameter defined twice")
            self.parameters[p.name] = p
            regions: tuple[int | None, ...] = (1, 2, 3, 4) if p.by_region else (None,)
            for region in regions:
                values = [_for_region(v, region) for v in p.values]
                self._index[(p.name, region)] = (
                    [v.effective_from.toordinal() for v in values],
                    values,
                )
        changes: set[int] = set()
        for p in self.parameters.values():
            for v in p.values:
                changes.add(v.effective_from.toordinal())
                if v.effective_to is not None:
                    changes.add(v.effective_to.toordinal() + 1)
            changes.add(p.known_good_until.toordinal() + 1)  # past it, results carry a warning
        self._changes: list[int] = sorted(changes)

    def segment(self, on: dt.date) -> int:
        """The index of the stretch of days around ``on`` in which no parameter changes value.

        Two dates with the same segment see exactly the same parameters, so results that depend
        only on parameters can be cached per segment rather than per day. -1 before any data.
        """
        return bisect.bisect_right(self._changes, on.toordinal()) - 1

    def get(self, name: str, on: dt.date, region: int | None = None) -> ParameterValue:
        """The value of ``name`` in force on ``on``; raises RuleInputError when none is."""
        key = (name, region)
        entry = self._index.get(key)
        if entry is None:
            if name not in self.parameters:
                raise RuleInputError("name", f"unknown parameter {name!r}", value=name)
            if self.parameters[name].by_region:
                raise RuleInputError(
                    "region", f"{name} is regional: region must be 1, 2, 3 or 4", value=region
                )
            raise RuleInputError("region", f"{name} is not regional: omit region", value=region)
        starts, values = entry
        i = bisect.bisect_right(starts, on.toordinal()) - 1
        if i < 0:
            first = values[0].effective_from
            raise RuleInputError(
                "on",
                f"{name}: no value before {first.isoformat()} in the parameter data "
                f"(asked for {on.isoformat()})",
                value=on,
            )
        pv = values[i]
        if pv.effective_to is not None and on > pv.effective_to:  # pragma: no cover - validated
            raise RuleInputError("on", f"{name}: no value on {on.isoformat()}", value=on)
        return pv


def _for_region(v: ParameterValue, region: int | None) -> ParameterValue:
    if region is None:
        return v
    return attrs.evolve(v, value=v.value[region], region=region)


# --- loading and validation ---------------------------------------------------------------------


def _fail(source: str, name: str, reason: str) -> ParameterDataError:
    return ParameterDataError(source, name, reason)


def _convert(source: str, name: str, kind: str, raw: Any) -> Any:
    """Check a raw YAML value against ``kind`` and convert it (rates to Decimal)."""
    if kind in ("money", "integer"):
        if type(raw) is not int:
            raise _fail(source, name, f"{kind} value must be an integer, got {raw!r}")
        if raw < 0:
            raise _fail(source, name, f"{kind} value must not be negative, got {raw!r}")
        return raw
    if kind == "rate":
        return _rate(source, name, raw)
    if kind == "text":
        if not isinstance(raw, str):
            raise _fail(source, name, f"text value must be a string, got {raw!r}")
        return raw
    if kind == "rate_list":
        if not isinstance(raw, list) or not raw:
            raise _fail(source, name, "rate_list value must be a non-empty list")
        return tuple(_rate(source, name, r) for r in raw)
    if not isinstance(raw, dict):
        raise _fail(source, name, f"{kind} value must be a mapping, got {raw!r}")
    inner = {"rate_map": "rate", "integer_map": "integer", "text_map": "text"}[kind]
    return {str(k): _convert(source, name, inner, v) for k, v in raw.items()}


def _rate(source: str, name: str, raw: Any) -> Decimal:
    if not isinstance(raw, str):
        raise _fail(source, name, f"rates must be quoted decimal strings (no floats), got {raw!r}")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise _fail(source, name, f"not a decimal number: {raw!r}") from None
    if not value.is_finite() or value < 0:
        raise _fail(source, name, f"rate must be finite and not negative: {raw!r}")
    return value


def _citation(source: str, name: str, raw: Any) -> Citation:
    if not isinstance(raw, dict):
        raise _fail(
            source, name, "every value needs a citation {document, article, clause, status}"
        )
    document, article = raw.get("document"), raw.get("article")
    if not isinstance(document, str) or not document.strip():
        raise _fail(source, name, "citation is missing its document")
    if not isinstance(article, str) or not article.strip():
        raise _fail(source, name, "citation is missing its article")
    clause = raw.get("clause")
    if clause is not None and not isinstance(clause, str):
        raise _fail(source, name, f"citation clause must be a string or null, got {clause!r}")
    status = raw.get("status")
    if status not in STATUSES:
        raise _fail(
            source, name, f"citation status must be one of {sorted(STATUSES)}, got {status!r}"
        )
    return Citation(document.strip(), article.strip(), clause, status)


def _date(source: str, name: str, field: str, raw: Any, *, nullable: bool) -> dt.date | None:
    if raw is None and nullable:
        return None
    if type(raw) is not dt.date:
        raise _fail(source, name, f"{field} must be a date (YYYY-MM-DD), got {raw!r}")
    return raw


def _parameter(source: str, raw: Any, default_horizon: Any = None) -> Parameter:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise _fail(source, "?", "each parameter needs a name")
    name: str = raw["name"]
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(source, name, f"kind must be one of {sorted(KINDS)}, got {kind!r}")
    by_region = bool(raw.get("by_region", False))
    raw_values = raw.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        raise _fail(source, name, "values must be a non-empty list")
    values: list[ParameterValue] = []
    for item in raw_values:
        if not isinstance(item, dict):
            raise _fail(source, name, f"each value must be a mapping, got {item!r}")
        start = _date(source, name, "effective_from", item.get("effective_from"), nullable=False)
        assert start is not None
        if "effective_to" not in item:
            raise _fail(source, name, f"value from {start} has no effective_to (use null if open)")
        end = _date(source, name, "effective_to", item["effective_to"], nullable=True)
        if end is not None and end < start:
            raise _fail(source, name, f"effective_to {end} is before effective_from {start}")
        if "value" not in item:
            raise _fail(source, name, f"value from {start} has no value")
        value = item["value"]
        if by_region:
            if not isinstance(value, dict) or sorted(value) != [1, 2, 3, 4]:
                raise _fail(source, name, f"regional value from {start} needs regions 1, 2, 3, 4")
            converted: Any = {r: _convert(source, name, kind, value[r]) for r in (1, 2, 3, 4)}
        else:
            converted = _convert(source, name, kind, value)
        values.append(
            ParameterValue(
                name, converted, start, end, _citation(source, name, item.get("citation"))
            )
        )
    _check_timeline(source, name, values)
    horizon = _date(
        source,
        name,
        "known_good_until",
        raw.get("known_good_until", default_horizon),
        nullable=False,
    )
    assert horizon is not None
    values = [attrs.evolve(v, known_good_until=horizon) for v in values]
    description = raw.get("description") or {}
    return Parameter(
        name=name,
        kind=kind,
        by_region=by_region,
        unit=str(raw.get("unit", "")),
        description={str(k): str(v) for k, v in description.items()},
        rounding=raw.get("rounding"),
        values=tuple(values),
        source=source,
        known_good_until=horizon,
    )


def _check_timeline(source: str, name: str, values: list[ParameterValue]) -> None:
    """Values must be in date order with no gap and no overlap; only the last may be open."""
    for prev, cur in itertools.pairwise(values):
        if prev.effective_to is None:
            raise _fail(
                source, name, f"value from {prev.effective_from} is open but is not the last"
            )
        expected = prev.effective_to + _ONE_DAY
        if cur.effective_from < expected:
            raise _fail(
                source,
                name,
                f"overlap: value from {cur.effective_from} starts before the previous value ends "
                f"({prev.effective_to})",
            )
        if cur.effective_from > expected:
            raise _fail(
                source,
                name,
                f"gap: nothing in force from {expected} to {cur.effective_from - _ONE_DAY}",
            )


def load_parameter_files(paths: Iterable[Path]) -> ParameterSet:
    """Load and validate parameter files; raises ParameterDataError on the first problem."""
    import yaml  # deferred: only needed the first time parameters are used

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    params: list[Parameter] = []
    for path in paths:
        with path.open("rb") as fh:
            doc = yaml.load(fh, Loader=loader)  # noqa: S506 - a SafeLoader
        if not isinstance(doc, dict) or not isinstance(doc.get("parameters"), list):
            raise _fail(path.name, "?", "file must have a top-level 'parameters' list")
        horizon = doc.get("known_good_until")
        params.extend(_parameter(path.name, raw, horizon) for raw in doc["parameters"])
    return ParameterSet(params)


_LOADED: ParameterSet | None = None


def parameters() -> ParameterSet:
    """The package's parameters, loaded and validated once."""
    global _LOADED
    if _LOADED is None:
        _LOADED = load_parameter_files(sorted(DATA_DIR.glob("*.yaml")))
    return _LOADED
