"""Client behaviour over a faked transport (respx): retries, deadlines, errors, payloads kept."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import respx

import vssdk
from vssdk.lookups.models import Facility

BASE = "https://bhxh.example"
FACILITY = {
    "code": "01001",
    "name": "Bệnh viện Sandbox",
    "province_code": "01",
    "level": "central",
    "contracted": True,
}
PROBLEM = {
    "type": "https://vssdk.dev/problems/validation-failed",
    "title": "Unprocessable Entity",
    "status": 422,
    "detail": "Dữ liệu không hợp lệ",
    "vss_code": "050",
    "vss_message": "Họ tên không đúng",
    "errors": [{"path": "body.full_name", "message": "không khớp", "vss_field": "hoTen"}],
}


class Sleeps:
    """Records the waits the client asks for instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_client(**kwargs: Any) -> tuple[vssdk.Client, Sleeps]:
    client = vssdk.Client(BASE, **kwargs)
    sleeps = Sleeps()
    client._engine.sleep = sleeps
    client._engine.policy = client._engine.policy.__class__(
        client._engine.policy.max_retries, jitter=lambda: 0.0
    )
    return client, sleeps


@respx.mock(base_url=BASE, assert_all_called=False)
def test_retries_5xx_with_exponential_backoff_then_succeeds(respx_mock: respx.Router) -> None:
    route = respx_mock.get("/reference/facilities/01001").mock(
        side_effect=[httpx.Response(503), httpx.Response(502), httpx.Response(200, json=FACILITY)]
    )
    client, sleeps = make_client(max_retries=2)
    facility = client.lookups.facility("01001")
    assert isinstance(facility, Facility) and facility.code == "01001"
    assert route.call_count == 3
    assert sleeps.calls == [0.5, 1.0]


@respx.mock(base_url=BASE)
def test_gives_up_after_max_retries_with_server_error(respx_mock: respx.Router) -> None:
    route = respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(
            500,
            json={"title": "boom", "status": 500, "type": "about:blank"},
            headers={"content-type": "application/problem+json", "x-request-id": "req_1"},
        )
    )
    client, _ = make_client(max_retries=2)
    with pytest.raises(vssdk.ServerError) as info:
        client.lookups.facility("01001")
    assert route.call_count == 3
    assert info.value.status_code == 500 and info.value.request_id == "req_1"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("3", 3.0), ("0", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
@respx.mock(base_url=BASE)
def test_honours_retry_after(respx_mock: respx.Router, header: str, expected: float) -> None:
    respx_mock.get("/reference/facilities/01001").mock(
        side_effect=[
            httpx.Response(429, headers={"retry-after": header}),
            httpx.Response(200, json=FACILITY),
        ]
    )
    client, sleeps = make_client()
    client.lookups.facility("01001")
    assert sleeps.calls == [expected]


@respx.mock(base_url=BASE)
def test_retry_after_longer_than_cap_raises_rate_limit(respx_mock: respx.Router) -> None:
    route = respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(429, headers={"retry-after": "3600"})
    )
    client, sleeps = make_client()
    with pytest.raises(vssdk.RateLimitError) as info:
        client.lookups.facility("01001")
    assert route.call_count == 1 and sleeps.calls == []
    assert info.value.retry_after == 3600.0


@respx.mock(base_url=BASE)
def test_server_can_forbid_a_retry(respx_mock: respx.Router) -> None:
    route = respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(503, headers={"x-should-retry": "false"})
    )
    client, _ = make_client()
    with pytest.raises(vssdk.ServerError):
        client.lookups.facility("01001")
    assert route.call_count == 1


@respx.mock(base_url=BASE)
def test_post_without_idempotency_key_is_never_retried(respx_mock: respx.Router) -> None:
    route = respx_mock.post("/_sandbox/clock/advance").mock(return_value=httpx.Response(503))
    client, _ = make_client(max_retries=3)
    with pytest.raises(vssdk.ServerError):
        client.sandbox.advance_clock(seconds=5)
    assert route.call_count == 1


@respx.mock(base_url=BASE)
def test_connection_errors_are_retried_for_idempotent_calls(respx_mock: respx.Router) -> None:
    route = respx_mock.get("/reference/facilities/01001").mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=FACILITY)]
    )
    client, sleeps = make_client()
    assert client.lookups.facility("01001").code == "01001"
    assert route.call_count == 2 and len(sleeps.calls) == 1


