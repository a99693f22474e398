"""The full PKCE flow over real TCP: the HTML form driven by plain HTTP and by headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import vssdk
from vssdk.identity import SessionRevoked, login_in_browser
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def live_client(live_sandbox: Any) -> Iterator[vssdk.Client]:
    with vssdk.Client(live_sandbox.base_url, max_retries=0) as c:
        yield c


def _hidden(html: str, form_id: str) -> dict[str, str]:
    start = html.index(f'id="{form_id}"')
    section = html[start : html.index("</form>", start)]
    return {k: v.replace("&amp;", "&") for k, v in _INPUT.findall(section)}


class FormDriver:
    """What a person does in the browser, as plain HTTP requests over TCP."""

    def __init__(self, client: vssdk.Client, si_code: str) -> None:
        self.client = client
        self.si_code = si_code
        self.pages: list[str] = []

    def __call__(self, url: str) -> None:
        with httpx.Client(follow_redirects=False, timeout=10) as http:
            page = http.get(url)
            assert page.status_code == 200 and "text/html" in page.headers["content-type"]
            self.pages.append("login")
            form = _hidden(page.text, "password-form")
            form.update(si_code=self.si_code, password=SANDBOX_PASSWORD)
            reply = http.post(self.client.base_url + "/oauth/login", data=form)
            if reply.status_code == 200 and 'id="otp-form"' in reply.text:
                self.pages.append("otp")
                otp_form = _hidden(reply.text, "otp-form")
                message = list(self.client.identity.otp_outbox(si_code=self.si_code))[-1]
                otp_form["otp"] = message.code
                reply = http.post(self.client.base_url + "/oauth/login", data=otp_form)
            assert reply.status_code == 303, reply.text
            callback = http.get(reply.headers["location"])
            assert callback.status_code == 200


def test_pkce_over_tcp_with_the_html_form(live_client: vssdk.Client) -> None:
    driver = FormDriver(live_client, "7901234567")
    session = login_in_browser(live_client, open_browser=driver, timeout=30)
    me = live_client.with_options(auth=session)
    assert me.identity.userinfo().si_code == "7901234567"
    assert driver.pages == ["login"]


def test_new_device_over_tcp_goes_through_the_otp_page(live_client: vssdk.Client) -> None:
    first = login_in_browser(
        live_client, open_browser=FormDriver(live_client, "0112345670"), device_id="desk-1"
    )
    driver = FormDriver(live_client, "0112345670")
    second = login_in_browser(live_client, open_browser=driver, device_id="desk-2")
    assert driver.pages == ["login", "otp"]
    assert live_client.with_options(auth=second).identity.userinfo().si_code == "0112345670"
    with pytest.raises(SessionRevoked):
        live_client.with_options(auth=first).identity.userinfo()


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium (make test installs it via tools/install_browser.sh)",
)
def test_pkce_in_headless_chromium(live_client: vssdk.Client) -> None:
    from playwright.sync_api import sync_playwright

    seen: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()

            def drive(url: str) -> None:
                page.goto(url)
                seen.append(page.title())
                page.fill("#si_code", "4898765432")
                page.fill("#password", SANDBOX_PASSWORD)
                page.click("#login")
                page.wait_for_url("**/callback?**", timeout=15_000)
                seen.append(page.inner_text("body"))

            session = login_in_browser(live_client, open_browser=drive, timeout=30)
        finally:
            browser.close()
    assert "Đăng nhập" in seen[0]
    assert "close this window" in seen[1]
    info = live_client.with_options(auth=session).identity.userinfo()
    assert (info.si_code, info.identity_level) == ("4898765432", 2)


@pytest.mark.browser
@pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium (make test installs it via tools/install_browser.sh)",
)
def test_backslash_redirect_attack_fails_in_headless_chromium(live_client: vssdk.Client) -> None:
    """F1: the victim's browser never carries a code to the host hidden behind ``\\@``."""
    import html
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from playwright.sync_api import sync_playwright

    stolen: list[str] = []

    class Evil(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            stolen.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"got it")

        def log_message(self, *args: Any) -> None:
            pass

    evil = HTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    # What Chromium reads as host 127.0.0.1:<evil port>, path /@127.0.0.1/callback.
    redirect = f"http://127.0.0.1:{evil.server_port}\\@127.0.0.1/callback"
    fields = {
        "response_type": "code",
        "client_id": "vssid-app",
        "redirect_uri": redirect,
        "scope": "openid citizen.read",
        "state": "attacker-state",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
        "method": "vss_password",
        "si_code": "4898765432",
        "password": SANDBOX_PASSWORD,
    }
    inputs = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items()
    )
    attack = (
        f'<form id="f" method="post" action="{live_client.base_url}/oauth/login">{inputs}</form>'
        "<script>document.getElementById('f').submit()</script>"
    )
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            try:
                page = browser.new_page()
                with page.expect_navigation(url="**/oauth/login", timeout=15_000) as nav:
                    page.set_content(attack)
                response = nav.value
                assert response is not None and response.status == 403
                assert "redirect_uri" in page.inner_text("body")
            finally:
                browser.close()
    finally:
        evil.shutdown()
        evil.server_close()
    assert stolen == []
