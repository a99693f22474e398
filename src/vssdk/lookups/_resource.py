"""``client.lookups``: public look-ups and reference data (no login)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.lookups import _operations as ops


class Lookups(SyncArea):
    """Public look-ups and reference data (no login)."""

    __slots__ = ()
    facilities = ops.list_facilities.sync
    facility = ops.get_facility.sync


class AsyncLookups(AsyncArea):
    """Public look-ups and reference data (no login), async."""

    __slots__ = ()
    facilities = ops.list_facilities.aio
    facility = ops.get_facility.aio
