"""Who is calling: bearer tokens → :class:`Principal`, and the checks every operation declares.

The identity area's authorization server issues the tokens (``handlers/identity.py``); this module
only resolves and checks them, so every data endpoint enforces subject, scope and identity level.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from vssdk_sandbox.kit import problem

if TYPE_CHECKING:
    from vssdk.contract import AnyOperation
    from vssdk_sandbox.app import Sandbox

__all__ = ["Principal", "authenticate", "authorize", "revoke_family"]

ACCESS_TOKENS = "access_tokens"
REFRESH_TOKENS = "refresh_tokens"
TOKEN_FAMILIES = "token_families"  # one per login: its access and refresh tokens share it


@attrs.frozen(slots=True)
class Principal:
    """The caller behind a token: a citizen (``subject`` = SI code) or an organisation."""

    subject: str
    kind: str  # "citizen" | "organisation"
    client_id: str
    scopes: frozenset[str]
    identity_level: int = 0
    token_id: str = ""
    extra: Mapping[str, Any] = attrs.field(factory=dict)


def _bearer(headers: Mapping[str, str]) -> str | None:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def authenticate(sandbox: Sandbox, headers: Mapping[str, str]) -> Principal | None:
    """The principal of the request's bearer token; None without one; 401 if it is not valid."""
    token = _bearer(headers)
    if token is None:
        return None
    resolver = sandbox.token_resolver
    principal = resolver(sandbox, token) if resolver is not None else _stored_token(sandbox, token)
    if principal is None:
        raise problem(
            401,
            "Unauthorized",
            detail="the access token is not valid or has expired",
            slug="invalid-token",
            headers={"www-authenticate": 'Bearer error="invalid_token"'},
        )
    return principal


def _stored_token(sandbox: Sandbox, token: str) -> Principal | None:
    doc = sandbox.store.get(ACCESS_TOKENS, token)
    if doc is None or doc.get("expires_at", 0) < sandbox.real_time():
        return None
    reason = doc.get("revoked")
    family = doc.get("family")
    if not reason and family:
        reason = (sandbox.store.get(TOKEN_FAMILIES, family) or {}).get("revoked")
    if reason:
        raise problem(
            401,
            "Unauthorized",
            detail=f"this session was signed out ({reason})",
            slug="session-revoked",
            headers={"www-authenticate": 'Bearer error="invalid_token"'},
            extensions={"reason": reason},
        )
    return Principal(
        subject=doc["subject"],
        kind=doc["kind"],
        client_id=doc.get("client_id", ""),
        scopes=frozenset(doc.get("scopes", [])),
        identity_level=int(doc.get("identity_level", 0)),
        token_id=token,
        extra={"family": family, "device_id": doc.get("device_id")},
    )


def revoke_family(sandbox: Sandbox, family: str, reason: str) -> None:
    """Sign a whole login out: every access and refresh token it produced stops working.

    ``reason`` is ``device-replaced``, ``logout``, ``refresh-token-reused`` or ``code-replayed``;
    callers holding one of its access tokens then get a ``session-revoked`` problem.
    """
    store = sandbox.store  # tokens are checked against their family, so marking it is enough
    doc = store.get(TOKEN_FAMILIES, family)
    if doc is None or doc.get("revoked"):
        return
    doc["revoked"] = reason
    store.put(TOKEN_FAMILIES, family, doc)


def authorize(op: AnyOperation, principal: Principal | None) -> None:
    """Raise 401/403 problems unless ``principal`` may call ``op``."""
    if op.principal == "none":
        return
    if principal is None:
        raise problem(
            401,
            "Unauthorized",
            detail=f"{op.operation_id} needs a bearer token",
            slug="missing-token",
            headers={"www-authenticate": "Bearer"},
        )
    if op.principal != "any" and principal.kind != op.principal:
        raise problem(
            403,
            "Forbidden",
            detail=f"{op.operation_id} is for {op.principal} callers, not {principal.kind}",
            slug="wrong-principal",
        )
    if op.scope is not None and op.scope not in principal.scopes:
        raise problem(
            403,
            "Forbidden",
            detail=f"the token lacks scope {op.scope!r}",
            slug="insufficient-scope",
            headers={"www-authenticate": f'Bearer error="insufficient_scope" scope="{op.scope}"'},
        )
    if op.identity_level is not None and principal.identity_level < op.identity_level:
        raise problem(
            403,
            "Forbidden",
            detail=(
                f"{op.operation_id} needs identity level {op.identity_level}; "
                f"this session has level {principal.identity_level}"
            ),
            slug="identity-level-too-low",
        )
