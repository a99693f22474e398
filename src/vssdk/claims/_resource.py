"""``client.claims``: claim data sent by health facilities (QĐ 130/4750/3176)."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.claims import _operations as ops


class Claims(SyncArea):
    """Claim data sent by health facilities (QĐ 130/4750/3176)."""

    __slots__ = ()
    submit = ops.submit_claim.sync
    get = ops.get_claim.sync
    check_in = ops.submit_check_in.sync


class AsyncClaims(AsyncArea):
    """Claim data sent by health facilities (QĐ 130/4750/3176) (async)."""

    __slots__ = ()
    submit = ops.submit_claim.aio
    get = ops.get_claim.aio
    check_in = ops.submit_check_in.aio
