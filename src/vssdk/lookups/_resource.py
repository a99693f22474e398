"""``client.lookups``: public look-ups and reference data (no login)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Lookups(SyncArea):
    """Public look-ups and reference data (no login)."""

    __slots__ = ()


class AsyncLookups(AsyncArea):
    """Public look-ups and reference data (no login) (async)."""

    __slots__ = ()
