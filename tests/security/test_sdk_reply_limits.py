"""F12: the SDK's deadline holds while a reply is read, and replies are capped in size, counted
after decompression (a slow-drip server, an endless body and a gzip bomb all end in a typed
error, quickly and in bounded memory)."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import vssdk
from tests.core.test_transport import FACILITY as _FACILITY
from vssdk.errors import APITimeoutError, ResponseValidationError

FACILITY = json.dumps(_FACILITY).encode()


class _Drip(httpx.SyncByteStream):
    """A body that arrives one byte at a time, each after a short pause (a slow server)."""

    def __iter__(self) -> Iterator[bytes]:
        for byte in FACILITY:
            time.sleep(0.05)
            yield bytes([byte])


class _Endless(httpx.SyncByteStream):
    def __iter__(self) -> Iterator[bytes]:
        chunk = b" " * 65536
        while True:
            yield chunk


def _client(handler: Callable[[httpx.Request], httpx.Response], **kw: Any) -> vssdk.Client:
    return vssdk.Client(
        "http://vss.test", transport=httpx.MockTransport(handler), max_retries=0, **kw
    )


def test_deadline_holds_while_a_reply_drips_in() -> None:
    def drip(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=_Drip())

    started = time.monotonic()
    with _client(drip, deadline=0.5, timeout=0.4) as client, pytest.raises(APITimeoutError):
        client.lookups.facility("01001")
    assert time.monotonic() - started < 2.0  # the whole body would take 3.6 s


def test_endless_body_stops_at_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSSDK_MAX_RESPONSE_BYTES", str(1024 * 1024))

    def endless(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=_Endless())

    with _client(endless) as client, pytest.raises(ResponseValidationError, match="larger than"):
        client.lookups.facility("01001")


def test_gzip_bomb_is_capped_after_decompression(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSSDK_MAX_RESPONSE_BYTES", str(1024 * 1024))
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB from ~64 kB
    assert len(bomb) < 1024 * 1024

    def gzipped(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "application/json", "content-encoding": "gzip"},
            content=bomb,
        )

    with _client(gzipped) as client, pytest.raises(ResponseValidationError, match="larger than"):
        client.lookups.facility("01001")


def test_declared_length_over_the_cap_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSSDK_MAX_RESPONSE_BYTES", str(1024 * 1024))

    def huge(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "application/json", "content-length": str(10**12)},
            stream=_Endless(),
        )

    with _client(huge) as client, pytest.raises(ResponseValidationError):
        client.lookups.facility("01001")


def test_async_client_has_the_same_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    monkeypatch.setenv("VSSDK_MAX_RESPONSE_BYTES", str(1024 * 1024))
    bomb = gzip.compress(b" " * (16 * 1024 * 1024))

    def gzipped(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, content=bomb)

    async def main() -> None:
        async with vssdk.AsyncClient(
            "http://vss.test", transport=httpx.MockTransport(gzipped), max_retries=0
        ) as client:
            await client.lookups.facility("01001")

    with pytest.raises(ResponseValidationError):
        asyncio.run(main())


def test_ordinary_replies_are_unchanged() -> None:
    def ok(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=FACILITY)

    with _client(ok) as client:
        assert client.lookups.facility("01001").code == "01001"
