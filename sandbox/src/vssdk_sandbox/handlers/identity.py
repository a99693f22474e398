"""Sandbox handlers of the identity area: a small VNeID/VssID-style authorization server.

Citizens log in with SI code + password or a simulated VNeID choice (levels 1 and 2), through
the authorization code flow (PKCE required for public clients) or the password grant; one device
is active per account and a new device needs an OTP (read it from ``/_sandbox/otp-outbox``), which
signs the old device out. Organisations use client credentials (``client_secret_basic``,
``client_secret_post`` or ``private_key_jwt``). Access tokens are opaque and resolved by
``vssdk_sandbox.security``; ID tokens are ES256 JWTs signed with a key generated at first start.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import html
import importlib.resources
import json
import secrets
import string
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from vssdk.contract import mask
from vssdk_sandbox.kit import Ctx, Reply, SandboxProblem, handles, problem
from vssdk_sandbox.security import (
    ACCESS_TOKENS,
    REFRESH_TOKENS,
    TOKEN_FAMILIES,
    revoke_family,
)
from vssdk_sandbox.seeds.identity import OAUTH_CLIENTS, secret_hash
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

ACCOUNTS = "accounts"
AUTH_CODES = "auth_codes"
OTP_CHALLENGES = "otp_challenges"
OTP_OUTBOX = "otp_outbox"
DEVICES = "devices"
USED_ASSERTIONS = "used_client_assertions"
SIGNING_KEY = "oauth_signing_key"

CITIZEN_TOKEN_TTL = 1800  # seconds, as in the observed VNeID tokens (services.md §6.2)
ORG_TOKEN_TTL = 3600  # services.md §8.1
REFRESH_TTL = 30 * 86400
CODE_TTL = 60
OTP_TTL = 300
MAX_FAILURES = 5  # wrong passwords or OTPs before the account locks
LOCK_SECONDS = 30 * 60
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ACR = {1: "loa1", 2: "loa2"}


# --- small helpers -------------------------------------------------------------------------------


def _now(ctx: Ctx) -> int:
    """Simulated time: drives account lockouts and OTP challenges (business rules)."""
    return int(ctx.sandbox.now().timestamp())


def _token_now() -> int:
    """Real time: tokens and codes are verified by clients against their own clock."""
    return int(time.time())


def _iso(sandbox: Sandbox, epoch: int) -> str:
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


def _form(ctx: Ctx) -> dict[str, str]:
    raw = ctx.raw_body.decode("utf-8", "replace") if ctx.raw_body else ""
    pairs = parse_qsl(raw, keep_blank_values=True)
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form:
            raise oauth_error(400, "invalid_request", f"parameter {key!r} appears twice")
        form[key] = value
    return form


def issuer(ctx: Ctx) -> str:
    """The public base URL: the configured issuer, else the request's own scheme and host."""
    if ctx.sandbox.config.issuer:
        return ctx.sandbox.config.issuer.rstrip("/")
    host = ctx.headers.get("host", "127.0.0.1")
    scheme = ctx.headers.get("x-forwarded-proto", "http")
    return f"{scheme}://{host}"


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


def setup(sandbox: Sandbox) -> None:
    """Generate the signing key at first start (it then persists with the store)."""
    signing_key(sandbox)


def _template(name: str, **values: str) -> bytes:
    text = (
        importlib.resources.files("vssdk_sandbox")
        .joinpath(f"templates/{name}")
        .read_text(encoding="utf-8")
    )
    return string.Template(text).safe_substitute(values).encode("utf-8")


def _hidden(params: Mapping[str, str]) -> str:
    return "\n".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
    )


# --- clients -------------------------------------------------------------------------------------


def _client(ctx: Ctx, client_id: str) -> dict[str, Any]:
    doc = ctx.store.get(OAUTH_CLIENTS, client_id) if client_id else None
    if doc is None:
        raise oauth_error(401, "invalid_client", "unknown client")
    return doc


def _basic(ctx: Ctx) -> tuple[str, str] | None:
    value = ctx.headers.get("authorization", "")
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        user, _, password = base64.b64decode(encoded.strip()).decode("utf-8").partition(":")
    except ValueError:
        raise oauth_error(401, "invalid_client", "malformed Basic credentials") from None
    return unquote(user), unquote(password)