@respx.mock(base_url=BASE)
def test_connection_error_surfaces_typed(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities/01001").mock(side_effect=httpx.ConnectError("refused"))
    client, _ = make_client(max_retries=0)
    with pytest.raises(vssdk.APIConnectionError) as info:
        client.lookups.facility("01001")
    assert not isinstance(info.value, vssdk.APITimeoutError)
    assert info.value.operation_id == "getFacility"


@respx.mock(base_url=BASE)
def test_timeout_surfaces_as_api_timeout_error(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities/01001").mock(side_effect=httpx.ReadTimeout("slow"))
    client, _ = make_client(max_retries=0)
    with pytest.raises(vssdk.APITimeoutError):
        client.lookups.facility("01001")


@respx.mock(base_url=BASE)
def test_overall_deadline_stops_retries(respx_mock: respx.Router) -> None:
    route = respx_mock.get("/reference/facilities/01001").mock(return_value=httpx.Response(503))
    now = [0.0]
    client, sleeps = make_client(max_retries=10, deadline=2.0)
    client._engine.clock = lambda: now[0]

    def advance(seconds: float) -> None:
        sleeps.calls.append(seconds)
        now[0] += seconds

    client._engine.sleep = advance
    with pytest.raises(vssdk.ServerError):
        client.lookups.facility("01001")
    # waits 0.5 then 1.0 (total 1.5 s); the next wait (2.0) would pass the 2 s deadline.
    assert sleeps.calls == [0.5, 1.0]
    assert route.call_count == 3


@respx.mock(base_url=BASE)
def test_malformed_json_keeps_the_payload(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(
            200, content=b"{not json", headers={"content-type": "application/json"}
        )
    )
    client, _ = make_client()
    with pytest.raises(vssdk.ResponseValidationError) as info:
        client.lookups.facility("01001")
    assert info.value.body == b"{not json"


@respx.mock(base_url=BASE)
def test_truncated_body_keeps_the_payload(respx_mock: respx.Router) -> None:
    full = httpx.Response(200, json=FACILITY).content
    respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(
            200, content=full[:20], headers={"content-type": "application/json"}
        )
    )
    client, _ = make_client()
    with pytest.raises(vssdk.ResponseValidationError) as info:
        client.lookups.facility("01001")
    assert info.value.body == full[:20]


@respx.mock(base_url=BASE)
def test_200_that_breaks_the_schema_raises_with_path(respx_mock: respx.Router) -> None:
    bad = {**FACILITY, "contracted": "yes"}
    respx_mock.get("/reference/facilities/01001").mock(return_value=httpx.Response(200, json=bad))
    client, _ = make_client()
    with pytest.raises(vssdk.ResponseValidationError) as info:
        client.lookups.facility("01001")
    assert info.value.path == "$.contracted"
    assert b'"yes"' in info.value.body


@respx.mock(base_url=BASE)
def test_unknown_fields_are_kept_and_reported(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(200, json={**FACILITY, "hang_benh_vien": "I"})
    )
    client, _ = make_client()
    with pytest.warns(vssdk.UnknownFieldsWarning, match="hang_benh_vien"):
        facility = client.lookups.facility("01001")
    assert vssdk.unknown_fields(facility) == {"hang_benh_vien": "I"}


@respx.mock(base_url=BASE)
def test_problem_json_becomes_typed_error_with_vietnamese_kept(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(
            422,
            json=PROBLEM,
            headers={"content-type": "application/problem+json", "x-request-id": "req_9"},
        )
    )
    client, _ = make_client()
    with pytest.raises(vssdk.UnprocessableEntityError) as info:
        client.lookups.facility("01001")
    err = info.value
    assert err.vss_code == "050" and err.vss_message == "Họ tên không đúng"
    assert err.detail == "Dữ liệu không hợp lệ"
    assert err.errors[0].path == "body.full_name" and err.errors[0].vss_field == "hoTen"
    assert err.request_id == "req_9" and err.body == httpx.Response(422, json=PROBLEM).content


@respx.mock(base_url=BASE)
def test_error_without_problem_json_keeps_raw_body(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities/01001").mock(
        return_value=httpx.Response(
            404, content=b"<html>Not here</html>", headers={"content-type": "text/html"}
        )
    )
    client, _ = make_client()
    with pytest.raises(vssdk.NotFoundError) as info:
        client.lookups.facility("01001")
    assert info.value.problem is None and info.value.body == b"<html>Not here</html>"


def test_async_client_retries_the_same_way() -> None:
    calls: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        calls.append(seconds)

    async def scenario() -> str:
        with respx.mock(base_url=BASE) as mock:
            mock.get("/reference/facilities/01001").mock(
                side_effect=[httpx.Response(503), httpx.Response(200, json=FACILITY)]
            )
            async with vssdk.AsyncClient(BASE) as client:
                client._engine.sleep = fake_sleep
                facility = await client.lookups.facility("01001")
                return facility.code

    import asyncio

    assert asyncio.run(scenario()) == "01001"
    assert len(calls) == 1


@respx.mock(base_url=BASE)
def test_post_with_idempotency_key_is_retried_with_the_same_key(respx_mock: respx.Router) -> None:
    from vssdk._core.operation import Call, operation
    from vssdk.sandbox.models import SandboxStatus

    @operation(
        "submitThing", "POST", "/things", response=SandboxStatus, accepts_idempotency_key=True
    )
    def submit_thing() -> Call:
        return Call(body={"x": 1})

    status = {
        "version": "1",
        "now": "2026-11-23T09:00:00+07:00",
        "clock_offset_seconds": 0,
        "counts": {},
    }
    route = respx_mock.post("/things").mock(
        side_effect=[
            httpx.ConnectError("reset"),
            httpx.Response(503),
            httpx.Response(200, json=status),
        ]
    )
    client, _ = make_client(max_retries=3)
    client._engine.invoke(submit_thing, submit_thing.builder())
    keys = {call.request.headers["idempotency-key"] for call in route.calls}
    assert route.call_count == 3
    assert len(keys) == 1 and next(iter(keys)).startswith("vssdk-")


def test_vssdk_log_env_turns_on_debug_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from vssdk._core.log import logger

    monkeypatch.setenv("VSSDK_LOG", "debug")
    before = list(logger.handlers)
    try:
        vssdk.Client(BASE)
        assert logger.level == logging.DEBUG
        assert any(getattr(h, "_vssdk", False) for h in logger.handlers)
    finally:
        logger.handlers[:] = before
        logger.setLevel(logging.NOTSET)


@pytest.mark.parametrize("injected", [False, True])
def test_every_request_says_who_it_is_and_what_it_accepts(injected: bool) -> None:
    """vssdk's own pool carries accept/user-agent as defaults; an injected client gets them per
    request, over whatever defaults it has. The wire is the same either way."""
    seen: list[httpx.Headers] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(200, json={"code": "01001", "name": "x", "province_code": "01",
                                         "level": "central", "contracted": True})  # fmt: skip

    transport = httpx.MockTransport(answer)
    if injected:
        pool = httpx.Client(transport=transport, headers={"accept": "*/*", "user-agent": "mine"})
        client = vssdk.Client("http://sandbox.test", http_client=pool)
    else:
        client = vssdk.Client("http://sandbox.test", transport=transport)
    with client:
        client.lookups.facility("01001")
    assert seen[0]["accept"] == "application/json, application/problem+json"
    assert seen[0]["user-agent"].startswith("vssdk-python/")
    assert seen[0].get_list("accept") == ["application/json, application/problem+json"]


def test_each_attempt_gets_timeouts_capped_by_the_time_left() -> None:
    from vssdk._core.config import Timeout
    from vssdk._core.transport import _timeout

    t = Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
    far = _timeout(t, 100.0)
    assert far == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 5.0}
    assert _timeout(t, 100.0) is far  # reused while the deadline is far
    near = _timeout(t, 2.0)
    assert near == {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}
    assert _timeout(t, 100.0) == far


def test_the_pool_is_made_on_first_use_and_a_closed_client_stays_closed() -> None:
    client = vssdk.Client("https://x.example")
    assert client._engine.http._pool is None  # no httpcore import, no CA bundle yet
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        client.lookups.facility("01001")


def test_an_async_client_closed_before_use_stays_closed() -> None:
    import asyncio

    async def scenario() -> None:
        client = vssdk.AsyncClient("https://x.example")
        await client.aclose()
        with pytest.raises(RuntimeError, match="closed"):
            await client.lookups.facility("01001")

    asyncio.run(scenario())
