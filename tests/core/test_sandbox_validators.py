"""The sandbox's compiled validators give jsonschema's verdict: never accept what it rejects.

Each schema of the spec is checked by a compiled validator first (jsonschema-rs) and only a value
it rejects goes to ``jsonschema`` for the errors. So the one thing that must never happen is the
compiled validator accepting a value that ``jsonschema`` rejects: the 422 would be lost. These
tests draw values valid by construction, arbitrary JSON, and near misses, over every schema.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk_sandbox.spec import SchemaValidator, spec_index

_INDEX = spec_index()
_POINTERS = sorted(_INDEX._validators)


def _agrees(validator: SchemaValidator, value: Any) -> None:
    full_errors = [e.message for e in validator.full.iter_errors(value)]
    ours = [e.message for e in validator.iter_errors(value)]
    assert ours == full_errors  # the same errors, in the same order, or none on both sides
    if full_errors:
        assert validator.fast is not None and not validator.fast.is_valid(value)


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(
        [
            "2026-06-15",
            "2026-02-30",
            "2026-06-15T09:00:00+07:00",
            "2026-06-15T09:00:00",
            "2026-06-15 09:00:00+07:00",
            "2026-06-15t09:00:00z",
            "DN4010199000001",
            "DN4010199000001\n",
            "001085000111",
            "０１２３",
            "Nguyễn Văn Bình",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "type", "value", "full_name", "birth_date", "code", "x"])
            | st.text(max_size=5),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)


def test_every_schema_compiles_both_ways() -> None:
    assert _POINTERS
    for pointer in _POINTERS:
        assert _INDEX._validators[pointer].fast is not None, pointer


@given(pointer=st.sampled_from(_POINTERS), value=_json)
def test_arbitrary_json_same_verdict(pointer: str, value: Any) -> None:
    _agrees(_INDEX._validators[pointer], value)


@given(data=st.data())
def test_near_misses_of_valid_values_same_verdict(data: st.DataObject) -> None:
    import jsonschema_rs
    from hypothesis_jsonschema import from_schema

    pointer = data.draw(st.sampled_from(_POINTERS))
    schema = jsonschema_rs.dereference({"$ref": _to_uri(pointer)}, registry=_INDEX._fast_registry)
    try:
        value = data.draw(from_schema(schema))
    except Exception:  # a schema hypothesis-jsonschema cannot generate from: arbitrary JSON
        value = data.draw(_json)
    _agrees(_INDEX._validators[pointer], value)
    if (
        isinstance(value, dict) and value
    ):  # near misses: a key dropped, a value replaced, a key added
        key = data.draw(st.sampled_from(sorted(value)))
        _agrees(_INDEX._validators[pointer], {k: v for k, v in value.items() if k != key})
        _agrees(_INDEX._validators[pointer], {**value, key: data.draw(_json)})
        _agrees(_INDEX._validators[pointer], {**value, "zz_unknown": 1})


def _to_uri(pointer: str) -> str:
    import urllib.parse

    return "urn:vssdk:spec" + urllib.parse.quote(pointer, safe="#/~$-_.!*'()")


@pytest.mark.parametrize(
    ("body", "paths"),
    [
        ({"seconds": 0, "extra": 1}, {"body", "body.seconds"}),
        ({"seconds": "x"}, {"body.seconds"}),
    ],
)
def test_422_still_names_each_field(sandbox_app: object, body: Any, paths: set[str]) -> None:
    from tests.conftest import InProcessHTTP

    http = InProcessHTTP(sandbox_app, base_url="http://sandbox.test")
    reply = http.post("/_sandbox/clock/advance", json=body)
    assert reply.status_code == 422
    assert {e["path"] for e in reply.json()["errors"]} == paths
