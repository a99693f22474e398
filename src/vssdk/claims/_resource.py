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
    list = ops.list_claims.sync
    versions = ops.list_versions.sync
    new_version = ops.submit_version.sync
    withdraw = ops.withdraw_claim.sync
    feedback = ops.get_feedback.sync


class AsyncClaims(AsyncArea):
    """Claim data sent by health facilities (QĐ 130/4750/3176) (async)."""

    __slots__ = ()
    submit = ops.submit_claim.aio
    get = ops.get_claim.aio
    check_in = ops.submit_check_in.aio
    list = ops.list_claims.aio
    versions = ops.list_versions.aio
    new_version = ops.submit_version.aio
    withdraw = ops.withdraw_claim.aio
    feedback = ops.get_feedback.aio
