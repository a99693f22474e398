"""Claims over REST against the sandbox: receipt, rule check, rejection, assessment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

import vssdk
from tests.cards.conftest import facility_token
from tests.claims import factory
from tests.conftest import run
from vssdk._core.auth import BearerToken
from vssdk.claims import CheckIn, CheckInFile, ClaimStatus, InvalidClaim
from vssdk.errors import PermissionDeniedError, UnprocessableEntityError
from vssdk_sandbox.app import Sandbox


def test_submit_then_accepted_then_assessed(facility: vssdk.Client, sandbox: Sandbox) -> None:
    d = factory.dossier()
    receipt = facility.claims.submit(d)
    assert receipt.status is ClaimStatus.RECEIVED
    assert receipt.link_key == factory.MA_LK
    assert receipt.version == 1
    assert receipt.transaction_id.startswith("01001")
    assert receipt.amounts is not None
    assert receipt.amounts.fund == d.summary.t_bhtt
    now = facility.claims.get("01001", receipt.id)
    assert now.status is ClaimStatus.ACCEPTED
    sandbox.advance(24 * 3600)
    facility_token(sandbox)  # the hour-long access token expired meanwhile: renew it
    assessed = facility.claims.get("01001", receipt.id)
    assert assessed.status is ClaimStatus.ASSESSED
    assert assessed.assessment is not None
    assert assessed.assessment.approved_amount == d.summary.t_bhtt


def test_local_validation_stops_a_bad_dossier(facility: vssdk.Client, sandbox: Sandbox) -> None:
    d = factory.dossier()
    bad = attrs.evolve(d, summary=attrs.evolve(d.summary, t_tongchi_bv=Decimal("1")))
    with pytest.raises(InvalidClaim) as info:
        facility.claims.submit(bad)
    assert info.value.argument == "XML1[1].T_TONGCHI_BV"
    assert sandbox.store.count("claims") == 0


def test_receiver_rejects_with_table_row_field(facility: vssdk.Client) -> None:
    d = factory.dossier()
    drugs = (d.drugs[0], attrs.evolve(d.drugs[1], thanh_tien_bv=Decimal("7500.50")))
    bad = attrs.evolve(d, drugs=drugs)
    receipt = facility.claims.submit(bad, validate=False)
    result = facility.claims.get("01001", receipt.id)
    assert result.status is ClaimStatus.REJECTED
    found = {(e.table, e.row, e.field, e.rule) for e in result.errors}
    assert ("XML2", 2, "THANH_TIEN_BV", "arithmetic.line_amount") in found


def test_resubmission_supersedes(facility: vssdk.Client) -> None:
    first = facility.claims.submit(factory.dossier(), created=dt.date(2026, 11, 23))
    second = facility.claims.submit(factory.dossier(), created=dt.date(2026, 11, 24))
    assert second.version == 2
    assert facility.claims.get("01001", first.id).status is ClaimStatus.SUPERSEDED


def test_retry_with_same_content_is_not_a_second_claim(facility: vssdk.Client) -> None:
    day = dt.date(2026, 11, 23)
    first = facility.claims.submit(factory.dossier(), created=day)
    again = facility.claims.submit(factory.dossier(), created=day)
    assert again.id == first.id  # same default idempotency key: the stored receipt


def test_unreadable_envelope_is_422_with_gateway_code(
    facility: vssdk.Client, sandbox: Sandbox
) -> None:
    http = facility._engine
    from vssdk._core.request import PreparedRequest

    req = PreparedRequest(
        method="POST",
        url="http://sandbox.test/facilities/01001/claims",
        headers={
            "content-type": "application/xml",
            "authorization": f"Bearer {facility_token(sandbox)}",
        },
        content=b"<!DOCTYPE x [<!ENTITY a 'b'>]><GIAMDINHHS/>",
        operation_id="submitClaim",
        retry_safe=False,
    )
    raw = http.send_raw(req)
    assert raw.status_code == 422
    assert b'"vss_code":"123"' in raw.content


def test_other_facility_code_forbidden(sandbox: Sandbox, sandbox_app: Any) -> None:
    from tests.conftest import IN_PROCESS_URL, InProcessHTTP

    http = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL)
    auth = BearerToken(facility_token(sandbox, "79001_BV"))
    with (
        vssdk.Client(IN_PROCESS_URL, http_client=http, auth=auth, max_retries=0) as other,
        pytest.raises(PermissionDeniedError),
    ):
        other.claims.submit(factory.dossier())
    http.close()


def _row(**changes: Any) -> CheckIn:
    base = CheckIn(
        ma_lk="01001-2026-000300",
        stt=1,
        ma_bn="BN0300",
        ho_ten="Đặng Thị Hoa",
        ngay_sinh=dt.datetime(1999, 9, 9, 0, 0),
        gioi_tinh="2",
        ma_doituong_kcb="1.1",
        ngay_vao=dt.datetime(2026, 11, 23, 10, 15),
        ma_loai_kcb="01",
        ma_cskcb="01001",
        ma_the_bhyt=("SV4010199000018",),
    )
    return attrs.evolve(base, **changes)


def test_check_in(facility: vssdk.Client) -> None:
    receipt = facility.claims.check_in(CheckInFile((_row(),)))
    assert receipt.status == "accepted"
    assert receipt.rows == 1
    with pytest.raises(InvalidClaim) as info:
        facility.claims.check_in(CheckInFile((_row(ma_loai_kcb="99"),)))
    assert info.value.argument == "XML0[1].MA_LOAI_KCB"
    rejected = facility.claims.check_in(CheckInFile((_row(ma_loai_kcb="99"),)), validate=False)
    assert rejected.status == "rejected"
    assert rejected.errors[0].field == "MA_LOAI_KCB"


def test_async_submit_and_get(make_aclient: Any, sandbox: Sandbox) -> None:
    token = facility_token(sandbox)

    async def main() -> tuple[Any, Any, Any]:
        async with make_aclient(auth=BearerToken(token)) as ac:
            receipt = await ac.claims.submit(factory.dossier())
            got = await ac.claims.get("01001", receipt.id)
            cki = await ac.claims.check_in(CheckInFile((_row(),)))
            return receipt, got, cki

    receipt, got, cki = run(main())
    assert got.id == receipt.id
    assert got.status is ClaimStatus.ACCEPTED
    assert cki.status == "accepted"


def test_submit_needs_a_dossier(facility: vssdk.Client) -> None:
    with pytest.raises(vssdk.InvalidArgument):
        facility.claims.submit("<xml/>")  # type: ignore[arg-type]
    with pytest.raises(UnprocessableEntityError):
        facility.claims.get("01001", "nope")