def _check_secret(client: Mapping[str, Any], secret: str) -> None:
    expected = client.get("secret_sha256")
    if not expected or not hmac.compare_digest(expected, secret_hash(secret)):
        raise oauth_error(401, "invalid_client", "client authentication failed")


def _check_assertion(ctx: Ctx, client: Mapping[str, Any], assertion: str) -> None:
    jwk = client.get("jwk")
    if not jwk:
        raise oauth_error(401, "invalid_client", "this client has no registered key")
    try:
        token = jwt.decode(assertion, ECKey.import_key(jwk), algorithms=["ES256"])
    except (JoseError, ValueError, TypeError, KeyError):
        raise oauth_error(401, "invalid_client", "client assertion signature invalid") from None
    claims = token.claims
    base = issuer(ctx)
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    # The caller stamps its assertion with its own (real) clock, not the sandbox's simulated one.
    now = int(time.time())
    if claims.get("iss") != client["client_id"] or claims.get("sub") != client["client_id"]:
        raise oauth_error(401, "invalid_client", "client assertion iss/sub must be the client id")
    if not ({base, base + "/oauth/token"} & set(audiences)):
        raise oauth_error(401, "invalid_client", "client assertion audience is not this server")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp + 30 < now or exp > now + 600:
        raise oauth_error(401, "invalid_client", "client assertion expired or too long-lived")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise oauth_error(401, "invalid_client", "client assertion needs a jti")
    if not ctx.store.insert_new(USED_ASSERTIONS, f"{client['client_id']}:{jti}", {"exp": exp}):
        raise oauth_error(401, "invalid_client", "client assertion replayed (jti used)")


def authenticate_client(ctx: Ctx, form: Mapping[str, str]) -> dict[str, Any]:
    """The calling client, authenticated as its registration requires."""
    basic = _basic(ctx)
    if basic is not None:
        client = _client(ctx, basic[0])
        _check_secret(client, basic[1])
        return client
    if form.get("client_assertion_type") == JWT_BEARER:
        assertion = form.get("client_assertion", "")
        client = _client(ctx, _unverified_issuer(assertion))
        _check_assertion(ctx, client, assertion)
        return client
    client = _client(ctx, form.get("client_id", ""))
    if "client_secret" in form:
        _check_secret(client, form["client_secret"])
        return client
    if client["type"] != "public":
        raise oauth_error(401, "invalid_client", "this client must authenticate")
    return client


def _unverified_issuer(assertion: str) -> str:
    # Only to find whose registered key verifies the assertion; nothing else is trusted yet.
    try:
        payload = assertion.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        raise oauth_error(401, "invalid_client", "client assertion is not a JWT") from None
    return str(claims.get("iss", "")) if isinstance(claims, dict) else ""


def _scopes(client: Mapping[str, Any], requested: str | None, status: int = 400) -> list[str]:
    allowed = list(client["scopes"])
    if not requested:
        return allowed
    wanted = requested.split()
    extra = [s for s in wanted if s not in allowed]
    if extra:
        raise oauth_error(status, "invalid_scope", f"scope not allowed for this client: {extra[0]}")
    return wanted


def _redirect_ok(client: Mapping[str, Any], redirect_uri: str) -> bool:
    if redirect_uri in client["redirect_uris"]:
        return True
    # RFC 8252 §7.3: loopback redirects match on any port.
    parts = urlsplit(redirect_uri)
    if parts.hostname in ("127.0.0.1", "localhost") and parts.scheme == "http":
        bare = f"http://{parts.hostname}{parts.path}"
        return bare in client["redirect_uris"] and not parts.query and not parts.fragment
    return False


# --- accounts, passwords, devices, OTPs --------------------------------------------------------


def _person(ctx: Ctx, login: str) -> dict[str, Any] | None:
    login = login.strip()
    person = ctx.store.get("people", login) if login else None
    if person is None and len(login) == 12 and login.isdigit():
        found = ctx.store.find("people", citizen_id=login)
        person = found[0] if found else None
    return person


def _account(ctx: Ctx, si_code: str) -> dict[str, Any]:
    doc = ctx.store.get(ACCOUNTS, si_code)
    if doc is None:
        doc = {
            "si_code": si_code,
            "phone": "09" + si_code[-8:],
            "max_level": 2,
            "failed_password": 0,
            "failed_otp": 0,
            "locked_until": 0,
            "active_device": None,
        }
        ctx.store.put(ACCOUNTS, si_code, doc)
    return doc


