"""Differential check of the fast and general decode paths in ``vssdk._core.model``.

For every model that takes the fast path, generate replies (valid ones, then with an unknown
key, a wrong type, a naive timestamp, a missing field or a nested change) and assert that
``decode_json`` (fast path first) and the general path (parse, convert, walk) give the same
object, the same ``unknown_fields``, the same error message and the same warnings.

Run: ``python benchmarks/check_decode_paths.py`` (a few minutes). Not part of ``make bench``;
a candidate for ``tests/core`` with fewer examples.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime as dt
import importlib
import json
import sys
import types
import typing
import warnings
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vssdk._core.model import (
    Model,
    _fast_decoders,
    decode_json,
    decode_value,
    encode_json,
    parse_json,
    unknown_fields,
)
from vssdk.errors import ResponseValidationError

AREAS = (
    "cards",
    "lookups",
    "claims",
    "citizen",
    "declarations",
    "procedures",
    "identity",
    "webhooks",
    "sandbox",
    "gateway",
)
JSONISH = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=4), st.booleans())
VN = dt.timezone(dt.timedelta(hours=7))


def _models() -> list[type[Model]]:
    found: list[type[Model]] = []
    for area in AREAS:
        try:
            module = importlib.import_module(f"vssdk.{area}.models")
        except ImportError:
            continue
        found += [
            o
            for o in vars(module).values()
            if isinstance(o, type)
            and issubclass(o, Model)
            and o is not Model
            and o.__module__ == module.__name__
        ]
    return found


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    if hint is Any:
        return JSONISH
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return _strategy(args[0])
    if origin in (dict, cabc.Mapping):
        return st.dictionaries(st.text(max_size=3), _strategy(args[1]), max_size=2)
    if origin in (set, frozenset):
        return st.lists(_strategy(args[0]), max_size=2).map(origin)
    if origin in (list, cabc.Sequence):
        return st.lists(_strategy(args[0]), max_size=2)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(_strategy(args[0]), max_size=2).map(tuple)
        return st.tuples(*[_strategy(a) for a in args])
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*[_strategy(a) for a in args])
    return st.from_type(hint)


def _builds(cls: type[Model]) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    kwargs = {
        f.alias: _strategy(hints[f.name])
        for f in attrs.fields(cls)
        if f.name != "_unknown" and f.init
    }
    return st.builds(cls, **kwargs)


def _outcome(decode: Any, body: bytes, tp: Any) -> tuple[Any, ...]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            obj = decode(body, tp)
        except ResponseValidationError as exc:
            return ("error", str(exc), [str(w.message) for w in caught])
    extra = dict(unknown_fields(obj)) if isinstance(obj, Model) else None
    # Compared by repr and JSON, not ==: Decimal('NaN') is never equal to itself.
    shown = (type(obj), repr(obj), encode_json(obj))
    return ("ok", shown, extra, [str(w.message) for w in caught])


def _general(body: bytes, tp: Any) -> Any:
    return decode_value(parse_json(body), tp, body=body)


def _mutate(data: Any, draw: Any) -> Any:
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        choice = draw(st.integers(0, 4))
        if choice == 0:
            data["zz_unknown"] = 1
        elif choice == 1:
            data[key] = "x"
        elif choice == 2:
            data[key] = "2026-01-01T00:00:00"  # a timestamp without an offset
        elif choice == 3:
            data[key] = _mutate(data[key], draw)
        else:
            del data[key]
    elif isinstance(data, list) and data:
        i = draw(st.integers(0, len(data) - 1))
        data[i] = _mutate(data[i], draw)
    return data


KINDS: dict[str, int] = {"clean": 0, "unknown fields": 0, "error": 0}


def _check(cls: type[Model]) -> int:
    count = 0

    @settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        nonlocal count
        raw = json.loads(encode_json(data.draw(st.from_type(cls))))
        if data.draw(st.booleans()):
            raw = _mutate(raw, data.draw)
        body = json.dumps(raw).encode()
        outcome = _outcome(decode_json, body, cls)
        assert outcome == _outcome(_general, body, cls), body
        kind = "error" if outcome[0] == "error" else "unknown fields" if outcome[2] else "clean"
        KINDS[kind] += 1
        count += 1

    check()
    return count


def main() -> int:
    models = _models()
    for cls in models:
        st.register_type_strategy(cls, lambda _t, cls=cls: _builds(cls))
    st.register_type_strategy(dt.datetime, st.datetimes(timezones=st.just(VN)))
    fast = [cls for cls in models if _fast_decoders(cls) is not None]
    cases = 0
    for cls in fast:
        cases += _check(cls)
    print(f"{len(fast)} of {len(models)} models take the fast path; {cases} replies agreed")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in KINDS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
