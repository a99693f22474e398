"""A citizen app doing through vssdk what a person does in VssID, item by item.

Public look-ups (no login) → log in (SI code + password, identity level 2) → e-card with its
image and QR payload → participation history and totals → benefits → medical visits →
voluntary SI with payment and receipt → household HI with the member reduction → one-time SI
and unemployment claims followed along the sandbox clock, with signed webhooks.

Runs against ``$VSSDK_BASE_URL`` or an embedded sandbox: ``python examples/citizen_app.py``.
The people are documented sandbox fixtures (docs/sandbox-citizen.md).
"""

from __future__ import annotations

import calendar
import datetime as dt
import tempfile
from pathlib import Path

import vssdk
from vssdk.citizen import BankAccount, HouseholdHiMember
from vssdk.identity import PasswordLogin
from vssdk.webhooks import LocalReceiver, WebhookEvent, wait_delivered
from vssdk_sandbox import running
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

WORKER = "7901234567"  # Nguyễn Văn An, employee since 2008
VOLUNTARY = "0112345670"  # Lê Thị Cúc, voluntary SI, household of three
FORMER_WORKER = "3112345679"  # Đỗ Thị Giang, left SI 18 months ago
UNEMPLOYED = "0187654321"  # Hoàng Văn Em, contract ended two months ago
DEVICE = "citizen-app-example"


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def vnd(amount: int) -> str:
    return f"{amount:,} đ".replace(",", ".")


def log_in(client: vssdk.Client, si_code: str) -> vssdk.Client:
    """A view of ``client`` acting for one citizen (password grant, identity level 2)."""
    auth = PasswordLogin(si_code, SANDBOX_PASSWORD, device_id=DEVICE, base_url=client.base_url)
    view = client.with_options(auth=auth)
    auth.login(view)
    return view


def lookups(client: vssdk.Client) -> None:
    heading("Look-ups (no login)")
    [me] = list(client.lookups.si_codes("Nguyễn Văn An", dt.date(1985, 3, 14), "79"))
    print(f"  SI code of {me.full_name} born {me.birth_date}: {me.si_code}")
    agencies = list(client.lookups.agencies(province_code="79"))
    print("  BHXH agencies in 79: " + ", ".join(a.name for a in agencies[:3]) + " ...")
    hospitals = list(client.lookups.facilities(province_code="79", contracted=True))
    print(f"  contracted facilities in 79: {len(hospitals)}, e.g. {hospitals[0].name}")
    [employer] = list(client.lookups.employers(tax_code="0312345678"))
    print(f"  employer 0312345678: {employer.unit_code} {employer.name}")
    agents = list(client.lookups.collection_agents(province_code="01", service="household_hi"))
    print("  household-HI collection points in 01: " + "; ".join(a.name for a in agents))


def reads(citizen: vssdk.Client) -> None:
    heading("Health insurance e-card")
    card = citizen.citizen.card()
    print(f"  {card.card_code}  {card.full_name}  ({card.status.value})")
    print(
        f"  group {card.object_group}, level {card.benefit_level}, first registration at "
        f"{card.initial_facility.code} {card.initial_facility.name}"
    )
    print(
        f"  valid {card.valid_from} → {card.valid_to}; 5 continuous years from "
        f"{card.five_years_continuous_from}"
    )
    image = citizen.citizen.card_image()
    path = Path(tempfile.gettempdir()) / f"vssdk-card-{card.card_code[-4:]}.png"
    path.write_bytes(image.content)
    print(f"  card image: {path} ({len(image.content):,} bytes, {image.content_type})")
    print(
        f"  QR payload: card {card.qr.card_code}, checksum {card.qr.checksum}, "
        f"{len(card.qr.text)} characters"
    )

    heading("Participation history (quá trình tham gia)")
    for period in citizen.citizen.participation(scheme="si"):
        salary = vnd(period.monthly_salary) if period.monthly_salary else "-"
        print(
            f"  SI {period.from_month} → {period.to_month or 'now':<7} {period.months:>3} months "
            f"{period.employer_unit_code or '':<8} salary {salary}"
        )
    summary = citizen.citizen.participation_summary()
    for fund in summary.funds:
        print(
            f"  {fund.scheme.value.upper()}: {fund.years} years {fund.remaining_months} months "
            f"(before 2014: {fund.months_before_2014}, from 2014: {fund.months_from_2014})"
        )

    heading("Benefits received (quá trình hưởng)")
    for benefit in citizen.citizen.benefits():
        print(f"  {benefit.from_date} {benefit.kind.value:<14} {vnd(benefit.amount)}")

    heading("Medical visits (lịch sử KCB), first page of 5")
    page = citizen.citizen.medical_visits(limit=5)
    for visit in page.items:
        print(
            f"  {visit.admitted_on} {visit.facility_code} {visit.diagnosis_code:<6} total "
            f"{vnd(visit.total_cost)}, fund {vnd(visit.fund_paid)}, you {vnd(visit.patient_paid)}"
        )
    print(f"  ... {len(list(page))} visits in all")


