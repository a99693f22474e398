"""The spec as the sandbox sees it: loaded once, with compiled validators per operation.

Each schema is compiled once (per JSON pointer, shared by every operation that refers to it).
Checking a request or reply first asks a compiled validator (``jsonschema-rs``, with the spec's
references resolved when it is built) whether the value is valid at all, which is the common case
and costs microseconds; only a value it rejects goes through ``jsonschema``, whose errors name
each field. The outcome is jsonschema's in every case: a value is accepted without errors only
when the compiled validator accepts it, and tests check that it never accepts what ``jsonschema``
rejects.
"""

from __future__ import annotations

import functools
import importlib.resources
import urllib.parse
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

_rs: Any
try:  # a compiled validator for the common (valid) case; jsonschema alone without it
    import jsonschema_rs as _rs
except ImportError:  # pragma: no cover - jsonschema-rs is a dependency of the sandbox
    _rs = None

__all__ = ["OperationSpec", "SchemaValidator", "SpecIndex", "load_spec", "spec_path"]

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


class SchemaValidator:
    """One schema of the spec: a compiled yes/no check, and ``jsonschema`` for the errors.

    ``iter_errors`` yields exactly what ``jsonschema`` would (nothing for a valid value).
    """

    __slots__ = ("fast", "full")

    def __init__(self, full: Draft202012Validator, fast: Any | None) -> None:
        self.full = full
        self.fast = fast

    def is_valid(self, instance: Any) -> bool:
        return not any(True for _ in self.iter_errors(instance))

    def iter_errors(self, instance: Any) -> Iterator[ValidationError]:
        if self.fast is not None:
            try:
                if self.fast.is_valid(instance):
                    return iter(())
            except (TypeError, ValueError, OverflowError):  # not a JSON value: ask jsonschema
                pass
        return iter(self.full.iter_errors(instance))


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@attrs.frozen(slots=True)
class ParamSpec:
    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]
    validator: SchemaValidator


@attrs.frozen(slots=True)
class OperationSpec:
    """Validators for one operation's request and replies."""

    operation_id: str
    method: str
    path: str
    parameters: tuple[ParamSpec, ...]
    body_media_types: tuple[str, ...]
    body_required: bool
    body_validator: SchemaValidator | None
    responses: Mapping[str, SchemaValidator | None]
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
        self._fast_registry: Any = None
        if _rs is not None:
            self._fast_registry = _rs.Registry([(_SPEC_URI, dict(spec))], draft=_rs.Draft202012)
        self._validators: dict[str, SchemaValidator] = {}
        self.operations: dict[str, OperationSpec] = {}
        for path, item in (spec.get("paths") or {}).items():
            for method, op in item.items():
                if method.startswith("x-") or not isinstance(op, dict) or "operationId" not in op:
                    continue
                self.operations[op["operationId"]] = self._operation(path, method, op, item)

    def _validator(self, pointer: str) -> SchemaValidator:
        """The validator of the schema at ``pointer``, compiled once and shared."""
        known = self._validators.get(pointer)
        if known is not None:
            return known
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": _SPEC_URI + pointer,
        }
        full = Draft202012Validator(schema, registry=self._registry, format_checker=_FORMATS)
        fast = None
        if self._fast_registry is not None:
            # In a URI the pointer's "{" and "}" (path templates) must be percent-encoded.
            uri = _SPEC_URI + urllib.parse.quote(pointer, safe="#/~$-_.!*'()")
            fast = _rs.Draft202012Validator(
                {**schema, "$ref": uri}, registry=self._fast_registry, validate_formats=True
            )
        self._validators[pointer] = made = SchemaValidator(full, fast)
        return made

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
        responses: dict[str, SchemaValidator | None] = {}
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