def _check_not_locked(ctx: Ctx, account: Mapping[str, Any]) -> None:
    if account.get("locked_until", 0) > _now(ctx):
        raise oauth_error(
            403,
            "account_locked",
            "too many failed attempts; the account is locked",
            slug="account-locked",
            locked_until=_iso(ctx.sandbox, int(account["locked_until"])),
        )


def _fail(ctx: Ctx, account: dict[str, Any], counter: str) -> bool:
    """Count a failure; True when the account just locked."""
    failures = int(account.get(counter, 0)) + 1
    account[counter] = failures
    locked = failures >= MAX_FAILURES
    if locked:
        account["locked_until"] = _now(ctx) + LOCK_SECONDS
        account[counter] = 0
    ctx.store.put(ACCOUNTS, account["si_code"], account)
    return locked


def check_password(ctx: Ctx, login: str, password: str) -> dict[str, Any]:
    """The person for an SI code + password; counts failures and locks the account."""
    person = _person(ctx, login)
    if person is None or not person.get("alive", True):
        raise oauth_error(400, "invalid_grant", "unknown SI code or wrong password")
    account = _account(ctx, person["si_code"])
    _check_not_locked(ctx, account)
    if not hmac.compare_digest(password.encode(), SANDBOX_PASSWORD.encode()):
        if _fail(ctx, account, "failed_password"):
            _check_not_locked(ctx, account)
        raise oauth_error(400, "invalid_grant", "unknown SI code or wrong password")
    if account.get("failed_password"):
        account["failed_password"] = 0
        ctx.store.put(ACCOUNTS, account["si_code"], account)
    return person


def _requested_level(acr_values: str | None, default: int = 2) -> int:
    if not acr_values:
        return default
    levels = [int(v[3:]) for v in acr_values.split() if v in ("loa1", "loa2")]
    if not levels:
        raise oauth_error(400, "invalid_request", "acr_values must be loa1 or loa2")
    return max(levels)


def _touch_device(ctx: Ctx, si_code: str, device_id: str) -> None:
    key = f"{si_code}:{device_id}"
    now = ctx.sandbox.now().isoformat()
    doc = ctx.store.get(DEVICES, key) or {
        "si_code": si_code,
        "device_id": device_id,
        "first_seen": now,
    }
    doc["last_login"] = now
    ctx.store.put(DEVICES, key, doc)


def _needs_otp(ctx: Ctx, account: dict[str, Any], device_id: str) -> bool:
    active = account.get("active_device")
    if active is None:
        account["active_device"] = device_id
        ctx.store.put(ACCOUNTS, account["si_code"], account)
    return active is not None and active != device_id


def _challenge(
    ctx: Ctx, account: Mapping[str, Any], device_id: str, pending: dict[str, Any]
) -> dict[str, Any]:
    challenge_id = ctx.sandbox.new_id("otp")
    code = f"{secrets.randbelow(10**6):06d}"
    expires = _now(ctx) + OTP_TTL
    sent_to = mask(str(account["phone"]))
    doc = {
        "challenge_id": challenge_id,
        "si_code": account["si_code"],
        "device_id": device_id,
        "code_sha256": hashlib.sha256(code.encode()).hexdigest(),
        "expires_at": expires,
        "attempts": 0,
        "pending": pending,
        "sent_to": sent_to,
    }
    ctx.store.put(OTP_CHALLENGES, challenge_id, doc)
    ctx.store.put(
        OTP_OUTBOX,
        challenge_id,
        {
            "challenge_id": challenge_id,
            "si_code": account["si_code"],
            "device_id": device_id,
            "sent_to": sent_to,
            "code": code,
            "sent_at": ctx.sandbox.now().isoformat(),
            "purpose": "new-device-login",
        },
    )
    return doc


def _otp_required(ctx: Ctx, challenge: Mapping[str, Any]) -> SandboxProblem:
    return oauth_error(
        403,
        "otp_required",
        "this account is active on another device; enter the OTP sent to the registered phone",
        slug="otp-required",
        challenge_id=challenge["challenge_id"],
        device_id=challenge["device_id"],
        sent_to=challenge["sent_to"],
        expires_at=_iso(ctx.sandbox, int(challenge["expires_at"])),
    )


