"""Employers' 01B-HSB settlement lists: each row decided with :mod:`vssdk.benefits`.

On filing the signed file is verified and read; a broken rule is a 422 naming row and field
(nothing stored). The list is then ``received``; 24 h later (sandbox clock) every row is
decided — accepted with the amount, its explanation and citations, or refused with the reason
(no certificate, a certificate of another person or revoked, days outside the certificate, the
yearly entitlement used up, not insured in the period) — and 48 h after filing the accepted
rows are paid. Events: ``benefit_settlement.received``, ``.row_accepted``, ``.row_refused``,
``.decided``, ``.payment_made``, owned by the filing vendor.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from vssdk import benefits
from vssdk.calendar import add_months, month_of, months_between
from vssdk.declarations import (
    HSBRow,
    MalformedDeclarationFile,
    SignatureInvalid,
    UnsafeXml,
    validate_hsb,
    verify_hsb,
)
from vssdk.declarations.hsb import refusal_text, regime_rule
from vssdk.errors import VssdkError
from vssdk_sandbox.handlers.medical.common import by_number
from vssdk_sandbox.kit import Ctx, Reply, field_error, handles, on_tick, problem

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

SETTLEMENTS = "benefit_settlements"
DECIDE_AFTER = dt.timedelta(hours=24)
PAY_AFTER = dt.timedelta(hours=48)
_INTERNAL = ("owner", "digest", "next_at", "phase")
_BUSY = "medical.settlements.ticking"


def view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in _INTERNAL}


def _employer(ctx: Ctx) -> dict[str, Any]:
    doc = ctx.store.get("employers", ctx.path["unit_code"])
    if doc is None:
        raise problem(404, "Not Found", detail=f"no unit {ctx.path['unit_code']}",
                      vss_code="404", vss_message="Không tìm thấy đơn vị")  # fmt: skip
    return doc


def _invalid(errors: list[dict[str, Any]], detail: str) -> Exception:
    return problem(422, "Unprocessable Entity", slug="settlement-invalid", detail=detail,
                   errors=errors)  # fmt: skip


def _read(ctx: Ctx, unit: str) -> tuple[list[HSBRow], bytes]:
    body = ctx.body
    try:
        data = base64.b64decode(body["file"], validate=True)
    except (binascii.Error, ValueError):
        raise _invalid([field_error("body.file", "not base64")], "unreadable file") from None
    try:
        form, _certificate = verify_hsb(data)
    except SignatureInvalid as exc:
        raise _invalid([field_error("body.file", f"signature: {exc}", code="signature.invalid")],
                       "the file's signature does not hold") from None  # fmt: skip
    except (MalformedDeclarationFile, UnsafeXml) as exc:
        raise _invalid([field_error(f"body.file.{exc.argument}", exc.reason)],
                       "not a 01B-HSB file") from None  # fmt: skip
    errors = []
    if form.unit_code != unit:
        errors.append(field_error("body.file.unit_code", f"the file is for unit {form.unit_code}"))
    if str(form.period) != body["period"]:
        errors.append(field_error("body.period", f"the file is for {form.period}"))
    if form.batch != body["batch"]:
        errors.append(field_error("body.batch", f"the file is batch {form.batch}"))
    for v in validate_hsb(form):
        where = "" if v.row is None else f"rows[{v.row}]."
        errors.append(field_error(f"body.file.{where}{v.field}", v.message, code=v.rule))
    if errors:
        raise _invalid(errors, "the list cannot be accepted; nothing was stored")
    return list(form.rows), data


@handles("submitBenefitSettlement")
def submit(ctx: Ctx) -> Reply:
    employer = _employer(ctx)
    principal = ctx.require_principal()
    box, unit = ctx.sandbox, employer["unit_code"]
    rows, data = _read(ctx, unit)
    digest = hashlib.sha256(data).hexdigest()
    key = f"{unit}:{ctx.body['period']}:{ctx.body['batch']}"
    existing = box.store.find(SETTLEMENTS, natural_key=key)
    if existing:
        if existing[0]["digest"] == digest:
            return Reply(_public(existing[0]), status=200)
        raise problem(409, "Conflict", slug="settlement-conflict",
                      detail=f"batch {ctx.body['batch']} of {ctx.body['period']} was filed with "
                      f"other content ({existing[0]['id']}); file the next batch")  # fmt: skip
    now = box.now()
    agency = employer.get("agency_code", "00000")
    number = box.store.next_number(f"hsb_receipt:{agency}:{now.year}")
    doc: dict[str, Any] = {
        "id": box.new_id("hsb"),
        "unit_code": unit,
        "period": ctx.body["period"],
        "batch": ctx.body["batch"],
        "status": "received",
        "submitted_at": now.isoformat(),
        "updated_at": now.isoformat(),
        "receipt_number": f"{number:05d}/{now.year}/{agency}",
        "rows": [_pending(i, r) for i, r in enumerate(rows, 1)],
        "total_amount": 0,
        "accepted_rows": 0,
        "refused_rows": 0,
        "natural_key": key,
        "owner": principal.subject,
        "digest": digest,
        "next_at": (now + DECIDE_AFTER).isoformat(),
        "phase": "open",
    }
    box.store.put(SETTLEMENTS, doc["id"], doc)
    _emit(box, doc, "received")
    return Reply(_public(doc), status=201)


def _pending(index: int, row: HSBRow) -> dict[str, Any]:
    return {
        "row": index,
        "si_code": row.si_code,
        "full_name": row.full_name,
        "regime": str(row.regime),
        "leave_from": row.leave_from.isoformat(),
        "leave_to": row.leave_to.isoformat(),
        "days_claimed": row.days,
        "status": "pending",
        "certificate_number": row.certificate_number,
        "child_birth_date": None
        if row.child_birth_date is None
        else row.child_birth_date.isoformat(),
        "children": row.children,
    }


def _own(ctx: Ctx) -> dict[str, Any]:
    employer = _employer(ctx)
    doc = ctx.store.get(SETTLEMENTS, ctx.path["settlement_id"])
    if doc is None or doc["unit_code"] != employer["unit_code"]:
        raise problem(404, "Not Found", detail="no such settlement for this unit")
    return doc


@handles("getBenefitSettlement")
def get(ctx: Ctx) -> dict[str, Any]:
    return _public(_own(ctx))


@handles("listBenefitSettlements")
def list_settlements(ctx: Ctx) -> dict[str, Any]:
    employer = _employer(ctx)
    q = ctx.query
    items, cursor = ctx.store.page(
        SETTLEMENTS,
        where={
            "unit_code": employer["unit_code"],
            "status": q.get("status"),
            "period": q.get("period"),
        },
        cursor=q.get("cursor"),
        limit=int(q.get("limit", 50)),
    )
    return {"items": [_public(d) for d in items], "next_cursor": cursor}


_ROW_PRIVATE = ("child_birth_date", "children", "benefit", "year")


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    out = view(doc)
    out.pop("natural_key", None)
    out["rows"] = [
        {k: v for k, v in r.items() if k not in _ROW_PRIVATE and v is not None} for r in doc["rows"]
    ]
    return out


# --- deciding a row ------------------------------------------------------------------------


class _Refuse(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


def _periods(box: Sandbox, si_code: str) -> list[dict[str, Any]]:
    return [p for p in box.store.find("participation", si_code=si_code, scheme="si")
            if p["kind"] == "compulsory"]  # fmt: skip


def _covering(periods: list[dict[str, Any]], month: str) -> dict[str, Any] | None:
    for p in periods:
        if p["from_month"] <= month and (p["to_month"] is None or month <= p["to_month"]):
            return p
    return None


def _months_until(periods: list[dict[str, Any]], month: str) -> int:
    total = 0
    for p in periods:
        last = p["to_month"] if p["to_month"] is not None and p["to_month"] < month else month
        total += months_between(p["from_month"], last)
    return total


def _certificate(
    box: Sandbox, row: dict[str, Any], person: dict[str, Any]
) -> dict[str, Any] | None:
    rule = regime_rule(row["regime"])
    number = row.get("certificate_number")
    if not number:
        if rule["certificate_required"]:
            raise _Refuse("no_certificate")
        return None
    cert = next((c for k in rule["certificates"] if (c := by_number(box, number, k))), None)
    if cert is None:
        raise _Refuse("no_certificate", number)
    if cert["status"] != "active":
        raise _Refuse("certificate_revoked", f"{number}: {cert.get('revocation_reason', '')}")
    patient = cert["document"]["patient"]
    si_code, citizen_id = patient.get("si_code"), patient.get("citizen_id")
    if (
        not (si_code or citizen_id)
        or si_code not in (None, person["si_code"])
        or citizen_id not in (None, person["citizen_id"])
    ):
        raise _Refuse("certificate_other_person", f"{number} names {patient['full_name']}")
    detail = cert["document"].get(cert["type"], {})
    span = {
        "sick_leave": ("leave_from", "leave_to"),
        "discharge": ("admitted_on", "rest_to" if detail.get("rest_to") else "discharged_on"),
        "inpatient_treatment": ("admitted_on", "discharged_on"),
    }.get(cert["type"])
    if span is not None:
        first, last = detail[span[0]], detail[span[1]]
        if row["leave_from"] < first or row["leave_to"] > last:
            raise _Refuse("certificate_not_covering", f"{number} covers {first} to {last}")
    return cert


def _used_sickness_days(box: Sandbox, si_code: str, year: int, current: str) -> int:
    used = 0
    for doc in box.store.find(SETTLEMENTS):
        for r in doc["rows"]:
            if (
                r["si_code"] == si_code
                and r.get("benefit") == "sickness"
                and r.get("year") == year
                and r["status"] in ("accepted", "paid")
                and f"{doc['id']}:{r['row']}" != current
            ):
                used += r.get("days_paid", 0)
    return used


def _decide(box: Sandbox, doc: dict[str, Any], row: dict[str, Any]) -> None:
    found = box.store.find("people", si_code=row["si_code"])
    if not found:
        raise _Refuse("not_insured")
    person = found[0]
    periods = [
        p for p in _periods(box, row["si_code"]) if p["employer_unit_code"] == doc["unit_code"]
    ]
    start = dt.date.fromisoformat(row["leave_from"])
    leave_month = month_of(start)
    here = _covering(periods, leave_month)
    if here is None:
        raise _Refuse("not_insured_in_period", f"{leave_month} at unit {doc['unit_code']}")
    cert = _certificate(box, row, person)
    rule = regime_rule(row["regime"])
    all_periods = _periods(box, row["si_code"])
    months = _months_until(all_periods, leave_month)
    result: benefits.SicknessBenefit | benefits.MaternityBenefit | benefits.ConvalescenceBenefit
    if rule["benefit"] == "sickness":
        before = _covering(all_periods, add_months(leave_month, -1)) or here
        salary = int(before["monthly_salary"])
        long_term = bool(rule.get("long_term"))
        probe = benefits.sickness_benefit(
            salary, row["days_claimed"], start, months, long_term=long_term
        )
        used = _used_sickness_days(box, row["si_code"], start.year, f"{doc['id']}:{row['row']}")
        remaining = (
            row["days_claimed"] if long_term or probe.max_days is None else probe.max_days - used
        )
        if remaining <= 0:
            raise _Refuse("days_beyond_entitlement", f"{used} days already paid in {start.year}")
        days = min(row["days_claimed"], remaining)
        result = benefits.sickness_benefit(salary, days, start, months, long_term=long_term)
        amount = result.amount
        row.update(benefit="sickness", year=start.year, days_paid=int(result.counted_days))
    elif rule["benefit"] == "maternity":
        assert cert is not None
        birth = cert["document"]["birth"]
        born = dt.date.fromisoformat(birth["child_birth_date"])
        window = [add_months(month_of(born), -k) for k in range(1, 13)]
        paid = [p for m in window if (p := _covering(all_periods, m))]
        if len(paid) < 6:
            raise _Refuse(
                "not_enough_contributions", f"{len(paid)} of the 12 months before the birth"
            )
        six = [int(p["monthly_salary"]) for p in paid[:6]]
        average = Fraction(sum(six), len(six))  # the 6 most recent months, exact
        children = int(birth.get("children_born", 1))
        result = benefits.maternity_benefit(average, born, children=children)
        amount = result.total
        row.update(benefit="maternity", days_paid=row["days_claimed"])
    else:
        result = benefits.convalescence_benefit(row["days_claimed"], start, cause=rule["cause"])
        amount = result.amount
        row.update(benefit="convalescence", days_paid=int(result.days))
    note = ""
    if row["days_paid"] < row["days_claimed"] and rule["benefit"] == "sickness":
        note = f" ({row['days_paid']} of {row['days_claimed']} days: the yearly entitlement)"
    row.update(
        status="accepted",
        amount=amount,
        explanation=result.explain("vi"),
        explanation_en=result.explain("en") + note,
        citations=list(result.citations),
    )


def _emit(box: Sandbox, doc: dict[str, Any], event: str, **extra: Any) -> None:
    data = {"settlement_id": doc["id"], "unit_code": doc["unit_code"], "period": doc["period"],
            "batch": doc["batch"], "status": doc["status"], **extra}  # fmt: skip
    box.emit(f"benefit_settlement.{event}", data, owner=doc["owner"])


def _decide_all(
    box: Sandbox, doc: dict[str, Any], at: dt.datetime
) -> list[tuple[str, dict[str, Any]]]:
    events: list[tuple[str, dict[str, Any]]] = []
    for row in doc["rows"]:
        try:
            _decide(box, doc, row)
            events.append(
                (
                    "row_accepted",
                    {"row": row["row"], "si_code": row["si_code"], "amount": row["amount"]},
                )
            )
        except _Refuse as exc:
            reason = refusal_text(exc.code) + (f" ({exc.detail})" if exc.detail else "")
            row.update(status="refused", refusal_code=exc.code, refusal_reason=reason)
            events.append(
                ("row_refused", {"row": row["row"], "si_code": row["si_code"], "reason": exc.code})
            )
        except VssdkError as exc:  # a rule input outside the law's range: refused, said why
            row.update(status="refused", refusal_code="outside_rules", refusal_reason=str(exc))
            events.append(
                (
                    "row_refused",
                    {"row": row["row"], "si_code": row["si_code"], "reason": "outside_rules"},
                )
            )
        box.store.put(SETTLEMENTS, doc["id"], doc)  # later rows see this row's days
    accepted = [r for r in doc["rows"] if r["status"] == "accepted"]
    doc.update(
        status="decided",
        decided_at=at.isoformat(),
        updated_at=at.isoformat(),
        total_amount=sum(r["amount"] for r in accepted),
        accepted_rows=len(accepted),
        refused_rows=len(doc["rows"]) - len(accepted),
        next_at=(dt.datetime.fromisoformat(doc["submitted_at"]) + PAY_AFTER).isoformat(),
    )
    events.append(("decided", {"total_amount": doc["total_amount"]}))
    return events


def _pay(box: Sandbox, doc: dict[str, Any], at: dt.datetime) -> list[tuple[str, dict[str, Any]]]:
    """Pay the accepted rows; each one joins the citizen's benefit history (VssID)."""
    for row in doc["rows"]:
        if row["status"] != "accepted":
            continue
        row.update(status="paid", paid_at=at.isoformat())
        record = {
            "si_code": row["si_code"],
            "id": f"ben_{doc['id']}_{row['row']}",
            "kind": row["benefit"],
            "from_date": row["leave_from"],
            "to_date": row["leave_to"],
            "amount": row["amount"],
            "days": row["days_paid"],
            "decision_number": doc["receipt_number"],
        }
        box.store.put("benefit_records", f"{row['si_code']}:{doc['id']}:{row['row']}", record)
    doc.update(status="paid", paid_at=at.isoformat(), updated_at=at.isoformat(), phase="closed")
    return [("payment_made", {"total_amount": doc["total_amount"], "rows": doc["accepted_rows"]})]


@on_tick
def progress(box: Sandbox) -> None:
    """Decide lists 24 h after filing and pay them 48 h after (times as when each fell due)."""
    if box.state.get(_BUSY):
        return
    box.state[_BUSY] = True
    try:
        for doc in box.store.find(SETTLEMENTS, phase="open"):
            while doc["phase"] == "open" and dt.datetime.fromisoformat(doc["next_at"]) <= box.now():
                at = dt.datetime.fromisoformat(doc["next_at"])
                events = (
                    _decide_all(box, doc, at) if doc["status"] == "received" else _pay(box, doc, at)
                )
                box.store.put(SETTLEMENTS, doc["id"], doc)
                for name, extra in events:
                    _emit(box, doc, name, **extra)
    finally:
        box.state[_BUSY] = False


__all__ = ["SETTLEMENTS"]
