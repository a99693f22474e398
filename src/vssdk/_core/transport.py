"""The transport seam: the only module in vssdk that imports the HTTP package.

Everything else speaks :class:`PreparedRequest` in and :class:`RawResponse` out, so moving from
``httpx`` to its fork ``httpx2`` (or anything else) is a change to this file alone. Tests fake HTTP
through the transport (`httpx.MockTransport`, respx, or the sandbox's ASGI app), never by
patching.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import types
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any


def _defer_httpx_cli() -> None:
    """Keep ``import httpx`` from loading httpx's optional command line.

    ``httpx/__init__`` imports ``httpx._main`` (click, rich, pygments: ~35 ms, half of httpx's
    import time, whenever click is installed, as uvicorn brings it). The SDK never uses it. A
    stand-in module is put in its place before httpx is imported; its ``main`` loads the real
    command line on first call, so ``httpx.main()`` still works.
    """
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    stand_in = types.ModuleType("httpx._main")

    def main(*args: Any, **kwargs: Any) -> Any:
        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]
        import importlib

        real = importlib.import_module("httpx._main")
        return real.main(*args, **kwargs)

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = stand_in


_defer_httpx_cli()

import httpx  # noqa: E402

if TYPE_CHECKING:
    import asyncio

from vssdk._core.config import Timeout  # noqa: E402
from vssdk._core.request import ACCEPT, USER_AGENT  # noqa: E402
from vssdk._core.wire import PreparedRequest, RawResponse  # noqa: E402
from vssdk.errors import (  # noqa: E402
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    ResponseValidationError,
)

__all__ = [
    "MAX_RESPONSE_BYTES",
    "ASGITransport",
    "AsyncHTTP",
    "AsyncHttpClient",
    "HttpTransport",
    "MockTransport",
    "RawResponse",
    "SyncHTTP",
    "SyncHttpClient",
]

# Public aliases so other modules can name these types without importing httpx themselves.
SyncHttpClient = httpx.Client
AsyncHttpClient = httpx.AsyncClient
HttpTransport = httpx.BaseTransport
AsyncHttpTransport = httpx.AsyncBaseTransport
MockTransport = httpx.MockTransport
ASGITransport = httpx.ASGITransport

_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The largest reply read (after decompression); ``$VSSDK_MAX_RESPONSE_BYTES`` changes it."""


def _max_response_bytes() -> int:
    value = os.environ.get("VSSDK_MAX_RESPONSE_BYTES", "").strip()
    if not value:
        return MAX_RESPONSE_BYTES
    if not (value.isascii() and value.isdigit()) or int(value) < 1024:
        raise ConfigurationError(
            f"VSSDK_MAX_RESPONSE_BYTES must be a whole number of bytes >= 1024, got {value!r}"
        )
    return int(value)


# What nearly every request carries: set once on the clients vssdk makes, so httpx does not merge
# them on each request (≈ 9 µs of its ≈ 100 µs per call). Injected clients get every header.
_BASE_HEADERS = {"accept": ACCEPT, "user-agent": USER_AGENT}


def _headers(headers: Mapping[str, str], base: dict[str, str] | None) -> Mapping[str, str]:
    if base is None:
        return headers
    return {k: v for k, v in headers.items() if base.get(k) != v}


_TIMEOUTS: dict[int, tuple[Timeout, float, dict[str, float | None]]] = {}


def _timeout(t: Timeout, time_left: float) -> dict[str, float | None]:
    """The request's ``timeout`` extension: each of ``t``'s timeouts, capped by the time left.

    Passed as the extension itself (``httpx.Timeout(...).as_dict()``), so httpx builds no
    Timeout per request; reused while the deadline is further away than every timeout.
    """
    known = _TIMEOUTS.get(id(t))
    if known is not None and known[0] is t and time_left >= known[1]:
        return known[2]  # the usual case
    cap = max(time_left, 0.001)
    made = httpx.Timeout(
        connect=min(t.connect, cap),
        read=min(t.read, cap),
        write=min(t.write, cap),
        pool=min(t.pool, cap),
    ).as_dict()
    longest = max(t.connect, t.read, t.write, t.pool)
    if time_left >= longest:
        if len(_TIMEOUTS) >= 64:
            _TIMEOUTS.clear()
        _TIMEOUTS[id(t)] = (t, longest, made)
    return made


