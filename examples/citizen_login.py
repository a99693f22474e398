"""Every identity flow against a sandbox (``VSSDK_BASE_URL``, else an embedded one).

Run with ``python examples/citizen_login.py``. In a real app the login form is filled in by a
person in a browser (``vssdk.identity.login_in_browser``); here the script posts it itself.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import vssdk
from vssdk._core.redact import mask
from vssdk.identity import (
    AuthorizationCodeFlow,
    ClientCredentials,
    IdentityLevelTooLow,
    OtpRequired,
    PasswordLogin,
    SessionRevoked,
)
from vssdk_sandbox import running
from vssdk_sandbox.seeds.identity import IVAN_PRIVATE_JWK
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def pkce_web_flow(client: vssdk.Client) -> None:
    heading("Authorization code + PKCE (a web back end, two steps)")
    flow = AuthorizationCodeFlow(
        base_url=client.base_url,
        client_id="citizen-portal",
        client_secret="sbx-portal-secret",
        redirect_uri="http://localhost:8000/callback",
        level=2,
    )
    pending = flow.start()  # step 1: keep pending.to_json() server-side, redirect to pending.url
    print(f"  redirect the browser to {pending.url.split('?')[0]}?…")
    # (the person logs in; here we post the form the way the browser would)
    params = {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}
    form = {**params, "method": "vneid", "si_code": "4898765432", "vneid_level": "2"}
    callback = client.identity.submit_authorization(form).redirect_to
    assert callback is not None
    session = flow.finish(client, pending, callback)  # step 2: state, code, PKCE, ID token
    info = client.with_options(auth=session).identity.userinfo()
    print(f"  {info.name}: identity level {info.identity_level} via {info.login_idp}")


def login(auth: PasswordLogin, view: vssdk.Client, client: vssdk.Client) -> None:
    """Log in; on a new device read the OTP from the sandbox outbox (a person reads their SMS)."""
    try:
        auth.login(view)
    except OtpRequired as exc:
        print(f"  new device {auth.device_id!r}: OTP sent to {exc.challenge.sent_to}")
        messages = client.identity.otp_outbox(si_code=auth.si_code)
        code = next(m.code for m in messages if m.challenge_id == exc.challenge.challenge_id)
        auth.verify_otp(code, view)


def password_and_devices(client: vssdk.Client) -> None:
    heading("SI code + password, one device at a time")
    phone = PasswordLogin(
        "7901234567", SANDBOX_PASSWORD, device_id="phone", base_url=client.base_url
    )
    on_phone = client.with_options(auth=phone)
    login(phone, on_phone, client)
    print(f"  on the phone: {on_phone.identity.userinfo().name}")
    tablet = PasswordLogin(
        "7901234567", SANDBOX_PASSWORD, device_id="tablet", base_url=client.base_url
    )
    on_tablet = client.with_options(auth=tablet)
    login(tablet, on_tablet, client)
    print(f"  on the tablet: SI code {mask(on_tablet.identity.userinfo().si_code)}")
    try:
        on_phone.identity.userinfo()
    except SessionRevoked:
        print("  the phone was signed out: SessionRevoked")
    tablet.logout(on_tablet)
    print("  logged out of the tablet (session revoked at the server)")


def identity_level(client: vssdk.Client) -> None:
    heading("Identity level 1 is refused where level 2 is required")
    level2 = PasswordLogin(
        "0112345670", SANDBOX_PASSWORD, device_id="phone", base_url=client.base_url
    )
    me = client.with_options(auth=level2)
    login(level2, me, client)
    card = me.citizen.card()
    print(f"  level 2: card {mask(card.card_code)} of {card.full_name}")
    level1 = PasswordLogin(
        "0112345670", SANDBOX_PASSWORD, device_id="phone", level=1, base_url=client.base_url
    )
    try:
        client.with_options(auth=level1).citizen.card()
    except IdentityLevelTooLow as exc:
        print(f"  level 1: IdentityLevelTooLow, raised before the card request was sent: {exc}")


def organisations(client: vssdk.Client) -> None:
    heading("Organisations: client credentials")
    hospital = ClientCredentials(
        "01001_BV", "sbx-01001_BV-secret", scopes=["hi.card_check"], base_url=client.base_url
    )
    vendor = ClientCredentials("ivan-sbx", private_key=IVAN_PRIVATE_JWK, base_url=client.base_url)
    for name, auth in (("hospital (client_secret_basic)", hospital), ("I-VAN", vendor)):
        tokens = auth.fetch(client)  # any secured call does this on its own
        print(
            f"  {name}: scope {tokens.scope!r}, expires in {tokens.expires_at - time.time():.0f} s"
        )


def main() -> None:
    with running() as base_url, vssdk.Client(base_url) as client:
        discovery = client.identity.discovery()
        print(f"issuer {discovery.issuer}; levels {', '.join(discovery.acr_values_supported)}")
        pkce_web_flow(client)
        password_and_devices(client)
        identity_level(client)
        organisations(client)


if __name__ == "__main__":
    main()
