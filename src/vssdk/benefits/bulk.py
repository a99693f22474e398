"""Columnar (bulk) contributions: whole payrolls at once, exactly the scalar rules, int64 đồng.

:func:`compulsory_contributions` takes a pyarrow Table, a pandas DataFrame or a polars DataFrame
(or a mapping of column name → array) and returns the same kind of table with result columns
added. :func:`compulsory_contribution_arrays` is the numpy core: arrays in, a dict of arrays out.

Row by row the results equal :func:`vssdk.benefits.compulsory_contribution` (a property test
checks it): the law is written once. The floors, ceilings and rates come from the scalar
engine's own context for each *date range* in which no parameter changes (never per row), and
the amounts from the same ``contribution_formula``, evaluated on int64 columns; every rate is an
exact integer ratio with half-up rounding, so no float ever touches money.

Requires numpy (the ``bulk`` extra); pyarrow, pandas and polars only when you pass their tables.
"""

from __future__ import annotations

import datetime as dt
import functools
import warnings
from collections.abc import Mapping
from typing import Any

from vssdk._extras import missing_extra

try:
    import numpy as np
    import numpy.typing as npt
except ImportError as exc:  # a base install: say which extra brings numpy
    raise missing_extra("vssdk.benefits.bulk", "bulk", exc) from exc

from vssdk.benefits._common import EARLIEST
from vssdk.benefits._contributions import _build_context as _context
from vssdk.benefits._contributions import contribution_formula
from vssdk.benefits._errors import RuleInputError, StaleParameters
from vssdk.benefits._lookups import lookup_parameter

__all__ = [
    "AMOUNT_COLUMNS",
    "RESULT_COLUMNS",
    "compulsory_contribution_arrays",
    "compulsory_contributions",
]

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# One column per (side, fund) amount, in the scalar engine's order.
AMOUNT_COLUMNS = (
    "employee_retirement_survivorship",
    "employee_health",
    "employee_unemployment",
    "employer_sickness_maternity",
    "employer_retirement_survivorship",
    "employer_occupational_accident",
    "employer_health",
    "employer_unemployment",
)
RESULT_COLUMNS = (
    "subject",
    "contribution_base",
    "ui_base",
    "employee",
    "employer",
    "total",
    *AMOUNT_COLUMNS,
)
_RATE_KEYS = (
    "rate.employee.retirement_survivorship",
    "rate.employee.health",
    "rate.employee.unemployment",
    "rate.employer.sickness_maternity",
    "rate.employer.retirement_survivorship",
    "rate.employer.occupational_accident",
    "rate.employer.health",
    "rate.employer.unemployment",
)
_PLAIN = (
    "base_salary",
    "si_floor_basis",
    "ceiling_multiple.si_hi",
    "ceiling_multiple.ui",
    "ui_ceiling_basis",
    *_RATE_KEYS,
    "rate.employer.occupational_accident_reduced",
    "rate.employer.occupational_accident_state_payroll",
    "rate.employer.unemployment_relief",
)
_RULE = "compulsory contributions (bulk)"
_EPOCH = dt.date(1970, 1, 1).toordinal()


# --- date ranges -------------------------------------------------------------------------------


@functools.cache
def _segment_starts() -> tuple[int, ...]:
    """Days (since 1970-01-01) on which any parameter used here changes, from EARLIEST on."""
    starts = {EARLIEST}
    names: list[tuple[str, int | None]] = [(n, None) for n in _PLAIN]
    names += [("regional_minimum_wage", r) for r in (1, 2, 3, 4)]
    for name, region in names:
        on = EARLIEST
        while True:
            pv = lookup_parameter(name, on, region=region)
            if pv.effective_to is None:
                break
            on = pv.effective_to + dt.timedelta(days=1)
            starts.add(on)
    return tuple(sorted(d.toordinal() - _EPOCH for d in starts))


@functools.cache
def _horizon() -> tuple[dt.date, str]:
    """The earliest ``known_good_until`` of the parameters used, and the series that have it."""
    names: list[tuple[str, int | None]] = [(n, None) for n in _PLAIN]
    names.append(("regional_minimum_wage", 1))
    horizons = {n: lookup_parameter(n, EARLIEST, region=r).known_good_until for n, r in names}
    first = min(h for h in horizons.values() if h is not None)
    return first, ", ".join(n for n, h in horizons.items() if h == first)


