"""``client.identity``: login, tokens, devices and the OpenID Connect endpoints."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.identity import _operations as ops


class Identity(SyncArea, ops.IdentityOperations):
    """Login, tokens, devices and the OpenID Connect endpoints."""

    __slots__ = ()


class AsyncIdentity(AsyncArea, ops.IdentityOperations):
    """Login, tokens, devices and the OpenID Connect endpoints (async)."""

    __slots__ = ()
