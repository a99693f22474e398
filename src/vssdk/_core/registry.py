"""The operation table: every operation of every area, found in the areas' ``_operations`` modules.

An area's operations are the :class:`Operation`/:class:`PagedOperation` objects defined in its
``_operations`` module, at module level or in the body of a class defined there (the area's
operations class, which both client classes inherit). The areas are listed once, in
:mod:`vssdk._areas`.
"""

from __future__ import annotations

import functools
import importlib

from vssdk._areas import AREAS
from vssdk._core.operation import AnyOperation, Operation, PagedOperation

__all__ = ["AREA_MODULES", "all_operations"]

AREA_MODULES: tuple[str, ...] = tuple(area.operations_module for area in AREAS)


def _declared(module_vars: dict[str, object]) -> list[AnyOperation]:
    """Operations at module level, and in the module's classes (an area's operations class)."""
    found: list[AnyOperation] = []
    for value in module_vars.values():
        if isinstance(value, Operation | PagedOperation):
            found.append(value)
        elif isinstance(value, type) and value.__module__ == module_vars.get("__name__"):
            found.extend(
                v for v in vars(value).values() if isinstance(v, Operation | PagedOperation)
            )
    return found


@functools.cache
def all_operations() -> dict[str, AnyOperation]:
    """operationId → operation, for every area; a duplicate operationId is an error."""
    table: dict[str, AnyOperation] = {}
    for module_name in AREA_MODULES:
        module = importlib.import_module(module_name)
        for value in _declared(vars(module)):
            if value.operation_id in table and table[value.operation_id] is not value:
                raise RuntimeError(f"operationId {value.operation_id!r} declared twice")
            table[value.operation_id] = value
    return table
