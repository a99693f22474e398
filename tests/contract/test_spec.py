"""spec/openapi.yaml is valid OpenAPI 3.1 and follows the house conventions."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate

from tests.contract._support import spec, spec_operations


def test_spec_is_valid_openapi_31() -> None:
    document = spec()
    assert document["openapi"].startswith("3.1")
    validate(document)


def _walk(node: Any, path: str = "$") -> list[tuple[str, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_walk(value, f"{path}.{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_walk(value, f"{path}[{index}]"))
    return found


def test_every_operation_is_documented() -> None:
    for operation_id, (_, _, op) in spec_operations().items():
        assert op.get("summary"), f"{operation_id}: summary"
        assert op.get("tags"), f"{operation_id}: tags"
        statuses = set(op.get("responses", {}))
        assert any(s.startswith("2") for s in statuses), f"{operation_id}: a 2xx response"
        if op.get("security"):
            assert "401" in statuses, f"{operation_id}: secured, so document 401"
            assert "403" in statuses, f"{operation_id}: secured, so document 403 (scope/level)"
        if "requestBody" in op:
            assert {"400", "422"} <= statuses, f"{operation_id}: has a body, document 400 and 422"
        if op.get("parameters") or "requestBody" in op:
            assert "422" in statuses, f"{operation_id}: has inputs, document 422"


def test_error_responses_are_problem_json() -> None:
    document = spec()
    for operation_id, (_, _, op) in spec_operations().items():
        for status, response in op.get("responses", {}).items():
            if not status.startswith(("4", "5")):
                continue
            if "$ref" in response:
                name = response["$ref"].rsplit("/", 1)[-1]
                response = document["components"]["responses"][name]
            assert "application/problem+json" in response.get("content", {}), (
                f"{operation_id} {status}: errors are application/problem+json"
            )


def test_no_nullable_types_and_no_float_money() -> None:
    offenders = []
    for path, node in _walk(spec()):
        if isinstance(node, dict) and isinstance(node.get("type"), list) and "null" in node["type"]:
            offenders.append(path)
    assert offenders == [], "optional fields are omitted, never null: " + ", ".join(offenders[:5])


def test_operation_ids_are_unique_and_camel_case() -> None:
    ids = list(spec_operations())
    assert len(ids) == len(set(ids))
    for operation_id in ids:
        assert operation_id[0].islower() and "_" not in operation_id, operation_id
