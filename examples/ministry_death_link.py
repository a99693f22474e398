"""Death registrations → funeral allowance, and an unemployment-benefit decision → payments.

The webhook receiver (127.0.0.1, started here) goes down for a while: the sandbox keeps the
events and retries with backoff on its clock; when the receiver is back every event arrives,
each processed once. Runs against ``$VSSDK_BASE_URL`` or an embedded sandbox.
``python examples/ministry_death_link.py``
"""

from __future__ import annotations

import datetime as dt

import vssdk
from vssdk.identity.credentials import ClientCredentials
from vssdk.procedures import Claimant, LinkedApplication, Person
from vssdk.webhooks import LocalReceiver, WebhookEvent, wait_delivered
from vssdk_sandbox import running

JUSTICE = ("ministry-justice", "sbx-justice-secret")
EMPLOYMENT = ("employment-service", "sbx-employment-secret")
# Documented fixtures: a pensioner (funeral allowance due) and a person with 8 months of SI.
PENSIONER = Person(full_name="Phạm Văn Dũng", citizen_id="048058002468")
SHORT_HISTORY = Person(full_name="Đỗ Thị Giang", citizen_id="031195007777")
UNEMPLOYED = Person(full_name="Hoàng Văn Em", citizen_id="001092013579")


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def on_event(event: WebhookEvent) -> None:
    data = event.data
    extra = f" amount {data['amount']:,} VND" if "amount" in data else ""
    print(f"  webhook  {event.type:<38} {data.get('application_id')} {data.get('status')}{extra}")


def show(case: LinkedApplication) -> None:
    print(f"  {case.id} ({case.type.value}) {case.status.value}")
    for change in case.status_history[1:]:
        print(f"    {change.at:%Y-%m-%d %H:%M}  {change.status.value:<11} {change.reason}")


def client_for(base_url: str, account: tuple[str, str]) -> vssdk.Client:
    client_id, secret = account
    return vssdk.Client(base_url, auth=ClientCredentials(client_id, secret, base_url=base_url))


def main() -> None:
    with (
        running() as base_url,
        LocalReceiver(on_event) as receiver,
        client_for(base_url, JUSTICE) as justice,
        client_for(base_url, EMPLOYMENT) as labour,
    ):
        today = justice.sandbox.status().now.date()
        sub = justice.webhooks.create(url=receiver.url, events=["linked_application.*"])
        receiver.secret = sub.secret
        # A subscriber may choose the secret: one receiver, one secret for both accounts.
        labour_sub = labour.webhooks.create(
            url=receiver.url, events=["linked_application.*"], secret=sub.secret
        )

        heading("Death registrations (the receiver is down from now on)")
        receiver.outage = True
        claimant = Claimant(
            full_name="Phạm Thị Hoa", citizen_id="048062001111", relationship="spouse"
        )
        died = today - dt.timedelta(days=4)
        pension_case = justice.procedures.submit_death(
            registration_number=f"KT-{today:%Y%m%d}-000045",
            registered_on=today,
            deceased=PENSIONER,
            date_of_death=died,
            claimant=claimant,
        )
        short_case = justice.procedures.submit_death(
            registration_number=f"KT-{today:%Y%m%d}-000046",
            registered_on=today,
            deceased=SHORT_HISTORY,
            date_of_death=died,
            claimant=Claimant(
                full_name="Đỗ Văn Nam", citizen_id="031090002222", relationship="sibling"
            ),
        )
        wait_delivered(justice, sub.id)  # webhooks go out from the sandbox's background worker
        print(f"  sent {pension_case.id} and {short_case.id}; receiver answers 503")

        heading("A death date in the future is refused, naming the field")
        later = today + dt.timedelta(days=2)
        try:
            justice.procedures.submit_death(
                registration_number="KT-FUTURE-1",
                registered_on=later,
                deceased=PENSIONER,
                date_of_death=later,
                claimant=claimant,
            )
        except vssdk.UnprocessableEntityError as err:
            for field in err.errors:
                print(f"  422 {field.path}: {field.message}")

        heading("Ten hours pass on the sandbox clock; deliveries are retried with backoff")
        for _ in range(5):
            justice.sandbox.advance_clock(hours=2)
            wait_delivered(justice, sub.id)
        for delivery in justice.webhooks.deliveries(sub.id, status="pending"):
            print(
                f"  {delivery.id} {delivery.event_type:<36} {delivery.attempts} attempts, "
                f"next {delivery.next_attempt_at:%H:%M:%S}, last: {delivery.last_error}"
            )

        heading("The receiver is back: retries deliver everything, each event once")
        receiver.outage = False
        justice.sandbox.advance_clock(hours=1)
        wait_delivered(justice, sub.id)
        for _ in range(4):  # the allowance is decided at +24 h and paid at +48 h
            justice.sandbox.advance_clock(hours=10)
            wait_delivered(justice, sub.id)
        for case_id in (pension_case.id, short_case.id):
            show(justice.procedures.get(case_id))
        allowance = justice.procedures.get(pension_case.id).funeral_allowance
        assert allowance is not None
        assert allowance.eligible
        print(f"  funeral allowance {allowance.amount:,} VND ({allowance.citation})")

        heading("An unemployment-benefit decision: each month's payment is visible")
        first_day, today = today, labour.sandbox.status().now.date()
        decision = labour.procedures.submit_unemployment(
            decision_number=f"QD-{today:%Y%m%d}/TTDVVL",
            decided_on=today - dt.timedelta(days=3),
            issued_by="Trung tâm Dịch vụ việc làm Hà Nội",
            person=UNEMPLOYED,
            monthly_amount=9_000_000,
            months=4,
            start_date=today - dt.timedelta(days=1),
        )
        labour.sandbox.advance_clock(days=40)
        wait_delivered(justice, sub.id)
        wait_delivered(labour, labour_sub.id)
        decision = labour.procedures.get(decision.id)
        for payment in decision.payments:
            paid = f"paid {payment.paid_at:%Y-%m-%d}" if payment.paid_at else "scheduled"
            print(
                f"  #{payment.sequence} {payment.month} due {payment.due_on} "
                f"{payment.amount:,} VND  {paid}"
            )

        heading("Reconciliation")
        for case in justice.procedures.list(type="death", submitted_from=first_day):
            print(
                f"  {case.record_number:<22} {case.status.value:<10} {case.total_amount or 0:>12,}"
            )
        delivered = [
            d
            for s in (sub, labour_sub)
            for d in (justice if s is sub else labour).webhooks.deliveries(s.id)
        ]
        retried = [d for d in delivered if d.attempts > 1]
        print(
            f"  {len(delivered)} deliveries, {len(retried)} needed retries, "
            f"{sum(1 for d in delivered if d.status == 'succeeded')} succeeded; "
            f"receiver processed {len(receiver.events)} distinct events "
            f"({receiver.statuses.count(503)} answers were 503)"
        )
        assert all(d.status == "succeeded" for d in delivered)
        assert len({e.id for e in receiver.events}) == len(receiver.events) == len(delivered)


if __name__ == "__main__":
    main()
