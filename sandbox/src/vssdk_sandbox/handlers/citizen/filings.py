"""What citizens file beyond VssID's four services: card re-issue, information changes, claims for
long-term benefits and direct HI reimbursement. Each is a dossier on the applications lifecycle;
the checks here are the ones BHXH makes on receipt (a 422 names the field and the rule), and the
amounts are decided on approval (:mod:`.decisions`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vssdk import benefits
from vssdk.calendar import add_months, month_of, months_between
from vssdk_sandbox.handlers.citizen.applications import create_application, ensure_none_open
from vssdk_sandbox.handlers.citizen.common import (
    APPLICATIONS,
    CARDS,
    PEOPLE,
    POPULATION_RECORDS,
    last_month,
    me,
    norm_name,
    periods_of,
    refuse,
    subject,
    unprocessable,
)
from vssdk_sandbox.handlers.citizen.decisions import REIMBURSEMENT_CAPS
from vssdk_sandbox.handlers.citizen.reads import fund_totals
from vssdk_sandbox.kit import Ctx, field_error, handles, problem

# Loss of working capacity from which the OA/OD benefit is paid (Law 84/2015/QH13 Art 45-46).
MIN_CAPACITY_LOSS = 5
# Years of SI a pension needs (Law 41/2024/QH15 Art 64(1)).
PENSION_MIN_MONTHS = 15 * 12


def _si_months(ctx: Ctx, si_code: str) -> int:
    periods = periods_of(ctx.store, si_code, "si")
    return int(fund_totals(periods, "si", ctx.sandbox.today())["months_total"])


# --- card re-issue (612) and exchange (610) ---------------------------------------------------


@handles("requestCardReissue")
def request_card_reissue(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    card = ctx.store.get(CARDS, person["si_code"])
    if card is None:
        raise problem(
            404,
            "Not Found",
            detail="this citizen has no health insurance card to re-issue",
            vss_code="010",
            vss_message="Không có thông tin thẻ",
        )
    reason = ctx.body["reason"]
    if reason == "information_changed":
        changed = [
            app
            for app in ctx.store.find(
                APPLICATIONS, si_code=person["si_code"], procedure="information_change"
            )
            if app["status"] == "completed" and app["updated_at"][:10] >= card["issued_on"]
        ]
        if not changed:
            raise refuse(
                "body.reason",
                "no correction of personal details since the card was issued: an exchange "
                "(đổi thẻ) follows an information change (608)",
                "card_reissue.nothing_changed",
            )
    ensure_none_open(ctx, "card_reissue")
    code = "610" if reason == "information_changed" else "612"
    return create_application(ctx, "card_reissue", 0, dict(ctx.body), procedure_code=code)


# --- information changes (608) ----------------------------------------------------------------


def _same(field: str, value: Any, other: Any) -> bool:
    if field == "full_name":
        return norm_name(value) == norm_name(other or "")
    return bool(value == other)


def _population_errors(
    ctx: Ctx, person: dict[str, Any], changes: dict[str, Any]
) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    citizen_id = changes.get("citizen_id", person["citizen_id"])
    record = ctx.store.get(POPULATION_RECORDS, citizen_id)
    if record is None:
        where = "citizen_id" if "citizen_id" in changes else next(iter(changes))
        return [
            field_error(
                f"body.changes.{where}",
                f"personal ID {citizen_id} is not in the national population records",
                code="information_change.not_in_population_records",
            )
        ]
    for field, value in changes.items():
        path = f"body.changes.{field}"
        current = person.get(field)
        if _same(field, value, current):
            errors.append(
                field_error(path, "is already what BHXH holds", code="information_change.no_change")
            )
            continue
        expected = record.get(field) if field != "citizen_id" else citizen_id
        if not _same(field, value, expected):
            errors.append(
                field_error(
                    path,
                    "does not match the national population records",
                    code="information_change.population_mismatch",
                )
            )
    if "citizen_id" in changes and not errors:
        name = changes.get("full_name", person["full_name"])
        birth = changes.get("birth_date", person["birth_date"])
        if norm_name(name) != norm_name(record["full_name"]) or birth != record["birth_date"]:
            errors.append(
                field_error(
                    "body.changes.citizen_id",
                    "this personal ID belongs to someone else in the population records",
                    code="information_change.population_mismatch",
                )
            )
    return errors


@handles("requestInformationChange")
def request_information_change(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    changes = {k: v for k, v in ctx.body["changes"].items() if v is not None}
    errors = _population_errors(ctx, person, changes)
    if errors:
        raise unprocessable(errors, "the correction does not agree with the population records")
    ensure_none_open(ctx, "information_change")
    return create_application(ctx, "information_change", 0, {**ctx.body, "changes": changes})


# --- pension (641) ----------------------------------------------------------------------------


@handles("claimPension")
def claim_pension(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    start = dt.date.fromisoformat(ctx.body["retirement_date"])
    if ctx.store.find("benefit_records", si_code=person["si_code"], kind="pension"):
        raise refuse("body", "already receiving a pension", "pension.already_pensioner")
    months = _si_months(ctx, person["si_code"])
    if months < PENSION_MIN_MONTHS:
        raise refuse(
            "body.retirement_date",
            f"{months} months of SI; a pension needs 15 years (Law 41/2024 Art 64(1))",
            "pension.contribution_months",
        )
    hazardous = bool(ctx.body.get("hazardous"))
    age = benefits.retirement_age(
        person["sex"], dt.date.fromisoformat(person["birth_date"]), hazardous=hazardous
    )
    earliest = age.earliest_date if hazardous and age.earliest_date else age.normal_date
    if earliest == age.normal_date:
        first_month = month_of(age.pension_from)  # the engine's own rule for the first month
    else:
        first_month = add_months(month_of(earliest), 0 if earliest.day == 1 else 1)
    if month_of(start) < first_month:
        raise refuse(
            "body.retirement_date",
            f"retirement age is reached on {earliest.isoformat()}: pension from {first_month} "
            "at the earliest (Labour Code 2019 Art 169)",
            "pension.below_retirement_age",
        )
    ensure_none_open(ctx, "pension")
    return create_application(ctx, "pension", months, dict(ctx.body))


# --- survivor benefits (645) ------------------------------------------------------------------


@handles("claimSurvivorBenefit")
def claim_survivor_benefit(ctx: Ctx) -> dict[str, Any]:
    claimant = me(ctx)
    body = ctx.body
    deceased = ctx.store.get(PEOPLE, body["deceased_si_code"])
    if deceased is None:
        raise refuse(
            "body.deceased_si_code", "no participant with this SI code", "survivor.unknown_deceased"
        )
    record = ctx.store.get(POPULATION_RECORDS, deceased["citizen_id"]) or {}
    if record.get("alive", True):
        raise refuse(
            "body.deceased_si_code",
            "no death is registered for this person in the population records",
            "survivor.not_deceased",
        )
    if record.get("death_date") != body["death_date"]:
        raise refuse(
            "body.death_date",
            "does not match the death registered in the population records",
            "survivor.death_date_mismatch",
        )
    if deceased.get("household_id") != claimant.get("household_id"):
        raise refuse(
            "body.relationship",
            "the claimant is not a relative of the deceased in the population records",
            "survivor.not_a_relative",
        )
    months = _si_months(ctx, deceased["si_code"])
    if months == 0:
        raise refuse(
            "body.deceased_si_code",
            "the deceased has no SI contribution",
            "survivor.no_contribution",
        )
    for app in ctx.store.find(APPLICATIONS, procedure="survivor_benefit"):
        if (
            app["details"]["deceased_si_code"] == deceased["si_code"]
            and app["status"] != "rejected"
        ):
            raise problem(
                409,
                "Conflict",
                detail=f"survivor benefits for this person are already claimed ({app['id']})",
                slug="already-claimed",
            )
    return create_application(ctx, "survivor_benefit", months, dict(body))


# --- occupational accident or disease (644) ---------------------------------------------------


@handles("claimOccupationalInjury")
def claim_occupational_injury(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    body = ctx.body
    event = dt.date.fromisoformat(body["event_date"])
    today = ctx.sandbox.today()
    if event > today:
        raise refuse("body.event_date", "is in the future", "occupational_injury.event_in_future")
    if body["capacity_loss_percent"] < MIN_CAPACITY_LOSS:
        raise refuse(
            "body.capacity_loss_percent",
            f"below {MIN_CAPACITY_LOSS}%: no OA/OD benefit (Law 84/2015 Art 46)",
            "occupational_injury.below_threshold",
        )
    month = month_of(event)
    covering = [
        p
        for p in periods_of(ctx.store, person["si_code"], "oa")
        if p.get("employer_unit_code") == body["employer_unit_code"]
        and p["from_month"] <= month <= last_month(p, today)
    ]
    if not covering:
        raise refuse(
            "body.employer_unit_code",
            f"no OA/OD insurance with this employer in {month}",
            "occupational_injury.not_insured",
        )
    si = periods_of(ctx.store, person["si_code"], "si")
    months = sum(
        max(0, months_between(p["from_month"], min(last_month(p, today), month))) for p in si
    )
    ensure_none_open(ctx, "occupational_injury")
    salary = int(covering[0].get("monthly_salary") or 0)
    details = {**body, "salary_before_event": salary}
    return create_application(ctx, "occupational_injury", months, details)


# --- direct HI reimbursement ------------------------------------------------------------------


@handles("claimHiReimbursement")
def claim_hi_reimbursement(ctx: Ctx) -> dict[str, Any]:
    person = me(ctx)
    body = ctx.body
    admitted = dt.date.fromisoformat(body["admitted_on"])
    if dt.date.fromisoformat(body["discharged_on"]) < admitted:
        raise refuse("body.discharged_on", "is before admitted_on", "hi_reimbursement.dates")
    if admitted > ctx.sandbox.today():
        raise refuse("body.admitted_on", "is in the future", "hi_reimbursement.visit_in_future")
    card = ctx.store.get(CARDS, person["si_code"])
    on = body["admitted_on"]
    if card is None or card["valid_from"] > on or (card.get("valid_to") or "9999") < on:
        raise refuse(
            "body.admitted_on",
            "no valid health insurance card on this day",
            "hi_reimbursement.no_cover",
        )
    facility = ctx.store.get("facilities", body["facility_code"])
    if facility is None:
        raise refuse("body.facility_code", "no such facility", "hi_reimbursement.unknown_facility")
    if body["reason"] == "non_contracted_facility":
        if facility["contracted"]:
            raise refuse(
                "body.reason",
                "this facility has an HI contract: it is paid directly, or claim with "
                "card_not_presented",
                "hi_reimbursement.facility_contracted",
            )
        if REIMBURSEMENT_CAPS[(facility["level"], body["visit_kind"])] is None:
            raise refuse(
                "body.visit_kind",
                f"outpatient care at a non-contracted {facility['level']} facility is not paid "
                "back (Decree 146/2018 Art 30(1))",
                "hi_reimbursement.not_payable",
            )
    elif not facility["contracted"]:
        raise refuse(
            "body.reason",
            "this facility has no HI contract: claim with non_contracted_facility",
            "hi_reimbursement.facility_not_contracted",
        )
    for app in ctx.store.find(APPLICATIONS, si_code=subject(ctx), procedure="hi_reimbursement"):
        same = app["details"]["facility_code"] == body["facility_code"]
        if same and app["details"]["invoice_number"] == body["invoice_number"]:
            raise problem(
                409,
                "Conflict",
                detail=f"this invoice is already claimed ({app['id']})",
                slug="already-claimed",
            )
    details = {**body, "card_code": card["card_code"], "facility_level": facility["level"]}
    return create_application(ctx, "hi_reimbursement", 0, details)
