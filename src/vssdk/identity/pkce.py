"""Authorization code + PKCE (S256) with ``state`` and ``nonce``, and the session it yields.

Two steps for web back ends::

    flow = AuthorizationCodeFlow(client_id="citizen-portal", client_secret=...,
                                 redirect_uri="http://localhost:8000/callback")
    pending = flow.start()                 # keep pending.to_json() in the user's server session
    redirect(pending.url)
    ...
    session = flow.finish(client, pending, request_url)   # a UserSession (an Auth)
    me = client.with_options(auth=session)

Desktop and CLI apps use :func:`login_in_browser`, which opens the browser and receives the
redirect on a loopback port (RFC 8252).
"""

from __future__ import annotations

import hmac
import http.server
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import attrs
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from vssdk.errors import InvalidArgument
from vssdk.identity import _operations as ops
from vssdk.identity._session import (
    OAuthSession,
    Steps,
    asender,
    basic_authorization,
    call_op,
    run_async,
    run_sync,
    sender,
)
from vssdk.identity.errors import LoginError, StateMismatch
from vssdk.identity.oidc import DEFAULT_LEEWAY, validate_id_token
from vssdk.identity.password import CITIZEN_SCOPES, DEFAULT_CLIENT_ID
from vssdk.identity.tokens import (
    FileTokenStore,
    MemoryTokenStore,
    TokenSet,
    TokenStore,
    default_token_path,
)

if TYPE_CHECKING:
    from vssdk.client import AsyncClient, Client

__all__ = ["AuthorizationCodeFlow", "PendingLogin", "UserSession", "login_in_browser"]


@attrs.frozen(slots=True, repr=False)
class PendingLogin:
    """One started login: the URL to send the browser to and the secrets to finish it."""

    url: str
    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str

    def __repr__(self) -> str:
        return f"PendingLogin(redirect_uri={self.redirect_uri!r}, secrets=[redacted])"

    def to_json(self) -> dict[str, str]:
        """For a web back end's server-side session store (never put it in a cookie as is)."""
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PendingLogin:
        try:
            return cls(**{a.name: str(data[a.name]) for a in attrs.fields(cls)})
        except KeyError as exc:
            raise InvalidArgument("pending", f"missing {exc.args[0]}") from None


class UserSession(OAuthSession):
    """A citizen's tokens from the code flow (or a token file), refreshed with rotation.

    When the refresh token is gone or refused the session has ended: calls raise
    :class:`~vssdk.identity.LoginError` (or ``SessionRevoked`` when signed out elsewhere).
    """

    def __init__(
        self,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str | None = None,
        base_url: str | None = None,
        tokens: TokenSet | None = None,
        store: TokenStore | None = None,
        leeway: float = 30.0,
        clock: Callable[[], float] = time.time,
        on_token_saved: Callable[[TokenSet], None] | None = None,
    ) -> None:
        if store is None:
            store = MemoryTokenStore()
        if tokens is not None:
            store.save(tokens)
        super().__init__(
            client_id=client_id,
            base_url=base_url,
            store=store,
            leeway=leeway,
            clock=clock,
            on_token_saved=on_token_saved,
        )
        self._secret = client_secret

    @classmethod
    def from_file(
        cls,
        path: str | None = None,
        *,
        base_url: str | None = None,
        client_id: str = DEFAULT_CLIENT_ID,
    ) -> UserSession:
        """The session ``vssdk login`` saved (default :func:`default_token_path`), kept refreshed
        in that file."""
        store = FileTokenStore(path or default_token_path())
        if store.load() is None:
            raise LoginError(f"no saved session in {store.path}: run `vssdk login` first")
        return cls(client_id=client_id, base_url=base_url, store=store)

    def _client_auth(self, form: dict[str, str]) -> str | None:
        if self._secret is not None:
            return basic_authorization(self.client_id, self._secret)
        form["client_id"] = self.client_id
        return None


