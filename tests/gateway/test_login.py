"""GatewayLogin: uppercase MD5, ISO expiry (never seconds), caching, single-flight refresh."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
from urllib.parse import parse_qs

import pytest

from vssdk._core.auth import Requirement
from vssdk._core.request import PreparedRequest
from vssdk._core.transport import RawResponse
from vssdk.errors import InvalidArgument, ResponseValidationError
from vssdk.gateway import (
    GatewayLogin,
    GatewayLoginError,
    parse_expiry,
    password_hash,
)

T0 = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
REQ = Requirement("x", "organisation", None, None)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


def reply(expires_in: str = "2026-11-23T03:10:00.1047187Z", code: str = "200") -> RawResponse:
    body = {
        "maKetQua": code,
        "APIKey": {
            "access_token": "tok-1",
            "id_token": "8a1f0c3e-0000-4000-8000-000000000001",
            "token_type": "Bearer",
            "username": "01001_BV",
            "expires_in": expires_in,
        },
    }
    return RawResponse(200, {"content-type": "application/json"}, json.dumps(body).encode())


class FakeGateway:
    def __init__(self, *replies: RawResponse) -> None:
        self.replies = list(replies)
        self.requests: list[PreparedRequest] = []

    def __call__(self, req: PreparedRequest) -> RawResponse:
        self.requests.append(req)
        return self.replies[min(len(self.requests), len(self.replies)) - 1]


def make(clock: Clock | None = None, margin: int = 60) -> GatewayLogin:
    return GatewayLogin(
        "01001_BV",
        "s3cret",
        base_url="https://egw.example/",
        clock=clock or Clock(),
        refresh_margin=dt.timedelta(seconds=margin),
    )


def test_password_hash_is_uppercase_md5() -> None:
    # md5("s3cret") = 5e2b...: check shape and case; and a known vector
    assert password_hash("password") == "5F4DCC3B5AA765D61D8327DEB882CF99"
    assert password_hash("s3cret").isupper()


def test_login_request_shape() -> None:
    gw = FakeGateway(reply())
    auth = make()
    auth.token(gw)
    req = gw.requests[0]
    assert req.method == "POST"
    assert req.url == "https://egw.example/api/token/take"
    assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    form = parse_qs((req.content or b"").decode())
    assert form == {"username": ["01001_BV"], "password": [password_hash("s3cret")]}


def test_expiry_is_an_iso_timestamp_not_seconds() -> None:
    assert parse_expiry("2017-11-13T03:51:20.1047187Z") == dt.datetime(
        2017, 11, 13, 3, 51, 20, 104718, tzinfo=dt.UTC
    )
    assert parse_expiry("2026-11-23T10:00:00+07:00") == dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC)
    assert parse_expiry("2026-11-23T03:00:00").tzinfo is dt.UTC
    for bad in ("3600", "600.5", "", "tomorrow"):
        with pytest.raises(InvalidArgument) as info:
            parse_expiry(bad)
        assert info.value.argument == "expires_in"


def test_numeric_expires_in_in_reply_is_a_validation_error() -> None:
    with pytest.raises(ResponseValidationError) as info:
        make().token(FakeGateway(reply(expires_in="3600")))
    assert info.value.path == "$.APIKey.expires_in"


def test_token_cached_until_margin_before_expiry() -> None:
    clock = Clock()
    gw = FakeGateway(reply(expires_in="2026-11-23T03:10:00Z"))
    auth = make(clock, margin=60)
    first = auth.token(gw)
    clock.now = T0 + dt.timedelta(minutes=8, seconds=59)
    assert auth.token(gw) is first
    assert len(gw.requests) == 1
    clock.now = T0 + dt.timedelta(minutes=9)  # inside the margin: refresh
    auth.token(gw)
    assert len(gw.requests) == 2


def test_headers_hook_gives_the_qd130_trio() -> None:
    headers = make().headers(REQ, FakeGateway(reply()))
    assert headers == {
        "accesstoken": "tok-1",
        "tokenid": "8a1f0c3e-0000-4000-8000-000000000001",
        "passwordhash": password_hash("s3cret"),
    }


def test_refused_login_raises_with_code() -> None:
    body = json.dumps({"maKetQua": "403", "thongDiep": "Tài khoản bị khóa"}).encode()
    with pytest.raises(GatewayLoginError) as info:
        make().token(FakeGateway(RawResponse(200, {}, body)))
    assert info.value.vss_code == "403"
    assert "khóa" in str(info.value)


def test_numeric_result_code_is_read_as_its_digits() -> None:
    body = json.loads(reply().content)
    ok = RawResponse(200, {}, json.dumps({**body, "maKetQua": 200}).encode())
    assert make().token(FakeGateway(ok)).access_token == "tok-1"
    refused = RawResponse(200, {}, json.dumps({"maKetQua": 401, "thongDiep": "sai"}).encode())
    with pytest.raises(GatewayLoginError) as info:
        make().token(FakeGateway(refused))
    assert info.value.vss_code == "401"


def test_retry_unauthorized_forces_a_new_login() -> None:
    gw = FakeGateway(reply())
    auth = make()
    auth.token(gw)
    assert auth.retry_unauthorized(RawResponse(401, {}, b""), gw) is True
    auth.token(gw)
    assert len(gw.requests) == 2


def test_secrets_not_in_repr() -> None:
    auth = make()
    token = auth.token(FakeGateway(reply()))
    assert password_hash("s3cret") not in repr(auth)
    assert "s3cret" not in repr(auth)
    assert "tok-1" not in repr(token)


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"password": None}, "password"),
        ({"password": "x", "password_hash": "A" * 32}, "password"),
        ({"password": None, "password_hash": "xyz"}, "password_hash"),
        ({"password": ""}, "password"),
    ],
)
def test_bad_credentials_rejected(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(InvalidArgument) as info:
        GatewayLogin("01001_BV", base_url="https://x", **kwargs)  # type: ignore[arg-type]
    assert info.value.argument == argument


def test_ready_hash_is_uppercased() -> None:
    auth = GatewayLogin(
        "01001_BV", base_url="https://x", password_hash="5f4dcc3b5aa765d61d8327deb882cf99"
    )
    assert auth.password_hash == "5F4DCC3B5AA765D61D8327DEB882CF99"


def test_threads_share_one_login() -> None:
    auth = make()
    entered = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def slow_send(req: PreparedRequest) -> RawResponse:
        calls.append(1)
        entered.set()
        assert release.wait(10)
        return reply()

    results: list[str] = []

    def worker() -> None:
        results.append(auth.token(slow_send).access_token)

    first = threading.Thread(target=worker)
    first.start()
    assert entered.wait(10)
    others = [threading.Thread(target=worker) for _ in range(7)]
    for t in others:
        t.start()
    release.set()
    for t in [first, *others]:
        t.join(10)
    assert len(calls) == 1
    assert results == ["tok-1"] * 8
    assert auth.logins == 1


def test_tasks_share_one_login() -> None:
    auth = make()
    calls: list[int] = []

    async def send(req: PreparedRequest) -> RawResponse:
        calls.append(1)
        await asyncio.sleep(0)  # yield so the other tasks queue on the lock
        return reply()

    async def main() -> list[str]:
        tokens = await asyncio.gather(*(auth.atoken(send) for _ in range(10)))
        return [t.access_token for t in tokens]

    assert asyncio.run(main()) == ["tok-1"] * 10
    assert len(calls) == 1
