"""``client.procedures``: linked procedures for ministries."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Procedures(SyncArea):
    """Linked procedures for ministries."""

    __slots__ = ()


class AsyncProcedures(AsyncArea):
    """Linked procedures for ministries (async)."""

    __slots__ = ()
