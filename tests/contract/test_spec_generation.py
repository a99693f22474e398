"""The operation half of the spec is generated from the SDK's declarations (spec_operations)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tools.bundle_spec import bundle
from tools.spec_operations import SpecMismatch, apply_operations

from tests.contract._support import spec_operations
from vssdk.contract import all_operations


@pytest.fixture(scope="module")
def sources() -> dict[str, Any]:
    return bundle()


def _without(document: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    del doc["paths"][path][method]
    return doc


def test_the_identity_level_is_machine_readable_in_the_spec() -> None:
    found = spec_operations()
    levels = {oid: op.identity_level for oid, op in all_operations().items() if oid in found}
    assert any(level == 2 for level in levels.values())
    for operation_id, level in levels.items():
        assert found[operation_id][2].get("x-vss-identity-level") == level, operation_id


def test_an_operation_missing_from_spec_src_is_generated_whole(sources: dict[str, Any]) -> None:
    doc = apply_operations(_without(sources, "/reference/facilities/{facility_code}", "get"))
    op = doc["paths"]["/reference/facilities/{facility_code}"]["get"]
    assert op["operationId"] == "getFacility"
    assert op["tags"] == ["lookups"]
    assert op["summary"] == "One health facility by its 5-character code (mã CSKCB)."
    assert op["security"] == []
    assert op["parameters"] == [
        {"name": "facility_code", "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    assert op["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Facility"
    }
    assert op["responses"]["422"] == {"$ref": "#/components/responses/Unprocessable"}


def test_a_generated_secured_list_operation(sources: dict[str, Any]) -> None:
    doc = apply_operations(_without(sources, "/me/applications", "get"))
    op = doc["paths"]["/me/applications"]["get"]
    declared = all_operations()["listMyApplications"]
    assert op["security"] == [{"oauth2": [declared.scope]}]
    assert op["x-vss-identity-level"] == 2
    refs = [p.get("$ref") for p in op["parameters"]]
    assert refs[-2:] == ["#/components/parameters/Cursor", "#/components/parameters/Limit"]
    assert set(op["responses"]) >= {"200", "401", "403"}
    page = op["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/ApplicationPage"}


def test_query_parameters_come_from_the_builder(sources: dict[str, Any]) -> None:
    doc = apply_operations(_without(sources, "/reference/si-codes", "get"))
    listed = doc["paths"]["/reference/si-codes"]["get"]["parameters"]
    params = {p["name"]: p for p in listed if "name" in p}
    assert {k: params[k]["required"] for k in ("full_name", "birth_date", "province_code")} == {
        "full_name": True,
        "birth_date": True,
        "province_code": True,
    }
    assert params["birth_date"]["schema"] == {"type": "string", "format": "date"}


def test_the_hand_written_spec_keeps_constraints_and_prose(sources: dict[str, Any]) -> None:
    doc = apply_operations(copy.deepcopy(sources))
    op = doc["paths"]["/reference/facilities/{facility_code}"]["get"]
    written = sources["paths"]["/reference/facilities/{facility_code}"]["get"]
    assert op["parameters"][0]["schema"] == written["parameters"][0]["schema"]  # the pattern
    assert op["responses"]["200"] == written["responses"]["200"]  # description and example


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("security", [{"oauth2": ["citizen.read"]}], "security: spec/src says"),
        ("x-vss-identity-level", 2, "x-vss-identity-level: spec/src says 2"),
        ("tags", ["cards"], "tags: spec/src says"),
    ],
)
def test_a_fact_written_twice_must_agree(
    sources: dict[str, Any], field: str, value: Any, message: str
) -> None:
    doc = copy.deepcopy(sources)
    doc["paths"]["/reference/facilities/{facility_code}"]["get"][field] = value
    with pytest.raises(SpecMismatch, match="getFacility") as caught:
        apply_operations(doc)
    assert message in str(caught.value)


def test_a_wrong_response_model_in_spec_src_is_an_error(sources: dict[str, Any]) -> None:
    doc = copy.deepcopy(sources)
    reply = doc["paths"]["/reference/facilities/{facility_code}"]["get"]["responses"]["200"]
    reply["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Agency"}
    with pytest.raises(SpecMismatch, match=r"responses\.200: spec/src replies"):
        apply_operations(doc)


def test_an_operation_at_another_place_is_an_error(sources: dict[str, Any]) -> None:
    doc = copy.deepcopy(sources)
    moved = doc["paths"]["/reference/facilities/{facility_code}"].pop("get")
    doc["paths"]["/reference/facilities/{facility_code}"]["put"] = moved
    with pytest.raises(
        SpecMismatch, match=r"PUT /reference/facilities/\{facility_code\}: spec/src"
    ):
        apply_operations(doc)  # no operationId left in spec/src: nothing declared at that place
    moved["operationId"] = "getFacility"
    with pytest.raises(SpecMismatch, match="getFacility: spec/src has it at PUT"):
        apply_operations(doc)


def test_a_required_parameter_the_sdk_may_omit_is_an_error(sources: dict[str, Any]) -> None:
    doc = copy.deepcopy(sources)
    for param in doc["paths"]["/reference/facilities"]["get"]["parameters"]:
        if param.get("name") == "contracted":
            param["required"] = True
    with pytest.raises(SpecMismatch, match="parameter contracted: spec/src requires it"):
        apply_operations(doc)


def test_a_model_spec_src_does_not_describe_gets_its_schema_from_the_class(
    sources: dict[str, Any],
) -> None:
    import attrs

    from vssdk.lookups.models import Facility

    doc = copy.deepcopy(sources)
    del doc["components"]["schemas"]["Facility"]
    schema = apply_operations(doc)["components"]["schemas"]["Facility"]
    fields = [f for f in attrs.fields(Facility) if f.name != "_unknown"]
    assert list(schema["properties"]) == [f.name for f in fields]
    assert schema["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
    assert schema["properties"]["address"] == {"type": "string"}  # optional: left out, not null
    assert schema["properties"]["level"] == {"$ref": "#/components/schemas/FacilityLevel"}
    assert schema["description"] == Facility.__doc__


def test_hand_written_schemas_are_kept(sources: dict[str, Any]) -> None:
    doc = apply_operations(copy.deepcopy(sources))
    assert doc["components"]["schemas"] == {
        **sources["components"]["schemas"],
        **{
            k: v
            for k, v in doc["components"]["schemas"].items()
            if k not in sources["components"]["schemas"]
        },
    }