def complete_otp(ctx: Ctx, challenge_id: str, code: str) -> dict[str, Any]:
    """Check an OTP; on success move the account to the new device and return the pending step."""
    challenge = ctx.store.get(OTP_CHALLENGES, challenge_id)
    if challenge is None or challenge["expires_at"] < _now(ctx):
        raise oauth_error(
            400, "invalid_otp", "unknown or expired OTP challenge", slug="invalid-otp"
        )
    account = _account(ctx, challenge["si_code"])
    _check_not_locked(ctx, account)
    digest = hashlib.sha256(code.strip().encode()).hexdigest()
    if not hmac.compare_digest(digest, challenge["code_sha256"]):
        challenge["attempts"] += 1
        ctx.store.put(OTP_CHALLENGES, challenge_id, challenge)
        if _fail(ctx, account, "failed_otp"):
            ctx.store.delete(OTP_CHALLENGES, challenge_id)
            _check_not_locked(ctx, account)
        raise oauth_error(400, "invalid_otp", "wrong OTP", slug="invalid-otp")
    ctx.store.delete(OTP_CHALLENGES, challenge_id)
    old = account.get("active_device")
    if old and old != challenge["device_id"]:
        for family in ctx.store.find(TOKEN_FAMILIES, si_code=account["si_code"], device_id=old):
            revoke_family(ctx.sandbox, family["family"], "device-replaced")
    account["active_device"] = challenge["device_id"]
    account["failed_otp"] = 0
    ctx.store.put(ACCOUNTS, account["si_code"], account)
    pending: dict[str, Any] = challenge["pending"]
    return pending


# --- tokens --------------------------------------------------------------------------------------


def _id_token(ctx: Ctx, grant: Mapping[str, Any], client_id: str, family: str) -> str:
    person = ctx.store.get("people", grant["si_code"]) or {}
    now = _token_now()
    claims = {
        "iss": issuer(ctx),
        "sub": grant["si_code"],
        "aud": client_id,
        "iat": now,
        "exp": now + CITIZEN_TOKEN_TTL,
        "auth_time": now,
        "acr": ACR[int(grant["level"])],
        "identity_level": int(grant["level"]),
        "sid": family,
        "name": person.get("full_name", ""),
        "login_idp": grant.get("idp", "vss"),
    }
    if grant.get("nonce"):
        claims["nonce"] = grant["nonce"]
    key = signing_key(ctx.sandbox)
    return jwt.encode({"alg": "ES256", "kid": key.kid or ""}, claims, key, algorithms=["ES256"])


def issue_tokens(
    ctx: Ctx,
    client: Mapping[str, Any],
    grant: Mapping[str, Any],
    *,
    family: str | None = None,
    refresh: bool = True,
) -> dict[str, Any]:
    """Mint an access token (and refresh/ID tokens for citizens) for ``grant``.

    ``grant`` has ``kind``, ``subject`` (SI code or client id), ``scopes``, ``level``, and for
    citizens ``si_code``, ``device_id``, ``idp``, ``nonce``.
    """
    now = _token_now()
    citizen = grant["kind"] == "citizen"
    ttl = CITIZEN_TOKEN_TTL if citizen else ORG_TOKEN_TTL
    new_family = family is None
    family = family or ctx.sandbox.new_id("fam")
    if new_family:
        ctx.store.put(
            TOKEN_FAMILIES,
            family,
            {
                "family": family,
                "client_id": client["client_id"],
                "si_code": grant.get("si_code"),
                "device_id": grant.get("device_id"),
                "idp": grant.get("idp"),
                "revoked": None,
            },
        )
    access = "at_" + secrets.token_urlsafe(32)
    ctx.store.put(
        ACCESS_TOKENS,
        access,
        {
            "subject": grant["subject"],
            "kind": grant["kind"],
            "client_id": client["client_id"],
            "scopes": list(grant["scopes"]),
            "identity_level": int(grant["level"]),
            "expires_at": now + ttl,
            "family": family,
            "device_id": grant.get("device_id"),
        },
    )
    reply: dict[str, Any] = {
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": ttl,
        "scope": " ".join(grant["scopes"]),
        "identity_level": int(grant["level"]),
    }
    if citizen and refresh and "refresh_token" in client["grant_types"]:
        token = "rt_" + secrets.token_urlsafe(32)
        ctx.store.put(
            REFRESH_TOKENS,
            token,
            {
                **grant,
                "client_id": client["client_id"],
                "family": family,
                "used": False,
                "expires_at": now + REFRESH_TTL,
                "nonce": None,
            },
        )
        reply["refresh_token"] = token
    if citizen and "openid" in grant["scopes"] and new_family:
        reply["id_token"] = _id_token(ctx, grant, client["client_id"], family)
    return reply


