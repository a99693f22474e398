"""The claim lifecycle over REST against the sandbox: list, versions, withdrawal, feedback."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

import vssdk
from tests.cards.conftest import facility_token
from tests.claims import corpus, factory
from tests.conftest import run
from vssdk._core.auth import BearerToken
from vssdk._core.request import PreparedRequest
from vssdk.claims import (
    ClaimCheckName,
    ClaimCheckStatus,
    ClaimDossier,
    ClaimStatus,
    LegacyDossier,
)
from vssdk.errors import ConflictError, InvalidArgument, UnprocessableEntityError
from vssdk_sandbox.app import Sandbox

DAY = dt.date(2026, 11, 23)


def _corrected() -> ClaimDossier:
    d = factory.dossier()
    return attrs.evolve(d, summary=attrs.evolve(d.summary, ma_benh_chinh="J18.0"))


def test_list_filters_by_status_period_and_link_key(facility: vssdk.Client) -> None:
    first = facility.claims.submit(factory.dossier(), created=DAY)
    other = attrs.evolve(
        factory.dossier(), summary=attrs.evolve(factory.dossier().summary, thang_qt=10)
    )
    facility.claims.submit(attrs.evolve(other, drugs=other.drugs), created=DAY, validate=False)
    everything = list(facility.claims.list("01001"))
    assert everything[0].id == first.id
    november = list(facility.claims.list("01001", period="2026-11"))
    assert {c.link_key for c in november} == {factory.MA_LK}
    assert all(c.status is ClaimStatus.SUPERSEDED or c.id != first.id for c in november)
    accepted = list(facility.claims.list("01001", status="accepted"))
    assert all(c.status is ClaimStatus.ACCEPTED for c in accepted)
    by_key = list(facility.claims.list("01001", link_key=factory.MA_LK))
    assert len(by_key) == 2
    with pytest.raises(InvalidArgument):
        list(facility.claims.list("01001", period="2026-13"))


def test_new_version_supersedes_only_once_stored(facility: vssdk.Client, sandbox: Sandbox) -> None:
    first = facility.claims.submit(factory.dossier(), created=DAY)
    token = facility_token(sandbox)
    # A correction that cannot be read is refused and leaves the first version standing.
    req = PreparedRequest(  # a raw envelope: the SDK would refuse to build it
        method="POST",
        url=f"http://sandbox.test/facilities/01001/claims/{first.id}/versions",
        headers={
            "content-type": "application/xml",
            "authorization": f"Bearer {token}",
        },
        content=corpus.BROKEN[3][1],  # NaN amount
        operation_id="submitClaimVersion",
        retry_safe=False,
    )
    raw = facility._engine.send_raw(req)
    assert raw.status_code == 422
    assert b'"vss_code":"123"' in raw.content
    assert facility.claims.get("01001", first.id).status is not ClaimStatus.SUPERSEDED
    second = facility.claims.new_version(first.id, _corrected(), created=DAY)
    assert second.version == 2
    assert second.link_key == first.link_key
    assert facility.claims.get("01001", first.id).status is ClaimStatus.SUPERSEDED
    versions = list(facility.claims.versions("01001", second.id))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].status is ClaimStatus.SUPERSEDED


def test_new_version_must_keep_the_link_key(facility: vssdk.Client) -> None:
    first = facility.claims.submit(factory.dossier(), created=DAY)
    d = factory.dossier()
    moved = attrs.evolve(
        d,
        summary=attrs.evolve(d.summary, ma_lk="01001-2026-999999"),
        drugs=[attrs.evolve(x, ma_lk="01001-2026-999999") for x in d.drugs],
        services=[attrs.evolve(x, ma_lk="01001-2026-999999") for x in d.services],
    )
    with pytest.raises(UnprocessableEntityError) as info:
        facility.claims.new_version(first.id, moved, created=DAY)
    assert info.value.problem is not None
    assert info.value.problem.vss_code == "205"


def test_withdraw_then_no_new_version(facility: vssdk.Client) -> None:
    first = facility.claims.submit(factory.dossier(), created=DAY)
    withdrawn = facility.claims.withdraw("01001", first.id, reason="duplicate payment request")
    assert withdrawn.status is ClaimStatus.WITHDRAWN
    assert withdrawn.withdrawal_reason == "duplicate payment request"
    assert withdrawn.withdrawn_at is not None
    again = facility.claims.withdraw("01001", first.id, reason="duplicate payment request")
    assert again.id == first.id  # the same idempotency key replays the stored answer
    with pytest.raises(ConflictError):
        facility.claims.new_version(first.id, _corrected(), created=DAY)
    with pytest.raises(InvalidArgument):
        facility.claims.withdraw("01001", first.id, reason=" ")


def test_assessed_claim_cannot_be_withdrawn(facility: vssdk.Client, sandbox: Sandbox) -> None:
    first = facility.claims.submit(factory.dossier(), created=DAY)
    sandbox.advance(25 * 3600)
    facility_token(sandbox)
    assert facility.claims.get("01001", first.id).status is ClaimStatus.ASSESSED
    with pytest.raises(ConflictError):
        facility.claims.withdraw(
            "01001", first.id, reason="too late", idempotency_key="withdraw-too-late"
        )


def test_feedback_follows_the_simulated_clock(facility: vssdk.Client, sandbox: Sandbox) -> None:
    receipt = facility.claims.submit(factory.dossier(), created=DAY)
    early = facility.claims.feedback("01001", receipt.id)
    assert early.simulated is True
    assert {c.name: c.status for c in early.checks} == {
        "timeliness": "pending",
        "structure": "passed",
        "card_data": "pending",
    }
    sandbox.advance(49 * 3600)
    facility_token(sandbox)
    late = facility.claims.feedback("01001", receipt.id)
    assert {c.status for c in late.checks} == {"passed"}
    assert late.status is ClaimStatus.ASSESSED
    assert late.assessment is not None
    assert late.assessment.approved_amount == factory.dossier().summary.t_bhtt


def test_feedback_of_a_rejected_claim_names_the_errors(facility: vssdk.Client) -> None:
    d = factory.dossier()
    bad = attrs.evolve(d, drugs=(d.drugs[0], attrs.evolve(d.drugs[1], t_bhtt=Decimal("1"))))
    receipt = facility.claims.submit(bad, validate=False, created=DAY)
    feedback = facility.claims.feedback("01001", receipt.id)
    (structure,) = [c for c in feedback.checks if c.name is ClaimCheckName.STRUCTURE]
    assert structure.status is ClaimCheckStatus.FAILED
    assert ("XML2", 2, "T_BHTT") in {(e.table, e.row, e.field) for e in structure.errors}


def test_warnings_never_reject(facility: vssdk.Client) -> None:
    quirk = next(q for q in corpus.QUIRKS if q.name == "cent_rounding")
    d = ClaimDossier.from_envelope(quirk.data)
    receipt = facility.claims.submit(d, created=DAY)  # validate=True: warnings do not block
    result = facility.claims.get("01001", receipt.id)
    assert result.status is ClaimStatus.ACCEPTED
    assert {w.rule for w in result.warnings} >= {"arithmetic.fund_share"}


def test_async_lifecycle(make_aclient: Any, sandbox: Sandbox) -> None:
    token = facility_token(sandbox)

    async def go() -> tuple[int, ClaimStatus]:
        async with make_aclient(auth=BearerToken(token)) as c:
            first = await c.claims.submit(factory.dossier(), created=DAY)
            second = await c.claims.new_version(first.id, _corrected(), created=DAY)
            versions = [v async for v in await c.claims.versions("01001", second.id)]
            listed = [x async for x in await c.claims.list("01001")]
            feedback = await c.claims.feedback("01001", second.id)
            withdrawn = await c.claims.withdraw("01001", second.id, reason="test")
            assert len(listed) == 2
            assert feedback.version == 2
            return len(versions), withdrawn.status

    assert run(go()) == (2, ClaimStatus.WITHDRAWN)


def test_qd4210_dossier_is_received_and_kept(facility: vssdk.Client, sandbox: Sandbox) -> None:
    legacy = LegacyDossier.from_envelope(corpus.QD4210_FILE)
    receipt = facility.claims.submit(legacy, created=dt.date(2019, 3, 5))
    assert receipt.standard == "QD4210"
    assert receipt.link_key == "01001-2019-000042"
    assert receipt.amounts is None
    assert facility.claims.get("01001", receipt.id).status is ClaimStatus.ACCEPTED
