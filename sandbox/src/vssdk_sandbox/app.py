"""The sandbox application: state, the router built from the operation table, and dispatch.

Every request is validated against the spec (parameters and body: 422 problem+json listing each
field), authenticated and authorised as its operation declares, de-duplicated by
``Idempotency-Key`` where the operation accepts one, handled, and (by default) its reply is checked
against the spec too, so the sandbox cannot drift from the contract silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import msgspec
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from vssdk.contract import AnyOperation, all_operations, to_builtins
from vssdk_sandbox.handlers import HANDLER_MODULES
from vssdk_sandbox.kit import (
    Ctx,
    Handler,
    Reply,
    SandboxProblem,
    field_error,
    problem,
)
from vssdk_sandbox.security import Principal, authenticate, authorize
from vssdk_sandbox.spec import OperationSpec, spec_index
from vssdk_sandbox.store import Store

__all__ = [
    "Clock",
    "Sandbox",
    "SandboxConfig",
    "clock_from_env",
    "create_app",
    "pinned_clock",
    "system_clock",
]

log = logging.getLogger("vssdk_sandbox")
VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
IDEMPOTENCY = "idempotency"
CLOCK_ENV = "VSSDK_SANDBOX_NOW"

Clock = Callable[[], dt.datetime]
"""A source of the sandbox's base time: returns an aware datetime (simulated advances add to it)."""


def system_clock() -> dt.datetime:
    """The real time, in Vietnam."""
    return dt.datetime.now(VN_TZ)


def pinned_clock(start: dt.datetime | dt.date | str) -> Clock:
    """A clock that starts at ``start`` (09:00 in Vietnam for a bare date) and runs at real speed.

    Tests pin the sandbox with it so that seeds and lifecycles never depend on today's date.
    """
    if isinstance(start, str):
        start = dt.datetime.fromisoformat(start) if "T" in start else dt.date.fromisoformat(start)
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time(9, 0), VN_TZ)
    if start.tzinfo is None:
        raise ValueError(f"pinned_clock needs a timezone-aware datetime, got {start.isoformat()}")
    origin, began = start, time.monotonic()

    def now() -> dt.datetime:
        return origin + dt.timedelta(seconds=time.monotonic() - began)

    return now


def clock_from_env() -> Clock:
    """``$VSSDK_SANDBOX_NOW`` (an ISO date or datetime) pins the clock; otherwise real time."""
    pinned = os.environ.get(CLOCK_ENV, "").strip()
    return pinned_clock(pinned) if pinned else system_clock


@attrs.frozen(slots=True)
class SandboxConfig:
    """How a sandbox runs. ``data_dir=None`` keeps all state in memory (tests).

    ``clock`` gives the base of simulated time (seeds are laid out from it; ``advance_clock``
    adds to it). Tokens are always stamped with real time, since clients verify them against
    their own clock.
    """

    data_dir: Path | None = None
    validate_responses: bool = True
    seed: str = "vssdk-sandbox-v1"
    issuer: str | None = None  # public base URL, when it differs from the request's
    clock: Clock = attrs.field(factory=clock_from_env)


def _json(data: Any) -> bytes:
    """Compact UTF-8 JSON via msgspec: what compact ``json.dumps`` gives, several times faster
    (only an exponent may be spelled differently: ``1e300`` for ``1e+300``)."""
    try:
        return _ENCODER.encode(data)
    except (TypeError, OverflowError):  # a value msgspec does not take (e.g. a huge int)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_ENCODER = msgspec.json.Encoder()


def _problem_response(exc: SandboxProblem, request_id: str, instance: str | None) -> Response:
    headers = {"x-request-id": request_id, **exc.headers}
    return Response(
        _json(exc.body(instance)),
        status_code=exc.status,
        headers=headers,
        media_type="application/problem+json",
    )


def _coerce(value: str, schema: Mapping[str, Any]) -> Any:
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds:
        try:
            return int(value)
        except ValueError:
            return value
    if "number" in kinds:
        try:
            return float(value)
        except ValueError:
            return value
    if "boolean" in kinds:
        return {"true": True, "false": False}.get(value, value)
    return value


def _schema_errors(validator: Any, instance: Any, prefix: str) -> list[dict[str, Any]]:
    errors = []
    for err in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
        path = prefix + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path
        )
        errors.append(field_error(path, err.message, code=str(err.validator)))
    return errors


