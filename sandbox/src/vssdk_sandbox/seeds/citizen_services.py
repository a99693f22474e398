"""Seed: what the citizen filings and the employers' closing procedures build on.

- ``population_records`` (key: personal ID): the national population records the information
  changes are checked against. They equal BHXH's records except one documented quirk: the female
  worker's birth date is 1990-07-12 there, 1990-07-02 at BHXH (a typo BHXH's record carries).
- Two fixture people: a man past retirement age with 33 years of SI (``retiring``) and a deceased
  participant in the voluntary fixture's household (``deceased``, died two months ago).
- ``employer_accounts`` (key: unit code): the month each unit has paid through. Units pay each
  month by the end of the next one; SBX002B has paid only through four months ago, so the two
  months after that are late and last month is unpaid but not yet due.
- SBX001A paid 12,500,000 VND twice 20 days ago (payment order ``UNC-SBX001A-0042``): the
  surplus a refund request can name.
- A contribution-gap message for every person whose employer owes a month.

Dates are relative to the sandbox's date at seeding (docs/sandbox-citizen.md).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from vssdk.calendar import add_months, add_months_to_date, month_of
from vssdk_sandbox.seeds.citizen import _card, _Writer

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

POPULATION_RECORDS = "population_records"
EMPLOYER_ACCOUNTS = "employer_accounts"
NOTIFICATIONS = "citizen_notifications"

RETIRING: dict[str, Any] = {
    "si_code": "0112345703",
    "citizen_id": "001064005555",
    "full_name": "Trịnh Văn Phong",
    "birth_date": "1964-06-10",
    "sex": "male",
    "province_code": "01",
    "employer": "SBX001A",
    "household_id": "HGD01000006",
}
DECEASED: dict[str, Any] = {
    "si_code": "0112345714",
    "citizen_id": "001075006666",
    "full_name": "Vũ Văn Hòa",
    "birth_date": "1975-02-18",
    "sex": "male",
    "province_code": "01",
    "employer": "SBX002B",
    "household_id": "HGD01000002",
}
# Population-records quirk: BHXH holds 1990-07-02 for this person, the national records 1990-07-12.
BIRTH_DATE_FIXES = {"079190004321": "1990-07-12"}
# Payments a unit made that were not due (a refund may be asked for), paid_on in days ago.
CREDITS: dict[str, tuple[dict[str, Any], ...]] = {
    "SBX001A": ({"reference": "UNC-SBX001A-0042", "amount": 12_500_000, "paid_on": 20},),
}
# Months a unit has not paid, counted back from last month (SBX002B: the last 3 months).
OWED = {"SBX002B": 3}


def _population(sandbox: Sandbox) -> None:
    for person in sandbox.store.find("people"):
        record = {
            k: person.get(k)
            for k in ("citizen_id", "full_name", "birth_date", "sex", "household_id")
        }
        record["alive"] = person.get("alive", True)
        record["death_date"] = person.get("death_date")
        record["birth_date"] = BIRTH_DATE_FIXES.get(person["citizen_id"], record["birth_date"])
        sandbox.store.put(POPULATION_RECORDS, person["citizen_id"], record)


def _fixtures(sandbox: Sandbox, today: dt.date) -> None:
    now = month_of(today)
    sandbox.store.insert_new(
        "people", RETIRING["si_code"], {**RETIRING, "fixture": "retiring", "alive": True}
    )
    w = _Writer(sandbox, RETIRING["si_code"])
    w.employed("1992-09", None, 15_000_000, "SBX001A")
    _card(
        sandbox,
        RETIRING,
        "DN",
        "4",
        "01001",
        dt.date(today.year, 1, 1),
        dt.date(today.year, 12, 31),
    )

    first_of_month = dt.date(today.year, today.month, 1)
    died = add_months_to_date(first_of_month, -2) + dt.timedelta(days=19)
    sandbox.store.insert_new(
        "people",
        DECEASED["si_code"],
        {**DECEASED, "fixture": "deceased", "alive": False, "death_date": died.isoformat()},
    )
    w = _Writer(sandbox, DECEASED["si_code"])
    w.employed("2004-01", add_months(now, -3), 9_000_000, "SBX002B")


def _accounts(sandbox: Sandbox, today: dt.date) -> None:
    last = add_months(month_of(today), -1)
    for employer in sandbox.store.find("employers"):
        unit = employer["unit_code"]
        owed = OWED.get(unit)
        paid_through = last if owed is None else add_months(last, -owed)
        credits = [dict(c, surplus=c["amount"]) for c in CREDITS.get(unit, ())]
        for credit in credits:
            credit["paid_on"] = (today - dt.timedelta(days=int(credit["paid_on"]))).isoformat()
        sandbox.store.put(
            EMPLOYER_ACCOUNTS,
            unit,
            {"unit_code": unit, "paid_through": paid_through, "credits": credits},
        )


def _gap_messages(sandbox: Sandbox, today: dt.date) -> None:
    at = dt.datetime.combine(today, dt.time(8, 0), sandbox.now().tzinfo).isoformat()
    for unit, unpaid in OWED.items():
        first = add_months(month_of(today), -unpaid)
        employer = sandbox.store.get("employers", unit) or {}
        people = {
            p["si_code"]
            for p in sandbox.store.find("participation", scheme="si", kind="compulsory")
            if p.get("employer_unit_code") == unit
            and (p.get("to_month") is None or p["to_month"] >= first)
        }
        for si_code in sorted(people):
            notification_id = sandbox.new_id("ntf")
            sandbox.store.put(
                NOTIFICATIONS,
                notification_id,
                {
                    "id": notification_id,
                    "si_code": si_code,
                    "kind": "contribution_gap",
                    "title": "Đơn vị chưa đóng BHXH",
                    "body": (
                        f"Đơn vị {employer.get('name', unit)} ({unit}) chưa đóng BHXH, BHYT, "
                        f"BHTN cho bạn từ tháng {first[5:]}/{first[:4]}. Thời gian này chưa được "
                        "ghi nhận vào sổ BHXH."
                    ),
                    "created_at": at,
                    "read": False,
                    "related_id": unit,
                },
            )


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    del rng
    today = sandbox.today()
    _fixtures(sandbox, today)
    _population(sandbox)
    _accounts(sandbox, today)
    _gap_messages(sandbox, today)