class AuthorizationCodeFlow:
    """Builds authorization URLs and turns the callback into a :class:`UserSession`.

    Public clients (the default ``vssid-app``) rely on PKCE alone; confidential web back ends
    also give ``client_secret``. ``level`` asks for VNeID level 1 or 2 (``acr_values``).
    """

    def __init__(
        self,
        *,
        redirect_uri: str,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str | None = None,
        base_url: str | None = None,
        scopes: tuple[str, ...] = CITIZEN_SCOPES,
        level: int = 2,
        device_id: str | None = None,
        store: TokenStore | None = None,
        leeway: int = DEFAULT_LEEWAY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        from vssdk._core.config import resolve_base_url

        if not redirect_uri.startswith(("http://", "https://")):
            raise InvalidArgument("redirect_uri", "must be an absolute http(s) URL")
        if level not in (1, 2):
            raise InvalidArgument("level", "identity level is 1 or 2")
        self.base_url = resolve_base_url(base_url)
        self.client_id = client_id
        self.redirect_uri = redirect_uri
        self.scopes = scopes
        self.level = level
        self.device_id = device_id
        self._secret = client_secret
        self._store = store
        self._leeway = leeway
        self._clock = clock

    def start(self) -> PendingLogin:
        """A new login: fresh ``state``, ``nonce`` and PKCE verifier, and the URL to open."""
        state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
        extra: dict[str, str] = {
            "nonce": nonce,
            "code_challenge": create_s256_code_challenge(verifier),
            "code_challenge_method": "S256",
            "acr_values": f"loa{self.level}",
        }
        if self.device_id:
            extra["device_id"] = self.device_id
        url = prepare_grant_uri(
            self.base_url + "/oauth/authorize",
            self.client_id,
            "code",
            redirect_uri=self.redirect_uri,
            scope=" ".join(self.scopes),
            state=state,
            **extra,
        )
        return PendingLogin(url, state, nonce, verifier, self.redirect_uri)

    def code_from_callback(self, pending: PendingLogin, callback_url: str) -> str:
        """The authorization code in the redirect, after checking ``state`` (raises otherwise)."""
        query = parse_qs(urlsplit(callback_url).query)
        if "error" in query:
            raise LoginError(f"login refused: {query['error'][0]}")
        states = query.get("state", [])
        if states != [pending.state]:
            raise StateMismatch("the callback's state does not match this login")
        codes = query.get("code", [])
        if len(codes) != 1 or not codes[0]:
            raise LoginError("the callback carries no authorization code")
        return codes[0]

    def _exchange(self, pending: PendingLogin, callback_url: str) -> Steps[UserSession]:
        code = self.code_from_callback(pending, callback_url)
        discovery = yield from call_op(ops.discovery, ops.discovery.builder(), self.base_url)
        jwks = yield from call_op(ops.jwks, ops.jwks.builder(), self.base_url)
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": pending.redirect_uri,
            "code_verifier": pending.code_verifier,
        }
        authorization = None
        if self._secret is not None:
            authorization = basic_authorization(self.client_id, self._secret)
        else:
            form["client_id"] = self.client_id
        started = self._clock()
        reply = yield from call_op(
            ops.token, ops.token.builder(form, authorization=authorization), self.base_url
        )
        if reply.id_token is None:
            raise LoginError("the token reply has no ID token (was 'openid' in the scopes?)")
        validate_id_token(
            reply.id_token,
            jwks=jwks,
            issuer=discovery.issuer,
            client_id=self.client_id,
            nonce=pending.nonce,
            now=self._clock(),
            leeway=self._leeway,
        )
        return UserSession(
            client_id=self.client_id,
            client_secret=self._secret,
            base_url=self.base_url,
            tokens=TokenSet.from_response(reply, started),
            store=self._store,
            clock=self._clock,
        )

    def finish(self, client: Client, pending: PendingLogin, callback_url: str) -> UserSession:
        """Check the callback, exchange the code, validate the ID token: a ready session."""
        return run_sync(self._exchange(pending, callback_url), sender(client))

    async def afinish(
        self, client: AsyncClient, pending: PendingLogin, callback_url: str
    ) -> UserSession:
        """Async :meth:`finish`."""
        return await run_async(self._exchange(pending, callback_url), asender(client))


class _CallbackHandler(http.server.BaseHTTPRequestHandler):
    server: _CallbackServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/callback":
            self.send_error(404)
            return
        if not self.server.expects(parts.query):
            # Not the redirect of this login (another page or process guessing the port): say
            # so and keep waiting for the real one, instead of failing the login.
            self.send_error(400, "this callback does not belong to the login in progress")
            return
        self.server.callback_path = self.path
        body = "Đăng nhập xong. You can close this window.".encode()
        self.send_response(200)
        self.send_header("content-type", "text/plain; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.received.set()

    def log_message(self, format: str, *args: Any) -> None:
        return None  # the callback URL carries the code: never log it


class _CallbackServer(http.server.HTTPServer):
    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _CallbackHandler)
        self.received = threading.Event()
        self.callback_path = ""
        self.state = ""  # the login's state: only a callback carrying it ends the wait

    def expects(self, query: str) -> bool:
        states = [v for k, v in parse_qsl(query, keep_blank_values=True) if k == "state"]
        return (
            bool(self.state)
            and len(states) == 1
            and hmac.compare_digest(states[0].encode(), self.state.encode())
            and not self.received.is_set()
        )


def login_in_browser(
    client: Client,
    *,
    client_id: str = DEFAULT_CLIENT_ID,
    level: int = 2,
    device_id: str | None = None,
    store: TokenStore | None = None,
    port: int = 0,
    timeout: float = 300.0,
    open_browser: Callable[[str], Any] = webbrowser.open,
) -> UserSession:
    """Desktop/CLI login: open the browser, receive the redirect on 127.0.0.1, finish the flow.

    ``open_browser`` receives the authorization URL (tests pass a headless browser here).
    """
    server = _CallbackServer(port)
    thread = threading.Thread(target=server.serve_forever, name="vssdk-login", daemon=True)
    thread.start()
    try:
        redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/callback"
        flow = AuthorizationCodeFlow(
            redirect_uri=redirect_uri,
            client_id=client_id,
            base_url=client.base_url,
            level=level,
            device_id=device_id,
            store=store,
        )
        pending = flow.start()
        server.state = pending.state
        open_browser(pending.url)
        if not server.received.wait(timeout):
            raise LoginError(f"no login callback within {timeout:g} seconds")
        return flow.finish(client, pending, "http://127.0.0.1" + server.callback_path)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
