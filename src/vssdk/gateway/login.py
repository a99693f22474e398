"""The gateway's legacy login, ``POST /api/token/take``, as a vssdk :class:`Auth`.

The gateway takes the account name and the **uppercase MD5 hex** of the password and answers with
an ``APIKey`` whose ``expires_in`` is an absolute ISO-8601 timestamp (not seconds). The token is
cached until ``refresh_margin`` before that instant; one refresh runs at a time (threads and
tasks), the others wait and reuse it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import re
import threading
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import attrs

from vssdk._core.auth import AsyncSend, Auth, Requirement, SyncSend
from vssdk._core.request import USER_AGENT, PreparedRequest
from vssdk._core.transport import RawResponse
from vssdk.errors import InvalidArgument, ResponseValidationError, VssdkError

__all__ = [
    "GatewayLogin",
    "GatewayLoginError",
    "GatewayToken",
    "parse_expiry",
    "parse_token_reply",
    "password_hash",
]

TOKEN_PATH = "/api/token/take"
_MD5_HEX = re.compile(r"^[0-9A-Fa-f]{32}$")
_DIGITS_ONLY = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


class GatewayLoginError(VssdkError):
    """``api/token/take`` refused the login; ``vss_code`` is the gateway's ``maKetQua``.

    Codes (PL02 2025 guidance, SECONDARY): 401 unknown account or wrong password, 402 wrong
    facility code, 403 account locked, 500 system error.
    """

    def __init__(self, vss_code: str, message: str) -> None:
        self.vss_code = vss_code
        super().__init__(f"gateway login refused (maKetQua {vss_code}): {message}")


def password_hash(password: str) -> str:
    """The gateway's password form: MD5 of the UTF-8 password, hex, upper case."""
    return hashlib.md5(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()


def parse_expiry(value: object) -> dt.datetime:
    """Parse ``expires_in``: an absolute ISO-8601 timestamp, returned timezone-aware (UTC).

    A bare number is refused rather than read as seconds (pitfall §10.1); a timestamp without an
    offset is taken as UTC, the gateway's documented zone.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument("expires_in", "must be an ISO-8601 timestamp string")
    if _DIGITS_ONLY.match(value):
        raise InvalidArgument(
            "expires_in", f"{value!r} is a number; the gateway sends an ISO-8601 timestamp"
        )
    text = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidArgument("expires_in", f"{value!r} is not an ISO-8601 timestamp") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


@attrs.frozen(slots=True, repr=False)
class GatewayToken:
    """A gateway session: ``access_token`` and ``id_token`` with their absolute expiry."""

    access_token: str
    id_token: str
    username: str
    expires_at: dt.datetime
    token_type: str = "Bearer"

    def __repr__(self) -> str:
        return f"GatewayToken(username={self.username!r}, expires_at={self.expires_at.isoformat()})"

    def fresh_at(self, now: dt.datetime, margin: dt.timedelta) -> bool:
        """Whether the token can still be used at ``now`` with ``margin`` to spare."""
        return now + margin < self.expires_at


def parse_token_reply(raw: RawResponse) -> GatewayToken:
    """Decode a ``token/take`` reply; raises :class:`GatewayLoginError` when refused."""
    try:
        data = json.loads(raw.content)
    except ValueError:
        raise ResponseValidationError(
            "token/take reply is not JSON", body=raw.content, status_code=raw.status_code
        ) from None
    if not isinstance(data, Mapping):
        raise ResponseValidationError(
            "token/take reply is not an object", body=raw.content, status_code=raw.status_code
        )
    code = data.get("maKetQua")
    if isinstance(code, int) and not isinstance(code, bool):
        code = f"{code:03d}"  # two public HIS clients guard against a numeric code; read it too
    if not isinstance(code, str):
        raise ResponseValidationError(
            "token/take reply has no string maKetQua",
            body=raw.content,
            status_code=raw.status_code,
            path="$.maKetQua",
        )
    if code != "200":
        message = data.get("thongDiep") or data.get("ghiChu") or "login refused"
        raise GatewayLoginError(code, str(message))
    key = data.get("APIKey")
    if not isinstance(key, Mapping):
        raise ResponseValidationError(
            "token/take reply has no APIKey", body=raw.content, path="$.APIKey"
        )
    fields: dict[str, str] = {}
    for name in ("access_token", "id_token", "username", "expires_in"):
        value = key.get(name)
        if not isinstance(value, str) or not value:
            raise ResponseValidationError(
                f"token/take APIKey.{name} missing", body=raw.content, path=f"$.APIKey.{name}"
            )
        fields[name] = value
    try:
        expires_at = parse_expiry(fields["expires_in"])
    except InvalidArgument as exc:
        raise ResponseValidationError(
            f"token/take APIKey.expires_in: {exc.reason}",
            body=raw.content,
            path="$.APIKey.expires_in",
        ) from None
    return GatewayToken(
        access_token=fields["access_token"],
        id_token=fields["id_token"],
        username=fields["username"],
        expires_at=expires_at,
        token_type=str(key.get("token_type", "Bearer")),
    )


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class GatewayLogin(Auth):
    """Credentials of one facility gateway account (e.g. ``01001_BV``).

    Give the plain ``password`` (hashed here, never kept) or the ready ``password_hash``.
    ``base_url`` is the gateway root (``https://egw.baohiemxahoi.gov.vn`` or the sandbox); by
    default the base URL of the client the login is given to.
    One instance per facility account; share it between threads and tasks freely.
    """

    def __init__(
        self,
        username: str,
        password: str | None = None,
        *,
        base_url: str | None = None,
        password_hash: str | None = None,
        refresh_margin: dt.timedelta = dt.timedelta(seconds=60),
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        if not isinstance(username, str) or not username.strip():
            raise InvalidArgument("username", "the facility gateway account is required")
        if (password is None) == (password_hash is None):
            raise InvalidArgument("password", "give exactly one of password or password_hash")
        if password_hash is not None:
            if not _MD5_HEX.match(password_hash):
                raise InvalidArgument("password_hash", "must be 32 hexadecimal characters")
            hashed = password_hash.upper()
        else:
            assert password is not None
            hashed = _hash_checked(password)
        if refresh_margin < dt.timedelta(0):
            raise InvalidArgument("refresh_margin", "must not be negative")
        self.username = username.strip()
        self._hash = hashed
        self._token_url = base_url.rstrip("/") + TOKEN_PATH if base_url else None
        self._margin = refresh_margin
        self._clock = clock
        self._token: GatewayToken | None = None
        self._lock = threading.Lock()
        self._alocks: dict[int, asyncio.Lock] = {}
        self.logins = 0  # number of token/take calls made (for tests and metrics)

    def __repr__(self) -> str:
        return f"GatewayLogin(username={self.username!r}, password_hash=[redacted])"

    def bind_base_url(self, base_url: str) -> None:
        if self._token_url is None:
            self._token_url = base_url.rstrip("/") + TOKEN_PATH

    @property
    def token_url(self) -> str:
        """Where tokens come from: ``<base_url>/api/token/take``."""
        if self._token_url is None:
            from vssdk.errors import ConfigurationError

            raise ConfigurationError(
                "GatewayLogin has no base URL: give base_url=... or pass it to a vssdk.Client"
            )
        return self._token_url

    @property
    def password_hash(self) -> str:
        """The uppercase MD5 the gateway expects on every call (a secret: never log it)."""
        return self._hash

    @property
    def cached_token(self) -> GatewayToken | None:
        """The current token, if one was fetched (it may be stale)."""
        return self._token

    def invalidate(self) -> None:
        """Forget the cached token (after a 401 or ``maKetQua`` 401)."""
        self._token = None

    def _login_request(self) -> PreparedRequest:
        body = urlencode({"username": self.username, "password": self._hash}).encode("ascii")
        return PreparedRequest(
            method="POST",
            url=self.token_url,
            headers={
                "accept": "application/json",
                "content-type": "application/x-www-form-urlencoded",
                "user-agent": USER_AGENT,
            },
            content=body,
            operation_id="gatewayTokenTake",
            retry_safe=False,
        )

    def _usable(self) -> GatewayToken | None:
        token = self._token
        if token is not None and token.fresh_at(self._clock(), self._margin):
            return token
        return None

    def _accept(self, raw: RawResponse) -> GatewayToken:
        self.logins += 1
        token = parse_token_reply(raw)
        self._token = token
        return token

    def token(self, send: SyncSend) -> GatewayToken:
        """A usable token, logging in through ``send`` only when needed (single-flight)."""
        token = self._usable()
        if token is not None:
            return token
        with self._lock:
            token = self._usable()
            if token is not None:
                return token
            return self._accept(send(self._login_request()))

    async def atoken(self, send: AsyncSend) -> GatewayToken:
        """Async :meth:`token`; concurrent tasks on one loop share a single login."""
        token = self._usable()
        if token is not None:
            return token
        loop_id = id(asyncio.get_running_loop())
        lock = self._alocks.setdefault(loop_id, asyncio.Lock())
        async with lock:
            token = self._usable()
            if token is not None:
                return token
            return self._accept(await send(self._login_request()))

    def wire_headers(self, token: GatewayToken) -> dict[str, str]:
        """The QĐ130 upload headers: ``accessToken``, ``tokenId``, ``passwordHash``."""
        return {
            "accesstoken": token.access_token,
            "tokenid": token.id_token,
            "passwordhash": self._hash,
        }

    def wire_query(self, token: GatewayToken) -> dict[str, str]:
        """The card-check query: ``token``, ``id_token``, ``username``, ``password``."""
        return {
            "token": token.access_token,
            "id_token": token.id_token,
            "username": self.username,
            "password": self._hash,
        }

    def headers(self, requirement: Requirement, send: SyncSend) -> Mapping[str, str]:
        return self.wire_headers(self.token(send))

    async def aheaders(self, requirement: Requirement, send: AsyncSend) -> Mapping[str, str]:
        return self.wire_headers(await self.atoken(send))

    def retry_unauthorized(self, response: RawResponse, send: SyncSend) -> bool:
        self.invalidate()
        return True

    async def aretry_unauthorized(self, response: RawResponse, send: AsyncSend) -> bool:
        self.invalidate()
        return True


def _hash_checked(password: Any) -> str:
    if not isinstance(password, str) or password == "":
        raise InvalidArgument("password", "must be a non-empty string")
    return password_hash(password)
