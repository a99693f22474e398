"""``vssdk calc <function> --arg value ...``: run a benefits rule and print its explanation.

Examples::

    vssdk calc compulsory_contribution --monthly-salary 20000000 --on 2026-03-01 --region 1
    vssdk calc pension --sex female --contribution-months 336 --average-monthly-salary 12000000 \
        --on 2026-03-01 --lang en
    vssdk calc average_monthly_salary --periods 12:8000000:1.20,12:9000000:1.16

Arguments are the function's keyword arguments with ``-`` for ``_``; booleans are flags
(``--part-time``) or take ``true``/``false``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import sys
import typing
import warnings
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from vssdk._cli.calc_file import add_file_arguments, run_file
from vssdk._cli.calc_help import rule_help, wants_help

FUNCTIONS = (
    "compulsory_contribution",
    "voluntary_si_contribution",
    "household_hi_contribution",
    "average_monthly_salary",
    "cpi_adjusted_average_salary",
    "one_time_si",
    "pension",
    "retirement_age",
    "unemployment_benefit",
    "maternity_benefit",
    "paternity_benefit",
    "sickness_benefit",
    "funeral_allowance",
    "survivor_lump_sum",
    "survivor_monthly_allowance",
    "occupational_injury_benefit",
    "occupational_death_benefit",
    "convalescence_benefit",
    "social_pension_allowance",
    "monthly_allowance_without_pension",
    "voluntary_maternity_benefit",
    "pension_indexed",
    "hi_benefit",
)


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "calc",
        help="compute a contribution or benefit and explain it",
        description="Run a vssdk.benefits rule, e.g. `vssdk calc compulsory_contribution "
        "--monthly-salary 20000000 --on 2026-03-01 --region 1`.",
    )
    parser.add_argument(
        "function",
        nargs="?",
        choices=FUNCTIONS,
        metavar="RULE",
        help="the rule to run (omit with --file); `vssdk calc RULE --help` lists its inputs. "
        "Rules: " + ", ".join(FUNCTIONS),
    )
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="explanation language")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="--name value pairs")
    add_file_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vssdk import benefits

    if args.file is not None:
        return run_file(args)
    if args.function is None:
        print("vssdk calc: name a function, or give --file PAYROLL.csv", file=sys.stderr)
        return 2

    func: Callable[..., Any] = getattr(benefits, args.function)
    if wants_help(list(args.args)):
        print(rule_help(func))
        return 0
    rest, lang = _pop_lang(list(args.args), args.lang)
    try:
        kwargs = parse_arguments(func, rest)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", benefits.StaleParameters)  # printed below
            result = func(**kwargs)
    except benefits.RuleInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except _UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_result(result, lang))
    from vssdk.benefits._common import group_stale

    for horizon, on, series in group_stale(getattr(result, "warnings", ())):
        print(
            f"warning: StaleParameters: known good until {horizon.isoformat()}, used for "
            f"{on.isoformat()}: {', '.join(series)}",
            file=sys.stderr,
        )
    return 0


def _pop_lang(argv: list[str], default: str) -> tuple[list[str], str]:
    """``--lang`` may also follow the function's arguments."""
    lang = default
    out: list[str] = []
    i = 0
    while i < len(argv):
        if argv[i] == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
            i += 2
            continue
        if argv[i].startswith("--lang="):
            lang = argv[i].partition("=")[2]
        else:
            out.append(argv[i])
        i += 1
    if lang not in ("vi", "en"):
        raise SystemExit(f"error: --lang must be vi or en, got {lang!r}")
    return out, lang


class _UsageError(Exception):
    pass


def parse_arguments(func: Callable[..., Any], argv: Sequence[str]) -> dict[str, Any]:
    """Turn ``--name value`` pairs into keyword arguments typed from ``func``'s annotations."""
    signature = inspect.signature(func)
    hints = typing.get_type_hints(func)
    kwargs: dict[str, Any] = {}
    items = list(argv)
    i = 0
    while i < len(items):
        token = items[i]
        if not token.startswith("--"):
            raise _UsageError(f"expected --name value, got {token!r}")
        name, _, value = token[2:].partition("=")
        name = name.replace("-", "_")
        if name not in signature.parameters:
            known = ", ".join("--" + p.replace("_", "-") for p in signature.parameters)
            raise _UsageError(f"{func.__name__} has no argument --{name}; known: {known}")
        hint = hints.get(name, str)
        is_bool = hint is bool
        if not value and not (is_bool and (i + 1 >= len(items) or items[i + 1].startswith("--"))):
            if i + 1 >= len(items):
                raise _UsageError(f"--{name} needs a value")
            i += 1
            value = items[i]
        kwargs[name] = _convert(name, hint, value or "true")
        i += 1
    missing = [
        p.name
        for p in signature.parameters.values()
        if p.default is inspect.Parameter.empty and p.name not in kwargs
    ]
    if missing:
        raise _UsageError("missing " + ", ".join("--" + m.replace("_", "-") for m in missing))
    return kwargs


def _convert(name: str, hint: Any, text: str) -> Any:
    if name == "periods":
        return _periods(text)
    options = set(typing.get_args(hint)) or {hint}
    options.discard(type(None))
    if text.lower() == "none" and type(None) in typing.get_args(hint):
        return None
    if bool in options:
        if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise _UsageError(f"--{name} takes true or false, got {text!r}")
        return text.lower() in ("true", "1", "yes")
    if dt.date in options:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise _UsageError(f"--{name} takes a date YYYY-MM-DD, got {text!r}") from None
    if options <= {str}:
        return text
    return _number(name, text, allow_decimal=int not in options or Decimal in options)


def _number(name: str, text: str, *, allow_decimal: bool = True) -> int | Decimal:
    cleaned = text.replace("_", "").replace(",", "")
    if cleaned.lstrip("-").isdigit():
        return int(cleaned)
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise _UsageError(f"--{name} takes a number, got {text!r}") from None
    if not allow_decimal and value != value.to_integral_value():
        raise _UsageError(f"--{name} takes a whole number, got {text!r}")
    return value


def _periods(text: str) -> list[tuple[int | Decimal, int | Decimal, int | Decimal]]:
    periods = []
    for chunk in text.split(","):
        parts = chunk.split(":")
        if len(parts) != 3:
            raise _UsageError("--periods takes months:salary:coefficient[,...]")
        periods.append(
            (
                _number("periods", parts[0]),
                _number("periods", parts[1]),
                _number("periods", parts[2]),
            )
        )
    return periods


def format_result(result: Any, lang: str) -> str:
    """The explanation followed by the result's public attributes."""
    import attrs

    lines = [result.explain(lang), ""]
    for field in attrs.fields(type(result)):
        if field.name.startswith("_") or field.name == "parameters":
            continue
        lines.append(f"{field.name}: {getattr(result, field.name)}")

    by_fund = getattr(result, "by_fund", None)
    if by_fund is not None:
        for fund, share in by_fund.items():
            lines.append(f"by_fund[{fund}]: employee {share.employee}, employer {share.employer}")
    return "\n".join(lines)
