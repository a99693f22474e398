"""Sandbox handlers of the procedures area: BHXH's side of the linked procedures.

A submission is checked (422 naming each field, nothing stored), matched on the source system's
record number (same content → the existing case, 200; other content → 409 showing both), then
stored as a case. The ``@on_tick`` hook moves cases along the sandbox clock:

- birth: +2 h residence registered (in_progress); +24 h SI code and ``TE`` card issued (completed)
- death: +2 h residence removed (in_progress); +24 h funeral allowance decided (decided, or
  rejected when not eligible); +48 h payment reported (completed)
- unemployment: +1 h payments scheduled (paying); each month paid on its due date; completed
  after the last one.

Every change is in the case's ``status_history`` (time and reason), the audit trail, and an event
``linked_application.*`` owned by the submitting organisation (delivered by the webhooks area).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from vssdk import benefits
from vssdk.cards import InvalidIdentifier, parse_citizen_id
from vssdk.errors import VssdkError
from vssdk.procedures import rules
from vssdk_sandbox.handlers.medical.links import birth_certificate_errors, death_notice_errors
from vssdk_sandbox.kit import (
    Ctx,
    Reply,
    SandboxProblem,
    field_error,
    handles,
    on_tick,
    problem,
)

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox
    from vssdk_sandbox.security import Principal

log = logging.getLogger("vssdk_sandbox.procedures")
CASES = "linked_cases"
RECORDS = "linked_records"
AUDIT = "linked_audit"
PARTICIPATION = "linked_participation"

SCOPES = {"birth": "linked.birth", "death": "linked.death", "unemployment": "linked.unemployment"}
RECORD_FIELD = {
    "birth": "registration_number",
    "death": "registration_number",
    "unemployment": "decision_number",
}
_INTERNAL = (
    "owner",
    "client_id",
    "submission",
    "phase",
    "stage",
    "next_at",
    "submitted_on",
    "quarantined",
)
HOUR = 3600

_BUSY = "procedures.ticking"  # re-entrancy guard: a tick can emit events that tick again


# --- helpers -------------------------------------------------------------------------------


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat()


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _view(case: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in case.items() if k not in _INTERNAL}


def _audit(
    box: Sandbox,
    case_id: str,
    actor: str,
    action: str,
    detail: str,
    at: dt.datetime | None = None,
) -> None:
    number = box.store.next_number(f"audit:{case_id}")
    box.store.put(
        AUDIT,
        f"{case_id}:{number:06d}",
        {
            "case_id": case_id,
            "at": _iso(at or box.now()),
            "actor": actor,
            "action": action,
            "detail": detail,
        },
    )


def _set_status(case: dict[str, Any], status: str, at: dt.datetime, reason: str) -> None:
    case["status"] = status
    case["updated_at"] = _iso(at)
    case["status_history"].append({"status": status, "at": _iso(at), "reason": reason})


def _step(
    case: dict[str, Any], action: str, status: str, at: dt.datetime, reference: str | None = None
) -> None:
    for step in case["steps"]:
        if step["action"] == action:
            step["status"] = status
            if reference is not None:
                step["reference"] = reference
            if status in ("done", "rejected"):
                step["completed_at"] = _iso(at)


def _emit(box: Sandbox, case: dict[str, Any], event: str, **extra: Any) -> None:
    data = {
        "application_id": case["id"],
        "type": case["type"],
        "record_number": case["record_number"],
        "status": case["status"],
        **extra,
    }
    box.emit(f"linked_application.{event}", data, owner=case["owner"])


def _citizen_id_errors(body: dict[str, Any], paths: tuple[str, ...]) -> list[dict[str, Any]]:
    errors = []
    for path in paths:
        node: Any = body
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            continue
        try:
            parse_citizen_id(node)
        except InvalidIdentifier as exc:
            errors.append(
                field_error(
                    f"body.{path}", exc.reason, vss_field="soDinhDanh", code="invalid_citizen_id"
                )
            )
    return errors


def _date(body: dict[str, Any], field: str) -> dt.date:
    return dt.date.fromisoformat(body[field])


def _differences(old: Any, new: Any, path: str = "body") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(old.keys() | new.keys()):
            out.extend(_differences(old.get(key), new.get(key), f"{path}.{key}"))
        return out
    return [] if old == new else [path]


def _unprocessable(errors: list[dict[str, Any]]) -> None:
    if errors:
        raise problem(
            422,
            "Unprocessable Entity",
            slug="linked-record-invalid",
            detail="the record cannot be accepted; nothing was created",
            errors=errors,
        )


# --- validation per procedure --------------------------------------------------------------


def _check_birth(box: Sandbox, body: dict[str, Any]) -> list[dict[str, Any]]:
    errors = _citizen_id_errors(
        body, ("child.citizen_id", "mother.citizen_id", "father.citizen_id")
    )
    today = box.today()
    birth = _date(body["child"], "birth_date")
    registered = _date(body, "registered_on")
    if "mother" not in body and "father" not in body:
        errors.append(field_error("body.mother", "name at least one parent (mother or father)"))
    if birth > today:
        errors.append(field_error("body.child.birth_date", f"is after today ({today})"))
    else:
        months = rules.age_in_months(birth, today)
        if months >= rules.CHILD_CARD_MONTHS:
            errors.append(
                field_error(
                    "body.child.birth_date",
                    f"the child is {months} months old; the linked HI card is for children under 6 "
                    "(72 months)",
                    code="child_over_6",
                )
            )
    if registered < birth:
        errors.append(field_error("body.registered_on", "is before the birth date"))
    if registered > today:
        errors.append(field_error("body.registered_on", f"is after today ({today})"))
    if not errors:
        year = parse_citizen_id(body["child"]["citizen_id"]).birth_year
        if year != birth.year:
            errors.append(
                field_error("body.child.citizen_id", f"encodes birth year {year}, not {birth.year}")
            )
    errors.extend(birth_certificate_errors(box, body))  # only when one is cited
    return errors


def _check_death(box: Sandbox, body: dict[str, Any]) -> list[dict[str, Any]]:
    errors = _citizen_id_errors(body, ("deceased.citizen_id", "claimant.citizen_id"))
    today = box.today()
    died = _date(body, "date_of_death")
    registered = _date(body, "registered_on")
    if died > today:
        errors.append(
            field_error(
                "body.date_of_death", f"is in the future (today is {today})", code="date_in_future"
            )
        )
    else:
        try:
            benefits.funeral_allowance(died, None)
        except VssdkError as exc:
            errors.append(field_error("body.date_of_death", str(exc), code="outside_rules"))
    if registered < died:
        errors.append(field_error("body.registered_on", "is before the date of death"))
    if registered > today:
        errors.append(field_error("body.registered_on", f"is after today ({today})"))
    errors.extend(death_notice_errors(box, body))  # only when one is cited
    return errors


_MAX_MONTHLY_AMOUNT = 10**10  # VND: far above any benefit, far below what breaks arithmetic


def _check_unemployment(box: Sandbox, body: dict[str, Any]) -> list[dict[str, Any]]:
    """What the tick will rely on is checked here, with the same rule (a stored case that the
    tick cannot process would otherwise fail later, for everybody)."""
    errors = _citizen_id_errors(body, ("person.citizen_id",))
    decided = _date(body, "decided_on")
    if decided > box.today():
        errors.append(field_error("body.decided_on", f"is after today ({box.today()})"))
    start = _date(body, "start_date")
    if not decided - dt.timedelta(days=366) <= start <= decided + dt.timedelta(days=366):
        errors.append(
            field_error("body.start_date", "must be within a year of decided_on", code="range")
        )
    amount = body.get("monthly_amount")
    if isinstance(amount, int) and not isinstance(amount, bool) and amount > _MAX_MONTHLY_AMOUNT:
        errors.append(
            field_error("body.monthly_amount", f"must be at most {_MAX_MONTHLY_AMOUNT:,} VND")
        )
    elif not errors:
        try:
            rules.payment_schedule(start, body.get("months"), amount)  # type: ignore[arg-type]
        except VssdkError as exc:
            field = getattr(exc, "argument", "months")
            errors.append(field_error(f"body.{field}", getattr(exc, "reason", str(exc))))
    return errors


# --- new cases -----------------------------------------------------------------------------


def _new_case(
    box: Sandbox,
    principal: Principal,
    kind: str,
    body: dict[str, Any],
    subject: dict[str, Any],
    steps: list[dict[str, Any]],
    reason: str,
    first_delay: int,
) -> dict[str, Any]:
    now = box.now()
    case: dict[str, Any] = {
        "id": box.new_id("lnk"),
        "type": kind,
        "record_number": body[RECORD_FIELD[kind]],
        "status": "submitted",
        "submitted_at": _iso(now),
        "updated_at": _iso(now),
        "subject": {"full_name": subject["full_name"], "citizen_id": subject["citizen_id"]},
        "status_history": [{"status": "submitted", "at": _iso(now), "reason": reason}],
        "steps": steps,
        "payments": [],
        "owner": principal.subject,
        "client_id": principal.client_id or principal.subject,
        "submission": body,
        "phase": "open",
        "stage": 0,
        "next_at": _iso(now + dt.timedelta(seconds=first_delay)),
        "submitted_on": now.date().isoformat(),
    }
    return case


def _birth_case(box: Sandbox, principal: Principal, body: dict[str, Any]) -> dict[str, Any]:
    now = _iso(box.now())
    steps = [
        {
            "agency": "justice",
            "action": "birth_registration",
            "status": "done",
            "reference": body["registration_number"],
            "completed_at": now,
        },
        {"agency": "police", "action": "permanent_residence", "status": "processing"},
        {"agency": "vss", "action": "hi_card_issue", "status": "pending"},
    ]
    return _new_case(
        box,
        principal,
        "birth",
        body,
        body["child"],
        steps,
        f"birth registration {body['registration_number']} received",
        2 * HOUR,
    )


def _death_case(box: Sandbox, principal: Principal, body: dict[str, Any]) -> dict[str, Any]:
    now = _iso(box.now())
    steps = [
        {
            "agency": "justice",
            "action": "death_registration",
            "status": "done",
            "reference": body["registration_number"],
            "completed_at": now,
        },
        {"agency": "police", "action": "residence_removal", "status": "processing"},
        {"agency": "vss", "action": "funeral_allowance", "status": "pending"},
    ]
    return _new_case(
        box,
        principal,
        "death",
        body,
        body["deceased"],
        steps,
        f"death registration {body['registration_number']} received",
        2 * HOUR,
    )


def _unemployment_case(box: Sandbox, principal: Principal, body: dict[str, Any]) -> dict[str, Any]:
    now = _iso(box.now())
    steps = [
        {
            "agency": "labour",
            "action": "unemployment_decision",
            "status": "done",
            "reference": body["decision_number"],
            "completed_at": now,
        },
        {"agency": "vss", "action": "benefit_payment", "status": "pending"},
    ]
    case = _new_case(
        box,
        principal,
        "unemployment",
        body,
        body["person"],
        steps,
        f"decision {body['decision_number']} of {body['issued_by']} received",
        HOUR,
    )
    case["total_amount"] = body["monthly_amount"] * body["months"]
    return case


_KINDS: dict[
    str,
    tuple[
        Callable[[Sandbox, dict[str, Any]], list[dict[str, Any]]],
        Callable[[Sandbox, Principal, dict[str, Any]], dict[str, Any]],
    ],
] = {
    "birth": (_check_birth, _birth_case),
    "death": (_check_death, _death_case),
    "unemployment": (_check_unemployment, _unemployment_case),
}


def _resend(ctx: Ctx, kind: str, existing: dict[str, Any], body: dict[str, Any]) -> Reply:
    """The same record again: the existing case (200), whatever has happened since."""
    principal = ctx.require_principal()
    case_id = existing["case_id"]
    _audit(
        ctx.sandbox,
        case_id,
        principal.client_id or principal.subject,
        "resent",
        f"{kind} record {body[RECORD_FIELD[kind]]} received again; the existing case was returned",
    )
    stored = ctx.store.get(CASES, case_id)
    assert stored is not None
    return Reply(_view(stored), status=200)


def _conflict(kind: str, existing: dict[str, Any], body: dict[str, Any]) -> SandboxProblem:
    case_id = existing["case_id"]
    return problem(
        409,
        "Conflict",
        slug="linked-record-conflict",
        detail=(
            f"{RECORD_FIELD[kind]} {body[RECORD_FIELD[kind]]} was already submitted with other "
            f"content (case {case_id}); nothing was changed"
        ),
        extensions={
            "case_id": case_id,
            "existing": existing["submission"],
            "submitted": body,
            "differences": _differences(existing["submission"], body),
        },
    )


def _submit(ctx: Ctx, kind: str) -> Any:
    """Same record → existing case; else check (422); taken number → 409; else a new case."""
    principal = ctx.require_principal()
    box, body = ctx.sandbox, dict(ctx.body)
    check, build = _KINDS[kind]
    record_number = body[RECORD_FIELD[kind]]
    key = f"{principal.subject}:{kind}:{record_number}"
    existing = box.store.get(RECORDS, key)
    if existing is not None and existing["submission"] == body:
        return _resend(ctx, kind, existing, body)
    _unprocessable(check(box, body))
    if existing is not None:
        raise _conflict(kind, existing, body)
    case = build(box, principal, body)
    with box.store.transaction():
        created = box.store.insert_new(RECORDS, key, {"case_id": case["id"], "submission": body})
        if created:
            box.store.put(CASES, case["id"], case)
            _audit(
                box,
                case["id"],
                case["client_id"],
                "submitted",
                f"{kind} record {record_number} accepted",
            )
    if not created:  # another request took the number in between
        existing = box.store.get(RECORDS, key)
        assert existing is not None
        if existing["submission"] == body:
            return _resend(ctx, kind, existing, body)
        raise _conflict(kind, existing, body)
    _emit(box, case, "submitted")
    return _view(box.store.get(CASES, case["id"]) or case)


@handles("submitBirthLink")
def submit_birth(ctx: Ctx) -> Any:
    return _submit(ctx, "birth")


@handles("submitDeathLink")
def submit_death(ctx: Ctx) -> Any:
    return _submit(ctx, "death")


@handles("submitUnemploymentDecision")
def submit_unemployment(ctx: Ctx) -> Any:
    return _submit(ctx, "unemployment")


# --- reading -------------------------------------------------------------------------------


def _visible_case(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    case = ctx.store.get(CASES, ctx.path["application_id"])
    if case is None or case["owner"] != principal.subject:
        raise problem(
            404,
            "Not Found",
            detail=f"no case {ctx.path['application_id']}",
            vss_code="404",
            vss_message="Không tìm thấy hồ sơ liên thông",
        )
    scope = SCOPES[case["type"]]
    if scope not in principal.scopes:
        raise problem(
            403,
            "Forbidden",
            slug="insufficient-scope",
            detail=f"reading a {case['type']} case needs scope {scope!r}",
        )
    return case


@handles("getLinkedApplication")
def get_application(ctx: Ctx) -> dict[str, Any]:
    return _view(_visible_case(ctx))


@handles("listLinkedApplications")
def list_applications(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    q = ctx.query
    kinds = [k for k, scope in SCOPES.items() if scope in principal.scopes]
    if q.get("type") is not None:
        kinds = [k for k in kinds if k == q["type"]]
    start, end = q.get("submitted_from"), q.get("submitted_to")
    after = q.get("cursor")
    limit = int(q.get("limit", 50))
    docs = ctx.store.find(
        CASES, owner=principal.subject, status=q.get("status"), record_number=q.get("record_number")
    )
    chosen = [
        d
        for d in docs
        if d["type"] in kinds
        and (start is None or d["submitted_on"] >= start)
        and (end is None or d["submitted_on"] <= end)
        and (after is None or d["id"] > after)
    ]
    page = chosen[:limit]
    cursor = page[-1]["id"] if len(chosen) > limit else None
    return {"items": [_view(d) for d in page], "next_cursor": cursor}


@handles("listLinkedApplicationAudit")
def list_audit(ctx: Ctx) -> dict[str, Any]:
    case = _visible_case(ctx)
    items, cursor = ctx.store.page(
        AUDIT,
        where={"case_id": case["id"]},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )
    return {
        "items": [{k: v for k, v in d.items() if k != "case_id"} for d in items],
        "next_cursor": cursor,
    }


# --- lifecycle -----------------------------------------------------------------------------


def _new_si_code(box: Sandbox, province_code: str) -> str:
    while True:
        candidate = f"{province_code}{30_000_000 + box.store.next_number('linked_si'):08d}"
        if box.store.get("people", candidate) is None:
            return candidate


def _person_by_citizen_id(box: Sandbox, citizen_id: str) -> dict[str, Any] | None:
    found = box.store.find("people", citizen_id=citizen_id)
    return found[0] if found else None


def _advance_birth(
    box: Sandbox, case: dict[str, Any], at: dt.datetime
) -> list[tuple[str, dict[str, Any]]]:
    body = case["submission"]
    if case["stage"] == 0:
        reference = f"TT-{case['id'][4:]}"
        _step(case, "permanent_residence", "done", at, reference)
        _step(case, "hi_card_issue", "processing", at)
        _set_status(case, "in_progress", at, f"permanent residence registered ({reference})")
        case["stage"], case["next_at"] = 1, _iso(_at(case["submitted_at"]) + dt.timedelta(hours=24))
        return [("step_completed", {"step": "permanent_residence"})]
    child, province = body["child"], body["residence"]["province_code"]
    si_code = _new_si_code(box, province)
    valid_from, valid_to = rules.child_card_validity(dt.date.fromisoformat(child["birth_date"]))
    card = {
        "si_code": si_code,
        "card_code": f"TE1{province}{si_code}",
        "object_group": "TE",
        "benefit_level": "1",
        "valid_from": valid_from.isoformat(),
        "valid_to": valid_to.isoformat(),
    }
    case["card"] = card
    box.store.put(
        "people",
        si_code,
        {
            "si_code": si_code,
            "citizen_id": child["citizen_id"],
            "full_name": child["full_name"],
            "birth_date": child["birth_date"],
            "sex": child["sex"],
            "province_code": province,
            "employer": None,
            "household_id": None,
            "alive": True,
            "fixture": None,
            "hi_card": card,
        },
    )
    _step(case, "hi_card_issue", "done", at, card["card_code"])
    _set_status(
        case,
        "completed",
        at,
        f"SI code and HI card (TE, level 1) issued, valid {valid_from} to {valid_to}",
    )
    case["phase"] = "closed"
    return [("step_completed", {"step": "hi_card_issue"}), ("completed", {})]


def _advance_death(
    box: Sandbox, case: dict[str, Any], at: dt.datetime
) -> list[tuple[str, dict[str, Any]]]:
    body = case["submission"]
    start = _at(case["submitted_at"])
    if case["stage"] == 0:
        reference = f"XTT-{case['id'][4:]}"
        person = _person_by_citizen_id(box, body["deceased"]["citizen_id"])
        if person is not None:
            person["alive"] = False
            person["date_of_death"] = body["date_of_death"]
            box.store.put("people", person["si_code"], person)
        _step(case, "residence_removal", "done", at, reference)
        _step(case, "funeral_allowance", "processing", at)
        _set_status(case, "in_progress", at, f"permanent residence removed ({reference})")
        case["stage"], case["next_at"] = 1, _iso(start + dt.timedelta(hours=24))
        return [("step_completed", {"step": "residence_removal"})]
    if case["stage"] == 1:
        history = box.store.find(PARTICIPATION, citizen_id=body["deceased"]["citizen_id"])
        summary: dict[str, Any] = (
            history[0]
            if history
            else {"compulsory_months": 0, "voluntary_months": 0, "pensioner": False}
        )
        died = dt.date.fromisoformat(body["date_of_death"])
        decision = rules.funeral_decision(
            date_of_death=died,
            compulsory_months=summary["compulsory_months"],
            voluntary_months=summary["voluntary_months"],
            pensioner=summary["pensioner"],
            occupational=body.get("cause", "natural") != "natural",
        )
        reason = decision.reason if history else "no SI participation found for this person"
        case["funeral_allowance"] = {
            "eligible": decision.eligible,
            "amount": decision.amount,
            "reason": reason,
            "compulsory_months": summary["compulsory_months"],
            "voluntary_months": summary["voluntary_months"],
            "pensioner": summary["pensioner"],
            "citation": decision.citation,
        }
        if not decision.eligible:
            _step(case, "funeral_allowance", "rejected", at)
            _set_status(case, "rejected", at, f"funeral allowance not due: {reason}")
            case["rejection_reason"] = reason
            case["total_amount"] = 0
            case["phase"] = "closed"
            return [("rejected", {"reason": reason})]
        pay_day = start + dt.timedelta(hours=48)
        case["payments"] = [
            {
                "sequence": 1,
                "month": f"{pay_day.year:04d}-{pay_day.month:02d}",
                "due_on": pay_day.date().isoformat(),
                "amount": decision.amount,
                "status": "scheduled",
            }
        ]
        case["total_amount"] = decision.amount
        _set_status(
            case,
            "decided",
            at,
            f"funeral allowance of {decision.amount:,} VND decided: {decision.reason}",
        )
        case["stage"], case["next_at"] = 2, _iso(pay_day)
        return [("decided", {"amount": decision.amount})]
    payment = case["payments"][0]
    payment.update(status="paid", paid_at=_iso(at), reference=f"CT-{case['id'][4:]}-1")
    _step(case, "funeral_allowance", "done", at, payment["reference"])
    _set_status(
        case,
        "completed",
        at,
        f"funeral allowance of {payment['amount']:,} VND paid to the claimant",
    )
    case["phase"] = "closed"
    return [("payment_made", {"sequence": 1, "amount": payment["amount"]}), ("completed", {})]


def _advance_unemployment(
    box: Sandbox, case: dict[str, Any], at: dt.datetime
) -> list[tuple[str, dict[str, Any]]]:
    body = case["submission"]
    if case["stage"] == 0:
        case["payments"] = rules.payment_schedule(
            dt.date.fromisoformat(body["start_date"]), body["months"], body["monthly_amount"]
        )
        _step(case, "benefit_payment", "processing", at)
        _set_status(
            case,
            "paying",
            at,
            f"{body['months']} monthly payments of {body['monthly_amount']:,} VND scheduled",
        )
        case["stage"] = 1
    else:
        case["stage"] += 1
    events: list[tuple[str, dict[str, Any]]] = []
    for payment in case["payments"]:
        due = dt.datetime.combine(
            dt.date.fromisoformat(payment["due_on"]), dt.time(8), tzinfo=at.tzinfo
        )
        if payment["status"] == "scheduled" and due <= box.now():
            paid_at = max(due, at)
            payment.update(
                status="paid",
                paid_at=_iso(paid_at),
                reference=f"TN-{case['id'][4:]}-{payment['sequence']}",
            )
            events.append(
                (
                    "payment_made",
                    {
                        "sequence": payment["sequence"],
                        "month": payment["month"],
                        "amount": payment["amount"],
                    },
                )
            )
    pending = [p for p in case["payments"] if p["status"] == "scheduled"]
    if pending:
        nxt = dt.datetime.combine(
            dt.date.fromisoformat(pending[0]["due_on"]), dt.time(8), tzinfo=at.tzinfo
        )
        case["next_at"] = _iso(max(nxt, at))
    else:
        _step(case, "benefit_payment", "done", at)
        _set_status(case, "completed", at, f"all {len(case['payments'])} payments made")
        case["phase"] = "closed"
        events.append(("completed", {}))
    return events


_AUDITED_EVENTS = frozenset({"step_completed", "payment_made"})
_ADVANCE = {"birth": _advance_birth, "death": _advance_death, "unemployment": _advance_unemployment}


@on_tick
def progress(box: Sandbox) -> None:
    """Move every open case whose next step is due (times recorded as when each fell due)."""
    if box.state.get(_BUSY):
        return
    box.state[_BUSY] = True
    try:
        for case in box.store.find(CASES, phase="open"):
            if case.get("quarantined"):
                continue
            try:
                with box.store.transaction():
                    _progress_case(box, case)
            except Exception as exc:  # this case only: quarantine it, the others go on
                log.exception("case %s cannot be processed; quarantined", case["id"])
                stored = box.store.get(CASES, case["id"]) or case  # as before this attempt
                stored["quarantined"] = {"at": box.now().isoformat(), "reason": type(exc).__name__}
                box.store.put(CASES, stored["id"], stored)
    finally:
        box.state[_BUSY] = False


def _progress_case(box: Sandbox, case: dict[str, Any]) -> None:
    """Move one case through every step that is due."""
    while case["phase"] == "open" and _at(case["next_at"]) <= box.now():
        at = min(_at(case["next_at"]), box.now())
        before = case["status"]
        events = _ADVANCE[case["type"]](box, case, at)
        box.store.put(CASES, case["id"], case)
        for name, extra in events:
            if name in _AUDITED_EVENTS:
                _audit(
                    box,
                    case["id"],
                    "vss",
                    name,
                    ", ".join(f"{k}={v}" for k, v in extra.items()),
                    at,
                )
        if case["status"] != before:
            change = case["status_history"][-1]
            _audit(box, case["id"], "vss", f"status:{change['status']}", change["reason"], at)
        for name, extra in events:
            _emit(box, case, name, **extra)
