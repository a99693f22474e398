"""``client.citizen``: what a citizen sees and does in VssID."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Citizen(SyncArea):
    """What a citizen sees and does in VssID."""

    __slots__ = ()


class AsyncCitizen(AsyncArea):
    """What a citizen sees and does in VssID (async)."""

    __slots__ = ()
