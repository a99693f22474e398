"""``client.lookups``: public look-ups and reference data (no login)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.lookups import _operations as ops


class Lookups(SyncArea):
    """Public look-ups and reference data (no login)."""

    __slots__ = ()
    facilities = ops.list_facilities.sync
    facility = ops.get_facility.sync
    si_codes = ops.find_si_codes.sync
    agencies = ops.list_agencies.sync
    employers = ops.list_employers.sync
    collection_agents = ops.list_collection_agents.sync
    procedures = ops.list_procedures.sync


class AsyncLookups(AsyncArea):
    """Public look-ups and reference data (no login), async."""

    __slots__ = ()
    facilities = ops.list_facilities.aio
    facility = ops.get_facility.aio
    si_codes = ops.find_si_codes.aio
    agencies = ops.list_agencies.aio
    employers = ops.list_employers.aio
    collection_agents = ops.list_collection_agents.aio
    procedures = ops.list_procedures.aio
