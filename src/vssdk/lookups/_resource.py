"""``client.lookups``: public look-ups and reference data (no login)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.lookups import _operations as ops


class Lookups(SyncArea, ops.LookupsOperations):
    """Public look-ups and reference data (no login)."""

    __slots__ = ()


class AsyncLookups(AsyncArea, ops.LookupsOperations):
    """Public look-ups and reference data (no login), async."""

    __slots__ = ()
