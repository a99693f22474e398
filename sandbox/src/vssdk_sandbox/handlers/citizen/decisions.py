"""What BHXH decides on each dossier, and what the decision changes once carried out.

Amounts come from ``vssdk.benefits`` (public functions only), with their explanation and
citations. Sandbox simplifications, documented in docs/citizen-notes.md: average salaries are the
recorded salaries weighted by months, without the CPI adjustment; the unemployment benefit uses the
last period's salary as the 6-month average.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vssdk import benefits
from vssdk.calendar import months_between, split_2014
from vssdk_sandbox.handlers.citizen.common import (
    CARDS,
    PEOPLE,
    last_month,
    notify,
    periods_of,
    public,
)

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

# Dossiers that pay money end "paid"; the others end "completed".
PAYING = frozenset(
    {
        "one_time_si",
        "unemployment_benefit",
        "pension",
        "survivor_benefit",
        "occupational_injury",
        "hi_reimbursement",
    }
)

# Card re-issue and exchange: no fee. The Law on Health Insurance (Art 18(2) as first enacted)
# charged a fee for a re-issued card; the Law on Fees and Charges 97/2015/QH13 (in force
# 2017-01-01) does not list it, so none is charged. Kept as data so a change is one line.
CARD_REISSUE_FEE = {"amount": 0, "citation": "Law on Fees and Charges 97/2015/QH13 (no card fee)"}

# Direct HI reimbursement at a facility without an HI contract: the fund pays the HI share of the
# covered cost, at most this multiple of the base salary per visit, by facility level and visit
# kind (Decree 146/2018/NĐ-CP Art 30(1)). None: not paid (outpatient care at provincial and
# central facilities). Commune stations are treated as district level (a sandbox choice).
REIMBURSEMENT_CAPS: dict[tuple[str, str], Decimal | None] = {
    ("commune", "outpatient"): Decimal("0.15"),
    ("commune", "inpatient"): Decimal("0.5"),
    ("district", "outpatient"): Decimal("0.15"),
    ("district", "inpatient"): Decimal("0.5"),
    ("provincial", "outpatient"): None,
    ("provincial", "inpatient"): Decimal("1.0"),
    ("central", "outpatient"): None,
    ("central", "inpatient"): Decimal("2.5"),
}
REIMBURSEMENT_CITATION = "Decree 146/2018/NĐ-CP Art 30(1); Law on Health Insurance Art 31"


def vnd(amount: int) -> str:
    """An amount as Vietnamese text writes it: 1.234.000 đồng."""
    return f"{amount:,} đồng".replace(",", ".")


class Refusal(Exception):
    """The dossier is rejected, for this reason (Vietnamese, as BHXH writes it)."""


def _weighted(periods: list[dict[str, Any]], on: dt.date) -> tuple[int, int, int]:
    """(months, average salary, salaries total) over the recorded periods."""
    weighted = [
        (months_between(p["from_month"], last_month(p, on)), int(p.get("monthly_salary") or 0))
        for p in periods
    ]
    months = sum(m for m, _ in weighted)
    total = sum(m * s for m, s in weighted)
    return months, total // (months or 1), total


def benefit_amount(sandbox: Sandbox, app: dict[str, Any], on: dt.date) -> tuple[int, int | None]:
    """(total, monthly) a one-time SI or unemployment claim pays."""
    periods = periods_of(
        sandbox.store, app["si_code"], "si" if app["procedure"] == "one_time_si" else "ui"
    )
    _, average, total = _weighted(periods, on)
    if app["procedure"] == "one_time_si":
        before = sum(split_2014(p["from_month"], last_month(p, on))[0] for p in periods)
        result = benefits.one_time_si(
            average,
            before,
            app["contribution_months"] - before,
            on,
            contributed_salaries_total=total,
        )
        return result.amount, None
    latest = periods[-1] if periods else {}
    employer = sandbox.store.get("employers", str(latest.get("employer_unit_code"))) or {}
    salary = int(latest.get("monthly_salary") or average)
    # The rule takes the last contribution month as `on` and follows the decision date's law
    # (Law 74/2025 Art. 55(4)): the decision is made today.
    last_paid = dt.date.fromisoformat(last_month(latest, on) + "-01") if latest else on
    ui = benefits.unemployment_benefit(
        salary,
        app["contribution_months"],
        int(employer.get("region", 1)),
        min(last_paid, on),
        decision_date=on,
    )
    return ui.total, ui.monthly_amount


def _explained(result: Any) -> dict[str, Any]:
    return {"explanation": result.explain(), "citations": list(result.citations)}


def _pension(sandbox: Sandbox, app: dict[str, Any]) -> dict[str, Any]:
    details = app["details"]
    person = sandbox.store.get(PEOPLE, app["si_code"]) or {}
    start = dt.date.fromisoformat(details["retirement_date"])
    periods = periods_of(sandbox.store, app["si_code"], "si")
    _, average, _ = _weighted(periods, start)
    joined_before = min((p["from_month"] for p in periods), default="9999") < "2025-07"
    result = benefits.pension(
        person["sex"],
        app["contribution_months"],
        average,
        start,
        joined_before_2025_07=joined_before,
        birth_date=dt.date.fromisoformat(person["birth_date"]),
        retirement_date=start,
        hazardous=bool(details.get("hazardous")),
    )
    if not result.eligible:
        raise Refusal(f"Chưa đủ điều kiện hưởng lương hưu: {result.reason}")
    return {
        "monthly_amount": result.monthly_amount,
        "amount": result.retirement_lump_sum or None,
        **_explained(result),
    }


def _survivor(sandbox: Sandbox, app: dict[str, Any]) -> dict[str, Any]:
    details = app["details"]
    died = dt.date.fromisoformat(details["death_date"])
    periods = periods_of(sandbox.store, details["deceased_si_code"], "si")
    compulsory = [p for p in periods if p["kind"] == "compulsory"]
    voluntary = [p for p in periods if p["kind"] == "voluntary"]
    months, average, _ = _weighted(periods, died)
    funeral = benefits.funeral_allowance(
        died,
        _weighted(compulsory, died)[0],
        voluntary_months=_weighted(voluntary, died)[0],
    )
    parts: list[Any] = [funeral]
    amount, monthly = funeral.amount, None
    if details["dependants"] > 0:
        allowance = benefits.survivor_monthly_allowance(
            died, details["dependants"], contribution_months=months
        )
        if not allowance.eligible:
            raise Refusal(f"Không đủ điều kiện hưởng trợ cấp tuất hằng tháng: {allowance.reason}")
        monthly = allowance.monthly_total
        parts.append(allowance)
    else:
        before = sum(split_2014(p["from_month"], last_month(p, died))[0] for p in periods)
        lump = benefits.survivor_lump_sum(average, before, months - before, died)
        amount += lump.amount
        parts.append(lump)
    return {
        "amount": amount,
        "monthly_amount": monthly,
        "explanation": "\n\n".join(p.explain() for p in parts),
        "citations": sorted({c for p in parts for c in p.citations}),
    }


def _occupational(sandbox: Sandbox, app: dict[str, Any]) -> dict[str, Any]:
    details = app["details"]
    event = dt.date.fromisoformat(details["event_date"])
    result = benefits.occupational_injury_benefit(
        details["capacity_loss_percent"],
        app["contribution_months"],
        details["salary_before_event"],
        event,
    )
    if result.kind == "monthly":
        return {"monthly_amount": result.amount, **_explained(result)}
    return {"amount": result.amount, **_explained(result)}


def _reimbursement(sandbox: Sandbox, app: dict[str, Any]) -> dict[str, Any]:
    details = app["details"]
    visit = dt.date.fromisoformat(details["admitted_on"])
    share = benefits.hi_benefit(details["card_code"], details["covered_cost"], visit)
    lines = [
        f"1. Chi phí trong phạm vi BHYT: {vnd(details['covered_cost'])}; quỹ BHYT trả "
        f"{share.level * 100:.0f}% = {vnd(share.fund_pays)}."
    ]
    amount = share.fund_pays
    if details["reason"] == "non_contracted_facility":
        multiple = REIMBURSEMENT_CAPS[(details["facility_level"], details["visit_kind"])]
        assert multiple is not None  # refused when the claim was filed
        cap = int(multiple * benefits.base_salary(visit))
        amount = min(amount, cap)
        lines.append(
            f"2. Cơ sở không ký hợp đồng KCB BHYT ({details['facility_level']}, "
            f"{details['visit_kind']}): tối đa {multiple} × lương cơ sở = {vnd(cap)}."
        )
    lines.append(f"{len(lines) + 1}. Số tiền thanh toán: {vnd(amount)}.")
    return {
        "amount": amount,
        "explanation": "\n".join(lines),
        "citations": [REIMBURSEMENT_CITATION, *share.citations],
    }


def _card_reissue(sandbox: Sandbox, app: dict[str, Any]) -> dict[str, Any]:
    card = sandbox.store.get(CARDS, app["si_code"]) or {}
    what = "Đổi thẻ BHYT" if app["details"]["reason"] == "information_changed" else "Cấp lại thẻ"
    return {
        "card_code": card.get("card_code"),
        "fee": CARD_REISSUE_FEE["amount"],
        "explanation": f"{what}: giữ nguyên mã thẻ và thời hạn sử dụng; không thu phí.",
        "citations": [CARD_REISSUE_FEE["citation"]],
    }


def _information(sandbox: Sandbox, app: dict[str, Any]) -> dict[str, Any]:
    changes = app["details"]["changes"]
    listed = ", ".join(f"{k} = {v}" for k, v in sorted(changes.items()))
    return {"explanation": f"Điều chỉnh thông tin theo CSDL quốc gia về dân cư: {listed}."}


def decide(sandbox: Sandbox, app: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """The decision on ``app`` (raises :class:`Refusal` to reject it)."""
    procedure = app["procedure"]
    try:
        if procedure in ("one_time_si", "unemployment_benefit"):
            total, monthly = benefit_amount(sandbox, app, on)
            decision: dict[str, Any] = {"amount": total, "monthly_amount": monthly}
        else:
            decision = {
                "pension": _pension,
                "survivor_benefit": _survivor,
                "occupational_injury": _occupational,
                "hi_reimbursement": _reimbursement,
                "card_reissue": _card_reissue,
                "information_change": _information,
            }[procedure](sandbox, app)
    except benefits.RuleInputError as exc:
        raise Refusal(f"Không đủ điều kiện: {exc}") from None
    return public({"decided_on": on.isoformat(), **decision})


# --- carrying the decision out ----------------------------------------------------------------

_BENEFIT_KINDS = {
    "one_time_si": "one_time_si",
    "unemployment_benefit": "unemployment",
    "pension": "pension",
    "occupational_injury": "occupational_accident",
}
_TITLES = {
    "card_reissue": ("card_issued", "Thẻ BHYT đã được cấp lại"),
    "information_change": ("information_updated", "Thông tin cá nhân đã được điều chỉnh"),
}


def carry_out(sandbox: Sandbox, app: dict[str, Any], on: dt.date) -> None:
    """Apply a decision when the dossier is paid or completed, and tell the citizen."""
    procedure, decision = app["procedure"], app.get("decision") or {}
    kind = _BENEFIT_KINDS.get(procedure)
    if kind is not None and decision:
        sandbox.store.put(
            "benefit_records",
            f"{app['si_code']}:{app['id']}",
            public(
                {
                    "si_code": app["si_code"],
                    "id": f"ben_{app['id']}",
                    "kind": kind,
                    "from_date": on.isoformat(),
                    "amount": decision.get("amount") or decision.get("monthly_amount") or 0,
                    "monthly_amount": decision.get("monthly_amount"),
                    "decision_number": app.get("reference_number"),
                }
            ),
        )
    if procedure == "card_reissue":
        card = sandbox.store.get(CARDS, app["si_code"])
        if card is not None:
            card["issued_on"] = on.isoformat()
            sandbox.store.put(CARDS, app["si_code"], card)
    if procedure == "information_change":
        person = sandbox.store.get(PEOPLE, app["si_code"])
        if person is not None:
            person.update(app["details"]["changes"])
            sandbox.store.put(PEOPLE, app["si_code"], person)
    if procedure in _TITLES:
        notice, title = _TITLES[procedure]
        body = decision.get("explanation", title)
    else:
        notice, title = "benefit_paid", "BHXH đã chi trả"
        paid = decision.get("amount") or decision.get("monthly_amount") or 0
        body = f"Hồ sơ {app.get('reference_number', app['id'])}: đã chuyển {vnd(paid)}."
    notify(sandbox, app["si_code"], notice, title, body, app["id"])
