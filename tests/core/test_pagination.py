"""Pages iterate across every following page, sync and async."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import respx

import vssdk

BASE = "https://bhxh.example"


def facility(code: str) -> dict[str, object]:
    return {
        "code": code,
        "name": f"CS {code}",
        "province_code": code[:2],
        "level": "district",
        "contracted": True,
    }


def pages_route(mock: respx.Router) -> respx.Route:
    def reply(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        if cursor is None:
            return httpx.Response(200, json={"items": [facility("01001")], "next_cursor": "a"})
        if cursor == "a":  # an empty page that still says more follow
            return httpx.Response(200, json={"items": [], "next_cursor": "b"})
        return httpx.Response(200, json={"items": [facility("01002"), facility("01003")]})

    return mock.get("/reference/facilities").mock(side_effect=reply)


@respx.mock(base_url=BASE)
def test_iteration_walks_all_pages_through_an_empty_one(respx_mock: respx.Router) -> None:
    route = pages_route(respx_mock)
    page = vssdk.Client(BASE).lookups.facilities(province_code="01")
    assert [f.code for f in page.items] == ["01001"] and page.has_more
    assert [f.code for f in page] == ["01001", "01002", "01003"]
    assert route.call_count == 3
    assert all(call.request.url.params["province_code"] == "01" for call in route.calls)


@respx.mock(base_url=BASE)
def test_iter_pages_exposes_each_page(respx_mock: respx.Router) -> None:
    pages_route(respx_mock)
    sizes = [len(p.items) for p in vssdk.Client(BASE).lookups.facilities().iter_pages()]
    assert sizes == [1, 0, 2]


@respx.mock(base_url=BASE)
def test_a_cursor_that_does_not_advance_is_an_error(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities").mock(
        return_value=httpx.Response(200, json={"items": [facility("01001")], "next_cursor": "same"})
    )
    page = vssdk.Client(BASE).lookups.facilities()
    with pytest.raises(vssdk.ResponseValidationError, match="same cursor"):
        list(page)


def test_async_iteration_walks_all_pages() -> None:
    async def scenario() -> list[str]:
        with respx.mock(base_url=BASE) as mock:
            pages_route(mock)
            async with vssdk.AsyncClient(BASE) as client:
                page = await client.lookups.facilities()
                return [f.code async for f in page]

    assert asyncio.run(scenario()) == ["01001", "01002", "01003"]


@respx.mock(base_url=BASE)
def test_a_page_without_items_is_a_validation_error(respx_mock: respx.Router) -> None:
    respx_mock.get("/reference/facilities").mock(
        return_value=httpx.Response(200, json={"data": []})
    )
    with pytest.raises(vssdk.ResponseValidationError) as info:
        vssdk.Client(BASE).lookups.facilities()
    assert info.value.body == b'{"data":[]}'
