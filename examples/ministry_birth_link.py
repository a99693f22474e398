"""A civil registry sends birth registrations to BHXH and hears back through a webhook.

Birth registration → permanent residence → the child's SI code and HI card (child under 6).
Runs against ``$VSSDK_BASE_URL`` or an embedded sandbox; the webhook receiver is a small HTTP
server on 127.0.0.1 started by this script. ``python examples/ministry_birth_link.py``
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

import vssdk
from vssdk.identity.credentials import ClientCredentials
from vssdk.procedures import InvalidRecord, Newborn, Person, RecordConflict, Residence, Sex
from vssdk.webhooks import LocalReceiver, WebhookEvent, wait_delivered
from vssdk_sandbox import running

# Documented sandbox fixtures: the Ministry of Justice account and a mother in the population.
CLIENT_ID, CLIENT_SECRET = "ministry-justice", "sbx-justice-secret"
MOTHER = Person(full_name="Trần Thị Bình", citizen_id="079190004321")
BIRTH_CERTIFICATE = "GCS-79001-SBX-0001"


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def on_event(event: WebhookEvent) -> None:
    data = event.data
    print(f"  webhook  {event.type:<40} {data.get('application_id')} → {data.get('status')}")


def newborn(today: dt.date, days_old: int, serial: str) -> Newborn:
    birth = today - dt.timedelta(days=days_old)
    century_digit = 2 * (birth.year // 100 - 19)  # male: even digit; 2000s → 2
    return Newborn(
        full_name="Nguyễn Gia Bảo",
        birth_date=birth,
        sex=Sex.MALE,
        citizen_id=f"079{century_digit}{birth.year % 100:02d}{serial}",
    )


def main() -> None:
    with (
        running() as base_url,
        LocalReceiver(on_event) as receiver,
        vssdk.Client(
            base_url, auth=ClientCredentials(CLIENT_ID, CLIENT_SECRET, base_url=base_url)
        ) as client,
    ):
        today = client.sandbox.status().now.date()

        heading("Subscribe to linked-procedure events")
        sub = client.webhooks.create(url=receiver.url, events=["linked_application.*"])
        receiver.secret = sub.secret
        print(f"  {sub.id} → {sub.url}  (secret shown once, kept by the receiver)")

        heading("Send a birth registration")
        residence = Residence(province_code="79", address="12 Lê Lợi, Phường Bến Thành, TP HCM")
        record: dict[str, Any] = {
            "registration_number": f"KS-{today:%Y%m%d}-000123",
            "registered_on": today,
            "child": newborn(today, 10, "000123"),
            "residence": residence,
            "mother": MOTHER,
            # the hospital's electronic birth certificate (seeded: issued by hospital 79001)
            "birth_certificate_number": BIRTH_CERTIFICATE,
        }
        case = client.procedures.submit_birth(**record)
        print(f"  citing birth certificate {BIRTH_CERTIFICATE}: checked against the child")
        print(
            f"  case {case.id}: {case.status.value}; steps: "
            + ", ".join(f"{s.agency}/{s.action}={s.status}" for s in case.steps)
        )

        heading("The cited birth certificate must name the same child and mother")
        try:
            client.procedures.submit_birth(
                **{
                    **record,
                    "registration_number": "KS-MISMATCH-1",
                    "child": attrs.evolve(record["child"], full_name="Nguyễn Gia Huy"),
                }
            )
        except vssdk.UnprocessableEntityError as err:
            for field in err.errors:
                print(f"  422 {field.path} [{field.code}]: {field.message}")

        heading("Resending is safe: the same record number returns the same case")
        again = client.procedures.submit_birth(**record)
        print(f"  resend → {again.id} (same case: {again.id == case.id})")

        heading("Same number, different content: 409 showing both")
        try:
            client.procedures.submit_birth(
                **{**record, "residence": Residence(province_code="01", address="Hà Nội")}
            )
        except vssdk.ConflictError as err:
            conflict = RecordConflict.of(err)
            print(f"  {err.status_code}: {err.detail}")
            print(f"  differs in {', '.join(conflict.differences)}")
            print(f"  existing address: {conflict.existing['residence']['address']}")

        heading("Bad input is refused with the field named; nothing is created")
        try:
            client.procedures.submit_birth(
                **{
                    **record,
                    "registration_number": "KS-BAD-1",
                    "mother": Person(full_name="X", citizen_id="099190004321"),
                }
            )
        except InvalidRecord as err:
            print(f"  InvalidRecord (before sending) {err.argument}: {err.reason}")
        try:
            client.procedures.submit_birth(
                **{
                    **record,
                    "registration_number": "KS-OLD-1",
                    "child": newborn(today, 6 * 366 + 10, "000456"),
                }
            )
        except vssdk.UnprocessableEntityError as err:
            for field in err.errors:
                print(f"  422 {field.path}: {field.message}")

        heading("BHXH works along the sandbox clock")
        client.sandbox.advance_clock(hours=2)
        client.sandbox.advance_clock(hours=22)
        wait_delivered(client, sub.id)  # webhooks go out from the sandbox's background worker
        case = client.procedures.get(case.id)
        for change in case.status_history:
            print(f"  {change.at:%Y-%m-%d %H:%M}  {change.status.value:<12} {change.reason}")
        assert case.card is not None
        print(
            f"  card {case.card.card_code} (group {case.card.object_group}, level "
            f"{case.card.benefit_level}) valid {case.card.valid_from} → {case.card.valid_to}"
        )

        heading("Audit trail and webhook deliveries")
        for entry in client.procedures.audit(case.id):
            print(
                f"  {entry.at:%Y-%m-%d %H:%M}  {entry.actor:<18} {entry.action:<20} {entry.detail}"
            )
        delivered = [d for d in client.webhooks.deliveries(sub.id) if d.status == "succeeded"]
        print(
            f"  {len(delivered)} deliveries succeeded; the receiver processed "
            f"{len(receiver.events)} distinct events"
        )
        assert case.status == "completed"
        assert len(receiver.events) == len(delivered) == 4


if __name__ == "__main__":
    main()