def voluntary_and_household(citizen: vssdk.Client) -> None:
    heading("Voluntary SI: register, pay, receipt")
    try:
        citizen.citizen.register_voluntary_si(1_000_000, "monthly")
    except vssdk.UnprocessableEntityError as err:
        print(f"  refused: {err.errors[0].path} [{err.errors[0].code}]: {err.errors[0].message}")
    reg = citizen.citizen.register_voluntary_si(1_500_000, "quarterly", support_group="other")
    print(
        f"  {reg.id}: {reg.period_from}..{reg.period_to}, gross {vnd(reg.gross_per_month)}/month "
        f"- state support {vnd(reg.state_support_per_month)} = {vnd(reg.amount_due)} due"
    )
    payment = citizen.citizen.pay(reg.id, method="qr")
    print(f"  payment {payment.id} {payment.status.value}: scan {payment.qr_text!r}")
    payment = citizen.citizen.complete_payment(payment.id)  # the sandbox's simulated gateway
    receipt = citizen.citizen.receipt(payment.id)
    print(f"  {payment.status.value}; receipt {receipt.receipt_number} {vnd(receipt.amount)}")
    for line in receipt.lines:
        print(f"    {line.description}: {vnd(line.amount)}")

    heading("Household HI with the reduction for later members")
    household = citizen.citizen.household()
    for member in household.members:
        print(f"  {member.si_code} {member.full_name:<14} covered elsewhere: {member.covered}")
    try:
        citizen.citizen.register_household_hi([("0100000009", "Không Có Ai")], months=12)
    except vssdk.UnprocessableEntityError as err:
        print(f"  refused: {err.errors[0].path} [{err.errors[0].code}]")
    members = [HouseholdHiMember(m.si_code, m.full_name) for m in household.members]
    reg_hi = citizen.citizen.register_household_hi(members, months=12)
    for share in reg_hi.members:
        print(
            f"  member {share.position}: {share.full_name:<14} {vnd(share.amount):>14} "
            f"cover {share.valid_from} → {share.valid_to}"
        )
    paid = citizen.citizen.complete_payment(citizen.citizen.pay(reg_hi.id).id)
    print(f"  total {vnd(reg_hi.amount_due)} {paid.status.value}, receipt {paid.receipt_number}")


def claims(client: vssdk.Client) -> None:
    heading("Claims: one-time SI and unemployment benefit, with webhooks")
    former = log_in(client, FORMER_WORKER)
    with LocalReceiver(on_event) as receiver:
        sub = former.webhooks.create(url=receiver.url, events=["application.*"])
        receiver.secret = sub.secret
        try:
            log_in(client, WORKER).citizen.claim_one_time_si(
                "left_si_12_months", BankAccount("VCB", "0123456789", "NGUYEN VAN AN")
            )
        except vssdk.UnprocessableEntityError as err:
            print(f"  worker refused: [{err.errors[0].code}] {err.errors[0].message}")
        app = former.citizen.claim_one_time_si(
            "left_si_12_months",
            BankAccount("VCB", "0123456789", "DO THI GIANG"),
            idempotency_key="example-one-time-si-1",
        )
        again = former.citizen.claim_one_time_si(
            "left_si_12_months",
            BankAccount("VCB", "0123456789", "DO THI GIANG"),
            idempotency_key="example-one-time-si-1",
        )
        print(f"  {app.id} {app.status.value}; resubmitted with the same key → {again.id}")
        for _ in range(5):
            client.sandbox.advance_clock(days=1)
        wait_delivered(former, sub.id)  # webhooks go out from the sandbox's background worker
        done = former.citizen.application(app.id)
        for change in done.history:
            print(f"  {change.at:%Y-%m-%d %H:%M} {change.status.value}")
        for benefit in former.citizen.benefits(kind="one_time_si"):
            print(f"  paid {vnd(benefit.amount)} (decision {benefit.decision_number})")
        print(f"  webhooks received: {len(receiver.events)}")

    unemployed = log_in(client, UNEMPLOYED)
    last_month = unemployed.citizen.participation_summary().fund("ui").last_month or ""
    year, month = map(int, last_month.split("-"))
    ended = dt.date(year, month, calendar.monthrange(year, month)[1])  # the contract's last day
    app = unemployed.citizen.claim_unemployment_benefit(
        ended, BankAccount("BIDV", "0987654321", "HOANG VAN EM")
    )
    print(f"  unemployment {app.id}: {app.contribution_months} UI months in the 24 before {ended}")
    client.sandbox.advance_clock(days=5)
    print(
        f"  now {unemployed.citizen.application(app.id).status.value}; "
        + ", ".join(f"{b.kind.value} {vnd(b.amount)}" for b in unemployed.citizen.benefits())
    )


def on_event(event: WebhookEvent) -> None:
    data = event.data
    print(f"  webhook {event.type}: {data.get('application_id')} → {data.get('status')}")


def main() -> None:
    with running() as base_url, vssdk.Client(base_url) as client:
        lookups(client)
        reads(log_in(client, WORKER))
        voluntary_and_household(log_in(client, VOLUNTARY))
        claims(client)


if __name__ == "__main__":
    main()
