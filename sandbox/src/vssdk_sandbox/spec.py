"""The spec as the sandbox sees it: loaded once, with compiled validators per operation."""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

__all__ = ["OperationSpec", "SpecIndex", "load_spec", "spec_path"]

_SPEC_URI = "urn:vssdk:spec"
_FORMATS = FormatChecker()


def spec_path() -> Path:
    """In a checkout, ``spec/openapi.yaml``; installed, the copy packaged with the sandbox."""
    checkout = Path(__file__).resolve().parents[3] / "spec" / "openapi.yaml"
    if checkout.is_file():
        return checkout
    return Path(str(importlib.resources.files("vssdk_sandbox").joinpath("openapi.yaml")))


@functools.cache
def load_spec(path: str | None = None) -> dict[str, Any]:
    """The parsed spec (cached)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = Path(path or spec_path()).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=loader)  # noqa: S506 (safe loader)
    return data


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@attrs.frozen(slots=True)
class ParamSpec:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    validator: Draft202012Validator


@attrs.frozen(slots=True)
class OperationSpec:
    """Validators for one operation's request and replies."""

    operation_id: str
    method: str
    path: str
    parameters: tuple[ParamSpec, ...]
    body_media_types: tuple[str, ...]
    body_required: bool
    body_validator: Draft202012Validator | None
    responses: Mapping[str, Draft202012Validator | None]
    wire: bool = False
    """``x-vss-wire-dialect``: the real gateway's own protocol. The dispatcher leaves the query,
    headers and body to the handler, which answers every error with HTTP 200 and ``maKetQua``
    (never 415/422), and binds JSON and form bodies alike, as the gateway does."""


class SpecIndex:
    """Operation specs by operationId, with ``$ref`` resolution across the whole document."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        resource = Resource.from_contents(dict(spec), default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_SPEC_URI, resource)
        self.operations: dict[str, OperationSpec] = {}
        for path, item in (spec.get("paths") or {}).items():
            for method, op in item.items():
                if method.startswith("x-") or not isinstance(op, dict) or "operationId" not in op:
                    continue
                self.operations[op["operationId"]] = self._operation(path, method, op, item)

    def _validator(self, pointer: str) -> Draft202012Validator:
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": _SPEC_URI + pointer,
        }
        return Draft202012Validator(schema, registry=self._registry, format_checker=_FORMATS)

    def _resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in node:
            ref = str(node["$ref"])
            target: Any = self.spec
            for part in ref.removeprefix("#/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
        return node

    def _operation(
        self, path: str, method: str, op: Mapping[str, Any], item: Mapping[str, Any]
    ) -> OperationSpec:
        params: list[ParamSpec] = []
        raw_params = [*item.get("parameters", []), *op.get("parameters", [])]
        for index, raw in enumerate(raw_params):
            param = self._resolve(raw)
            if "$ref" in raw:
                pointer = str(raw["$ref"]) + "/schema"
            else:
                own = index - len(item.get("parameters", []))
                pointer = (
                    _pointer("paths", path, method, "parameters", str(own), "schema")
                    if own >= 0
                    else _pointer("paths", path, "parameters", str(index), "schema")
                )
            params.append(
                ParamSpec(
                    name=param["name"],
                    location=param["in"],
                    required=bool(param.get("required", param["in"] == "path")),
                    schema=param.get("schema", {}),
                    validator=self._validator(pointer),
                )
            )
        body = op.get("requestBody")
        media: tuple[str, ...] = ()
        body_validator = None
        body_required = False
        if body is not None:
            resolved = self._resolve(body)
            body_required = bool(resolved.get("required", False))
            content = resolved.get("content", {})
            media = tuple(content)
            if "application/json" in content and "schema" in content["application/json"]:
                if "$ref" in body:
                    pointer = str(body["$ref"]) + "/content/application~1json/schema"
                else:
                    pointer = _pointer(
                        "paths",
                        path,
                        method,
                        "requestBody",
                        "content",
                        "application/json",
                        "schema",
                    )
                body_validator = self._validator(pointer)
        responses: dict[str, Draft202012Validator | None] = {}
        for status, raw_response in (op.get("responses") or {}).items():
            resolved = self._resolve(raw_response)
            content = resolved.get("content") or {}
            json_type = next((m for m in content if m.endswith("json")), None)
            if json_type and "schema" in content[json_type]:
                if "$ref" in raw_response:
                    base = str(raw_response["$ref"])
                    pointer = base + "/content/" + json_type.replace("/", "~1") + "/schema"
                else:
                    pointer = _pointer(
                        "paths",
                        path,
                        method,
                        "responses",
                        str(status),
                        "content",
                        json_type,
                        "schema",
                    )
                responses[str(status)] = self._validator(pointer)
            else:
                responses[str(status)] = None
        return OperationSpec(
            operation_id=op["operationId"],
            method=method.upper(),
            path=path,
            parameters=tuple(params),
            body_media_types=media,
            body_required=body_required,
            body_validator=body_validator,
            responses=responses,
            wire=bool(op.get("x-vss-wire-dialect", False)),
        )


@functools.cache
def spec_index() -> SpecIndex:
    """The index of the installed spec (cached)."""
    return SpecIndex(load_spec())
