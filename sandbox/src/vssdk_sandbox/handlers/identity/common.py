"""Identity area: shared constants and helpers (OAuth errors, forms, issuer, signing key)."""

from __future__ import annotations

import datetime as dt
import html
import importlib.resources
import secrets
import string
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from joserfc.jwk import ECKey

from vssdk_sandbox.kit import Ctx, SandboxProblem, problem

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

ACCOUNTS = "accounts"
AUTH_CODES = "auth_codes"
OTP_CHALLENGES = "otp_challenges"
OTP_OUTBOX = "otp_outbox"
DEVICES = "devices"
USED_ASSERTIONS = "used_client_assertions"
SIGNING_KEY = "oauth_signing_key"

CITIZEN_TOKEN_TTL = 1800  # seconds, the access-token life observed at the national VNeID SSO
ORG_TOKEN_TTL = 3600  # seconds, vssdk's choice for organisation tokens
REFRESH_TTL = 30 * 86400
CODE_TTL = 60
OTP_TTL = 300
MAX_FAILURES = 5  # wrong passwords or OTPs before the account locks
LOCK_SECONDS = 30 * 60
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ACR = {1: "loa1", 2: "loa2"}


# --- small helpers -------------------------------------------------------------------------------


def sim_now(ctx: Ctx) -> int:
    """Simulated time: drives account lockouts and OTP challenges (business rules)."""
    return int(ctx.sandbox.now().timestamp())


def token_now() -> int:
    """Real time: tokens and codes are verified by clients against their own clock."""
    return int(time.time())


def iso_time(sandbox: Sandbox, epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, sandbox.now().tzinfo).isoformat()


def oauth_error(
    status: int, error: str, description: str, *, slug: str | None = None, **extra: Any
) -> SandboxProblem:
    """An OAuth error as problem+json, carrying ``error``/``error_description`` too."""
    titles = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}
    return problem(
        status,
        titles.get(status, "Error"),
        detail=description,
        slug=slug or error.replace("_", "-"),
        extensions={"error": error, "error_description": description, **extra},
    )


def read_form(ctx: Ctx) -> dict[str, str]:
    raw = ctx.raw_body.decode("utf-8", "replace") if ctx.raw_body else ""
    pairs = parse_qsl(raw, keep_blank_values=True)
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise oauth_error(400, "invalid_request", f"parameter {key!r} appears twice")
        form[key] = value
    return form


def issuer(ctx: Ctx) -> str:
    """The public base URL: fixed when the sandbox starts (``SandboxConfig.issuer``).

    ``vssdk sandbox`` and ``embedded()`` always fix it (``--issuer``, else the bound address);
    a request's ``Host`` or ``X-Forwarded-*`` headers never choose it, since client assertions
    are checked against it. Only an in-process sandbox without one (tests) falls back to the
    request's host, over plain http.
    """
    if ctx.sandbox.config.issuer:
        return ctx.sandbox.config.issuer.rstrip("/")
    return f"http://{ctx.headers.get('host', '127.0.0.1')}"


def signing_key(sandbox: Sandbox) -> ECKey:
    """The ES256 signing key, generated on first use and kept in the store."""
    doc = sandbox.store.get("meta", SIGNING_KEY)
    if doc is None:
        kid = "sbx-" + secrets.token_hex(4)
        key = ECKey.generate_key("P-256", parameters={"kid": kid, "use": "sig", "alg": "ES256"})
        doc = {"jwk": key.as_dict(private=True)}
        if not sandbox.store.insert_new("meta", SIGNING_KEY, doc):
            doc = sandbox.store.get("meta", SIGNING_KEY) or doc
    return ECKey.import_key(doc["jwk"])


def template(name: str, **values: str) -> bytes:
    text = (
        importlib.resources.files("vssdk_sandbox")
        .joinpath(f"templates/{name}")
        .read_text(encoding="utf-8")
    )
    return string.Template(text).safe_substitute(values).encode("utf-8")


def hidden_inputs(params: Mapping[str, str]) -> str:
    return "\n".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
    )
