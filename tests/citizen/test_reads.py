"""VssID's read screens end to end: profile, e-card (+ image, QR), histories, household."""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Callable

import pytest
from PIL import Image

import vssdk
from tests.citizen._support import CHILD, DAUGHTER, SPOUSE, VOLUNTARY, WORKER, WORKER_FEMALE
from vssdk.calendar import month_of, months_between
from vssdk.citizen import BenefitKind, CardStatus, Scheme
from vssdk_sandbox.app import Sandbox

Login = Callable[..., vssdk.Client]


def test_profile_is_the_signed_in_citizen(login: Login) -> None:
    me = login(WORKER).citizen.profile()
    assert (me.si_code, me.full_name, me.birth_date) == (
        WORKER,
        "Nguyễn Văn An",
        dt.date(1985, 3, 14),
    )
    assert me.citizen_id == "079085001234"


def test_card_fields_and_qr_payload_agree(login: Login) -> None:
    card = login(WORKER).citizen.card()
    assert card.card_code == "DN4797901234567"
    assert (card.object_group, card.benefit_level, card.province_code) == ("DN", "4", "79")
    assert card.initial_facility.code == "79001"
    assert card.status is CardStatus.VALID
    assert card.five_years_continuous_from == dt.date(2013, 7, 1)
    qr = card.qr
    assert (qr.card_code, qr.full_name, qr.valid_to) == (
        card.card_code,
        card.full_name,
        card.valid_to,
    )
    fields = qr.text.split("|")
    assert fields[0] == card.card_code
    assert bytes.fromhex(fields[1]).decode("utf-8") == card.full_name
    assert fields[2] == "14/03/1985"
    assert fields[-1] == "$" and fields[-2] == qr.checksum
    body = "|".join(fields[:-2])
    assert f"{zlib.crc32(body.encode('utf-8')):08x}" == qr.checksum


def test_card_image_is_a_png_with_the_card(login: Login) -> None:
    image = login(WORKER).citizen.card_image()
    assert image.content_type == "image/png"
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(image.content)) as png:
        assert png.size == (720, 420)


def test_child_card_runs_to_30_september_of_the_year_the_child_reaches_72_months(
    login: Login,
) -> None:
    """Born 2023-09-20: 72 months on 2029-09-20, before school entry, so to 30/9 (HI Law Art.
    16(3)); the same rule as the birth link's cards (vssdk.procedures.rules)."""
    from vssdk.procedures.rules import child_card_validity

    card = login(CHILD).citizen.card()
    assert card.card_code.startswith("TE179")
    assert card.valid_to == dt.date(2029, 9, 30)
    assert (card.valid_from, card.valid_to) == child_card_validity(dt.date(2023, 9, 20))


def test_no_card_is_a_404(login: Login) -> None:
    with pytest.raises(vssdk.NotFoundError):
        login(SPOUSE).citizen.card()


def test_participation_summary_splits_before_and_from_2014(login: Login, sandbox: Sandbox) -> None:
    summary = login(WORKER).citizen.participation_summary()
    si = summary.fund(Scheme.SI)
    this_month = month_of(sandbox.today())
    assert si.months_before_2014 == months_between("2008-07", "2013-12") == 66
    assert si.months_from_2014 == months_between("2014-01", this_month)
    assert si.years * 12 + si.remaining_months == si.months_total
    assert si.participating and si.last_month == this_month
    assert summary.fund("ui").months_before_2014 == months_between("2009-01", "2013-12")


def test_participation_lists_periods_per_fund(login: Login) -> None:
    citizen = login(WORKER).citizen
    periods = list(citizen.participation(scheme="si"))
    assert [p.from_month for p in periods] == ["2008-07", "2014-01", "2020-01"]
    assert all(p.scheme is Scheme.SI and p.rate_percent == "25" for p in periods)
    assert periods[0].employer_name == "Công ty TNHH Phần mềm Sandbox"
    assert periods[-1].to_month is None and periods[-1].monthly_salary == 18_000_000
    assert len(list(citizen.participation())) == 12


def test_benefit_history_filters_by_kind(login: Login) -> None:
    citizen = login(WORKER_FEMALE).citizen
    assert {b.kind for b in citizen.benefits()} == {
        BenefitKind.MATERNITY,
        BenefitKind.CONVALESCENCE,
    }
    [maternity] = list(citizen.benefits(kind="maternity"))
    assert maternity.amount == 75_600_000 and maternity.to_date == dt.date(2024, 3, 19)


def test_medical_visits_are_paginated_and_add_up(login: Login) -> None:
    visits = login(WORKER).citizen.medical_visits(limit=7)
    assert len(visits.items) == 7 and visits.next_cursor is not None
    every = list(visits)
    assert len(every) == 60 and len({v.id for v in every}) == 60
    assert all(v.fund_paid + v.patient_paid == v.total_cost for v in every)
    assert all(v.fund_paid == v.total_cost * 80 // 100 for v in every)
    assert [v.admitted_on for v in every] == sorted(v.admitted_on for v in every)
    code = every[0].facility_code
    assert {v.facility_code for v in login(WORKER).citizen.medical_visits(facility_code=code)} == {
        code
    }


def test_household_lists_members_and_their_cover(login: Login) -> None:
    household = login(VOLUNTARY).citizen.household()
    members = {m.si_code: m for m in household.members}
    assert set(members) == {VOLUNTARY, SPOUSE, DAUGHTER}
    assert members[VOLUNTARY].object_group == "GD" and not members[VOLUNTARY].covered
    assert members[SPOUSE].object_group is None
    worker_household = {m.si_code: m for m in login(WORKER).citizen.household().members}
    assert worker_household[CHILD].covered and worker_household[WORKER_FEMALE].covered


def test_reads_work_on_the_async_client(
    make_aclient: Callable[..., vssdk.AsyncClient], sandbox: Sandbox
) -> None:
    from tests.citizen._support import citizen_token
    from tests.conftest import run
    from vssdk._core.auth import BearerToken

    token = citizen_token(sandbox, WORKER)

    async def go() -> tuple[str, int, int, int]:
        async with make_aclient(auth=BearerToken(token), max_retries=0) as aclient:
            card = await aclient.citizen.card()
            image = await aclient.citizen.card_image()
            summary = await aclient.citizen.participation_summary()
            profile = await aclient.citizen.profile()
            household = await aclient.citizen.household()
            benefits = [b async for b in await aclient.citizen.benefits()]
            periods = [p async for p in await aclient.citizen.participation(scheme="hi")]
            visits = [v async for v in await aclient.citizen.medical_visits(limit=25)]
            assert profile.si_code == WORKER and len(household.members) == 3
            assert len(benefits) == 1 and len(periods) == 3 and image.content[:4] == b"\x89PNG"
            return card.card_code, summary.fund("si").months_before_2014, len(visits), len(periods)

    assert run(go()) == ("DN4797901234567", 66, 60, 3)


def test_every_seeded_card_code_is_well_formed(sandbox: Sandbox) -> None:
    from vssdk.cards import parse_card_code

    cards = sandbox.store.find("citizen_cards")
    assert len(cards) > 50
    for card in cards:
        parsed = parse_card_code(card["card_code"])
        assert str(parsed.si_code) == card["si_code"]
        assert (parsed.group.code, parsed.province_code) == (
            card["object_group"],
            card["province_code"],
        )