@functools.cache
def _segment_table(start_day: int) -> tuple[np.ndarray[Any, Any], ...]:
    """Per segment: arrays indexed by [region-1, state, reduced, relief] of every quantity.

    Returns (floor, si_ceiling, ui_ceiling, num[8], den[8]) with the flag axes expanded. Each
    cell is the scalar engine's own context for that date, region and flags, so the rules that
    pick floors, ceilings and rates are written once (in ``_contributions``).
    """
    on = dt.date.fromordinal(start_day + _EPOCH)
    shape = (4, 2, 2, 2)
    floor = np.zeros(shape, np.int64)
    si_cap = np.zeros(shape, np.int64)
    ui_cap = np.zeros(shape, np.int64)
    num = np.zeros((8, *shape), np.int64)
    den = np.ones((8, *shape), np.int64)
    with warnings.catch_warnings():  # the bulk call warns once, for its rows
        warnings.simplefilter("ignore", StaleParameters)
        for r in range(4):
            for state in (0, 1):
                for reduced in (0, 1):
                    for relief in (0, 1):
                        ctx = _context(on, r + 1, bool(reduced), bool(state), bool(relief))
                        cell = (r, state, reduced, relief)
                        floor[cell] = ctx.floor
                        si_cap[cell] = ctx.si_ceiling
                        ui_cap[cell] = ctx.ui_ceiling
                        for k, (a, b) in enumerate(ctx.ratios):
                            num[(k, *cell)] = a
                            den[(k, *cell)] = b
    return floor, si_cap, ui_cap, num, den


# --- input columns -----------------------------------------------------------------------------


class _NullColumn(Exception):
    """A column with missing values (reported by :func:`_column` with the column's name)."""


def _to_numpy(column: Any) -> np.ndarray[Any, Any]:
    if hasattr(column, "to_numpy") and not isinstance(column, np.ndarray):
        module = type(column).__module__
        if module.startswith("pyarrow"):
            if column.null_count:
                raise _NullColumn
            return np.asarray(column.to_numpy(zero_copy_only=False))
        if module.startswith("pandas") and bool(column.isna().any()):
            raise _NullColumn
        if module.startswith("polars") and column.null_count():
            raise _NullColumn
        return np.asarray(column.to_numpy())
    return np.asarray(column)


def _column(name: str, column: Any) -> np.ndarray[Any, Any]:
    try:
        return _to_numpy(column)
    except _NullColumn:
        raise RuleInputError(name, f"{_RULE}: column {name!r} has missing values") from None


def _first_bad(mask: Bools) -> int:
    return int(np.flatnonzero(mask)[0])


def _ints(name: str, column: Any, n: int) -> I64:
    arr = _column(name, column)
    if arr.ndim == 0:
        arr = np.full(n, arr)
    if arr.dtype.kind == "O":
        if not all(type(v) is int for v in arr):
            bad = next(i for i, v in enumerate(arr) if type(v) is not int)
            raise RuleInputError(
                name, f"{_RULE}: {name} must be ints, row {bad} is {arr[bad]!r}", value=arr[bad]
            )
        try:
            return arr.astype(np.int64)
        except OverflowError:
            raise RuleInputError(name, f"{_RULE}: {name} does not fit in int64") from None
    if arr.dtype.kind not in "iu":
        raise RuleInputError(
            name, f"{_RULE}: {name} must be an integer column (no floats), got {arr.dtype}"
        )
    if arr.dtype.kind == "u" and arr.dtype.itemsize == 8 and arr.size and arr.max() > 2**63 - 1:
        raise RuleInputError(name, f"{_RULE}: {name} does not fit in int64")
    return arr.astype(np.int64, copy=False)


def _flags(name: str, column: Any, n: int) -> Bools:
    arr = _column(name, column)
    if arr.ndim == 0:
        arr = np.full(n, arr)
    if arr.dtype.kind != "b":
        raise RuleInputError(name, f"{_RULE}: {name} must be booleans, got {arr.dtype}")
    return arr


def _days(name: str, column: Any, n: int) -> I64:
    arr = _column(name, column)
    if arr.ndim == 0:
        arr = np.full(n, arr)
    if arr.dtype.kind == "O" and any(isinstance(v, dt.datetime) for v in arr[:1]):
        raise RuleInputError(name, f"{_RULE}: {name} must hold dates, not datetimes")
    try:
        days = arr.astype("datetime64[D]")
    except (TypeError, ValueError):
        raise RuleInputError(name, f"{_RULE}: {name} must hold dates (got {arr.dtype})") from None
    if arr.dtype.kind == "M" and (days != arr).any():
        raise RuleInputError(name, f"{_RULE}: {name} must hold dates, not times of day")
    if np.isnat(days).any():
        raise RuleInputError(name, f"{_RULE}: column {name!r} has missing values")
    return days.astype(np.int64)


# --- the rules, vectorised ---------------------------------------------------------------------


