"""``client.cards``: BHYT card checks at reception and card identifiers."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Cards(SyncArea):
    """BHYT card checks at reception and card identifiers."""

    __slots__ = ()


class AsyncCards(AsyncArea):
    """BHYT card checks at reception and card identifiers (async)."""

    __slots__ = ()
