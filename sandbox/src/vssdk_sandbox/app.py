"""The sandbox application: state, the router built from the operation table, and dispatch.

Every request is validated against the spec (parameters and body: 422 problem+json listing each
field), authenticated and authorised as its operation declares, de-duplicated by
``Idempotency-Key`` where the operation accepts one, handled, and (by default) its reply is checked
against the spec too, so the sandbox cannot drift from the contract silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
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
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from vssdk.contract import AnyOperation, all_operations, to_builtins
from vssdk.errors import InvalidArgument
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
access_log = logging.getLogger("vssdk_sandbox.access")
VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")
IDEMPOTENCY = "idempotency"
IDEMPOTENCY_TTL = dt.timedelta(hours=24)  # spec/src/00-base.yaml: "Kept 24 hours"
CLOCK_ENV = "VSSDK_SANDBOX_NOW"
MAX_BODY_BYTES = 32 * 1024 * 1024  # the largest legitimate request (a claim batch) is ~20 MiB
ANONYMOUS_BODY_BYTES = 1024 * 1024  # what an operation anyone may call reads at most
LATEST_SANDBOX_TIME = dt.datetime(2200, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7)))
# What only the operator of a shared sandbox may do (``SandboxConfig.shared``): with an
# ``admin_token`` these need the header ``X-Sandbox-Admin``; without one they are disabled.
ADMIN_OPERATIONS = frozenset({"resetSandbox", "advanceSandboxClock", "listOtpOutbox"})
ADMIN_HEADER = "x-sandbox-admin"

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
    issuer: str | None = None  # public base URL, fixed at start-up (see handlers/identity)
    clock: Clock = attrs.field(factory=clock_from_env)
    max_body_bytes: int = MAX_BODY_BYTES
    shared: bool = False  # a sandbox others reach: the admin surface needs admin_token
    admin_token: str | None = None


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
        """Move simulated time forward and let every area process what became due.

        Simulated time stops short of :data:`LATEST_SANDBOX_TIME` (lifecycles add years to it):
        an advance past it is refused with a 422 problem and changes nothing.
        """
        try:
            target = self.now() + dt.timedelta(seconds=seconds)
        except OverflowError:
            target = None
        if target is None or target >= LATEST_SANDBOX_TIME:
            raise problem(
                422,
                "Unprocessable Entity",
                detail=f"the sandbox clock stops before {LATEST_SANDBOX_TIME.date()}; "
                "reset it to start again",
                slug="clock-limit",
                errors=[field_error("body.seconds", "moves the clock past its limit")],
            )
        self.clock_offset += dt.timedelta(seconds=seconds)
        self.store.put("meta", "clock", {"offset_seconds": self.clock_offset.total_seconds()})
        self.tick()
        return self.now()

    def tick(self) -> None:
        """Run every tick hook; a failing hook's writes are undone and nobody else fails.

        The hook's own area quarantines the document that made it fail (see ``kit.isolated``);
        here the failure is only logged, so the request that emitted the event, and every
        other tenant's, go on.
        """
        for hook in self.tick_hooks:
            try:
                with self.store.transaction():
                    hook(self)
            except Exception:
                log.exception("tick hook %s failed; its writes were undone", hook.__qualname__)

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

    def close(self) -> None:
        """Stop background work (webhook deliveries) and close the store."""
        self.state["closed"] = True
        wake = self.state.get("webhooks.wake")
        if wake is not None:
            wake.set()
        self.store.close()

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
            response = await self._dispatch(op, request, request_id)
        except SandboxProblem as exc:
            response = _problem_response(exc, request_id, request.url.path)
        except Exception:  # a sandbox bug: say so as problem+json, never a bare 500
            log.exception("%s failed (%s)", op.operation_id, request_id)
            response = _problem_response(
                problem(
                    500,
                    "Sandbox error",
                    detail=f"the sandbox failed on this request; its log has {request_id}",
                ),
                request_id,
                request.url.path,
            )
        # The access log names the operation and its path template: never a query string, a
        # token, a password hash or an identifier (they all travel in paths and queries).
        access_log.info(
            "%s %s %s -> %d (%s)",
            op.method,
            op.path,
            op.operation_id,
            response.status_code,
            request_id,
        )
        return response

    def _check_admin(self, op: AnyOperation, headers: Mapping[str, str]) -> None:
        if not self.config.shared or op.operation_id not in ADMIN_OPERATIONS:
            return
        expected = self.config.admin_token
        if not expected:
            raise problem(
                403,
                "Forbidden",
                detail=f"{op.operation_id} is disabled on a shared sandbox",
                slug="admin-disabled",
            )
        given = headers.get(ADMIN_HEADER, "")
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise problem(
                401,
                "Unauthorized",
                detail=f"{op.operation_id} needs the sandbox admin token ({ADMIN_HEADER})",
                slug="admin-token-required",
            )

    async def _dispatch(self, op: AnyOperation, request: Request, request_id: str) -> Response:
        # Who is calling comes first: nobody makes the sandbox read or parse a body before that
        # (authentication reads the store, so it runs off the event loop like the handler).
        self._check_admin(op, request.headers)
        principal = await self._authenticate(request.headers)
        authorize(op, principal)
        spec = self.spec.operations.get(op.operation_id)
        raw_body = await _read_body(request, self._body_limit(op, spec))
        # The handler runs in a worker thread, holding the store's lock: a slow handler delays
        # the requests that need the store, never the event loop (nor the requests that do not).
        return await run_in_threadpool(
            self._handle, op, spec, request, raw_body, principal, request_id
        )

    async def _authenticate(self, headers: Mapping[str, str]) -> Principal | None:
        # A token look-up is a few microseconds: done in place when the store is free, in a
        # worker thread when a handler holds it (the event loop never waits for the lock).
        lock = self.store.lock
        if lock.acquire(blocking=False):
            try:
                return authenticate(self, headers)
            finally:
                lock.release()
        return await run_in_threadpool(authenticate, self, headers)

    def _body_limit(self, op: AnyOperation, spec: OperationSpec | None) -> int:
        if op.principal == "none" and not (spec is not None and spec.wire):
            return min(ANONYMOUS_BODY_BYTES, self.config.max_body_bytes)
        return self.config.max_body_bytes

    def _handle(
        self,
        op: AnyOperation,
        spec: OperationSpec | None,
        request: Request,
        raw_body: bytes,
        principal: Principal | None,
        request_id: str,
    ) -> Response:
        handler = self.handlers[op.operation_id]
        params: dict[str, Any] = dict(request.path_params)
        body: Any = None
        errors: list[dict[str, Any]] = []
        if spec is not None and spec.wire:
            params, body = dict(request.query_params), raw_body  # the handler binds them
        elif spec is not None:
            params, errors = self._params(spec, request)
            body, body_errors = self._body(spec, request, raw_body)
            errors.extend(body_errors)
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
        prepare = getattr(handler, "__vssdk_prepare__", None)
        if prepare is not None:  # heavy, store-free work: outside the lock (see kit.handles)
            ctx.prepared = self._call(prepare, ctx)
        # Only operations that declare Idempotency-Key honour it (never the token endpoint:
        # tokens are not kept, and a refresh token's reuse must be seen as reuse).
        key = request.headers.get("idempotency-key") if op.accepts_idempotency_key else None
        scope_key = digest = None
        refused: SandboxProblem | None = None
        # One transaction for the handler's writes and the idempotency record: both or neither.
        # A deliberate problem keeps what the handler wrote on purpose (failed-login counters,
        # a burnt authorization code); any other exception undoes everything.
        with self.store.transaction():
            if key is not None:
                owner = principal.subject if principal else "anonymous"
                scope_key = f"{op.operation_id}:{owner}:{key}"
                digest = hashlib.sha256(request.url.path.encode() + b"\0" + raw_body).hexdigest()
                replay = self._replay(scope_key, digest, request_id)
                if replay is not None:
                    return replay
            try:
                response = self._reply(op, spec, self._call(handler, ctx), request_id)
            except SandboxProblem as exc:
                refused = exc
            else:
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
        if refused is not None:
            raise refused
        return response

    @staticmethod
    def _call(handler: Handler, ctx: Ctx) -> Any:
        try:
            return handler(ctx)
        except InvalidArgument as exc:  # the rules refused a value the request carried
            raise problem(
                422,
                "Unprocessable Entity",
                detail=str(exc),
                slug="rule-violated",
                errors=[field_error(exc.argument, exc.reason)],
            ) from None

    def _replay(self, scope_key: str, digest: str, request_id: str) -> Response | None:
        stored = self.store.get(IDEMPOTENCY, scope_key)
        if stored is None:
            return None
        created = stored.get("created_at")
        if created and self.now() - dt.datetime.fromisoformat(created) > IDEMPOTENCY_TTL:
            self.store.delete(IDEMPOTENCY, scope_key)  # expired: the key is free again
            return None
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
        body = _parse_json(raw)
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


def _too_large(limit: int) -> SandboxProblem:
    return problem(
        413,
        "Content Too Large",
        detail=f"the request body is larger than this operation accepts ({limit:,} bytes)",
        slug="body-too-large",
    )


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


_MAX_JSON_DEPTH = 64
_MAX_INT_DIGITS = 30  # beyond any amount or count in the spec (money is at most 15 digits)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError("integer too long")
    return int(text)


def _depth(raw: bytes) -> int:
    """How deeply ``raw`` nests arrays and objects (brackets inside strings not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > _MAX_JSON_DEPTH:
                    return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _parse_json(raw: bytes) -> Any:
    """A JSON body, or a 400 problem in our own words (never the parser's exception text)."""
    if raw.count(b"[") + raw.count(b"{") > _MAX_JSON_DEPTH and _depth(raw) > _MAX_JSON_DEPTH:
        raise problem(
            400, "Bad Request", detail=f"the body nests deeper than {_MAX_JSON_DEPTH} levels"
        )
    try:
        return json.loads(raw, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        detail = f"the body is not valid JSON (line {exc.lineno}, column {exc.colno})"
    except (ValueError, RecursionError):
        detail = (
            f"the body is not valid JSON, or holds a number longer than {_MAX_INT_DIGITS} digits"
        )
    raise problem(400, "Bad Request", detail=detail)


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
            else (exc.detail if isinstance(exc, HTTPException) else "the request failed")
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
