"""The gateway's log-in-again-on-401 policy, written once and driven by both clients."""

from __future__ import annotations

import asyncio
from typing import Any

import attrs
import pytest

from vssdk._core.operation import Call
from vssdk.gateway import _operations as ops
from vssdk.gateway._relogin import Invoke, NeedToken, adrive, drive, logged_in


@attrs.define
class FakeLogin:
    username: str = "his"
    password_hash: str = "X" * 32
    invalidated: int = 0

    def invalidate(self) -> None:
        self.invalidated += 1


@attrs.frozen
class Token:
    access_token: str
    id_token: str = "id"


@attrs.frozen
class Reply:
    maKetQua: str  # noqa: N815  (the gateway's field name)


def _build(login: Any, token: Any) -> Call:
    return Call(query={"token": token.access_token, "username": login.username})


def test_a_401_logs_in_again_and_calls_once_more() -> None:
    login = FakeLogin()
    steps = logged_in(ops.card_check, _build)
    assert isinstance(next(steps), NeedToken)
    first = steps.send((login, Token("old")))
    assert isinstance(first, Invoke) and first.call.query["token"] == "old"
    assert isinstance(steps.send(Reply("401")), NeedToken)
    assert login.invalidated == 1
    second = steps.send((login, Token("new")))
    assert isinstance(second, Invoke) and second.call.query["token"] == "new"
    with pytest.raises(StopIteration) as done:
        steps.send(Reply("200"))
    assert done.value.value == Reply("200")


def test_a_second_401_is_returned_not_retried_again() -> None:
    login = FakeLogin()
    replies = iter([Reply("401"), Reply("401")])
    tokens: list[str] = []

    def token() -> tuple[Any, Any]:
        tokens.append(f"t{len(tokens)}")
        return login, Token(tokens[-1])

    result = drive(logged_in(ops.card_check, _build), token, lambda op, call: next(replies))
    assert result == Reply("401")
    assert (tokens, login.invalidated) == (["t0", "t1"], 1)


def test_a_success_needs_one_call_and_both_drivers_agree() -> None:
    login = FakeLogin()
    calls: list[Call] = []

    def invoke(op: Any, call: Call) -> Reply:
        assert op is ops.card_check
        calls.append(call)
        return Reply("200")

    async def ainvoke(op: Any, call: Call) -> Reply:
        return invoke(op, call)

    async def atoken() -> tuple[Any, Any]:
        return login, Token("a")

    sync = drive(logged_in(ops.card_check, _build), lambda: (login, Token("a")), invoke)
    async_ = asyncio.run(adrive(logged_in(ops.card_check, _build), atoken, ainvoke))
    assert sync == async_ == Reply("200")
    assert len(calls) == 2 and login.invalidated == 0
