"""``client.procedures``: linked procedures for ministries."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.procedures import _operations as ops


class Procedures(SyncArea):
    """Linked procedures for ministries: birth, death, unemployment decisions."""

    __slots__ = ()
    submit_birth = ops.submit_birth.sync
    submit_death = ops.submit_death.sync
    submit_unemployment = ops.submit_unemployment.sync
    check_driver_health = ops.check_driver_health.sync
    list = ops.list_applications.sync
    get = ops.get_application.sync
    audit = ops.list_audit.sync


class AsyncProcedures(AsyncArea):
    """Linked procedures for ministries (async)."""

    __slots__ = ()
    submit_birth = ops.submit_birth.aio
    submit_death = ops.submit_death.aio
    submit_unemployment = ops.submit_unemployment.aio
    check_driver_health = ops.check_driver_health.aio
    list = ops.list_applications.aio
    get = ops.get_application.aio
    audit = ops.list_audit.aio
