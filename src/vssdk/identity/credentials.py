"""Client credentials for organisations: ``client_secret_basic`` or ``private_key_jwt``."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from vssdk.errors import InvalidArgument
from vssdk.identity._session import OAuthSession, Steps, basic_authorization
from vssdk.identity.tokens import TokenSet, TokenStore

__all__ = ["JWT_BEARER", "ClientCredentials", "client_assertion"]

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _import_key(private_key: Mapping[str, Any] | ECKey | RSAKey) -> ECKey | RSAKey:
    if isinstance(private_key, ECKey | RSAKey):
        key = private_key
    else:
        kty = private_key.get("kty")
        if kty == "EC":
            key = ECKey.import_key(dict(private_key))
        elif kty == "RSA":
            key = RSAKey.import_key(dict(private_key))
        else:
            raise InvalidArgument("private_key", "must be an EC or RSA private JWK")
    if not key.is_private:
        raise InvalidArgument(
            "private_key", "is a public key; private_key_jwt needs the private key"
        )
    return key


def client_assertion(
    key: ECKey | RSAKey, client_id: str, audience: str, now: float, lifetime: int = 60
) -> str:
    """A signed ``private_key_jwt`` assertion (RFC 7523): iss = sub = client id, single-use jti."""
    alg = "ES256" if isinstance(key, ECKey) else "RS256"
    header = {"alg": alg, "typ": "JWT"}
    if key.kid:
        header["kid"] = key.kid
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "jti": uuid.uuid4().hex,
        "iat": int(now),
        "exp": int(now) + lifetime,
    }
    return jwt.encode(header, claims, key, algorithms=[alg])


class ClientCredentials(OAuthSession):
    """An organisation's credentials (hospital, I-VAN vendor, ministry).

    Give ``client_secret`` (sent as HTTP Basic) or ``private_key`` (a private JWK, EC or RSA,
    signing a fresh client assertion for every token request). ``scopes`` default to all the
    client is granted. A new token is fetched shortly before the old one expires.
    """

    def __init__(
        self,
        client_id: str,
        client_secret: str | None = None,
        *,
        private_key: Mapping[str, Any] | ECKey | RSAKey | None = None,
        scopes: Sequence[str] = (),
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
        if (client_secret is None) == (private_key is None):
            raise InvalidArgument(
                "client_secret", "give exactly one of client_secret or private_key"
            )
        if client_secret is not None and (not isinstance(client_secret, str) or not client_secret):
            raise InvalidArgument("client_secret", "must be a non-empty string")
        if isinstance(scopes, str):
            raise InvalidArgument("scopes", "give a list of scope names, not one string")
        self._secret = client_secret
        self._key = None if private_key is None else _import_key(private_key)
        self.scopes = tuple(scopes)

    def __repr__(self) -> str:
        method = "private_key_jwt" if self._key is not None else "client_secret_basic"
        return (
            f"ClientCredentials(client_id={self.client_id!r}, method={method}, secret=[redacted])"
        )

    def _client_auth(self, form: dict[str, str]) -> str | None:
        if self._key is not None:
            form["client_assertion_type"] = JWT_BEARER
            form["client_assertion"] = client_assertion(
                self._key, self.client_id, self.base_url + "/oauth/token", self.clock()
            )
            return None
        assert self._secret is not None
        return basic_authorization(self.client_id, self._secret)

    def _renew(self) -> Steps[TokenSet]:
        self.acquisitions += 1
        form = {"grant_type": "client_credentials"}
        if self.scopes:
            form["scope"] = " ".join(self.scopes)
        return (yield from self._token_call(form))
