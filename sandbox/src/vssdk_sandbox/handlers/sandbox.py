"""Sandbox handlers of the sandbox-only operations."""

from __future__ import annotations

from typing import Any

from vssdk import __version__
from vssdk_sandbox.kit import Ctx, handles

_COUNTED = (
    "people",
    "employers",
    "facilities",
    "agencies",
    "hi_cards",
    "citizen_cards",
    "oauth_clients",
    "events",
)


def _status(ctx: Ctx) -> dict[str, Any]:
    box = ctx.sandbox
    return {
        "version": __version__,
        "now": box.now().isoformat(),
        "clock_offset_seconds": int(box.clock_offset.total_seconds()),
        "counts": {name: box.store.count(name) for name in _COUNTED},
    }


@handles("getSandboxStatus")
def get_status(ctx: Ctx) -> dict[str, Any]:
    return _status(ctx)


@handles("resetSandbox")
def reset(ctx: Ctx) -> dict[str, Any]:
    ctx.sandbox.reset()
    return _status(ctx)


@handles("advanceSandboxClock")
def advance_clock(ctx: Ctx) -> dict[str, Any]:
    ctx.sandbox.advance(int(ctx.body["seconds"]))
    return _status(ctx)
