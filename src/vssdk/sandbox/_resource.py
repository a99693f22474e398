"""``client.sandbox``: sandbox-only operations: health, reset, OTP outbox."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class SandboxAdmin(SyncArea):
    """Sandbox-only operations: health, reset, OTP outbox."""

    __slots__ = ()


class AsyncSandboxAdmin(AsyncArea):
    """Sandbox-only operations: health, reset, OTP outbox (async)."""

    __slots__ = ()
