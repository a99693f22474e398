"""The operation table: every operation of every area, found in the areas' ``_operations`` modules.

An area's operations are the :class:`Operation`/:class:`PagedOperation` objects defined at module
level in its ``_operations`` module. Adding an area means adding its module name here.
"""

from __future__ import annotations

import functools
import importlib

from vssdk._core.operation import AnyOperation, Operation, PagedOperation

__all__ = ["AREA_MODULES", "all_operations"]

AREA_MODULES: tuple[str, ...] = (
    "vssdk.sandbox._operations",
    "vssdk.lookups._operations",
    "vssdk.identity._operations",
    "vssdk.cards._operations",
    "vssdk.claims._operations",
    "vssdk.gateway._operations",
    "vssdk.citizen._operations",
    "vssdk.benefits._operations",
    "vssdk.declarations._operations",
    "vssdk.procedures._operations",
    "vssdk.webhooks._operations",
)


@functools.cache
def all_operations() -> dict[str, AnyOperation]:
    """operationId → operation, for every area; a duplicate operationId is an error."""
    table: dict[str, AnyOperation] = {}
    for module_name in AREA_MODULES:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, Operation | PagedOperation):
                if value.operation_id in table and table[value.operation_id] is not value:
                    raise RuntimeError(f"operationId {value.operation_id!r} declared twice")
                table[value.operation_id] = value
    return table
