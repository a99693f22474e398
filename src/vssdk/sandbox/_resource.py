"""``client.sandbox``: sandbox-only operations (status, reset, simulated time)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.sandbox import _operations as ops


class SandboxAdmin(SyncArea, ops.SandboxOperations):
    """Sandbox-only operations: status, reset, simulated time."""

    __slots__ = ()


class AsyncSandboxAdmin(AsyncArea, ops.SandboxOperations):
    """Sandbox-only operations (async)."""

    __slots__ = ()
