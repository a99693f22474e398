"""The procedure catalogue and the sick-leave-certificate filter on facilities (public look-ups)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest

import vssdk
from tests.conftest import run
from vssdk.errors import InvalidArgument
from vssdk.lookups import Procedure, ProcedureCodeSource, ProcedureFiler


def test_catalogue_maps_portal_codes_to_calls(client: vssdk.Client) -> None:
    everything = list(client.lookups.procedures())
    codes = [p.code for p in everything]
    assert codes[:4] == ["600", "601", "602", "602a"] and len(codes) == len(set(codes))
    reissue = next(p for p in everything if p.code == "612")
    assert reissue.name_vi == "Cấp lại, đổi thẻ BHYT do mất, hỏng không thay đổi thông tin"
    assert reissue.filed_by == [ProcedureFiler.CITIZEN]
    assert reissue.sdk_methods == ["client.citizen.reissue_card"]
    assert reissue.code_source is ProcedureCodeSource.VENDOR
    book = next(p for p in everything if p.code == "607")
    assert book.name_vi == "Cấp lại sổ BHXH không thay đổi thông tin" and book.sdk_methods == []
    chosen = [p for p in everything if p.code_source is ProcedureCodeSource.SANDBOX]
    assert [p.code for p in chosen] == ["SBX-CHOTSO", "SBX-HOANTRA", "SBX-TTKCB"]
    assert codes[-3:] == [p.code for p in chosen]  # the sandbox's own codes come last


def test_catalogue_filters_by_filer_and_code(client: vssdk.Client) -> None:
    employer = list(client.lookups.procedures(filed_by="employer"))
    assert {"600", "601", "604", "SBX-HOANTRA", "SBX-CHOTSO"} <= {p.code for p in employer}
    assert all(ProcedureFiler.EMPLOYER in p.filed_by for p in employer)
    assert [p.code for p in client.lookups.procedures(code="610")] == ["610"]
    assert list(client.lookups.procedures(code="999")) == []
    page = client.lookups.procedures(limit=4)
    assert len(page.items) == 4 and page.next_cursor is not None


def test_catalogue_arguments_are_checked_before_sending(client: vssdk.Client) -> None:
    with pytest.raises(InvalidArgument) as info:
        client.lookups.procedures(filed_by="hospital")
    assert info.value.argument == "filed_by"
    with pytest.raises(InvalidArgument) as info:
        client.lookups.procedures(code="6 0 7")
    assert info.value.argument == "code"


def test_catalogue_on_the_async_client(make_aclient: Callable[..., vssdk.AsyncClient]) -> None:
    async def go() -> list[Procedure]:
        async with make_aclient() as aclient:
            pages = aclient.lookups.procedures(filed_by=ProcedureFiler.CITIZEN)
            return [p async for p in await pages]

    citizen = run(go())
    assert "641" in {p.code for p in citizen} and "604" not in {p.code for p in citizen}


def test_facilities_that_may_issue_sick_leave_certificates(client: vssdk.Client) -> None:
    allowed = list(client.lookups.facilities(province_code="79", sick_leave_certificates=True))
    refused = list(client.lookups.facilities(province_code="79", sick_leave_certificates=False))
    assert "79001" in {f.code for f in allowed} and all(f.sick_leave_certificates for f in allowed)
    assert "79999" in {f.code for f in refused}
    assert all(f.sick_leave_certificates is False for f in refused)
    assert client.lookups.facility("79999").sick_leave_certificates is False
    with pytest.raises(InvalidArgument) as info:
        client.lookups.facilities(sick_leave_certificates="yes")  # type: ignore[arg-type]
    assert info.value.argument == "sick_leave_certificates"


def test_every_catalogued_method_exists_on_both_clients(client: vssdk.Client) -> None:
    from vssdk._areas import AREAS

    methods = {m for p in client.lookups.procedures() for m in p.sdk_methods}
    assert len(methods) >= 15
    areas = {a.name: a for a in AREAS}
    for dotted in sorted(methods):
        _, area, name = dotted.split(".")
        assert callable(getattr(getattr(client, area), name, None)), dotted
        module = importlib.import_module(areas[area].resource_module)
        assert hasattr(getattr(module, areas[area].async_class), name), f"async {dotted}"
