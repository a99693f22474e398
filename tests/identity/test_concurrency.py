"""50 threads and 50 tasks sharing one client across a token expiry: exactly one refresh."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import vssdk
from tests.conftest import run
from vssdk.identity import PasswordLogin, TokenSet
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD
from vssdk_sandbox.testing import DEFAULT_DEVICE

WORKERS = 50


class Clock:
    """An injected clock (epoch seconds) the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _auth(base_url: str, clock: Clock, saved: list[tuple[TokenSet, bool]]) -> PasswordLogin:
    auth: PasswordLogin

    def hook(tokens: TokenSet) -> None:
        saved.append((tokens, auth._lock.locked()))

    auth = PasswordLogin(
        "7901234567",
        SANDBOX_PASSWORD,
        device_id=DEFAULT_DEVICE,
        base_url=base_url,
        clock=clock,
        on_token_saved=hook,
    )
    return auth


def test_fifty_threads_cause_exactly_one_refresh(client: vssdk.Client) -> None:
    clock, saved = Clock(), list[tuple[TokenSet, bool]]()
    auth = _auth(client.base_url, clock, saved)
    me = client.with_options(auth=auth)
    assert me.identity.userinfo().si_code == "7901234567"
    assert (auth.acquisitions, auth.refreshes) == (1, 0)
    clock.now += 1800  # the 1800 s access token is now expired for the client
    barrier = threading.Barrier(WORKERS)

    def call(_: int) -> str:
        barrier.wait()
        return me.identity.userinfo().si_code

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(call, range(WORKERS)))
    assert results == ["7901234567"] * WORKERS
    assert (auth.acquisitions, auth.refreshes) == (1, 1)
    assert len(saved) == 2 and not any(locked for _, locked in saved)


def test_fifty_tasks_cause_exactly_one_refresh(make_aclient: Any) -> None:
    clock, saved = Clock(), list[tuple[TokenSet, bool]]()

    async def scenario() -> tuple[list[str], int, int]:
        async with make_aclient() as aclient:
            auth = _auth(aclient.base_url, clock, saved)
            me = aclient.with_options(auth=auth)
            await me.identity.userinfo()
            clock.now += 1800
            infos = await asyncio.gather(*(me.identity.userinfo() for _ in range(WORKERS)))
            return [i.si_code for i in infos], auth.acquisitions, auth.refreshes

    codes, acquisitions, refreshes = run(scenario())
    assert codes == ["7901234567"] * WORKERS
    assert (acquisitions, refreshes) == (1, 1)
    assert len(saved) == 2 and not any(locked for _, locked in saved)
