"""Identity area: the authorization endpoint (HTML for browsers, JSON for programs)."""

from __future__ import annotations

import html
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from vssdk_sandbox.handlers.identity.accounts import (
    check_not_locked,
    check_password,
    complete_otp,
    find_person,
    get_account,
    needs_otp,
    new_challenge,
    requested_level,
    touch_device,
)
from vssdk_sandbox.handlers.identity.clients import allowed_scopes, redirect_ok
from vssdk_sandbox.handlers.identity.common import (
    AUTH_CODES,
    CODE_TTL,
    OTP_CHALLENGES,
    hidden_inputs,
    oauth_error,
    read_form,
    template,
    token_now,
)
from vssdk_sandbox.handlers.identity.tokens import citizen_grant
from vssdk_sandbox.kit import Ctx, Reply, SandboxProblem, handles
from vssdk_sandbox.seeds.identity import OAUTH_CLIENTS

if TYPE_CHECKING:
    pass

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
    if not redirect_ok(client, params.get("redirect_uri", "")):
        raise oauth_error(403, "invalid_request", "redirect_uri is not registered for this client")
    if params.get("response_type") != "code":
        raise oauth_error(400, "unsupported_response_type", "only response_type=code")
    if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
        raise oauth_error(400, "invalid_request", "PKCE (code_challenge, method S256) is required")
    if not params.get("state"):
        raise oauth_error(400, "invalid_request", "state is required")
    allowed_scopes(client, params.get("scope"), status=403)
    requested_level(params.get("acr_values"))
    return client


def _wants_json(ctx: Ctx) -> bool:
    return "application/json" in ctx.headers.get("accept", "")


def _login_page(client: Mapping[str, Any], params: Mapping[str, str], error: str = "") -> Reply:
    body = template(
        "login.html",
        client_name=html.escape(client["name"]),
        hidden=hidden_inputs(params),
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
    body = template(
        "otp.html",
        hidden=hidden_inputs(params),
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
            "expires_at": token_now() + CODE_TTL,
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
    form = read_form(ctx)
    params = {k: form[k] for k in _AUTHZ_PARAMS if k in form}
    client = _check_request(ctx, params)
    as_json = _wants_json(ctx)
    if form.get("step") == "otp":
        challenge = ctx.store.get(OTP_CHALLENGES, form.get("challenge_id", "")) or {}
        pending_step = challenge.get("pending", {})
        if challenge and (
            pending_step.get("kind") != "code"
            or pending_step.get("client_id") != client["client_id"]
        ):  # checked before complete_otp, which has side effects (new device, old signed out)
            raise oauth_error(400, "invalid_request", "this challenge is not this browser login")
        try:
            pending = complete_otp(ctx, form.get("challenge_id", ""), form.get("otp", ""))
        except SandboxProblem as exc:
            if as_json or not challenge or exc.status == 403:
                raise
            return _otp_page(params, challenge, error="Mã OTP không đúng.")
        return _finish(ctx, _issue_code(ctx, pending["params"], pending["grant"]))
    device_id = params.get("device_id") or form.get("device") or "browser"
    method = form.get("method", "vss_password")
    try:
        if method == "vneid":
            if ctx.sandbox.config.shared:  # no credential at all: a local convenience only
                raise oauth_error(
                    403,
                    "access_denied",
                    "the simulated VNeID login is disabled on a shared sandbox",
                )
            person = find_person(ctx, form.get("si_code", ""))
            if person is None:
                raise oauth_error(400, "invalid_grant", "VNeID: no such person")
            check_not_locked(ctx, get_account(ctx, person["si_code"]))
            level = 1 if form.get("vneid_level") == "1" else 2
            idp = "vneid"
        else:
            person = check_password(ctx, form.get("si_code", ""), form.get("password", ""))
            level, idp = 2, "vss"
    except SandboxProblem as exc:
        if as_json:
            raise
        return _login_page(client, params, error=exc.detail or "Đăng nhập không thành công.")
    account = get_account(ctx, person["si_code"])
    level = min(level, requested_level(params.get("acr_values")), int(account["max_level"]))
    grant = citizen_grant(
        person,
        allowed_scopes(client, params.get("scope")),
        level,
        device_id,
        idp,
        params.get("nonce"),
    )
    touch_device(ctx, person["si_code"], device_id)
    if needs_otp(ctx, account, device_id):
        pending = {
            "kind": "code",
            "client_id": client["client_id"],
            "grant": grant,
            "params": params,
        }
        challenge = new_challenge(ctx, account, device_id, pending)
        if as_json:
            return {"otp_challenge_id": challenge["challenge_id"], "sent_to": challenge["sent_to"]}
        return _otp_page(params, challenge)
    return _finish(ctx, _issue_code(ctx, params, grant))
