"""``client.calculators``: server-side calculators backed by vssdk.benefits."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.benefits import _operations as ops


class Calculators(SyncArea):
    """Server-side calculators backed by vssdk.benefits."""

    __slots__ = ()
    compulsory_contribution = ops.compulsory_contribution.sync
    voluntary_si = ops.voluntary_si.sync
    household_hi = ops.household_hi.sync


class AsyncCalculators(AsyncArea):
    """Server-side calculators backed by vssdk.benefits (async)."""

    __slots__ = ()
    compulsory_contribution = ops.compulsory_contribution.aio
    voluntary_si = ops.voluntary_si.aio
    household_hi = ops.household_hi.aio
