"""Client methods look like hand-written methods at runtime: name, docstring, real signature."""

from __future__ import annotations

import asyncio
import inspect
import pydoc
from collections.abc import Iterator

import pytest

from vssdk import AsyncClient, Client
from vssdk._areas import AREAS
from vssdk._core.operation import Operation, PagedOperation
from vssdk._core.pagination import AsyncPage, SyncPage
from vssdk.lookups.models import Facility
from vssdk.procedures.models import LinkedAuditEntry


@pytest.fixture
def clients() -> Iterator[tuple[Client, AsyncClient]]:
    client, aclient = Client("http://127.0.0.1:1"), AsyncClient("http://127.0.0.1:1")
    yield client, aclient
    client.close()
    asyncio.run(aclient.aclose())


def test_a_method_shows_its_parameters_return_type_and_name(
    clients: tuple[Client, AsyncClient],
) -> None:
    client, aclient = clients
    method = client.lookups.facility
    sig = inspect.signature(method)
    assert list(sig.parameters) == ["facility_code"]
    assert sig.parameters["facility_code"].annotation is str
    assert sig.return_annotation is Facility
    assert (method.__name__, method.__qualname__) == ("facility", "Lookups.facility")
    assert method.__module__ == "vssdk.lookups._resource"
    assert method.__doc__ and "facility" in method.__doc__
    assert inspect.unwrap(method).__name__ == "get_facility"  # __wrapped__ is the builder

    amethod = aclient.lookups.facility
    assert amethod.__qualname__ == "AsyncLookups.facility"
    assert inspect.iscoroutinefunction(amethod)
    assert inspect.signature(amethod).return_annotation is Facility


def test_a_list_method_returns_a_page_of_its_items(clients: tuple[Client, AsyncClient]) -> None:
    client, aclient = clients
    sig = inspect.signature(client.procedures.audit)
    assert sig.return_annotation == SyncPage[LinkedAuditEntry]
    assert sig.parameters["limit"].kind is inspect.Parameter.KEYWORD_ONLY
    assert (
        inspect.signature(aclient.procedures.audit).return_annotation == AsyncPage[LinkedAuditEntry]
    )


def test_help_shows_the_real_signature(clients: tuple[Client, AsyncClient]) -> None:
    text = pydoc.render_doc(clients[0].lookups.facility, renderer=pydoc.plaintext)
    assert "facility(facility_code: str) -> vssdk.lookups.models.Facility" in text


def test_every_declared_method_has_a_real_signature(clients: tuple[Client, AsyncClient]) -> None:
    checked = 0
    for client in clients:
        for area in AREAS:
            obj = getattr(client, area.name)
            for name in dir(type(obj)):
                attr = inspect.getattr_static(type(obj), name)
                if not isinstance(attr, Operation | PagedOperation) and not hasattr(attr, "op"):
                    continue
                method = getattr(obj, name)
                sig = inspect.signature(method)
                assert method.__name__ == name
                assert not any(
                    p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name in ("args", "kwargs")
                    for p in sig.parameters.values()
                ), f"{area.name}.{name} shows *args/**kwargs"
                assert sig.return_annotation is not inspect.Signature.empty, name
                checked += 1
    assert checked >= 2 * 60


def test_an_area_operations_class_binds_each_operation_once_for_both_clients(
    clients: tuple[Client, AsyncClient],
) -> None:
    from vssdk.webhooks._operations import WebhooksOperations, list_webhooks

    client, aclient = clients
    assert WebhooksOperations.list is list_webhooks  # the class lists the declaration itself
    method, amethod = client.webhooks.list, aclient.webhooks.list
    assert (method.__qualname__, amethod.__qualname__) == ("Webhooks.list", "AsyncWebhooks.list")
    assert not inspect.iscoroutinefunction(method)
    assert inspect.iscoroutinefunction(amethod)
    assert "limit" in inspect.signature(method).parameters