class Sandbox:
    """The sandbox's state and behaviour, independent of the web framework."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        path = None if self.config.data_dir is None else self.config.data_dir / "sandbox.sqlite3"
        self.store = Store(path)
        self.spec = spec_index()
        self.clock_offset = dt.timedelta()
        self.token_resolver: Callable[[Sandbox, str], Principal | None] | None = None
        self.handlers: dict[str, Handler] = {}
        self.tick_hooks: list[Callable[[Sandbox], None]] = []
        # Per-sandbox, in-process state of the areas (senders, re-entrancy flags, caches), keyed
        # "<area>.<name>": never module globals, so two sandboxes in one process stay apart.
        self.state: dict[str, Any] = {}
        setups: list[Callable[[Sandbox], None]] = []
        for module_name in HANDLER_MODULES:
            module = importlib.import_module(module_name)
            for value in vars(module).values():
                operation_id = getattr(value, "__vssdk_operation__", None)
                if operation_id is not None:
                    self.handlers[operation_id] = value
                if getattr(value, "__vssdk_tick__", False):
                    self.tick_hooks.append(value)
            setup = getattr(module, "setup", None)
            if callable(setup):
                setups.append(setup)
        for setup in setups:
            setup(self)
        offset = self.store.get("meta", "clock")
        if offset is not None:
            self.clock_offset = dt.timedelta(seconds=float(offset["offset_seconds"]))
        if self.store.get("meta", "seeded") is None:
            self.seed()

    # -- time, events, lifecycle ----------------------------------------------------------------
    def now(self) -> dt.datetime:
        """Sandbox time in Vietnam (+07:00): the configured clock plus any simulated advance."""
        base = self.config.clock().astimezone(VN_TZ).replace(microsecond=0)
        return base + self.clock_offset

    @staticmethod
    def real_time() -> float:
        """Seconds since the epoch on the real clock: what tokens are stamped and checked with."""
        return time.time()

    def today(self) -> dt.date:
        return self.now().date()

    def advance(self, seconds: float) -> dt.datetime:
        """Move simulated time forward and let every area process what became due."""
        self.clock_offset += dt.timedelta(seconds=seconds)
        self.store.put("meta", "clock", {"offset_seconds": self.clock_offset.total_seconds()})
        self.tick()
        return self.now()

    def tick(self) -> None:
        for hook in self.tick_hooks:
            hook(self)

    def new_id(self, prefix: str) -> str:
        """A short, unique, ordered id such as ``chk_000042``."""
        return f"{prefix}_{self.store.next_number(prefix):06d}"

    def emit(self, event_type: str, data: Mapping[str, Any], *, owner: str | None = None) -> str:
        """Record a domain event (webhook deliveries are made from these)."""
        event_id = "evt_" + secrets.token_hex(8)
        self.store.put(
            "events",
            event_id,
            {
                "id": event_id,
                "type": event_type,
                "created_at": self.now().isoformat(),
                "owner": owner,
                "data": dict(data),
                "delivered": False,
            },
        )
        self.tick()
        return event_id

    def seed(self) -> None:
        from vssdk_sandbox.seeds import seed_all

        seed_all(self)
        self.store.put("meta", "seeded", {"at": self.now().isoformat(), "seed": self.config.seed})

    def reset(self) -> None:
        """Forget everything accepted and reseed the deterministic fixtures."""
        self.store.wipe()
        self.clock_offset = dt.timedelta()
        self.seed()

    # -- dispatch ---------------------------------------------------------------------------
    def _params(self, spec: OperationSpec, request: Request) -> tuple[dict[str, Any], list[Any]]:
        values: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        sources: dict[str, Mapping[str, str]] = {
            "path": request.path_params,
            "query": request.query_params,
            "header": request.headers,
        }
        declared_query = {p.name for p in spec.parameters if p.location == "query"}
        for name in request.query_params:
            if name not in declared_query:
                errors.append(field_error(f"query.{name}", "unknown query parameter"))
        for param in spec.parameters:
            source = sources.get(param.location, {})
            key = param.name.lower() if param.location == "header" else param.name
            if key not in source:
                if param.required:
                    errors.append(field_error(f"{param.location}.{param.name}", "is required"))
                continue
            value = _coerce(source[key], param.schema)
            errors.extend(_schema_errors(param.validator, value, f"{param.location}.{param.name}"))
            values[param.name] = value
        return values, errors

    async def dispatch(self, op: AnyOperation, request: Request) -> Response:
        request_id = "req_" + secrets.token_hex(8)
        try:
            return await self._dispatch(op, request, request_id)
        except SandboxProblem as exc:
            return _problem_response(exc, request_id, request.url.path)
        except Exception as exc:  # a sandbox bug: say so as problem+json, never a bare 500
            log.exception("handler %s failed", op.operation_id)
            return _problem_response(
                problem(500, "Sandbox error", detail=f"{type(exc).__name__}: {exc}"),
                request_id,
                request.url.path,
            )

    async def _dispatch(self, op: AnyOperation, request: Request, request_id: str) -> Response:
        spec = self.spec.operations.get(op.operation_id)
        handler = self.handlers[op.operation_id]
        raw_body = await request.body()
        params: dict[str, Any] = dict(request.path_params)
        body: Any = None
        errors: list[dict[str, Any]] = []
        if spec is not None and spec.wire:
            params, body = dict(request.query_params), raw_body  # the handler binds them
        elif spec is not None:
            params, errors = self._params(spec, request)
            body, body_errors = self._body(spec, request, raw_body)
            errors.extend(body_errors)
        principal = authenticate(self, request.headers)
        authorize(op, principal)
        if errors:
            raise problem(
                422,
                "Unprocessable Entity",
                detail="the request does not match the spec",
                slug="validation-failed",
                errors=errors,
            )
        path = {k: str(v) for k, v in request.path_params.items()}
        query = {k: v for k, v in params.items() if k in request.query_params}
        ctx = Ctx(
            sandbox=self,
            operation=op,
            path=path,
            query=query,
            headers=request.headers,
            body=body,
            raw_body=raw_body,
            principal=principal,
            request_id=request_id,
        )
        key = request.headers.get("idempotency-key") if op.method != "GET" else None
        scope_key = None
        if key is not None:
            owner = principal.subject if principal else "anonymous"
            scope_key = f"{op.operation_id}:{owner}:{key}"
            digest = hashlib.sha256(request.url.path.encode() + b"\0" + raw_body).hexdigest()
            stored = self.store.get(IDEMPOTENCY, scope_key)
            if stored is not None:
                if stored["digest"] != digest:
                    raise problem(
                        409,
                        "Conflict",
                        slug="idempotency-key-reused",
                        detail="this Idempotency-Key was used with a different request",
                    )
                return Response(
                    stored["body"].encode("utf-8"),
                    status_code=stored["status"],
                    headers={"x-request-id": request_id, "idempotent-replayed": "true"},
                    media_type=stored["media_type"],
                )
        result = handler(ctx)
        response = self._reply(op, spec, result, request_id)
        if scope_key is not None and 200 <= response.status_code < 300:
            self.store.put(
                IDEMPOTENCY,
                scope_key,
                {
                    "digest": digest,
                    "status": response.status_code,
                    "body": bytes(response.body).decode("utf-8"),
                    "media_type": response.media_type or "application/json",
                    "created_at": self.now().isoformat(),
                },
            )
        return response

    def _body(
        self, spec: OperationSpec, request: Request, raw: bytes
    ) -> tuple[Any, list[dict[str, Any]]]:
        if not spec.body_media_types:
            return None, []
        if not raw:
            if spec.body_required:
                return None, [field_error("body", "a request body is required")]
            return None, []
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in spec.body_media_types:
            raise problem(
                415,
                "Unsupported Media Type",
                detail=f"expected one of {', '.join(spec.body_media_types)}, got {media or 'none'}",
            )
        if media != "application/json":
            return raw, []
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise problem(400, "Bad Request", detail=f"the body is not valid JSON: {exc}") from exc
        if spec.body_validator is None:
            return body, []
        return body, _schema_errors(spec.body_validator, body, "body")

    def _reply(
        self, op: AnyOperation, spec: OperationSpec | None, result: Any, request_id: str
    ) -> Response:
        reply = result if isinstance(result, Reply) else Reply(body=result)
        status = reply.status or op.success
        headers = {"x-request-id": request_id, **reply.headers}
        if isinstance(reply.body, bytes):
            return Response(
                reply.body,
                status_code=status,
                headers=headers,
                media_type=reply.media_type or "application/octet-stream",
            )
        if reply.body is None and status == 204:
            return Response(status_code=204, headers=headers)
        data = to_builtins(reply.body)
        if self.config.validate_responses and spec is not None:
            validator = spec.responses.get(str(status))
            if validator is not None:
                errors = _schema_errors(validator, data, "$")
                if errors:
                    raise problem(
                        500,
                        "Sandbox reply does not match the spec",
                        detail=f"{op.operation_id} replied {status} with a body the spec forbids",
                        errors=errors,
                    )
        return Response(
            _json(data),
            status_code=status,
            headers=headers,
            media_type=reply.media_type or "application/json",
        )


def _route_sort_key(op: AnyOperation) -> tuple[str, str]:
    # Literal segments before parameters, so /x/summary wins over /x/{id}.
    return (op.path.replace("{", "~"), op.method)


def create_app(config: SandboxConfig | None = None, *, sandbox: Sandbox | None = None) -> Starlette:
    """The ASGI app: one route per path, dispatching each method to its operation's handler.

    Operations without a handler have no route; unknown paths and methods are problem+json.
    """
    box = sandbox or Sandbox(config)
    by_path: dict[str, dict[str, AnyOperation]] = {}
    for op in sorted(all_operations().values(), key=_route_sort_key):
        if op.operation_id in box.handlers:
            by_path.setdefault(op.path, {})[op.method] = op
    routes = []
    for path, methods in by_path.items():

        async def endpoint(request: Request, _ops: dict[str, AnyOperation] = methods) -> Response:
            method = "GET" if request.method == "HEAD" else request.method
            return await box.dispatch(_ops[method], request)

        routes.append(Route(path, endpoint, methods=list(methods)))

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        titles = {404: "Not Found", 405: "Method Not Allowed"}
        detail = (
            f"no operation {request.method} {request.url.path} in the spec"
            if status in (404, 405)
            else str(exc)
        )
        return _problem_response(
            problem(
                status,
                titles.get(status, "Error"),
                detail=detail,
                slug="no-such-operation" if status in (404, 405) else None,
                headers=dict(exc.headers or {}) if isinstance(exc, HTTPException) else {},
            ),
            "req_" + secrets.token_hex(8),
            request.url.path,
        )

    from vssdk_sandbox import explorer

    routes.extend(explorer.routes())  # /openapi.yaml, /openapi.json, /docs (API explorer)
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.state.sandbox = box
    return app
