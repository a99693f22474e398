"""OpenID Connect ID-token validation with joserfc: signature, iss, aud, exp/iat, nonce."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from vssdk.identity.errors import IdTokenInvalid
from vssdk.identity.models import Jwks

__all__ = ["ALGORITHMS", "DEFAULT_LEEWAY", "validate_id_token"]

ALGORITHMS = ("ES256", "RS256")
DEFAULT_LEEWAY = 60  # seconds of clock skew tolerated on exp and iat


def _key_set(jwks: Jwks | Mapping[str, Any]) -> KeySet:
    keys = jwks.keys if isinstance(jwks, Jwks) else jwks.get("keys", ())
    try:
        return KeySet.import_key_set({"keys": [dict(k) for k in keys]})
    except (JoseError, ValueError, TypeError) as exc:
        raise IdTokenInvalid(f"the JWKS cannot be used ({exc})") from None


def validate_id_token(
    id_token: str,
    *,
    jwks: Jwks | Mapping[str, Any],
    issuer: str,
    client_id: str,
    nonce: str | None,
    now: float | None = None,
    leeway: int = DEFAULT_LEEWAY,
) -> dict[str, Any]:
    """Check an ID token fully and return its claims, or raise :class:`IdTokenInvalid`.

    Checked: the signature against ``jwks`` (ES256/RS256 only, never ``none``), ``iss`` equals
    ``issuer``, ``aud`` contains ``client_id`` (and ``azp`` names it when there are several
    audiences), ``exp`` and ``iat`` within ``leeway`` seconds, and ``nonce`` equals the one sent.
    """
    try:
        token = jwt.decode(id_token, _key_set(jwks), algorithms=list(ALGORITHMS))
    except BadSignatureError:
        raise IdTokenInvalid("signature does not verify") from None
    except (JoseError, ValueError) as exc:
        raise IdTokenInvalid(f"not a valid signed JWT ({type(exc).__name__})") from None
    claims = dict(token.claims)
    options: dict[str, Any] = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
        "exp": {"essential": True},
        "iat": {"essential": True},
    }
    if nonce is not None:
        options["nonce"] = {"essential": True, "value": nonce}
    instant = int(time.time() if now is None else now)
    registry = jwt.JWTClaimsRegistry(now=instant, leeway=leeway, **options)
    try:
        registry.validate(claims)
    except ExpiredTokenError:
        raise IdTokenInvalid("expired (exp)") from None
    except MissingClaimError as exc:
        raise IdTokenInvalid(f"missing claim {exc.claim}") from None
    except InvalidClaimError as exc:
        raise IdTokenInvalid(f"wrong {exc.claim}") from None
    except JoseError as exc:
        raise IdTokenInvalid(str(exc)) from None
    audience = claims["aud"]
    if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != client_id:
        raise IdTokenInvalid("wrong azp")
    return claims
