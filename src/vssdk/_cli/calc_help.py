"""``vssdk calc <rule> --help``: a rule's inputs, read from its signature and docstring.

Generic: any function ``vssdk calc`` can run gets its help this way, so a new rule needs nothing
here.
"""

from __future__ import annotations

import datetime as dt
import inspect
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

__all__ = ["rule_help", "wants_help"]

_TYPE_NAMES: dict[Any, str] = {
    int: "INT",
    str: "TEXT",
    bool: "true|false",
    dt.date: "YYYY-MM-DD",
    Decimal: "NUMBER",
    float: "NUMBER",
    object: "NUMBER",
}


def wants_help(argv: list[str]) -> bool:
    return any(arg in ("-h", "--help") for arg in argv)


def _type_name(name: str, hint: Any) -> str:
    if name == "periods":
        return "MONTHS:SALARY:COEFFICIENT[,...]"
    options = [h for h in typing.get_args(hint) if h is not type(None)] or [hint]
    names = [_TYPE_NAMES.get(h, getattr(h, "__name__", str(h)).upper()) for h in options]
    return "|".join(dict.fromkeys(names))


def _default(param: inspect.Parameter) -> str:
    if param.default is inspect.Parameter.empty:
        return "required"
    if param.default is None:
        return "optional"
    value = param.default
    if isinstance(value, bool):
        value = str(value).lower()
    return f"default {value}"


def rule_help(func: Callable[..., Any]) -> str:
    """Usage, the rule's description and one line per input (type; required or default)."""
    signature = inspect.signature(func)
    try:
        hints = typing.get_type_hints(func)
    except Exception:  # an annotation that cannot be resolved: show names only
        hints = {}
    params = list(signature.parameters.values())
    required = [p for p in params if p.default is inspect.Parameter.empty]
    usage = " ".join(
        f"--{p.name.replace('_', '-')} {_type_name(p.name, hints.get(p.name, str))}"
        for p in required
    )
    lines = [f"usage: vssdk calc {func.__name__} {usage} [options] [--lang vi|en]", ""]
    doc = inspect.getdoc(func) or ""
    if doc:
        lines += [doc, ""]
    lines.append("inputs:")
    width = max((len(p.name) for p in params), default=0) + 3
    for p in params:
        flag = "--" + p.name.replace("_", "-")
        kind = _type_name(p.name, hints.get(p.name, str))
        lines.append(f"  {flag:<{width}} {kind:<12} {_default(p)}")
    lines += [
        f"  {'--lang':<{width}} {'vi|en':<12} explanation language (default vi)",
        "",
        "Money is whole đồng (20000000 or 20_000_000); dates are YYYY-MM-DD; a flag alone means",
        "true. The result is printed with its explanation and the law it cites.",
    ]
    return "\n".join(lines)