def compulsory_contribution_arrays(
    monthly_salary: Any,
    on: Any,
    region: Any,
    *,
    occupational_reduced: Any = False,
    unpaid_working_days: Any = 0,
    part_time: Any = False,
    state_payroll: Any = False,
    ui_relief: Any = True,
) -> dict[str, np.ndarray[Any, Any]]:
    """Vectorised :func:`~vssdk.benefits.compulsory_contribution` over equal-length columns.

    Each argument is a column (numpy, pyarrow, pandas or polars) or a scalar for every row.
    Returns :data:`RESULT_COLUMNS`: ``subject`` (bool) and int64 đồng amounts. Raises
    RuleInputError naming the column (and the first bad row) for the inputs the scalar rule
    rejects: a salary below the legal floor (unless part-time), a region outside 1–4, a date
    before 2016-01-01, non-integer money, missing values.
    """
    salary = _ints("monthly_salary", monthly_salary, 0)
    n = salary.shape[0]
    if salary.ndim != 1:
        raise RuleInputError("monthly_salary", f"{_RULE}: monthly_salary must be one column")
    if n and salary.min() < 0:
        i = _first_bad(salary < 0)
        raise RuleInputError(
            "monthly_salary",
            f"{_RULE}: monthly_salary must not be negative, row {i} is {salary[i]}",
            value=int(salary[i]),
        )
    days = _days("on", on, n)
    regions = _ints("region", region, n)
    unpaid = _ints("unpaid_working_days", unpaid_working_days, n)
    reduced = _flags("occupational_reduced", occupational_reduced, n)
    part = _flags("part_time", part_time, n)
    state = _flags("state_payroll", state_payroll, n)
    relief = _flags("ui_relief", ui_relief, n)
    for name, arr in (
        ("on", days),
        ("region", regions),
        ("unpaid_working_days", unpaid),
        ("occupational_reduced", reduced),
        ("part_time", part),
        ("state_payroll", state),
        ("ui_relief", relief),
    ):
        if arr.shape != (n,):
            raise RuleInputError(name, f"{_RULE}: {name} has {arr.shape[0]} rows, expected {n}")
    if n == 0:
        return _empty()
    _check_range("region", regions, 1, 4)
    _check_range("unpaid_working_days", unpaid, 0, 31)
    earliest = EARLIEST.toordinal() - _EPOCH
    if days.min() < earliest:
        i = _first_bad(days < earliest)
        raise RuleInputError(
            "on",
            f"{_RULE}: the rules cover dates from {EARLIEST.isoformat()}, row {i} is "
            f"{dt.date.fromordinal(int(days[i]) + _EPOCH).isoformat()}",
        )

    horizon, series = _horizon()
    last = int(days.max())
    if last > horizon.toordinal() - _EPOCH:
        warnings.warn(
            StaleParameters(series, horizon, dt.date.fromordinal(last + _EPOCH)), stacklevel=2
        )

    starts = np.asarray(_segment_starts(), np.int64)
    seg = np.searchsorted(starts, days, side="right") - 1
    present = np.flatnonzero(np.bincount(seg, minlength=starts.shape[0]))
    tables = [_segment_table(int(starts[s])) for s in present]
    # Stack the tables of the segments present and index them per row in one gather each.
    floor_t, si_t, ui_t, num_t, den_t = (np.stack(parts) for parts in zip(*tables, strict=True))
    local = np.zeros(starts.shape[0], np.int64)
    local[present] = np.arange(present.shape[0])
    idx = ((((local[seg] * 4 + (regions - 1)) * 2 + state) * 2 + reduced) * 2 + relief).astype(
        np.intp
    )
    floor = floor_t.reshape(-1)[idx]
    below = salary < floor
    if below.any():
        bad = below & ~part
        if bad.any():
            i = _first_bad(bad)
            raise RuleInputError(
                "monthly_salary",
                f"{_RULE}: row {i}: salary {int(salary[i]):,} is below the lowest SI base "
                f"{int(floor[i]):,} on {dt.date.fromordinal(int(days[i]) + _EPOCH).isoformat()}",
                value=int(salary[i]),
            )
    m = num_t.shape[0]
    flat_num = num_t.transpose(1, 0, 2, 3, 4, 5).reshape(8, m * 32)
    flat_den = den_t.transpose(1, 0, 2, 3, 4, 5).reshape(8, m * 32)
    ratios = []
    for nums, dens in zip(flat_num, flat_den, strict=True):
        if (nums == nums[0]).all() and (dens == dens[0]).all():
            ratios.append((nums[0], dens[0]))  # the same rate everywhere: no per-row gather
        else:
            ratios.append((nums[idx], dens[idx]))
    si_base, ui_base, amounts = contribution_formula(
        salary, si_t.reshape(-1)[idx], ui_t.reshape(-1)[idx], ratios, np.minimum
    )
    pays = ~below & (unpaid < 14)
    zero = np.int64(0)
    everyone_pays = bool(pays.all())
    out: dict[str, np.ndarray[Any, Any]] = {}
    employee = np.zeros(n, np.int64)
    employer = np.zeros(n, np.int64)
    for k, (name, amount) in enumerate(zip(AMOUNT_COLUMNS, amounts, strict=True)):
        if not everyone_pays:
            amount = np.where(pays, amount, zero)
        out[name] = amount
        if k < 3:
            employee += amount
        else:
            employer += amount
    subject = ~(below & part)
    result: dict[str, np.ndarray[Any, Any]] = {
        "subject": subject,
        "contribution_base": np.where(subject, si_base, zero),
        "ui_base": np.where(subject, ui_base, zero),
        "employee": employee,
        "employer": employer,
        "total": employee + employer,
    }
    result.update(out)
    return result