class _Body:
    """Collects a reply's (decompressed) bytes, within the call's deadline and the size cap.

    Used with the reply's headers already read (:func:`_headers_of`), so the declared length is
    checked from them; the common one-chunk reply costs one ``add``.
    """

    __slots__ = ("chunks", "end", "limit", "req", "size")

    def __init__(self, req: PreparedRequest, time_left: float, limit: int) -> None:
        self.req = req
        self.end = time.monotonic() + time_left
        self.limit = limit
        self.size = 0
        self.chunks: list[bytes] = []

    def start(self, headers: Mapping[str, str]) -> None:
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            self.too_large()

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            self.too_large()
        self.chunks.append(chunk)
        if time.monotonic() > self.end:
            raise APITimeoutError(
                f"{self.req.operation_id}: the overall deadline ran out while reading the reply",
                operation_id=self.req.operation_id,
            )

    def too_large(self) -> None:
        raise ResponseValidationError(
            f"{self.req.operation_id}: the reply is larger than {self.limit:,} bytes "
            "(VSSDK_MAX_RESPONSE_BYTES)",
            body=b"".join(self.chunks)[:1024],
            operation_id=self.req.operation_id,
        )

    def content(self) -> bytes:
        chunks = self.chunks
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _headers_of(response: httpx.Response) -> dict[str, str]:
    # What ``{k.lower(): v for k, v in response.headers.items()}`` gives (repeated names joined
    # with ", "), decoding each raw pair once rather than through httpx's per-item lookups.
    headers = response.headers
    encoding = headers.encoding
    out: dict[str, str] = {}
    for key, value in headers.raw:
        name = key.decode(encoding).lower()
        text = value.decode(encoding)
        out[name] = f"{out[name]}, {text}" if name in out else text
    return out


def _decoding_error(exc: Exception, req: PreparedRequest) -> ResponseValidationError:
    return ResponseValidationError(
        f"{req.operation_id}: the reply cannot be decoded ({type(exc).__name__})",
        body=b"",
        operation_id=req.operation_id,
    )


def _connection_error(exc: Exception, req: PreparedRequest) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(
            f"{req.operation_id}: timed out ({type(exc).__name__})", operation_id=req.operation_id
        )
    hint = ""
    if isinstance(exc, httpx.ConnectError) and _is_loopback(req.url):
        hint = " (nothing listens there: is the sandbox running? start it with `vssdk sandbox`)"
    return APIConnectionError(
        f"{req.operation_id}: {type(exc).__name__}: {exc}{hint}", operation_id=req.operation_id
    )


def _is_loopback(url: str) -> bool:
    host = httpx.URL(url).host
    return host in ("localhost", "::1") or host.startswith("127.")


def _check_injection(http_client: Any, transport: Any) -> None:
    if http_client is not None and transport is not None:
        raise ConfigurationError("pass either http_client or transport, not both")


