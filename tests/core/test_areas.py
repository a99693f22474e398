"""One list of service areas (vssdk._areas): everything that enumerates areas agrees with it."""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys

import pytest

from vssdk._areas import AREAS
from vssdk._core.operation import AsyncArea, SyncArea
from vssdk._core.registry import AREA_MODULES, all_operations
from vssdk.client import AsyncClient, Client


def test_every_area_package_is_an_attribute_of_vssdk_after_a_plain_import() -> None:
    packages = sorted(area.package for area in AREAS)
    code = f"import vssdk; print(','.join(getattr(vssdk, p).__name__ for p in {packages!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().split(",") == [f"vssdk.{p}" for p in packages]
    assert {"claims", "gateway", "lookups"} <= set(packages)


@pytest.mark.parametrize("area", AREAS, ids=lambda a: a.name)
def test_each_area_has_its_modules_and_both_classes(area: object) -> None:
    from vssdk._areas import Area

    assert isinstance(area, Area)
    resource = importlib.import_module(area.resource_module)
    sync_cls = getattr(resource, area.sync_class)
    async_cls = getattr(resource, area.async_class)
    assert issubclass(sync_cls, SyncArea)
    assert issubclass(async_cls, AsyncArea)
    assert area.operations_module in AREA_MODULES
    importlib.import_module(area.operations_module)


def test_clients_bind_each_area_to_their_own_side() -> None:
    client, aclient = Client("http://127.0.0.1:1"), AsyncClient("http://127.0.0.1:1")
    try:
        for area in AREAS:
            assert type(getattr(client, area.name)).__name__ == area.sync_class
            assert type(getattr(aclient, area.name)).__name__ == area.async_class
            assert getattr(client, area.name) is getattr(client, area.name)  # cached
    finally:
        client.close()
        asyncio.run(aclient.aclose())


def test_every_operation_belongs_to_a_listed_area() -> None:
    packages = tuple(f"vssdk.{area.package}." for area in AREAS)
    strays = {
        op.operation_id: op.builder.__module__
        for op in all_operations().values()
        if not op.builder.__module__.startswith(packages)
    }
    assert strays == {}


def test_every_area_has_a_sandbox_handler_module_and_the_router_reads_it() -> None:
    from vssdk_sandbox.handlers import HANDLER_MODULES

    for area in AREAS:
        name = f"vssdk_sandbox.handlers.{area.package}"
        importlib.import_module(name)  # an area without a handler module (or package) fails here
        listed = [m for m in HANDLER_MODULES if m == name or m.startswith(name + ".")]
        assert listed, f"{name} is not in vssdk_sandbox.handlers.HANDLER_MODULES"


def test_problem_types_come_from_the_areas_error_modules() -> None:
    from vssdk._core.problems import _domain_errors
    from vssdk.identity.errors import SessionRevoked
    from vssdk.procedures.errors import RecordConflict

    table = _domain_errors()
    assert table["session-revoked"] is SessionRevoked
    assert table["linked-record-conflict"] is RecordConflict
