"""Property tests between the spec's schemas and the SDK's models.

For every schema with a model of the same name: documents generated from the schema
(hypothesis-jsonschema) decode into the model, and the model encodes back to a document that is
valid against the schema and decodes to an equal model. Request bodies built by the SDK are
checked the same way through the operations' declared request models.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator, FormatChecker

from tests.contract._support import model_classes, spec, spec_operations
from vssdk._core.model import decode_value, to_builtins
from vssdk.contract import all_operations


def _inline(node: Any, components: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """Resolve local $refs inline and close objects, so generated documents carry no extras."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name in seen:
                raise ValueError(f"recursive schema {name}")
            return _inline(components[name], components, (*seen, name))
        out = {k: _inline(v, components, seen) for k, v in node.items() if not k.startswith("x-")}
        out.pop("example", None)
        out.pop("examples", None)
        if out.get("type") == "object" and "properties" in out:
            out.setdefault("additionalProperties", False)
        if out.get("type") == "array":  # small arrays: the property is about shape, not size
            out["maxItems"] = max(out.get("minItems", 0), min(out.get("maxItems", 2), 2))
        return out
    if isinstance(node, list):
        return [_inline(v, components, seen) for v in node]
    return node


def _schema(name: str) -> dict[str, Any]:
    components = spec()["components"]["schemas"]
    return _inline(copy.deepcopy(components[name]), components)


def _pairs() -> list[str]:
    models = model_classes()
    return sorted(name for name in spec()["components"]["schemas"] if name in models)


@pytest.mark.parametrize("name", _pairs())
def test_schema_documents_round_trip_through_the_model(name: str) -> None:
    model = model_classes()[name]
    schema = _schema(name)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())

    @settings(max_examples=15, suppress_health_check=list(HealthCheck))
    @given(from_schema(schema))
    def check(document: Any) -> None:
        value = decode_value(document, model)
        encoded = to_builtins(value)
        errors = [e.message for e in validator.iter_errors(encoded)]
        assert errors == [], f"{name}: the SDK encodes a document the spec rejects: {errors}"
        assert decode_value(encoded, model) == value

    check()


def test_every_declared_model_has_a_round_trip_property() -> None:
    from tests.contract.test_declarations import declared_models
    from vssdk.contract import all_operations

    declared = {name for op in all_operations().values() for name in declared_models(op)}
    assert declared - set(_pairs()) == set(), "declared models without a same-name spec schema"


def test_declared_request_models_are_the_spec_request_bodies() -> None:
    schemas = spec()["components"]["schemas"]
    for operation_id, (_, _, body) in spec_operations().items():
        op = all_operations().get(operation_id)
        if op is None or op.request is None:
            continue
        content = body.get("requestBody", {}).get("content", {})
        refs = {
            media.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1] for media in content.values()
        }
        assert op.request.__name__ in refs, f"{operation_id}: request model {op.request.__name__}"
        assert op.request.__name__ in schemas
