"""The operation half of the spec, generated from the SDK's operation table.

For each declared operation this makes the OpenAPI operation object from what the Python
declaration already says: ``operationId``, where it lives (method and path), ``tags`` (the client
area), ``summary`` (the builder's docstring, first paragraph), ``security`` with the scope and a
machine-readable ``x-vss-identity-level``, path and query parameters (query names are read from
the builder's ``Call(query={...})``; ``cursor``/``limit`` for list operations), the JSON request
body (``request=``), the success reply (``response=``, or the page of ``item=``), and the standard
400/401/403/404/422 replies.

The hand-written ``spec/src/*.yaml`` keep what code cannot say: schemas, parameter constraints
(patterns, enums, bounds), examples, descriptions and the other replies. They may still state a
generated fact; it must then be equal (a mismatch is an error naming the operation and field).
Prose is theirs: a hand-written ``summary`` or reply ``description`` wins over the docstring.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import typing
from collections.abc import Callable
from typing import Any

from vssdk._areas import AREAS
from vssdk._core.operation import Binary, Operation
from vssdk.contract import AnyOperation, all_operations

__all__ = ["SpecMismatch", "apply_operations", "operation_skeleton"]

REF = "#/components/schemas/"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
# Key order of a generated operation object (hand-written extra keys follow).
ORDER = (
    "operationId",
    "tags",
    "summary",
    "description",
    "security",
    "x-vss-identity-level",
    "parameters",
    "requestBody",
    "responses",
)


class SpecMismatch(SystemExit):
    """A fact stated both in spec/src and in the SDK declaration, with two different values."""


def _tag(op: AnyOperation) -> str:
    module = op.builder.__module__
    for area in AREAS:
        if module.startswith(f"vssdk.{area.package}."):
            return area.name
    raise SpecMismatch(f"{op.operation_id}: declared in {module}, which is not an area")


def _summary(op: AnyOperation) -> str | None:
    doc = inspect.getdoc(op.builder)
    if not doc:
        return None
    return " ".join(doc.split("\n\n", 1)[0].split()).replace("``", "`")  # reST → Markdown


def _description(op: AnyOperation) -> str:
    """What the operation does (its summary) and who may call it, for operations spec/src leaves
    without a description (Spectral's ``operation-description``)."""
    parts = [_summary(op) or op.operation_id.replace("_", " ")]
    if op.principal == "none":
        parts.append("Anyone may call it, without a token.")
    else:
        who = "any caller" if op.principal == "any" else f"a {op.principal}"
        needs = f"It needs a bearer token of {who}"
        if op.scope:
            needs += f" with scope `{op.scope}`"
        if op.identity_level is not None:
            needs += f" at identity level {op.identity_level} or above"
        parts.append(needs + "; without one it answers 401, before reading the body.")
    if op.accepts_idempotency_key:
        parts.append(
            "An `Idempotency-Key` header makes a retry return the first reply (kept 24 hours)."
        )
    return " ".join(parts)


def _security(op: AnyOperation) -> list[dict[str, list[str]]]:
    if op.principal == "none":
        return []
    return [{"oauth2": [op.scope] if op.scope else []}]


def _query_entries(builder: Callable[..., Any]) -> list[tuple[str, ast.expr]]:
    """(key, value expression) of the ``query={...}`` dict literal(s) the builder gives ``Call``."""
    try:
        source = textwrap.dedent(inspect.getsource(builder))
    except (OSError, TypeError):
        return []
    entries: list[tuple[str, ast.expr]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg == "query" and isinstance(keyword.value, ast.Dict):
                for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                        continue
                    if key.value not in [k for k, _ in entries]:
                        entries.append((key.value, value))
    return entries


def _always_sent(
    name: str, value: ast.expr, params: typing.Mapping[str, inspect.Parameter]
) -> bool:
    """Whether the builder always sends this query value (so the spec says ``required``)."""
    if isinstance(value, ast.Constant):
        return value.value is not None
    sources = (
        [params[name]]
        if name in params
        else [params[n.id] for n in ast.walk(value) if isinstance(n, ast.Name) and n.id in params]
    )
    return bool(sources) and all(p.default is not None for p in sources)


def _json_type(annotation: Any) -> dict[str, Any]:
    """A plain schema for a builder parameter's type (the hand-written spec adds constraints)."""
    import datetime as dt

    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    first = args[0]
    if first is bool:
        return {"type": "boolean"}
    if first is int:
        return {"type": "integer"}
    if first is dt.date:
        return {"type": "string", "format": "date"}
    return {"type": "string"}


def _parameters(op: AnyOperation) -> list[dict[str, Any]]:
    try:
        signature = inspect.signature(op.builder, eval_str=True)
    except NameError:
        signature = inspect.signature(op.builder)
    params = signature.parameters
    found: list[dict[str, Any]] = []
    for segment in op.path.split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            found.append(
                {
                    "name": segment[1:-1],
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            )
    paged = not isinstance(op, Operation)
    for name, value in _query_entries(op.builder):
        if paged and name in ("cursor", "limit"):
            continue
        annotation = params[name].annotation if name in params else str
        found.append(
            {
                "name": name,
                "in": "query",
                "required": _always_sent(name, value, params),
                "schema": _json_type(annotation),
            }
        )
    if paged:
        found += [
            {"$ref": "#/components/parameters/Cursor"},
            {"$ref": "#/components/parameters/Limit"},
        ]
    return found


def _page_schema(op: AnyOperation, schemas: dict[str, Any]) -> dict[str, Any]:
    item = op.item.__name__  # type: ignore[union-attr]
    if f"{item}Page" in schemas:
        return {"$ref": f"{REF}{item}Page"}
    return {
        "type": "object",
        "required": ["items"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"{REF}{item}"}},
            "next_cursor": {"type": "string"},
        },
    }


def operation_skeleton(op: AnyOperation, schemas: dict[str, Any]) -> dict[str, Any]:
    """The operation object as far as the SDK declaration knows it."""
    body: dict[str, Any] = {"operationId": op.operation_id, "tags": [_tag(op)]}
    summary = _summary(op)
    if summary:
        body["summary"] = summary
    body["description"] = _description(op)
    body["security"] = _security(op)
    if op.identity_level is not None:
        body["x-vss-identity-level"] = op.identity_level
    parameters = _parameters(op)
    if parameters:
        body["parameters"] = parameters
    if op.request is not None:
        body["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"{REF}{op.request.__name__}"}}},
        }
    responses: dict[str, Any] = {}
    if isinstance(op, Operation):
        if op.response is not Binary:
            schema = {"$ref": f"{REF}{op.response.__name__}"}
            responses[str(op.success)] = {
                "description": "OK",
                "content": {"application/json": {"schema": schema}},
            }
    else:
        responses[str(op.success)] = {
            "description": "One page.",
            "content": {"application/json": {"schema": _page_schema(op, schemas)}},
        }
    if op.principal != "none":
        responses["401"] = {"$ref": "#/components/responses/Unauthorized"}
        responses["403"] = {"$ref": "#/components/responses/Forbidden"}
    if op.request is not None:
        responses["400"] = {"$ref": "#/components/responses/BadRequest"}
    if "{" in op.path:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    if parameters or op.request is not None:
        responses["422"] = {"$ref": "#/components/responses/Unprocessable"}
    body["responses"] = responses
    return body


def _param_key(param: dict[str, Any], shared: dict[str, Any]) -> tuple[str, str]:
    """(in, name) of a parameter, following a ``#/components/parameters/...`` reference."""
    ref = param.get("$ref")
    if isinstance(ref, str):
        target = shared.get(ref.rsplit("/", 1)[-1])
        if not ref.startswith("#/components/parameters/") or target is None:
            return ("$ref", ref)
        param = target
    return (param.get("in", ""), param.get("name", ""))


def _ref_of(reply: dict[str, Any]) -> Any:
    media = (reply.get("content") or {}).get("application/json") or {}
    return (media.get("schema") or {}).get("$ref")


def _merge(
    op_id: str,
    generated: dict[str, Any],
    written: dict[str, Any],
    shared: dict[str, Any],
    path_level: list[dict[str, Any]],
) -> dict[str, Any]:
    """The hand-written operation completed with the generated facts; equal facts or an error.

    ``shared`` are the components' parameters, ``path_level`` the path item's own parameters
    (a generated parameter already declared there is not repeated).
    """
    problems: list[str] = []
    for field in ("operationId", "tags", "security", "x-vss-identity-level"):
        if field in written and written[field] != generated.get(field):
            have, want = written[field], generated.get(field, "nothing")
            problems.append(f"{field}: spec/src says {have!r}, the SDK {want!r}")
    # parameters: generated ones first, completed by the hand-written entry of the same name.
    written_params = {_param_key(p, shared): p for p in written.get("parameters") or []}
    inherited = {_param_key(p, shared): p for p in path_level}
    params: list[dict[str, Any]] = []
    for param in generated.get("parameters") or []:
        key = _param_key(param, shared)
        mine = written_params.pop(key, None) or inherited.get(key)
        if mine is None:
            params.append(param)
            continue
        if "$ref" in mine:
            mine = shared.get(mine["$ref"].rsplit("/", 1)[-1], mine)
        if mine.get("required") and not param.get("required", True):
            problems.append(
                f"parameter {key[1]}: spec/src requires it, the SDK builder may leave it out"
            )
        original = written.get("parameters") or []
        as_written = next((p for p in original if _param_key(p, shared) == key), None)
        if as_written is not None and "$ref" in as_written:
            params.append(as_written)  # keep the reference as written
        elif as_written is not None:
            params.append({**mine, **{k: v for k, v in param.items() if k not in mine}})
    for (where, name), param in written_params.items():
        if where == "path":
            problems.append(f"path parameter {name} is not in the SDK path")
        params.append(param)  # headers, and query parameters the builder builds dynamically
    # request body: the hand-written one wins (it may offer several media types).
    request_body = written.get("requestBody", generated.get("requestBody"))
    generated_body = generated.get("requestBody")
    if generated_body is not None and "requestBody" in written:
        want = generated_body["content"]["application/json"]["schema"]["$ref"]
        have = {
            (media.get("schema") or {}).get("$ref")
            for media in (written["requestBody"].get("content") or {}).values()
        }
        if want not in have:
            problems.append(f"requestBody: spec/src says {sorted(map(str, have))}, the SDK {want}")
    # responses: hand-written replies win; generated ones fill the gaps; success refs must agree.
    responses = dict(written.get("responses") or {})
    for code, reply in (generated.get("responses") or {}).items():
        mine = responses.get(code)
        if mine is None:
            responses[code] = reply
        elif "content" in reply and "$ref" not in mine:
            want, have = _ref_of(reply), _ref_of(mine)
            if want is not None and have is not None and want != have:
                problems.append(f"responses.{code}: spec/src replies {have}, the SDK {want}")
    if problems:
        raise SpecMismatch(f"spec/src vs SDK declaration of {op_id}:\n  " + "\n  ".join(problems))
    values: dict[str, Any] = {**generated, **written, "responses": responses}
    values.pop("parameters", None)
    values.pop("requestBody", None)
    if params:
        values["parameters"] = params
    if request_body is not None:
        values["requestBody"] = request_body
    return {key: values[key] for key in _key_order(list(written), list(values))}


def _key_order(written: list[str], keys: list[str]) -> list[str]:
    """The hand-written key order, each generated key placed after its predecessor in ORDER."""
    order = [k for k in written if k in keys]
    for key in ORDER:
        if key not in keys or key in order:
            continue
        before = [k for k in ORDER[: ORDER.index(key)] if k in order]
        order.insert(order.index(before[-1]) + 1 if before else 0, key)
    order += [k for k in keys if k not in order]
    return order


def _declared_models(op: AnyOperation) -> list[type[Any]]:
    found = [getattr(op, "response", None), getattr(op, "item", None), op.request]
    return [t for t in found if isinstance(t, type) and t is not Binary]


def _house_style(schema: dict[str, Any]) -> dict[str, Any]:
    """msgspec's JSON schema of a model in the spec's conventions: optional fields are left out,
    never null; no titles; no ``_unknown`` (the SDK's store of unknown fields)."""
    schema = {k: v for k, v in schema.items() if k != "title"}
    if "enum" in schema and all(isinstance(v, str) for v in schema["enum"]):
        schema = {"type": "string", **schema}
    properties = schema.get("properties")
    if isinstance(properties, dict):
        cleaned: dict[str, Any] = {}
        for name, prop in properties.items():
            if name == "_unknown":
                continue
            options = prop.get("anyOf")
            if isinstance(options, list) and {"type": "null"} in options:
                rest = [o for o in options if o != {"type": "null"}]
                prop = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
                prop = {**(rest[0] if len(rest) == 1 else {"anyOf": rest}), **prop}
            cleaned[name] = prop
        schema["properties"] = cleaned
    return schema


def model_schemas(document: dict[str, Any]) -> None:
    """Add a schema for each declared model (and the models inside it) that spec/src lacks."""
    import msgspec

    schemas: dict[str, Any] = document.setdefault("components", {}).setdefault("schemas", {})
    models = {t for op in all_operations().values() for t in _declared_models(op)}
    wanted = sorted((t for t in models if t.__name__ not in schemas), key=lambda t: t.__name__)
    if not wanted:
        return
    _, components = msgspec.json.schema_components(
        wanted, ref_template="#/components/schemas/{name}"
    )
    for name, schema in components.items():
        if name not in schemas:
            schemas[name] = _house_style(schema)


def apply_operations(document: dict[str, Any]) -> dict[str, Any]:
    """Complete the bundled spec's ``paths`` with every declared operation (in place), and its
    ``components/schemas`` with a schema for each declared model spec/src does not describe."""
    model_schemas(document)
    schemas = document.get("components", {}).get("schemas", {})
    paths: dict[str, Any] = document.setdefault("paths", {})
    where: dict[str, tuple[str, str]] = {}
    for path, item in paths.items():
        for method in HTTP_METHODS:
            op_id = (item.get(method) or {}).get("operationId")
            if op_id:
                where[op_id] = (path, method)
    for op_id, op in all_operations().items():
        method = op.method.lower()
        if op_id in where and where[op_id] != (op.path, method):
            path, other = where[op_id]
            raise SpecMismatch(
                f"{op_id}: spec/src has it at {other.upper()} {path}, the SDK at {op.method} {op.path}"
            )
        item = paths.setdefault(op.path, {})
        written = item.get(method) or {}
        if written.get("operationId", op_id) != op_id:
            raise SpecMismatch(
                f"{op.method} {op.path}: spec/src names it {written['operationId']}, the SDK {op_id}"
            )
        shared = document.get("components", {}).get("parameters", {})
        path_level = item.get("parameters") or []
        skeleton = operation_skeleton(op, schemas)
        item[method] = _merge(op_id, skeleton, written, shared, path_level)
    declared = {(op.path, op.method.lower()) for op in all_operations().values()}
    for path, item in paths.items():
        for method in HTTP_METHODS:
            body = item.get(method)
            if body is not None and "operationId" not in body and (path, method) not in declared:
                raise SpecMismatch(
                    f"{method.upper()} {path}: spec/src describes it, but no SDK operation is "
                    "declared there (and it has no operationId)"
                )
    return document
