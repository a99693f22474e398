"""Configuration: base URL, finite timeouts, views that share the pool, closing."""

from __future__ import annotations

import httpx
import pytest
import respx

import vssdk


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VSSDK_BASE_URL", "https://env.example/")
    assert vssdk.Client().base_url == "https://env.example"


def test_missing_base_url_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    with pytest.raises(vssdk.ConfigurationError, match="VSSDK_BASE_URL"):
        vssdk.Client()


def test_none_timeout_is_refused_not_infinite() -> None:
    with pytest.raises(vssdk.ConfigurationError, match="forever"):
        vssdk.Client("https://x.example", timeout=None)  # type: ignore[arg-type]


def test_timeouts_are_finite_by_default() -> None:
    timeout = vssdk.Client("https://x.example")._engine.options.timeout
    assert 0 < timeout.connect <= 10 and 10 <= timeout.read <= 60


def test_number_timeout_caps_connect() -> None:
    timeout = vssdk.Timeout.of(2)
    assert timeout.read == 2 and timeout.connect == 2


def test_with_options_shares_the_pool_and_leaves_the_parent_alone() -> None:
    client = vssdk.Client("https://x.example", max_retries=2)
    view = client.with_options(max_retries=0, timeout=3)
    assert view._engine.http is client._engine.http
    assert view._engine.policy.max_retries == 0 and client._engine.policy.max_retries == 2
    assert view._engine.options.timeout.read == 3
    view.close()  # a view does not close the shared pool
    assert not client._engine.http._client.is_closed
    client.close()
    assert client._engine.http._client.is_closed


def test_injected_http_client_is_used_and_not_closed() -> None:
    with respx.mock(base_url="https://x.example") as mock:
        route = mock.get("/_sandbox/status").mock(
            return_value=httpx.Response(
                200,
                json={
                    "version": "1",
                    "now": "2026-11-23T09:00:00+07:00",
                    "clock_offset_seconds": 0,
                    "counts": {},
                },
            )
        )
        own = httpx.Client(headers={"x-proxy-tag": "abc"})
        with vssdk.Client("https://x.example", http_client=own) as client:
            client.sandbox.status()
        assert route.calls.last.request.headers["x-proxy-tag"] == "abc"
        assert not own.is_closed
        own.close()


def test_http_client_and_transport_together_is_an_error() -> None:
    with pytest.raises(vssdk.ConfigurationError):
        vssdk.Client(
            "https://x.example",
            http_client=httpx.Client(),
            transport=httpx.MockTransport(lambda r: httpx.Response(200)),
        )


def test_empty_path_parameter_is_rejected_before_sending() -> None:
    client = vssdk.Client(
        "https://x.example",
        transport=httpx.MockTransport(lambda r: pytest.fail("nothing should be sent")),
    )
    with pytest.raises(vssdk.InvalidArgument) as info:
        client.lookups.facility("  ")
    assert info.value.argument == "facility_code"


def test_async_client_refuses_a_second_event_loop() -> None:
    import asyncio

    client = vssdk.AsyncClient(
        "https://x.example",
        transport=httpx.MockTransport(
            lambda r: httpx.Response(
                200,
                json={
                    "version": "1",
                    "now": "2026-11-23T09:00:00+07:00",
                    "clock_offset_seconds": 0,
                    "counts": {},
                },
            )
        ),
    )
    asyncio.run(client.sandbox.status())
    with pytest.raises(vssdk.ConfigurationError, match="event loop"):
        asyncio.run(client.sandbox.status())