def _citizen_grant(
    person: Mapping[str, Any],
    scopes: list[str],
    level: int,
    device_id: str,
    idp: str,
    nonce: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": "citizen",
        "subject": person["si_code"],
        "si_code": person["si_code"],
        "scopes": scopes,
        "level": level,
        "device_id": device_id,
        "idp": idp,
        "nonce": nonce,
    }


def _grant_password(ctx: Ctx, client: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    device_id = form.get("device_id", "").strip()
    if not device_id:
        raise oauth_error(400, "invalid_request", "device_id is required for citizen logins")
    person = check_password(ctx, form.get("username", ""), form.get("password", ""))
    account = _account(ctx, person["si_code"])
    level = min(_requested_level(form.get("acr_values")), int(account["max_level"]))
    grant = _citizen_grant(person, _scopes(client, form.get("scope")), level, device_id, "vss")
    _touch_device(ctx, person["si_code"], device_id)
    if _needs_otp(ctx, account, device_id):
        pending = {"kind": "token", "client_id": client["client_id"], "grant": grant}
        raise _otp_required(ctx, _challenge(ctx, account, device_id, pending))
    return issue_tokens(ctx, client, grant)


def _grant_code(ctx: Ctx, client: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    code = ctx.store.get(AUTH_CODES, form.get("code", ""))
    if code is None:
        raise oauth_error(400, "invalid_grant", "unknown authorization code")
    if code["used"]:
        if code.get("family"):
            revoke_family(ctx.sandbox, code["family"], "code-replayed")
        raise oauth_error(400, "invalid_grant", "authorization code already used")
    if code["client_id"] != client["client_id"]:
        raise oauth_error(400, "invalid_grant", "authorization code was issued to another client")
    if code["expires_at"] < _token_now():
        raise oauth_error(400, "invalid_grant", "authorization code expired")
    if form.get("redirect_uri") != code["redirect_uri"]:
        raise oauth_error(400, "invalid_grant", "redirect_uri does not match the authorization")
    if code.get("code_challenge"):
        verifier = form.get("code_verifier", "")
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        computed = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        if not verifier or not hmac.compare_digest(computed, code["code_challenge"]):
            code["used"] = True
            ctx.store.put(AUTH_CODES, code["code"], code)
            raise oauth_error(400, "invalid_grant", "PKCE verification failed (code_verifier)")
    code["used"] = True
    reply = issue_tokens(ctx, client, code["grant"])
    access = ctx.store.get(ACCESS_TOKENS, reply["access_token"]) or {}
    code["family"] = access.get("family")
    ctx.store.put(AUTH_CODES, code["code"], code)
    return reply


def _grant_refresh(ctx: Ctx, client: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    token = form.get("refresh_token", "")
    doc = ctx.store.get(REFRESH_TOKENS, token)
    if doc is None or doc["client_id"] != client["client_id"]:
        raise oauth_error(400, "invalid_grant", "unknown refresh token")
    family = ctx.store.get(TOKEN_FAMILIES, doc["family"]) or {}
    if family.get("revoked"):
        raise oauth_error(
            401,
            "invalid_grant",
            f"this session was signed out ({family['revoked']})",
            slug="session-revoked",
        )
    if doc["used"]:
        revoke_family(ctx.sandbox, doc["family"], "refresh-token-reused")
        raise oauth_error(
            400,
            "refresh_token_reused",
            "refresh token already used; the whole session is revoked",
            slug="refresh-token-reused",
        )
    if doc["expires_at"] < _token_now():
        raise oauth_error(400, "invalid_grant", "refresh token expired")
    doc["used"] = True
    ctx.store.put(REFRESH_TOKENS, token, doc)
    grant = {
        k: doc[k] for k in ("kind", "subject", "si_code", "scopes", "level", "device_id", "idp")
    }
    if form.get("scope"):
        narrower = form["scope"].split()
        if not set(narrower) <= set(grant["scopes"]):
            raise oauth_error(400, "invalid_scope", "a refresh cannot widen the scope")
        grant["scopes"] = narrower
    return issue_tokens(ctx, client, grant, family=doc["family"])


def _grant_client_credentials(
    ctx: Ctx, client: dict[str, Any], form: Mapping[str, str]
) -> dict[str, Any]:
    if client["type"] == "public" or client["kind"] != "organisation":
        raise oauth_error(400, "unauthorized_client", "client credentials are for organisations")
    scopes = _scopes(client, form.get("scope"))
    grant = {"kind": "organisation", "subject": client["client_id"], "scopes": scopes, "level": 0}
    return issue_tokens(ctx, client, grant, refresh=False)


_GRANTS = {
    "password": _grant_password,
    "authorization_code": _grant_code,
    "refresh_token": _grant_refresh,
    "client_credentials": _grant_client_credentials,
}


@handles("createToken")
def create_token(ctx: Ctx) -> Any:
    form = _form(ctx)
    client = authenticate_client(ctx, form)
    grant_type = form.get("grant_type", "")
    handler = _GRANTS.get(grant_type)
    if handler is None:
        raise oauth_error(400, "unsupported_grant_type", f"unsupported grant_type {grant_type!r}")
    if grant_type not in client["grant_types"]:
        raise oauth_error(400, "unauthorized_client", f"this client may not use {grant_type}")
    reply = handler(ctx, client, form)
    return Reply(reply, headers={"cache-control": "no-store", "pragma": "no-cache"})


@handles("verifyOtp")
def verify_otp(ctx: Ctx) -> Any:
    form = _form(ctx)
    client = authenticate_client(ctx, form)
    challenge = ctx.store.get(OTP_CHALLENGES, form.get("challenge_id", ""))
    if challenge is not None and challenge["pending"].get("client_id") != client["client_id"]:
        raise oauth_error(
            400, "invalid_otp", "this challenge belongs to another client", slug="invalid-otp"
        )
    pending = complete_otp(ctx, form.get("challenge_id", ""), form.get("code", ""))
    if pending["kind"] != "token":
        raise oauth_error(400, "invalid_request", "finish this login in the browser form")
    return Reply(issue_tokens(ctx, client, pending["grant"]), headers={"cache-control": "no-store"})


@handles("revokeToken")
def revoke_token(ctx: Ctx) -> Any:
    form = _form(ctx)
    client = authenticate_client(ctx, form)
    token = form.get("token", "")
    doc = ctx.store.get(REFRESH_TOKENS, token) or ctx.store.get(ACCESS_TOKENS, token)
    if doc is not None and doc.get("client_id") == client["client_id"]:
        revoke_family(ctx.sandbox, doc["family"], "logout")
    return {"revoked": True}


@handles("introspectToken")
def introspect_token(ctx: Ctx) -> Any:
    form = _form(ctx)
    client = authenticate_client(ctx, form)
    if client["type"] == "public":
        raise oauth_error(401, "invalid_client", "introspection is for confidential clients")
    token = form.get("token", "")
    now = _token_now()
    doc = ctx.store.get(ACCESS_TOKENS, token)
    kind = "access_token"
    if doc is None:
        doc, kind = ctx.store.get(REFRESH_TOKENS, token), "refresh_token"
    if doc is None or doc["expires_at"] < now or doc.get("revoked") or doc.get("used"):
        return {"active": False}
    family = ctx.store.get(TOKEN_FAMILIES, doc.get("family", "")) or {}
    if family.get("revoked"):
        return {"active": False}
    level = doc.get("identity_level", doc.get("level", 0))
    return {
        "active": True,
        "client_id": doc["client_id"],
        "sub": doc["subject"],
        "scope": " ".join(doc["scopes"]),
        "exp": int(doc["expires_at"]),
        "token_type": kind,
        "identity_level": int(level),
    }


@handles("getUserinfo")
def get_userinfo(ctx: Ctx) -> Any:
    principal = ctx.require_principal()
    person = ctx.store.get("people", principal.subject)
    if person is None:
        raise problem(404, "Not Found", detail="no person for this session")
    family = ctx.store.get(TOKEN_FAMILIES, str(principal.extra.get("family", ""))) or {}
    return {
        "sub": person["si_code"],
        "si_code": person["si_code"],
        "citizen_id": person["citizen_id"],
        "name": person["full_name"],
        "birthdate": person["birth_date"],
        "identity_level": principal.identity_level,
        "acr": ACR.get(principal.identity_level, "loa1"),
        "login_idp": "vneid" if family.get("idp") == "vneid" else "vss",
    }


@handles("listDevices")
def list_devices(ctx: Ctx) -> Any:
    principal = ctx.require_principal()
    account = _account(ctx, principal.subject)
    docs, cursor = ctx.store.page(
        DEVICES,
        where={"si_code": principal.subject},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    items = [
        {
            "device_id": d["device_id"],
            "first_seen": d["first_seen"],
            "last_login": d["last_login"],
            "active": d["device_id"] == account.get("active_device"),
        }
        for d in docs
    ]
    return {"items": items, "next_cursor": cursor}


@handles("listOtpOutbox")
def list_otp_outbox(ctx: Ctx) -> Any:
    docs, cursor = ctx.store.page(
        OTP_OUTBOX,
        where={"si_code": ctx.query.get("si_code")},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {"items": docs, "next_cursor": cursor}


# --- discovery -----------------------------------------------------------------------------------


@handles("getOpenidConfiguration")
def get_openid_configuration(ctx: Ctx) -> Any:
    base = issuer(ctx)
    scopes: set[str] = set()
    for client in ctx.store.find(OAUTH_CLIENTS):
        scopes.update(client["scopes"])
    return {
        "issuer": base,
        "authorization_endpoint": base + "/oauth/authorize",
        "token_endpoint": base + "/oauth/token",
        "jwks_uri": base + "/oauth/jwks",
        "userinfo_endpoint": base + "/oauth/userinfo",
        "revocation_endpoint": base + "/oauth/revoke",
        "introspection_endpoint": base + "/oauth/introspect",
        "response_types_supported": ["code"],
        "grant_types_supported": list(_GRANTS),
        "scopes_supported": sorted(scopes),
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": [
            "none",
            "client_secret_basic",
            "client_secret_post",
            "private_key_jwt",
        ],
        "id_token_signing_alg_values_supported": ["ES256"],
        "acr_values_supported": ["loa1", "loa2"],
    }


@handles("getJwks")
def get_jwks(ctx: Ctx) -> Any:
    return Reply(
        {"keys": [signing_key(ctx.sandbox).as_dict(private=False)]},
        headers={"cache-control": "public, max-age=300"},
    )


# --- the authorization endpoint (HTML for browsers, JSON for programs) -------------------------

_AUTHZ_PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "acr_values",
    "device_id",
)


def _check_request(ctx: Ctx, params: Mapping[str, str]) -> dict[str, Any]:
    # Statuses: 401 unknown client, 403 what this client may not ask for, 400 malformed.
    client = ctx.store.get(OAUTH_CLIENTS, params.get("client_id", ""))
    if client is None or "authorization_code" not in client["grant_types"]:
        raise oauth_error(401, "invalid_client", "unknown client (or not allowed the code flow)")
    if not _redirect_ok(client, params.get("redirect_uri", "")):
        raise oauth_error(403, "invalid_request", "redirect_uri is not registered for this client")
    if params.get("response_type") != "code":
        raise oauth_error(400, "unsupported_response_type", "only response_type=code")
    if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
        raise oauth_error(400, "invalid_request", "PKCE (code_challenge, method S256) is required")
    if not params.get("state"):
        raise oauth_error(400, "invalid_request", "state is required")
    _scopes(client, params.get("scope"), status=403)
    _requested_level(params.get("acr_values"))
    return client


def _wants_json(ctx: Ctx) -> bool:
    return "application/json" in ctx.headers.get("accept", "")


def _login_page(client: Mapping[str, Any], params: Mapping[str, str], error: str = "") -> Reply:
    body = _template(
        "login.html",
        client_name=html.escape(client["name"]),
        hidden=_hidden(params),
        error=html.escape(error),
        login_hint="",
    )
    status = 200  # a re-rendered form (with its error) is an ordinary page
    return Reply(
        body,
        status=status,
        media_type="text/html; charset=utf-8",
        headers={"cache-control": "no-store"},
    )


def _otp_page(params: Mapping[str, str], challenge: Mapping[str, Any], error: str = "") -> Reply:
    body = _template(
        "otp.html",
        hidden=_hidden(params),
        sent_to=html.escape(challenge["sent_to"]),
        challenge_id=html.escape(challenge["challenge_id"]),
        error=html.escape(error),
    )
    return Reply(
        body,
        status=200,
        media_type="text/html; charset=utf-8",
        headers={"cache-control": "no-store"},
    )


@handles("getAuthorizePage")
def get_authorize_page(ctx: Ctx) -> Any:
    params = {k: str(v) for k, v in ctx.query.items() if k in _AUTHZ_PARAMS}
    client = _check_request(ctx, params)
    return _login_page(client, params)


def _issue_code(ctx: Ctx, params: Mapping[str, str], grant: Mapping[str, Any]) -> str:
    code = secrets.token_urlsafe(24)
    ctx.store.put(
        AUTH_CODES,
        code,
        {
            "code": code,
            "client_id": params["client_id"],
            "redirect_uri": params["redirect_uri"],
            "code_challenge": params.get("code_challenge") or None,
            "grant": dict(grant),
            "expires_at": _token_now() + CODE_TTL,
            "used": False,
            "family": None,
        },
    )
    sep = "&" if "?" in params["redirect_uri"] else "?"
    return params["redirect_uri"] + sep + urlencode({"code": code, "state": params["state"]})


def _finish(ctx: Ctx, location: str) -> Reply:
    if _wants_json(ctx):
        return Reply({"redirect_to": location})
    return Reply(b"", status=303, headers={"location": location}, media_type="text/html")


@handles("submitAuthorization")
def submit_authorization(ctx: Ctx) -> Any:
    form = _form(ctx)
    params = {k: form[k] for k in _AUTHZ_PARAMS if k in form}
    client = _check_request(ctx, params)
    as_json = _wants_json(ctx)
    if form.get("step") == "otp":
        challenge = ctx.store.get(OTP_CHALLENGES, form.get("challenge_id", "")) or {}
        try:
            pending = complete_otp(ctx, form.get("challenge_id", ""), form.get("otp", ""))
        except SandboxProblem as exc:
            if as_json or not challenge or exc.status == 403:
                raise
            return _otp_page(params, challenge, error="Mã OTP không đúng.")
        if pending["kind"] != "code":
            raise oauth_error(400, "invalid_request", "this challenge is not a browser login")
        return _finish(ctx, _issue_code(ctx, pending["params"], pending["grant"]))
    device_id = params.get("device_id") or form.get("device") or "browser"
    method = form.get("method", "vss_password")
    try:
        if method == "vneid":
            person = _person(ctx, form.get("si_code", ""))
            if person is None:
                raise oauth_error(400, "invalid_grant", "VNeID: no such person")
            _check_not_locked(ctx, _account(ctx, person["si_code"]))
            level = 1 if form.get("vneid_level") == "1" else 2
            idp = "vneid"
        else:
            person = check_password(ctx, form.get("si_code", ""), form.get("password", ""))
            level, idp = 2, "vss"
    except SandboxProblem as exc:
        if as_json:
            raise
        return _login_page(client, params, error=exc.detail or "Đăng nhập không thành công.")
    account = _account(ctx, person["si_code"])
    level = min(level, _requested_level(params.get("acr_values")), int(account["max_level"]))
    grant = _citizen_grant(
        person, _scopes(client, params.get("scope")), level, device_id, idp, params.get("nonce")
    )
    _touch_device(ctx, person["si_code"], device_id)
    if _needs_otp(ctx, account, device_id):
        pending = {
            "kind": "code",
            "client_id": client["client_id"],
            "grant": grant,
            "params": params,
        }
        challenge = _challenge(ctx, account, device_id, pending)
        if as_json:
            return {"otp_challenge_id": challenge["challenge_id"], "sent_to": challenge["sent_to"]}
        return _otp_page(params, challenge)
    return _finish(ctx, _issue_code(ctx, params, grant))
