"""Identity area: OAuth clients and how they authenticate (secret, private_key_jwt)."""

from __future__ import annotations

import base64
import hmac
import json
import re
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from vssdk_sandbox.handlers.identity.common import JWT_BEARER, USED_ASSERTIONS, issuer, oauth_error
from vssdk_sandbox.kit import Ctx
from vssdk_sandbox.seeds.identity import OAUTH_CLIENTS, secret_hash

if TYPE_CHECKING:
    pass


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
    accepted = {
        name for alias in _loopback_aliases(base) for name in (alias, alias + "/oauth/token")
    }
    if not (accepted & {a for a in audiences if isinstance(a, str)}):
        raise oauth_error(401, "invalid_client", "client assertion audience is not this server")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp + 30 < now or exp > now + 600:
        raise oauth_error(401, "invalid_client", "client assertion expired or too long-lived")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise oauth_error(401, "invalid_client", "client assertion needs a jti")
    if not ctx.store.insert_new(USED_ASSERTIONS, f"{client['client_id']}:{jti}", {"exp": exp}):
        raise oauth_error(401, "invalid_client", "client assertion replayed (jti used)")


_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _loopback_aliases(base: str) -> set[str]:
    """``base``, and when it names this machine, the same URL under its other loopback names
    (a client may call http://localhost:8765 a server listening on 127.0.0.1:8765). Never a
    name the request chose: the set depends on the fixed issuer only."""
    parts = urlsplit(base)
    host = parts.hostname or ""
    shown = f"[{host}]" if ":" in host else host
    if shown not in _LOOPBACK_NAMES:
        return {base}
    port = "" if parts.port is None else f":{parts.port}"
    return {base} | {f"{parts.scheme}://{name}{port}{parts.path}" for name in _LOOPBACK_NAMES}


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


def allowed_scopes(
    client: Mapping[str, Any], requested: str | None, status: int = 400
) -> list[str]:
    allowed = list(client["scopes"])
    if not requested:
        return allowed
    wanted = requested.split()
    extra = [s for s in wanted if s not in allowed]
    if extra:
        raise oauth_error(status, "invalid_scope", f"scope not allowed for this client: {extra[0]}")
    return wanted


# Characters a browser and this server could read differently, or that end a header: refused
# anywhere in a redirect URI (F1: `\\` is `/` to a browser; `@` starts a host; CR/LF split headers).
_UNSAFE_CHARS = frozenset("\\@<>\"'`^{}|[] ")
# Percent-encoded delimiters and controls: %2F %5C %40 %3F %23 %25 %2E %3A and %00-%1F, %7F.
_ENCODED = re.compile(r"%(?:2[fF]|5[cC]|40|3[fF]|23|25|2[eE]|3[aA]|[01][0-9a-fA-F]|7[fF])")
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def canonical_redirect(redirect_uri: str) -> str | None:
    """``redirect_uri`` re-serialised from its parts, or None when it is not a plain URL.

    A URI is usable only when it equals its own canonical form: ASCII, no control characters,
    none of :data:`_UNSAFE_CHARS`, no encoded delimiter, http(s), a host, no user info and no
    fragment. Then every parser (this server's and every browser's) reads the same host.
    """
    text = redirect_uri
    if not text or not text.isascii() or any(c in _UNSAFE_CHARS or ord(c) < 0x21 for c in text):
        return None
    if "\x7f" in text or _ENCODED.search(text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.fragment:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    netloc = parts.hostname + ("" if port is None else f":{port}")
    query = "?" + parts.query if parts.query else ""
    return f"{parts.scheme}://{netloc}{parts.path}{query}"


def redirect_ok(client: Mapping[str, Any], redirect_uri: str) -> bool:
    """True when ``redirect_uri`` is exactly a registered one (RFC 6749 §3.1.2.3).

    The only freedom is RFC 8252 §7.3's: a loopback redirect may use any port. The comparison is
    of exact strings, after checking that the URI equals its canonical re-serialisation.
    """
    if canonical_redirect(redirect_uri) != redirect_uri:
        return False
    if redirect_uri in client["redirect_uris"]:
        return True
    parts = urlsplit(redirect_uri)
    if parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS and not parts.query:
        with_port = f"http://{parts.hostname}:{parts.port}{parts.path}"
        if parts.port is None or with_port != redirect_uri:
            return False
        return f"http://{parts.hostname}{parts.path}" in client["redirect_uris"]
    return False
