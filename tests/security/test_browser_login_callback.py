"""F24: a forged request to the loopback callback does not end ``login_in_browser``.

Any local page or process can hit ``127.0.0.1:<port>/callback``; a callback without this login's
state is answered 400 and the real redirect is still awaited.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

import vssdk
from vssdk.identity import login_in_browser
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD


def test_forged_callbacks_are_ignored_and_the_real_login_completes(live_sandbox: Any) -> None:
    forged: list[int] = []

    def browser(url: str) -> None:
        query = parse_qs(urlsplit(url).query)
        redirect = query["redirect_uri"][0]
        with httpx.Client(timeout=10) as http:
            # an attacker's page fires first: wrong state, no state, two states, an error
            state = query["state"][0]
            attempts: list[list[tuple[str, str | int | float | bool | None]]] = [
                [("code", "evil"), ("state", "guessed")],
                [("code", "evil")],
                [("code", "evil"), ("state", state), ("state", "x")],
                [("error", "access_denied"), ("state", "guessed")],
            ]
            for params in attempts:
                forged.append(http.get(redirect, params=tuple(params)).status_code)
            # then the real login, through the sandbox's JSON login
            form = {k: v[0] for k, v in query.items()}
            form.update(method="vss_password", si_code="7901234567", password=SANDBOX_PASSWORD)
            done = http.post(
                live_sandbox.base_url + "/oauth/login",
                data=form,
                headers={"accept": "application/json"},
            )
            assert http.get(done.json()["redirect_to"]).status_code == 200

    with vssdk.Client(live_sandbox.base_url, max_retries=0) as client:
        session = login_in_browser(client, open_browser=browser, timeout=30)
        assert forged == [400, 400, 400, 400]
        me = client.with_options(auth=session).identity.userinfo()
        assert me.si_code == "7901234567"
