"""Helpers shared by the contract tests: the spec, the operation table, area method names."""

from __future__ import annotations

import functools
import importlib
import inspect
from pathlib import Path
from typing import Any

from vssdk._core.model import Model
from vssdk._core.operation import AsyncArea, Operation, PagedOperation, SyncArea
from vssdk._core.registry import AREA_MODULES, all_operations
from vssdk_sandbox.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def spec() -> dict[str, Any]:
    return load_spec(str(ROOT / "spec" / "openapi.yaml"))


def spec_operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId → (METHOD, path, operation object)."""
    found: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for path, item in spec()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found[item[method]["operationId"]] = (method.upper(), path, item[method])
    return found


@functools.cache
def area_methods() -> dict[str, dict[str, set[str]]]:
    """operationId → {"sync": {method names}, "async": {method names}} over every area class."""
    table: dict[str, dict[str, set[str]]] = {}
    for module_name in AREA_MODULES:
        resource = importlib.import_module(module_name.replace("._operations", "._resource"))
        for cls in vars(resource).values():
            if not isinstance(cls, type):
                continue
            side = (
                "sync"
                if issubclass(cls, SyncArea)
                else "async"
                if issubclass(cls, AsyncArea)
                else None
            )
            if side is None:
                continue
            for name in dir(cls):
                attr = inspect.getattr_static(cls, name)
                op = (
                    attr
                    if isinstance(attr, Operation | PagedOperation)
                    else getattr(attr, "op", None)
                )
                if op is not None and hasattr(op, "operation_id"):
                    table.setdefault(op.operation_id, {"sync": set(), "async": set()})[side].add(
                        name
                    )
    return table


def model_classes() -> dict[str, type[Model]]:
    """Every Model subclass by class name (all area modules imported first)."""
    all_operations()
    seen: dict[str, type[Model]] = {}
    stack = list(Model.__subclasses__())
    while stack:
        cls = stack.pop()
        seen.setdefault(cls.__name__, cls)
        stack.extend(cls.__subclasses__())
    return seen
