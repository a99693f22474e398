"""``client.calculators``: server-side calculators backed by vssdk.benefits."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Calculators(SyncArea):
    """Server-side calculators backed by vssdk.benefits."""

    __slots__ = ()


class AsyncCalculators(AsyncArea):
    """Server-side calculators backed by vssdk.benefits (async)."""

    __slots__ = ()
