"""``client.declarations``: employer declarations filed by I-VAN vendors."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Declarations(SyncArea):
    """Employer declarations filed by I-VAN vendors."""

    __slots__ = ()


class AsyncDeclarations(AsyncArea):
    """Employer declarations filed by I-VAN vendors (async)."""

    __slots__ = ()
