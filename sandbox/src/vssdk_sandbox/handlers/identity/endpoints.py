"""Identity area: token, OTP, revocation, introspection, userinfo, devices and discovery."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vssdk_sandbox.handlers.identity.accounts import complete_otp, get_account
from vssdk_sandbox.handlers.identity.clients import authenticate_client
from vssdk_sandbox.handlers.identity.common import (
    ACR,
    DEVICES,
    OTP_CHALLENGES,
    OTP_OUTBOX,
    issuer,
    oauth_error,
    read_form,
    signing_key,
    token_now,
)
from vssdk_sandbox.handlers.identity.tokens import GRANTS, issue_tokens
from vssdk_sandbox.kit import Ctx, Reply, handles, problem
from vssdk_sandbox.security import (
    ACCESS_TOKENS,
    REFRESH_TOKENS,
    TOKEN_FAMILIES,
    revoke_family,
)
from vssdk_sandbox.seeds.identity import OAUTH_CLIENTS

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox


@handles("createToken")
def create_token(ctx: Ctx) -> Any:
    form = read_form(ctx)
    client = authenticate_client(ctx, form)
    grant_type = form.get("grant_type", "")
    handler = GRANTS.get(grant_type)
    if handler is None:
        raise oauth_error(400, "unsupported_grant_type", f"unsupported grant_type {grant_type!r}")
    if grant_type not in client["grant_types"]:
        raise oauth_error(400, "unauthorized_client", f"this client may not use {grant_type}")
    reply = handler(ctx, client, form)
    return Reply(reply, headers={"cache-control": "no-store", "pragma": "no-cache"})


@handles("verifyOtp")
def verify_otp(ctx: Ctx) -> Any:
    form = read_form(ctx)
    client = authenticate_client(ctx, form)
    challenge = ctx.store.get(OTP_CHALLENGES, form.get("challenge_id", ""))
    if challenge is not None and challenge["pending"].get("client_id") != client["client_id"]:
        raise oauth_error(
            400, "invalid_otp", "this challenge belongs to another client", slug="invalid-otp"
        )
    # Every check before complete_otp: it consumes the challenge, moves the account to the new
    # device and signs the old one out, which a refused request must not do.
    if challenge is not None and challenge["pending"].get("kind") != "token":
        raise oauth_error(400, "invalid_request", "finish this login in the browser form")
    pending = complete_otp(ctx, form.get("challenge_id", ""), form.get("code", ""))
    return Reply(issue_tokens(ctx, client, pending["grant"]), headers={"cache-control": "no-store"})


@handles("revokeToken")
def revoke_token(ctx: Ctx) -> Any:
    form = read_form(ctx)
    client = authenticate_client(ctx, form)
    token = form.get("token", "")
    doc = ctx.store.get(REFRESH_TOKENS, token) or ctx.store.get(ACCESS_TOKENS, token)
    if doc is not None and doc.get("client_id") == client["client_id"]:
        revoke_family(ctx.sandbox, doc["family"], "logout")
    return {"revoked": True}


@handles("introspectToken")
def introspect_token(ctx: Ctx) -> Any:
    form = read_form(ctx)
    client = authenticate_client(ctx, form)
    if client["type"] == "public":
        raise oauth_error(401, "invalid_client", "introspection is for confidential clients")
    token = form.get("token", "")
    now = token_now()
    doc = ctx.store.get(ACCESS_TOKENS, token)
    kind = "access_token"
    if doc is None:
        doc, kind = ctx.store.get(REFRESH_TOKENS, token), "refresh_token"
    if doc is None or doc["expires_at"] < now or doc.get("revoked") or doc.get("used"):
        return {"active": False}
    # RFC 7662 §4: a client learns about its own tokens only (no resource server here is
    # entitled to others'), so another client's token is simply "not active" to it.
    if doc.get("client_id") != client["client_id"]:
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
    account = get_account(ctx, principal.subject)
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


def setup(sandbox: Sandbox) -> None:
    """Generate the signing key at first start (it then persists with the store)."""
    signing_key(sandbox)


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
        "grant_types_supported": list(GRANTS),
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
