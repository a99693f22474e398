"""``client.sandbox``: sandbox-only operations (status, reset, simulated time)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.sandbox import _operations as ops


class SandboxAdmin(SyncArea):
    """Sandbox-only operations: status, reset, simulated time."""

    __slots__ = ()
    status = ops.get_status.sync
    reset = ops.reset.sync
    advance_clock = ops.advance_clock.sync


class AsyncSandboxAdmin(AsyncArea):
    """Sandbox-only operations (async)."""

    __slots__ = ()
    status = ops.get_status.aio
    reset = ops.reset.aio
    advance_clock = ops.advance_clock.aio