def _check_range(name: str, arr: I64, low: int, high: int) -> None:
    if arr.min() < low or arr.max() > high:
        i = _first_bad((arr < low) | (arr > high))
        raise RuleInputError(
            name,
            f"{_RULE}: {name} must be between {low} and {high}, row {i} is {int(arr[i])}",
            value=int(arr[i]),
        )


def _empty() -> dict[str, np.ndarray[Any, Any]]:
    out: dict[str, np.ndarray[Any, Any]] = {"subject": np.zeros(0, np.bool_)}
    out.update({c: np.zeros(0, np.int64) for c in RESULT_COLUMNS[1:]})
    return out


# --- tables in, tables out ---------------------------------------------------------------------

_OPTIONAL = (
    "occupational_reduced",
    "unpaid_working_days",
    "part_time",
    "state_payroll",
    "ui_relief",
)


def compulsory_contributions(
    table: Any,
    *,
    salary: str = "monthly_salary",
    on: str = "on",
    region: str = "region",
    columns: Mapping[str, str] | None = None,
    defaults: Mapping[str, Any] | None = None,
) -> Any:
    """Contributions for every row of ``table``; returns the same kind of table with
    :data:`RESULT_COLUMNS` appended (a dict of numpy arrays for a mapping input).

    ``salary``, ``on`` and ``region`` name the input columns. The optional inputs
    (``occupational_reduced``, ``unpaid_working_days``, ``part_time``, ``state_payroll``,
    ``ui_relief``) are read from columns of those names when present, from ``columns``
    (input name → column name) when given, else from ``defaults`` (else the scalar defaults).
    """
    names = {"monthly_salary": salary, "on": on, "region": region, **(columns or {})}
    available = set(_column_names(table))
    for arg, col in names.items():
        if col not in available:
            raise RuleInputError(arg, f"{_RULE}: the table has no column {col!r}")
    optional: dict[str, Any] = dict(defaults or {})
    unknown = set(optional) - set(_OPTIONAL)
    if unknown:
        raise RuleInputError("defaults", f"{_RULE}: unknown inputs {sorted(unknown)}")
    for arg in _OPTIONAL:
        source = names.get(arg, arg if arg in available else None)
        if source is not None:
            optional[arg] = _get(table, source)
    result = compulsory_contribution_arrays(
        _get(table, names["monthly_salary"]),
        _get(table, names["on"]),
        _get(table, names["region"]),
        **optional,
    )
    return _attach(table, result)


def _column_names(table: Any) -> list[str]:
    if isinstance(table, Mapping):
        return [str(k) for k in table]
    names = getattr(table, "column_names", None)  # pyarrow
    if names is None:
        names = getattr(table, "columns", None)  # pandas, polars
    if names is None:
        raise RuleInputError(
            "table", f"{_RULE}: expected a pyarrow Table, pandas/polars DataFrame or a mapping"
        )
    return [str(c) for c in names]


def _get(table: Any, name: str) -> Any:
    if isinstance(table, Mapping):
        return table[name]
    if type(table).__module__.startswith("pyarrow"):
        return table.column(name)
    return table[name]


def _attach(table: Any, result: dict[str, np.ndarray[Any, Any]]) -> Any:
    module = type(table).__module__
    if isinstance(table, Mapping):
        return result
    if module.startswith("pyarrow"):
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        out = table
        for name, values in result.items():
            out = out.append_column(name, pa.array(values))
        return out
    if module.startswith("pandas"):
        return table.assign(**result)
    if module.startswith("polars"):
        import polars as pl  # type: ignore[import-not-found,unused-ignore]

        return table.with_columns([pl.Series(k, v) for k, v in result.items()])
    return result  # pragma: no cover - _column_names rejects other inputs
