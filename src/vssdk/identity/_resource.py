"""``client.identity``: login, tokens, devices and the OpenID Connect endpoints."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea


class Identity(SyncArea):
    """Login, tokens, devices and the OpenID Connect endpoints."""

    __slots__ = ()


class AsyncIdentity(AsyncArea):
    """Login, tokens, devices and the OpenID Connect endpoints (async)."""

    __slots__ = ()
