"""Card re-issue (612) and exchange (610), information changes (608), pension (641), survivor benefits (645),
occupational injury (644) and direct HI reimbursement: checks on receipt, decisions on the
sandbox clock with the amounts of vssdk.benefits, and what the decision changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import vssdk
from tests.citizen._support import (
    CHILD,
    DECEASED,
    RETIRING,
    UNEMPLOYED,
    VOLUNTARY,
    WORKER,
    WORKER_FEMALE,
    as_citizen,
    citizen_token,
)
from tests.conftest import run
from vssdk import benefits
from vssdk._core.auth import BearerToken
from vssdk.calendar import add_months_to_date, month_of
from vssdk.citizen import (
    Application,
    ApplicationProcedure,
    ApplicationStatus,
    BankAccount,
    BenefitKind,
    EvidenceDocument,
    EvidenceKind,
    NotificationKind,
    PersonalDetails,
)
from vssdk.errors import ConflictError, InvalidArgument, NotFoundError, UnprocessableEntityError
from vssdk_sandbox.app import Sandbox

Login = Callable[..., vssdk.Client]
ACCOUNT = BankAccount("VCB", "0123456789", "NGUOI HUONG")
ID_CARD = EvidenceDocument(
    EvidenceKind.CITIZEN_ID_CARD, "079190004321", dt.date(2021, 5, 4), "Cục CSQLHC"
)


def _rule(exc: pytest.ExceptionInfo[UnprocessableEntityError]) -> tuple[str, str | None]:
    [error] = exc.value.errors
    return error.path, error.code


def _decided(client: vssdk.Client, citizen: vssdk.Client, app: Application) -> Application:
    client.sandbox.advance_clock(days=5)
    return citizen.citizen.application(app.id)


# --- information change and card exchange -----------------------------------------------------


def test_information_change_is_checked_against_the_population_records(login: Login) -> None:
    citizen = login(WORKER_FEMALE).citizen
    with pytest.raises(UnprocessableEntityError) as info:
        citizen.change_information(PersonalDetails(birth_date=dt.date(1990, 7, 21)), [ID_CARD])
    assert _rule(info) == ("body.changes.birth_date", "information_change.population_mismatch")
    with pytest.raises(UnprocessableEntityError) as info:
        citizen.change_information(PersonalDetails(full_name="trần thị  BÌNH"), [ID_CARD])
    assert _rule(info) == ("body.changes.full_name", "information_change.no_change")
    with pytest.raises(UnprocessableEntityError) as info:
        citizen.change_information(PersonalDetails(citizen_id="079190004322"), [ID_CARD])
    assert _rule(info)[1] == "information_change.not_in_population_records"


def test_corrected_birth_date_then_card_exchange_610(login: Login, client: vssdk.Client) -> None:
    user = login(WORKER_FEMALE)
    with pytest.raises(UnprocessableEntityError) as info:
        user.citizen.reissue_card("information_changed")
    assert _rule(info) == ("body.reason", "card_reissue.nothing_changed")
    app = user.citizen.change_information(
        PersonalDetails(birth_date=dt.date(1990, 7, 12)), [ID_CARD]
    )
    assert app.procedure is ApplicationProcedure.INFORMATION_CHANGE and app.procedure_code == "608"
    with pytest.raises(ConflictError):
        user.citizen.change_information(PersonalDetails(birth_date=dt.date(1990, 7, 12)), [ID_CARD])
    done = _decided(client, user, app)
    assert [h.status.value for h in done.history][-2:] == ["approved", "completed"]
    assert done.status.final and user.citizen.profile().birth_date == dt.date(1990, 7, 12)
    exchange = user.citizen.reissue_card("information_changed")
    assert exchange.procedure_code == "610"
    card = _decided(client, user, exchange)
    assert card.status is ApplicationStatus.COMPLETED and card.decision is not None
    assert card.decision.fee == 0 and card.decision.card_code == user.citizen.card().card_code
    assert user.citizen.card().qr.birth_date == dt.date(1990, 7, 12)
    kinds = {n.kind for n in user.citizen.notifications()}
    assert {NotificationKind.INFORMATION_UPDATED, NotificationKind.CARD_ISSUED} <= kinds


def test_lost_card_reissue_612_and_no_card_404(login: Login, client: vssdk.Client) -> None:
    user = login(WORKER)
    app = user.citizen.reissue_card("lost", paper_card=True)
    assert app.procedure_code == "612" and app.contribution_months == 0
    done = _decided(client, user, app)
    assert done.decision is not None and done.decision.fee == 0
    assert user.citizen.card().qr.issued_on == done.decision.decided_on + dt.timedelta(days=1)
    with pytest.raises(NotFoundError):
        login("0112345681").citizen.reissue_card("damaged")  # the spouse fixture has no card
    with pytest.raises(InvalidArgument) as info:
        user.citizen.reissue_card("stolen")
    assert info.value.argument == "reason"


# --- pension ----------------------------------------------------------------------------------


def _pension_start(sandbox: Sandbox) -> dt.date:
    return dt.date.fromisoformat(month_of(sandbox.today()) + "-01")


def test_pension_decision_uses_the_rules_engine(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    user = login(RETIRING)
    start = _pension_start(sandbox)
    app = user.citizen.claim_pension(start, ACCOUNT)
    assert app.procedure_code == "641" and app.contribution_months >= 33 * 12
    done = _decided(client, user, app)
    assert done.status is ApplicationStatus.PAID and done.decision is not None
    expected = benefits.pension(
        "male",
        app.contribution_months,
        15_000_000,
        start,
        birth_date=dt.date(1964, 6, 10),
        retirement_date=start,
    )
    assert done.decision.monthly_amount == expected.monthly_amount
    assert done.decision.explanation == expected.explain()
    [record] = user.citizen.benefits(kind=BenefitKind.PENSION)
    assert record.monthly_amount == expected.monthly_amount
    with pytest.raises(UnprocessableEntityError) as info:
        user.citizen.claim_pension(start, ACCOUNT)
    assert _rule(info) == ("body", "pension.already_pensioner")


def test_pension_refused_below_retirement_age_or_15_years(login: Login, sandbox: Sandbox) -> None:
    start = _pension_start(sandbox)
    with pytest.raises(UnprocessableEntityError) as info:
        login(WORKER).citizen.claim_pension(start, ACCOUNT)
    assert _rule(info) == ("body.retirement_date", "pension.below_retirement_age")
    with pytest.raises(UnprocessableEntityError) as info:
        login(UNEMPLOYED).citizen.claim_pension(start, ACCOUNT)
    assert _rule(info) == ("body.retirement_date", "pension.contribution_months")
    first = benefits.retirement_age("male", dt.date(1964, 6, 10)).pension_from  # 2025-10-01
    with pytest.raises(UnprocessableEntityError) as info:
        login(RETIRING).citizen.claim_pension(add_months_to_date(first, -1), ACCOUNT)
    assert _rule(info) == ("body.retirement_date", "pension.below_retirement_age")
    assert first.isoformat()[:7] in info.value.errors[0].message
    with pytest.raises(InvalidArgument) as info_arg:
        login(RETIRING).citizen.claim_pension(start + dt.timedelta(days=3), ACCOUNT)
    assert info_arg.value.argument == "retirement_date"


# --- survivor benefits ------------------------------------------------------------------------


def _death_date(sandbox: Sandbox) -> dt.date:
    first = dt.date.fromisoformat(month_of(sandbox.today()) + "-01")
    return add_months_to_date(first, -2) + dt.timedelta(days=19)


def test_survivor_lump_sum_and_funeral_allowance(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    user = login(VOLUNTARY)
    died = _death_date(sandbox)
    app = user.citizen.claim_survivor_benefit(DECEASED, died, "spouse", ACCOUNT)
    assert app.procedure_code == "645"
    done = _decided(client, user, app)
    assert done.status is ApplicationStatus.PAID and done.decision is not None
    funeral = benefits.funeral_allowance(died, app.contribution_months)
    assert done.decision.amount is not None and done.decision.amount > funeral.amount
    assert done.decision.monthly_amount is None
    assert funeral.explain() in (done.decision.explanation or "")
    with pytest.raises(ConflictError):
        user.citizen.claim_survivor_benefit(DECEASED, died, "spouse", ACCOUNT)


def test_survivor_claim_checks_death_record_and_relation(login: Login, sandbox: Sandbox) -> None:
    died = _death_date(sandbox)
    with pytest.raises(UnprocessableEntityError) as info:
        login(VOLUNTARY).citizen.claim_survivor_benefit(
            DECEASED, died - dt.timedelta(days=1), "spouse", ACCOUNT
        )
    assert _rule(info) == ("body.death_date", "survivor.death_date_mismatch")
    with pytest.raises(UnprocessableEntityError) as info:
        login(WORKER).citizen.claim_survivor_benefit(DECEASED, died, "child", ACCOUNT)
    assert _rule(info) == ("body.relationship", "survivor.not_a_relative")
    with pytest.raises(UnprocessableEntityError) as info:
        login(WORKER).citizen.claim_survivor_benefit(WORKER_FEMALE, died, "spouse", ACCOUNT)
    assert _rule(info) == ("body.deceased_si_code", "survivor.not_deceased")


def test_survivor_monthly_allowance_for_dependants(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    user = login(VOLUNTARY)
    died = _death_date(sandbox)
    app = user.citizen.claim_survivor_benefit(DECEASED, died, "spouse", ACCOUNT, dependants=2)
    done = _decided(client, user, app)
    expected = benefits.survivor_monthly_allowance(
        died, 2, contribution_months=app.contribution_months
    )
    assert done.decision is not None and done.decision.monthly_amount == expected.monthly_total


# --- occupational accident or disease ---------------------------------------------------------


def test_occupational_injury_benefit_from_the_rules_engine(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    user = login(WORKER)
    event = sandbox.today() - dt.timedelta(days=40)
    app = user.citizen.claim_occupational_injury("accident", event, 35, "SBX001A", ACCOUNT)
    done = _decided(client, user, app)
    expected = benefits.occupational_injury_benefit(35, app.contribution_months, 18_000_000, event)
    assert done.decision is not None and expected.kind == "monthly"
    assert done.decision.monthly_amount == expected.amount
    assert done.decision.explanation == expected.explain()
    [record] = user.citizen.benefits(kind=BenefitKind.OCCUPATIONAL_ACCIDENT)
    assert record.monthly_amount == expected.amount


def test_occupational_injury_refusals(login: Login, sandbox: Sandbox) -> None:
    event = sandbox.today() - dt.timedelta(days=40)
    with pytest.raises(UnprocessableEntityError) as info:
        login(WORKER).citizen.claim_occupational_injury("disease", event, 4, "SBX001A", ACCOUNT)
    assert _rule(info) == ("body.capacity_loss_percent", "occupational_injury.below_threshold")
    with pytest.raises(UnprocessableEntityError) as info:
        login(WORKER).citizen.claim_occupational_injury("accident", event, 30, "SBX002B", ACCOUNT)
    assert _rule(info) == ("body.employer_unit_code", "occupational_injury.not_insured")
    with pytest.raises(InvalidArgument) as arg:
        login(WORKER).citizen.claim_occupational_injury("accident", event, 130, "SBX001A", ACCOUNT)
    assert arg.value.argument == "capacity_loss_percent"


# --- direct HI reimbursement ------------------------------------------------------------------


def test_non_contracted_inpatient_care_is_paid_up_to_the_cap(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    user = login(WORKER)
    visit = sandbox.today() - dt.timedelta(days=10)
    app = user.citizen.claim_hi_reimbursement(
        "79999",
        "inpatient",
        visit,
        visit + dt.timedelta(days=3),
        9_000_000,
        "HD-0001",
        "non_contracted_facility",
        ACCOUNT,
    )
    assert app.procedure_code == "SBX-TTKCB"
    done = _decided(client, user, app)
    cap = benefits.base_salary(visit) // 2  # district level, inpatient: 0.5 x base salary
    assert done.decision is not None and done.decision.amount == cap
    assert "Decree 146/2018/NĐ-CP Art 30(1); Law on Health Insurance Art 31" in (
        done.decision.citations or []
    )
    with pytest.raises(ConflictError):
        user.citizen.claim_hi_reimbursement(
            "79999",
            "inpatient",
            visit,
            visit,
            100_000,
            "HD-0001",
            "non_contracted_facility",
            ACCOUNT,
        )


def test_card_not_presented_is_paid_at_the_card_level(
    login: Login, client: vssdk.Client, sandbox: Sandbox
) -> None:
    user = login(CHILD)
    visit = sandbox.today() - dt.timedelta(days=2)
    app = user.citizen.claim_hi_reimbursement(
        "79001", "outpatient", visit, visit, 400_000, "HD-77", "card_not_presented", ACCOUNT
    )
    done = _decided(client, user, app)
    assert done.decision is not None and done.decision.amount == 400_000  # TE1: 100%


def test_reimbursement_refusals(login: Login, sandbox: Sandbox) -> None:
    visit = sandbox.today() - dt.timedelta(days=2)
    worker = login(WORKER).citizen
    cases = [
        (
            ("79001", "outpatient", "non_contracted_facility"),
            "hi_reimbursement.facility_contracted",
        ),
        (("79999", "outpatient", "card_not_presented"), "hi_reimbursement.facility_not_contracted"),
    ]
    for (facility, kind, reason), rule in cases:
        with pytest.raises(UnprocessableEntityError) as info:
            worker.claim_hi_reimbursement(facility, kind, visit, visit, 1, "X1", reason, ACCOUNT)
        assert _rule(info)[1] == rule
    ended = login(UNEMPLOYED).citizen
    with pytest.raises(UnprocessableEntityError) as info:
        ended.claim_hi_reimbursement(
            "79999", "inpatient", visit, visit, 1, "X2", "non_contracted_facility", ACCOUNT
        )
    assert _rule(info) == ("body.admitted_on", "hi_reimbursement.no_cover")
    with pytest.raises(InvalidArgument) as arg:
        worker.claim_hi_reimbursement(
            "79999",
            "inpatient",
            visit,
            visit - dt.timedelta(days=1),
            1,
            "X3",
            "non_contracted_facility",
            ACCOUNT,
        )
    assert arg.value.argument == "discharged_on"


def test_filings_on_the_async_client(
    make_aclient: Callable[..., vssdk.AsyncClient], client: vssdk.Client, sandbox: Sandbox
) -> None:
    token = citizen_token(sandbox, WORKER)
    event = sandbox.today() - dt.timedelta(days=40)

    async def go() -> list[Application]:
        async with make_aclient(auth=BearerToken(token), max_retries=0) as aclient:
            return [
                await aclient.citizen.reissue_card("damaged"),
                await aclient.citizen.claim_occupational_injury(
                    "accident", event, 35, "SBX001A", ACCOUNT
                ),
            ]

    apps = run(go())
    assert [a.procedure_code for a in apps] == ["612", "644"]
    listed = {a.id for a in as_citizen(client, sandbox, WORKER).citizen.applications()}
    assert {a.id for a in apps} <= listed
