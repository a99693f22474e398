"""Authenticated clients for tests, obtained through the real flows against the sandbox.

::

    from vssdk_sandbox.testing import citizen_client, organisation_client

    me = citizen_client(client, si_code="7901234567", level=2)   # password grant, device bound
    me.citizen.profile()
    hospital = organisation_client(client, client_id="01001_BV", scopes=["hi.card_check"])

Each returns ``client.with_options(auth=...)``: a view sharing the client's pool. Secrets come
from the sandbox's documented fixtures (``vssdk_sandbox.seeds.identity``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from vssdk.errors import InvalidArgument
from vssdk.identity.credentials import ClientCredentials
from vssdk.identity.errors import OtpRequired
from vssdk.identity.password import CITIZEN_SCOPES, PasswordLogin
from vssdk.identity.pkce import AuthorizationCodeFlow, UserSession

if TYPE_CHECKING:
    from vssdk.client import AsyncClient, Client

__all__ = [
    "DEFAULT_DEVICE",
    "acitizen_client",
    "aorganisation_client",
    "citizen_client",
    "organisation_client",
    "organisation_credentials",
    "pkce_session",
]

DEFAULT_DEVICE = "vssdk-test-device"


def _citizen_auth(
    base_url: str,
    si_code: str,
    level: int,
    device_id: str,
    scopes: Sequence[str],
    password: str | None,
) -> PasswordLogin:
    from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

    return PasswordLogin(
        si_code,
        password if password is not None else SANDBOX_PASSWORD,
        device_id=device_id,
        level=level,
        scopes=scopes,
        base_url=base_url,
    )


def organisation_credentials(
    base_url: str, client_id: str, scopes: Sequence[str] = ()
) -> ClientCredentials:
    """Credentials of a seeded sandbox organisation client (secret or private key as seeded)."""
    from vssdk_sandbox.seeds.identity import CLIENTS, IVAN_PRIVATE_JWK

    seeded = CLIENTS.get(client_id)
    if seeded is None or seeded["kind"] != "organisation":
        raise InvalidArgument("client_id", f"no seeded organisation client {client_id!r}")
    if seeded.get("jwk"):
        return ClientCredentials(
            client_id, private_key=IVAN_PRIVATE_JWK, scopes=scopes, base_url=base_url
        )
    return ClientCredentials(client_id, seeded["secret"], scopes=scopes, base_url=base_url)


def citizen_client(
    client: Client,
    *,
    si_code: str = "7901234567",
    level: int = 2,
    device_id: str = DEFAULT_DEVICE,
    scopes: Sequence[str] = CITIZEN_SCOPES,
    password: str | None = None,
    complete_otp: bool = True,
) -> Client:
    """A view of ``client`` logged in as the citizen ``si_code`` (password grant, real tokens).

    If the account is bound to another device and ``complete_otp`` is true, the OTP is read
    from the sandbox outbox and verified (signing the other device out); otherwise
    ``OtpRequired`` propagates.
    """
    auth = _citizen_auth(client.base_url, si_code, level, device_id, scopes, password)
    view = client.with_options(auth=auth)
    try:
        auth.login(view)
    except OtpRequired as exc:
        if not complete_otp:
            raise
        code = _outbox_code(view, si_code, exc.challenge.challenge_id)
        auth.verify_otp(code, view)
    return view


def pkce_session(
    client: Client,
    *,
    si_code: str = "7901234567",
    level: int = 2,
    device_id: str = DEFAULT_DEVICE,
    method: str = "vss_password",
    client_id: str = "vssid-app",
    client_secret: str | None = None,
    redirect_uri: str = "http://127.0.0.1:8199/callback",
) -> UserSession:
    """The authorization code + PKCE flow driven by plain HTTP (what a browser would post).

    ``method`` is ``vss_password`` (SI code + password) or ``vneid`` (simulated VNeID approval
    at ``level``). A pending OTP step is completed from the sandbox outbox.
    """
    from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

    flow = AuthorizationCodeFlow(
        redirect_uri=redirect_uri,
        client_id=client_id,
        client_secret=client_secret,
        base_url=client.base_url,
        level=level,
        device_id=device_id,
    )
    pending = flow.start()
    params = {k: v[0] for k, v in parse_qs(urlsplit(pending.url).query).items()}
    client.identity.authorize_page(**params)
    form = {**params, "method": method, "si_code": si_code}
    if method == "vneid":
        form["vneid_level"] = str(level)
    else:
        form["password"] = SANDBOX_PASSWORD
    outcome = client.identity.submit_authorization(form)
    if outcome.otp_challenge_id is not None:
        code = _outbox_code(client, si_code, outcome.otp_challenge_id)
        otp_form = {**params, "step": "otp", "challenge_id": outcome.otp_challenge_id}
        outcome = client.identity.submit_authorization({**otp_form, "otp": code})
    if outcome.redirect_to is None:
        raise LookupError("the sandbox did not redirect back to the client")
    return flow.finish(client, pending, outcome.redirect_to)


def _outbox_code(client: Client, si_code: str, challenge_id: str) -> str:
    for message in client.identity.otp_outbox(si_code=si_code):
        if message.challenge_id == challenge_id:
            return message.code
    raise LookupError(f"no OTP for challenge {challenge_id} in the sandbox outbox")


def organisation_client(
    client: Client, *, client_id: str = "01001_BV", scopes: Sequence[str] = ()
) -> Client:
    """A view of ``client`` authenticated as a seeded organisation (client credentials)."""
    auth = organisation_credentials(client.base_url, client_id, scopes)
    view = client.with_options(auth=auth)
    auth.fetch(view)
    return view


async def acitizen_client(
    client: AsyncClient,
    *,
    si_code: str = "7901234567",
    level: int = 2,
    device_id: str = DEFAULT_DEVICE,
    scopes: Sequence[str] = CITIZEN_SCOPES,
    password: str | None = None,
    complete_otp: bool = True,
) -> AsyncClient:
    """Async :func:`citizen_client`."""
    auth = _citizen_auth(client.base_url, si_code, level, device_id, scopes, password)
    view = client.with_options(auth=auth)
    try:
        await auth.alogin(view)
    except OtpRequired as exc:
        if not complete_otp:
            raise
        code = ""
        page = await view.identity.otp_outbox(si_code=si_code)
        async for message in page:
            if message.challenge_id == exc.challenge.challenge_id:
                code = message.code
        if not code:
            raise LookupError("no OTP for this challenge in the sandbox outbox") from exc
        await auth.averify_otp(code, view)
    return view


async def aorganisation_client(
    client: AsyncClient, *, client_id: str = "01001_BV", scopes: Sequence[str] = ()
) -> AsyncClient:
    """Async :func:`organisation_client`."""
    auth = organisation_credentials(client.base_url, client_id, scopes)
    view = client.with_options(auth=auth)
    await auth.afetch(view)
    return view
