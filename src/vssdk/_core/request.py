"""Building a request from an operation and a call: pure, no I/O."""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from vssdk._core.operation import AnyOperation, Call
from vssdk._core.wire import PreparedRequest
from vssdk.errors import InvalidArgument

__all__ = ["PreparedRequest", "build_request", "new_idempotency_key"]

USER_AGENT = "vssdk-python/0.1.0"
ACCEPT = "application/json, application/problem+json"


def new_idempotency_key() -> str:
    """A fresh random idempotency key."""
    return f"vssdk-{uuid.uuid4().hex}"


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, int | str | Decimal):
        return str(value)
    raise InvalidArgument("query", f"cannot send {type(value).__name__} as a query value")


def _expand_path(template: str, params: Mapping[str, str]) -> str:
    path = template
    for name, value in params.items():
        if not isinstance(value, str) or not value.strip():
            raise InvalidArgument(name, "must be a non-empty string")
        path = path.replace("{" + name + "}", quote(value, safe=""))
    if "{" in path:
        missing = path[path.index("{") + 1 : path.index("}")]
        raise InvalidArgument(missing, "path parameter is required")
    return path


def build_request(
    op: AnyOperation,
    call: Call,
    *,
    base_url: str,
    default_headers: tuple[tuple[str, str], ...] = (),
) -> PreparedRequest:
    """Turn ``op`` + ``call`` into a :class:`PreparedRequest` (pure)."""
    url = base_url + _expand_path(op.path, call.path_params)
    query = {k: _query_value(v) for k, v in call.query.items() if v is not None}
    if query:
        url += "?" + urlencode(query)
    headers: dict[str, str] = {"accept": ACCEPT}
    headers["user-agent"] = USER_AGENT
    headers.update(default_headers)
    content: bytes | None = None
    if call.body is not None:
        if isinstance(call.body, bytes):
            content = call.body
        else:
            from vssdk._core.model import encode_json  # msgspec: loaded by the first body

            content = encode_json(call.body)
        headers["content-type"] = call.content_type
    headers.update({k.lower(): v for k, v in call.headers.items()})
    key = call.idempotency_key
    if key is None and op.accepts_idempotency_key:
        key = new_idempotency_key()
    if key is not None:
        headers["idempotency-key"] = key
    return PreparedRequest(
        method=op.method,
        url=url,
        headers=headers,
        content=content,
        operation_id=op.operation_id,
        retry_safe=op.idempotent or key is not None,
        idempotency_key=key,
    )