class SyncHTTP:
    """A synchronous connection pool that sends :class:`PreparedRequest` objects."""

    __slots__ = ("_base", "_closed", "_lock", "_max", "_owned", "_pool", "_transport")

    def __init__(
        self,
        *,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        max_response_bytes: int | None = None,
    ) -> None:
        _check_injection(http_client, transport)
        self._max = max_response_bytes or _max_response_bytes()
        self._owned = http_client is None
        self._base = _BASE_HEADERS if self._owned else None
        # vssdk's own pool is made on first use: making an httpx client imports httpcore and
        # loads the CA certificates (≈ 40 ms), which a client that is never used need not pay.
        self._pool: httpx.Client | None = http_client
        self._transport = transport
        self._closed = False
        self._lock = threading.Lock()

    @property
    def _client(self) -> httpx.Client:
        pool = self._pool
        if pool is None:
            with self._lock:
                if self._pool is None:
                    made = httpx.Client(
                        transport=self._transport, limits=_LIMITS, headers=_BASE_HEADERS
                    )
                    if self._closed:  # closed before any use: behaves as a closed pool
                        made.close()
                    self._pool = made
                pool = self._pool
        return pool

    def send(self, req: PreparedRequest, timeout: Timeout, time_left: float) -> RawResponse:
        # Streamed so the size cap and the deadline hold while reading; build + send rather than
        # the stream() context manager: the same calls, less overhead per request.
        body = _Body(req, time_left, self._max)
        client = self._client
        try:
            request = client.build_request(
                req.method,
                req.url,
                headers=_headers(req.headers, self._base),
                content=req.content,
                extensions={"timeout": _timeout(timeout, time_left)},
            )
            response = client.send(request, stream=True)
            try:
                headers = _headers_of(response)
                body.start(headers)
                for chunk in response.iter_bytes():  # decompressed: the cap counts what we keep
                    body.add(chunk)
            finally:
                response.close()
        except httpx.TransportError as exc:
            raise _connection_error(exc, req) from exc
        except httpx.DecodingError as exc:
            raise _decoding_error(exc, req) from exc
        return RawResponse(
            status_code=response.status_code, headers=headers, content=body.content()
        )

    def close(self) -> None:
        if self._owned:
            self._closed = True
            if self._pool is not None:
                self._pool.close()


class AsyncHTTP:
    """An asynchronous connection pool, bound to the event loop that first uses it."""

    __slots__ = ("_base", "_closed", "_loop", "_max", "_owned", "_pool", "_transport")

    def __init__(
        self,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        max_response_bytes: int | None = None,
    ) -> None:
        _check_injection(http_client, transport)
        self._max = max_response_bytes or _max_response_bytes()
        self._owned = http_client is None
        self._base = _BASE_HEADERS if self._owned else None
        self._pool: httpx.AsyncClient | None = http_client  # vssdk's own: made on first use
        self._transport = transport
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def _client(self) -> httpx.AsyncClient:
        pool = self._pool
        if pool is None:  # one event loop: no lock needed
            if self._closed:  # closed before any use: what httpx says of a closed client
                raise RuntimeError("Cannot send a request, as the client has been closed.")
            pool = self._pool = httpx.AsyncClient(
                transport=self._transport, limits=_LIMITS, headers=_BASE_HEADERS
            )
        return pool

    def _check_loop(self) -> None:
        import asyncio  # here, not at the top: the sync client never loads asyncio

        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = loop
        elif self._loop is not loop:
            raise ConfigurationError(
                "this AsyncClient belongs to the event loop that first used it; create one "
                "client per event loop (for example inside the coroutine given to asyncio.run)"
            )

    async def send(self, req: PreparedRequest, timeout: Timeout, time_left: float) -> RawResponse:
        self._check_loop()
        body = _Body(req, time_left, self._max)
        client = self._client
        try:
            request = client.build_request(
                req.method,
                req.url,
                headers=_headers(req.headers, self._base),
                content=req.content,
                extensions={"timeout": _timeout(timeout, time_left)},
            )
            response = await client.send(request, stream=True)
            try:
                headers = _headers_of(response)
                body.start(headers)
                async for chunk in response.aiter_bytes():
                    body.add(chunk)
            finally:
                await response.aclose()
        except httpx.TransportError as exc:
            raise _connection_error(exc, req) from exc
        except httpx.DecodingError as exc:
            raise _decoding_error(exc, req) from exc
        return RawResponse(
            status_code=response.status_code, headers=headers, content=body.content()
        )

    async def aclose(self) -> None:
        if self._owned:
            self._closed = True
            if self._pool is not None:
                await self._pool.aclose()
