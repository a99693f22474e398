"""Citizen login with SI code + password (as VssID offers), with device binding and OTP step-up."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from vssdk.errors import InvalidArgument
from vssdk.identity import _operations as ops
from vssdk.identity._session import (
    OAuthSession,
    Steps,
    asender,
    call_op,
    run_async,
    run_sync,
    sender,
)
from vssdk.identity.errors import LoginError, OtpChallenge, OtpRequired
from vssdk.identity.tokens import TokenSet, TokenStore

if TYPE_CHECKING:
    from vssdk.client import AsyncClient, Client

__all__ = ["CITIZEN_SCOPES", "DEFAULT_CLIENT_ID", "PasswordLogin"]

DEFAULT_CLIENT_ID = "vssid-app"
CITIZEN_SCOPES = ("openid", "profile", "citizen.read", "citizen.write")
_SI_CODE = re.compile(r"^\d{10}$")


class PasswordLogin(OAuthSession):
    """A citizen's session from SI code + password, refreshed automatically.

    ``device_id`` names this device: the first login binds it; a login from another device raises
    :class:`~vssdk.identity.OtpRequired` (its ``challenge`` says where the OTP went), then
    :meth:`verify_otp` completes the login and the other device is signed out. ``level`` asks for
    an identity level (``acr_values=loa1|loa2``); the server may grant less.
    """

    can_log_in_again = True

    def __init__(
        self,
        si_code: str,
        password: str,
        *,
        device_id: str,
        level: int = 2,
        scopes: Sequence[str] = CITIZEN_SCOPES,
        client_id: str = DEFAULT_CLIENT_ID,
        base_url: str | None = None,
        store: TokenStore | None = None,
        leeway: float = 30.0,
        clock: Callable[[], float] = time.time,
        on_token_saved: Callable[[TokenSet], None] | None = None,
    ) -> None:
        super().__init__(
            client_id=client_id,
            base_url=base_url,
            store=store,
            leeway=leeway,
            clock=clock,
            on_token_saved=on_token_saved,
        )
        if not isinstance(si_code, str) or not _SI_CODE.match(si_code.strip()):
            raise InvalidArgument("si_code", "an SI code (mã số BHXH) is 10 digits")
        if not isinstance(password, str) or not password:
            raise InvalidArgument("password", "must be a non-empty string")
        if not isinstance(device_id, str) or not device_id.strip():
            raise InvalidArgument("device_id", "name this device (any stable string)")
        if level not in (1, 2):
            raise InvalidArgument("level", "identity level is 1 or 2")
        self.si_code = si_code.strip()
        self._password = password
        self.device_id = device_id.strip()
        self.level = level
        self.scopes = tuple(scopes)
        self.challenge: OtpChallenge | None = None  # set while an OTP step is pending

    def __repr__(self) -> str:
        return (
            f"PasswordLogin(si_code='{self.si_code[:2]}******{self.si_code[-2:]}', "
            f"device_id={self.device_id!r}, password=[redacted])"
        )

    def _acquire(self) -> Steps[TokenSet]:
        form = {
            "grant_type": "password",
            "username": self.si_code,
            "password": self._password,
            "device_id": self.device_id,
            "scope": " ".join(self.scopes),
            "acr_values": f"loa{self.level}",
        }
        try:
            tokens = yield from self._token_call(form)
        except OtpRequired as exc:
            self.challenge = exc.challenge
            raise
        self.challenge = None
        return tokens

    def _verify(self, code: str) -> Steps[TokenSet]:
        if self.challenge is None:
            raise LoginError("no OTP step is pending for this login")
        started = self.clock()
        call = ops.verify_otp.builder(self.challenge.challenge_id, code, client_id=self.client_id)
        reply = yield from call_op(ops.verify_otp, call, self.base_url)
        self.challenge = None
        return TokenSet.from_response(reply, started)

    def _complete(self, tokens: TokenSet) -> TokenSet:
        with self._lock:
            self._save(tokens)
        self._after_save(tokens)
        return tokens

    def login(self, client: Client) -> TokenSet:
        """Log in now (instead of on the first call); may raise ``OtpRequired``."""
        return self.fetch(client)

    async def alogin(self, client: AsyncClient) -> TokenSet:
        """Async :meth:`login`."""
        return await self.afetch(client)

    def verify_otp(self, code: str, client: Client) -> TokenSet:
        """Complete a new-device login with the OTP; the account's other device is signed out."""
        return self._complete(run_sync(self._verify(code), sender(client)))

    async def averify_otp(self, code: str, client: AsyncClient) -> TokenSet:
        """Async :meth:`verify_otp`."""
        return self._complete(await run_async(self._verify(code), asender(client)))
