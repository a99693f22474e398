"""Sandbox handlers, one module per service area (their toolkit: :mod:`vssdk_sandbox.kit`)."""

from __future__ import annotations

__all__ = ["HANDLER_MODULES"]

# Every module holding handlers; the router collects the decorated functions from these.
HANDLER_MODULES: tuple[str, ...] = (
    "vssdk_sandbox.handlers.sandbox",
    "vssdk_sandbox.handlers.lookups",
    "vssdk_sandbox.handlers.identity.endpoints",
    "vssdk_sandbox.handlers.identity.authorize",
    "vssdk_sandbox.handlers.cards",
    "vssdk_sandbox.handlers.claims",
    "vssdk_sandbox.handlers.gateway",
    "vssdk_sandbox.handlers.medical.documents",
    "vssdk_sandbox.handlers.medical.wire",
    "vssdk_sandbox.handlers.medical.links",
    "vssdk_sandbox.handlers.medical.settlements",
    "vssdk_sandbox.handlers.medical.me",
    "vssdk_sandbox.handlers.citizen",
    "vssdk_sandbox.handlers.benefits",
    "vssdk_sandbox.handlers.declarations",
    "vssdk_sandbox.handlers.employer_accounts",
    "vssdk_sandbox.handlers.procedures",
    "vssdk_sandbox.handlers.webhooks",
)
