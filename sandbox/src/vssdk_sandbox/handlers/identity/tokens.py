"""Identity area: minting tokens and the token endpoint's grants."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from joserfc import jwt

from vssdk_sandbox.handlers.identity.accounts import (
    check_password,
    get_account,
    needs_otp,
    new_challenge,
    otp_required,
    requested_level,
    touch_device,
)
from vssdk_sandbox.handlers.identity.clients import allowed_scopes
from vssdk_sandbox.handlers.identity.common import (
    ACR,
    AUTH_CODES,
    CITIZEN_TOKEN_TTL,
    ORG_TOKEN_TTL,
    REFRESH_TTL,
    issuer,
    oauth_error,
    signing_key,
    token_now,
)
from vssdk_sandbox.kit import Ctx
from vssdk_sandbox.security import (
    ACCESS_TOKENS,
    REFRESH_TOKENS,
    TOKEN_FAMILIES,
    revoke_family,
)

if TYPE_CHECKING:
    pass


def _id_token(ctx: Ctx, grant: Mapping[str, Any], client_id: str, family: str) -> str:
    person = ctx.store.get("people", grant["si_code"]) or {}
    now = token_now()
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
    now = token_now()
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


def citizen_grant(
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
    account = get_account(ctx, person["si_code"])
    level = min(requested_level(form.get("acr_values")), int(account["max_level"]))
    grant = citizen_grant(
        person, allowed_scopes(client, form.get("scope")), level, device_id, "vss"
    )
    touch_device(ctx, person["si_code"], device_id)
    if needs_otp(ctx, account, device_id):
        pending = {"kind": "token", "client_id": client["client_id"], "grant": grant}
        raise otp_required(ctx, new_challenge(ctx, account, device_id, pending))
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
    if code["expires_at"] < token_now():
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
    if doc["expires_at"] < token_now():
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
    scopes = allowed_scopes(client, form.get("scope"))
    grant = {"kind": "organisation", "subject": client["client_id"], "scopes": scopes, "level": 0}
    return issue_tokens(ctx, client, grant, refresh=False)


GRANTS = {
    "password": _grant_password,
    "authorization_code": _grant_code,
    "refresh_token": _grant_refresh,
    "client_credentials": _grant_client_credentials,
}
