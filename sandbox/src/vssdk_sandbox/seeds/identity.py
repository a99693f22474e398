"""Seed data of the identity area: the sandbox's OAuth clients (documented in docs/identity.md).

Client secrets and the I-VAN vendor's private key are public sandbox fixtures: never use them
anywhere else. Citizens need no seeding: every person in ``people`` logs in with
``SANDBOX_PASSWORD`` and gets an account record on first login.
"""

from __future__ import annotations

import hashlib
import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = ["CLIENTS", "IVAN_PRIVATE_JWK", "SANDBOX_CLIENTS", "secret_hash"]

OAUTH_CLIENTS = "oauth_clients"

# Sandbox-only key of the I-VAN vendor client (private_key_jwt). Public on purpose.
IVAN_PRIVATE_JWK: dict[str, str] = {
    "kty": "EC",
    "crv": "P-256",
    "kid": "ivan-sbx-2026",
    "x": "syJh34atkK3fiNtBA-l-EB3S_HoDHJ1Ve2Wap18lU7s",
    "y": "YT-_BBgm1XNz5hM-eqL9zK-razPkLlwz769rZ9vPYeM",
    "d": "-iv6_bY6cRyQr9OOhl-od_UtqbhkaedAO1L48h-FXFU",
}
_IVAN_PUBLIC = {k: v for k, v in IVAN_PRIVATE_JWK.items() if k != "d"}

_CITIZEN_SCOPES = ["openid", "profile", "citizen.read", "citizen.write"]

# client_id → (secret or None, description). The full records follow.
SANDBOX_CLIENTS: tuple[dict[str, Any], ...] = (
    {
        "client_id": "vssid-app",
        "name": "VssID-style citizen app (public client, PKCE; also used by `vssdk login`)",
        "type": "public",
        "secret": None,
        "kind": "citizen",
        "grant_types": ["authorization_code", "refresh_token", "password"],
        "scopes": _CITIZEN_SCOPES,
        "redirect_uris": ["http://127.0.0.1/callback", "http://localhost/callback"],
    },
    {
        "client_id": "citizen-portal",
        "name": "A web back end for citizens (confidential client, two-step code flow)",
        "type": "confidential",
        "secret": "sbx-portal-secret",
        "kind": "citizen",
        "grant_types": ["authorization_code", "refresh_token"],
        "scopes": _CITIZEN_SCOPES,
        "redirect_uris": ["http://localhost:8000/callback", "http://127.0.0.1/callback"],
    },
    {
        "client_id": "01001_BV",
        "name": "Hospital gateway account (health facility 01001)",
        "type": "confidential",
        "secret": "sbx-01001_BV-secret",
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["hi.card_check", "hi.claims", "medical.documents"],
        "redirect_uris": [],
    },
    {
        "client_id": "79001_BV",
        "name": "Hospital gateway account (health facility 79001)",
        "type": "confidential",
        "secret": "sbx-79001_BV-secret",
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["hi.card_check", "hi.claims", "medical.documents"],
        "redirect_uris": [],
    },
    {
        "client_id": "ivan-sbx",
        "name": "I-VAN vendor (private_key_jwt with IVAN_PRIVATE_JWK)",
        "type": "confidential",
        "secret": None,
        "jwk": _IVAN_PUBLIC,
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["employer.declarations"],
        "redirect_uris": [],
    },
    {
        "client_id": "ivan-sbx-basic",
        "name": "I-VAN vendor (client_secret_basic)",
        "type": "confidential",
        "secret": "sbx-ivan-secret",
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["employer.declarations"],
        "redirect_uris": [],
    },
    {
        "client_id": "ministry-justice",
        "name": "Ministry of Justice (birth and death linked procedures)",
        "type": "confidential",
        "secret": "sbx-justice-secret",
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["linked.birth", "linked.death"],
        "redirect_uris": [],
    },
    {
        "client_id": "employment-service",
        "name": "Employment service centre (unemployment benefit decisions)",
        "type": "confidential",
        "secret": "sbx-employment-secret",
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["linked.unemployment"],
        "redirect_uris": [],
    },
    {
        "client_id": "ministry-transport",
        "name": "Transport authority (driving-licence renewals check drivers' health certificates)",
        "type": "confidential",
        "secret": "sbx-transport-secret",
        "kind": "organisation",
        "grant_types": ["client_credentials"],
        "scopes": ["linked.driving_licence"],
        "redirect_uris": [],
    },
)

CLIENTS: dict[str, dict[str, Any]] = {c["client_id"]: c for c in SANDBOX_CLIENTS}


def secret_hash(secret: str) -> str:
    """How client secrets are kept in the store (SHA-256 hex)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    """Register the sandbox's OAuth clients."""
    for client in SANDBOX_CLIENTS:
        doc = {k: v for k, v in client.items() if k != "secret"}
        if client["secret"] is not None:
            doc["secret_sha256"] = secret_hash(client["secret"])
        sandbox.store.put(OAUTH_CLIENTS, client["client_id"], doc)
