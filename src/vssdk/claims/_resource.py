"""``client.claims``: claim data sent by health facilities (QĐ 130/4750/3176)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Claims(SyncArea):
    """Claim data sent by health facilities (QĐ 130/4750/3176)."""

    __slots__ = ()


class AsyncClaims(AsyncArea):
    """Claim data sent by health facilities (QĐ 130/4750/3176) (async)."""

    __slots__ = ()
