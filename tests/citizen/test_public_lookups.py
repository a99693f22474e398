"""Public look-ups (no login): SI code, BHXH agencies, employers, collection agents, facilities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import vssdk
from tests.conftest import run
from vssdk.errors import InvalidArgument
from vssdk.lookups import AgencyLevel, CollectionService, FacilityLevel


def test_si_code_by_name_birth_date_and_province(client: vssdk.Client) -> None:
    found = list(client.lookups.si_codes("  nguyễn văn  AN ", dt.date(1985, 3, 14), "79"))
    assert [(m.si_code, m.full_name) for m in found] == [("7901234567", "Nguyễn Văn An")]
    assert list(client.lookups.si_codes("Nguyễn Văn An", dt.date(1985, 3, 14), "01")) == []
    assert list(client.lookups.si_codes("Nguyen Van An", dt.date(1985, 3, 14), "79")) == []


def test_si_code_lookup_needs_all_three_criteria(client: vssdk.Client) -> None:
    with pytest.raises(InvalidArgument) as info:
        client.lookups.si_codes("An", dt.date(1985, 3, 14), "7")
    assert info.value.argument == "province_code"
    with pytest.raises(InvalidArgument):
        client.lookups.si_codes("A", dt.date(1985, 3, 14), "79")


def test_agencies_filter_by_province_and_level(client: vssdk.Client) -> None:
    hcmc = list(client.lookups.agencies(province_code="79"))
    assert {a.code for a in hcmc} >= {"07900", "07906"}
    assert all(a.province_code == "79" for a in hcmc)
    provincial = list(client.lookups.agencies(level=AgencyLevel.PROVINCIAL))
    assert len(provincial) == 12 and all(a.level is AgencyLevel.PROVINCIAL for a in provincial)
    page = client.lookups.agencies(limit=5)
    assert len(page.items) == 5 and page.next_cursor is not None
    assert len(list(page)) == 48


def test_employers_by_tax_code(client: vssdk.Client) -> None:
    [unit] = list(client.lookups.employers(tax_code="0312345678"))
    assert (unit.unit_code, unit.agency_code) == ("SBX001A", "07906")
    assert all(e.province_code == "01" for e in client.lookups.employers(province_code="01"))
    with pytest.raises(InvalidArgument):
        client.lookups.employers(tax_code="12-34")


def test_collection_agents_filter_by_service_across_pages(client: vssdk.Client) -> None:
    voluntary = client.lookups.collection_agents(service="voluntary_si", limit=10)
    assert len(voluntary.items) == 10 and voluntary.next_cursor is not None
    every = list(voluntary)
    assert len(every) == 24 and all(CollectionService.VOLUNTARY_SI in a.services for a in every)
    hanoi = list(client.lookups.collection_agents(province_code="01"))
    assert len(hanoi) == 3 and {a.kind.value for a in hanoi} == {
        "post_office",
        "commune_agent",
        "agency_counter",
    }


def test_contracted_facilities_still_filter(client: vssdk.Client) -> None:
    central = list(client.lookups.facilities(level=FacilityLevel.CENTRAL, province_code="01"))
    assert "01001" in {f.code for f in central}
    assert client.lookups.facility("01001").contracted


def test_lookups_on_the_async_client(make_aclient: Callable[..., vssdk.AsyncClient]) -> None:
    async def go() -> tuple[int, int, int, int]:
        async with make_aclient(max_retries=0) as aclient:
            codes = [
                m
                async for m in await aclient.lookups.si_codes(
                    "Lê Thị Cúc", dt.date(1978, 11, 30), "01"
                )
            ]
            agencies = [a async for a in await aclient.lookups.agencies(province_code="01")]
            employers = [e async for e in await aclient.lookups.employers(tax_code="0109876543")]
            agents = [
                a async for a in await aclient.lookups.collection_agents(service="household_hi")
            ]
            return len(codes), len(agencies), len(employers), len(agents)

    assert run(go()) == (1, 4, 1, 36)


def test_facilities_filter_on_the_contract_flag(client: vssdk.Client) -> None:
    contracted = list(client.lookups.facilities(province_code="79", contracted=True))
    assert contracted and all(f.contracted for f in contracted)
    without = list(client.lookups.facilities(contracted=False))
    assert "79999" in {f.code for f in without} and not any(f.contracted for f in without)
