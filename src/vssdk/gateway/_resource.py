"""``client.gateway``: the real assessment gateway's own wire protocol."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Gateway(SyncArea):
    """The real assessment gateway's own wire protocol."""

    __slots__ = ()


class AsyncGateway(AsyncArea):
    """The real assessment gateway's own wire protocol (async)."""

    __slots__ = ()
