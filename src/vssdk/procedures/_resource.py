"""``client.procedures``: linked procedures for ministries."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.procedures import _operations as ops


class Procedures(SyncArea, ops.ProceduresOperations):
    """Linked procedures for ministries: birth, death, unemployment decisions."""

    __slots__ = ()


class AsyncProcedures(AsyncArea, ops.ProceduresOperations):
    """Linked procedures for ministries (async)."""

    __slots__ = ()
