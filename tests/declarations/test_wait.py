"""declarations.wait(): no silent multi-hour wait against the sandbox (issue 17).

It reports every poll (``progress`` and the ``vssdk`` logger), moves the sandbox clock when asked
instead of sleeping, and warns with the remedy when it would sleep in real time on a local server.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

import vssdk
from tests.conftest import run
from tests.declarations import _factories as f
from vssdk.calendar import VN_TZ
from vssdk.declarations import D02LT, Dossier, Employer, Month
from vssdk.declarations._waiting import is_loopback
from vssdk.declarations.models import DossierStatus, EmployerDossier
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import aorganisation_client, organisation_client

UNIT = "SBX001A"
SBX = Employer(unit_code=UNIT, name="Công ty TNHH Phần mềm Sandbox", agency_code="07906", region=1)


def _dossier(period: Month) -> Dossier:
    form = D02LT(employer=SBX, period=period, rows=(f.d02_row(1, from_month=period),))
    return Dossier.prepare(form, key=f.shared_key("a"))


def test_wait_moves_the_sandbox_clock_and_reports_each_poll(
    client: vssdk.Client, sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    vendor = organisation_client(client, client_id="ivan-sbx-basic")
    submitted = vendor.declarations.submit(_dossier(Month.of(sandbox.today())))
    before = sandbox.now()
    seen: list[tuple[DossierStatus, float]] = []
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="vssdk"):
        final = vendor.declarations.wait(
            UNIT,
            submitted.id,
            interval=1800,
            advance_sandbox_clock=True,
            progress=lambda d, waited: seen.append((d.status, waited)),
        )
    assert final.status is DossierStatus.ACCEPTED
    assert time.monotonic() - started < 30  # hours of sandbox time, not of wall time
    assert seen[0] == (DossierStatus.SUBMITTED, 0.0)
    assert seen[-1][0] is DossierStatus.ACCEPTED
    assert [w for _, w in seen] == [1800.0 * i for i in range(len(seen))]
    assert (sandbox.now() - before).total_seconds() >= seen[-1][1]
    polls = [r.getMessage() for r in caplog.records if "after" in r.getMessage()]
    assert len(polls) == len(seen)
    assert polls[-1].startswith(f"dossier {submitted.id}: accepted after")


def test_async_wait_moves_the_sandbox_clock(make_aclient: Any, sandbox: Sandbox) -> None:
    async def scenario() -> tuple[DossierStatus, int]:
        async with make_aclient() as aclient:
            vendor = await aorganisation_client(aclient, client_id="ivan-sbx-basic")
            submitted = await vendor.declarations.submit(_dossier(Month.of(sandbox.today())))
            polls: list[EmployerDossier] = []
            final = await vendor.declarations.wait(
                UNIT,
                submitted.id,
                interval=3600,
                advance_sandbox_clock=True,
                progress=lambda d, _: polls.append(d),
            )
            return final.status, len(polls)

    status, polls = run(scenario())
    assert status is DossierStatus.ACCEPTED
    assert polls >= 2


def test_real_time_wait_on_a_local_server_says_how_to_move_the_clock(
    live_sandbox: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with vssdk.Client(live_sandbox.base_url) as base:
        vendor = organisation_client(base, client_id="ivan-sbx-basic")
        status = vendor.sandbox.status()
        period = Month.of(status.now.astimezone(VN_TZ).date())
        submitted = vendor.declarations.submit(_dossier(period))
        slept: list[float] = []

        def fake_sleep(seconds: float) -> None:  # the real sleep, minus the waiting
            slept.append(seconds)
            vendor.sandbox.advance_clock(seconds=int(seconds))

        monkeypatch.setattr(time, "sleep", fake_sleep)
        with caplog.at_level(logging.WARNING, logger="vssdk"):
            final = vendor.declarations.wait(UNIT, submitted.id, interval=3600)
    assert final.status is DossierStatus.ACCEPTED
    assert slept and set(slept) == {3600}
    hints = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(hints) == 1  # once per wait, not once per poll
    assert "advance_sandbox_clock=True" in hints[0]
    assert submitted.id in hints[0]


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8765", True),
        ("http://localhost:8765/", True),
        ("http://[::1]:8765", True),
        ("https://egw.baohiemxahoi.gov.vn", False),
        ("http://sandbox.test", False),
    ],
)
def test_loopback_detection(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback
