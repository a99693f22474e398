"""Each operation's declared models are the spec's: response and list item (request bodies:
test_properties.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract._support import model_classes, spec, spec_operations
from vssdk._core.operation import Binary
from vssdk.contract import AnyOperation, Operation, all_operations

_REF = "#/components/schemas/"


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF):
        resolved: dict[str, Any] = spec()["components"]["schemas"][ref[len(_REF) :]]
        return resolved
    return schema


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return ref[len(_REF) :] if isinstance(ref, str) and ref.startswith(_REF) else None


def _success(operation_id: str, op: AnyOperation) -> dict[str, Any]:
    _, _, body = spec_operations()[operation_id]
    reply = body["responses"].get(str(op.success))
    assert reply is not None, f"{operation_id}: no {op.success} response in the spec"
    content: dict[str, Any] = reply.get("content") or {}
    return content


def declared_models(op: AnyOperation) -> set[str]:
    """Names of the models an operation declares (response or list item, and request body)."""
    names = set()
    if isinstance(op, Operation):
        if op.response is not Binary:
            names.add(op.response.__name__)
    else:
        names.add(op.item.__name__)
    if op.request is not None:
        names.add(op.request.__name__)
    return names


def response_problems(operation_id: str, op: AnyOperation) -> list[str]:
    """How the spec's success reply differs from the declared response (empty when it agrees)."""
    content = _success(operation_id, op)
    if isinstance(op, Operation) and op.response is Binary:
        if not content or "application/json" in content:
            return [f"{operation_id}: declared Binary but the spec replies {sorted(content)}"]
        return []
    if "application/json" not in content:
        return [f"{operation_id}: the spec's reply is not JSON"]
    schema = content["application/json"].get("schema") or {}
    if isinstance(op, Operation):
        if _ref_name(schema) != op.response.__name__:
            return [
                f"{operation_id}: the spec replies {schema.get('$ref', 'an inline schema')}, "
                f"the SDK declares response={op.response.__name__}"
            ]
        return []
    items = _resolve(schema).get("properties", {}).get("items", {})
    if items.get("type") != "array":
        return [f"{operation_id}: the page has no items array"]
    if _ref_name(items.get("items") or {}) != op.item.__name__:
        return [
            f"{operation_id}: the spec lists {items.get('items')}, "
            f"the SDK declares item={op.item.__name__}"
        ]
    return []


@pytest.mark.parametrize("operation_id", sorted(all_operations()))
def test_the_success_schema_is_the_declared_response_model(operation_id: str) -> None:
    if operation_id not in spec_operations():
        pytest.skip("not in the spec (test_coverage reports it)")
    assert response_problems(operation_id, all_operations()[operation_id]) == []


def test_every_declared_model_has_its_schema_and_so_its_round_trip_property() -> None:
    # The round-trip properties (test_properties.py) run for each model with a same-name schema:
    # every model an operation declares must be one of them.
    schemas = set(spec()["components"]["schemas"])
    models = model_classes()
    missing = {
        f"{operation_id}: {name}"
        for operation_id, op in all_operations().items()
        for name in declared_models(op)
        if name not in schemas or name not in models
    }
    assert missing == set(), f"declared models without a same-name spec schema: {sorted(missing)}"


def test_declaring_the_wrong_model_fails_the_check() -> None:
    import attrs

    from vssdk.lookups.models import Agency, Facility

    real = all_operations()["getFacility"]
    assert isinstance(real, Operation)
    assert response_problems("getFacility", real) == []
    wrong = attrs.evolve(real, response=Agency)
    assert response_problems("getFacility", wrong) == [
        "getFacility: the spec replies #/components/schemas/Facility, "
        "the SDK declares response=Agency"
    ]
    paged = all_operations()["listFacilities"]
    assert response_problems("listFacilities", paged) == []
    assert response_problems("listFacilities", attrs.evolve(paged, item=Agency))
    assert response_problems("getMyCardImage", attrs.evolve(real, response=Facility))
