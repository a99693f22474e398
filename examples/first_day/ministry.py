"""First day at a ministry or province system: send a birth registration to BHXH and hear back
through a signed webhook when the child's SI code and HI card are issued.

Runs against ``$VSSDK_BASE_URL`` or a sandbox started for the run:
``python examples/first_day/ministry.py``. The account ``ministry-justice`` and the mother are the
sandbox's. ``LocalReceiver`` is a small webhook server on 127.0.0.1 that checks signatures.
"""

from __future__ import annotations

import datetime as dt
import threading

import vssdk
from vssdk.identity import ClientCredentials
from vssdk.procedures import Newborn, Person, Residence, Sex
from vssdk.webhooks import LocalReceiver, WebhookEvent
from vssdk_sandbox import running

completed = threading.Event()


def on_event(event: WebhookEvent) -> None:
    """Called once per event, after its signature is checked (deliveries come from BHXH's side,
    in the background, and are retried until your endpoint answers 2xx)."""
    print(f"  webhook {event.type}: {event.data.get('status')}")
    if event.type == "linked_application.completed":
        completed.set()


def main() -> None:
    with running() as base_url, LocalReceiver(on_event) as receiver:
        auth = ClientCredentials(
            "ministry-justice", "sbx-justice-secret"
        )  # tokens: the client's base_url
        with vssdk.Client(base_url, auth=auth) as client:
            subscription = client.webhooks.create(url=receiver.url, events=["linked_application.*"])
            receiver.secret = subscription.secret  # shown once: keep it to check signatures
            today = client.sandbox.status().now.date()
            born = today - dt.timedelta(days=10)
            case = client.procedures.submit_birth(
                registration_number=f"KS-{today:%Y%m%d}-000001",  # resending it is safe
                registered_on=today,
                child=Newborn(
                    full_name="Nguyễn Gia Bảo",
                    birth_date=born,
                    sex=Sex.MALE,
                    citizen_id=f"0792{born.year % 100:02d}000001",  # 079 HCMC, 2 = boy 2000s
                ),
                residence=Residence(province_code="79", address="12 Lê Lợi, Bến Thành, TP HCM"),
                mother=Person(full_name="Trần Thị Bình", citizen_id="079190004321"),
            )
            print(f"case {case.id}: {case.status.value}")
            client.sandbox.advance_clock(hours=24)  # BHXH's day passes on the sandbox clock
            completed.wait(timeout=30)  # the "completed" event arrives by webhook
            case = client.procedures.get(case.id)
    assert case.card is not None
    print(f"case {case.id}: {case.status.value}")
    print(f"child's card {case.card.card_code} valid {case.card.valid_from} → {case.card.valid_to}")
    print(f"{len(receiver.events)} signed events received")


if __name__ == "__main__":
    main()
