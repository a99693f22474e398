"""Seed: what VssID shows for each person: e-card, participation, benefits and medical visits.

Dates are relative to the sandbox's date at seeding, so the documented fixtures stay meaningful
(the unemployed fixture's contract ended two months ago, the former worker left SI 18 months
ago). Fixture people added here (docs/sandbox-citizen.md) complete the shared population:
the voluntary fixture's household and a former worker who can claim one-time SI.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from vssdk.calendar import add_months, add_months_to_date, month_of
from vssdk.procedures.rules import child_card_validity

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = ["CITIZEN_FIXTURE_PEOPLE", "RATES", "seed"]

# Total contribution rate per fund and kind, percent: compulsory SI 25
# (Law 41/2024/QH15 Art. 33-34), voluntary SI 22 (Art. 36), HI 4.5 (HI Law Art. 13).
RATES: dict[tuple[str, str], str] = {
    ("si", "compulsory"): "25",
    ("si", "voluntary"): "22",
    ("ui", "compulsory"): "2",
    ("oa", "compulsory"): "0.5",
    ("hi", "compulsory"): "4.5",
    ("hi", "household"): "4.5",
    ("hi", "state_paid"): "4.5",
}

CITIZEN_FIXTURE_PEOPLE: tuple[dict[str, Any], ...] = (
    {
        "key": "household_spouse",
        "si_code": "0112345681",
        "citizen_id": "001076005555",
        "full_name": "Đỗ Văn Hùng",
        "birth_date": "1976-02-15",
        "sex": "male",
        "province_code": "01",
        "employer": None,
        "household_id": "HGD01000002",
    },
    {
        "key": "household_daughter",
        "si_code": "0112345692",
        "citizen_id": "001305006666",
        "full_name": "Đỗ Thị Lan",
        "birth_date": "2005-06-01",
        "sex": "female",
        "province_code": "01",
        "employer": None,
        "household_id": "HGD01000002",
    },
    {
        "key": "former_worker",
        "si_code": "3112345679",
        "citizen_id": "031188007777",
        "full_name": "Đỗ Thị Giang",
        "birth_date": "1988-04-10",
        "sex": "female",
        "province_code": "31",
        "employer": None,
        "household_id": "HGD31000005",
    },
)

_ADDRESSES = {
    "01": "Số 5 phố Sandbox, phường Hoàn Kiếm, Hà Nội",
    "31": "Số 8 đường Sandbox, phường Lê Chân, Hải Phòng",
    "48": "Số 3 đường Sandbox, phường Hải Châu, Đà Nẵng",
    "75": "Số 9 đường Sandbox, phường Trấn Biên, Đồng Nai",
    "79": "Số 12 đường Sandbox, phường Bến Thành, TP Hồ Chí Minh",
    "92": "Số 4 đường Sandbox, phường Ninh Kiều, Cần Thơ",
}
_DIAGNOSES = ("J06.9", "K29.7", "I10", "E11.9", "M54.5", "A09", "J20.9", "K21.9", "H10.9")
_FUND_PERCENT = {"1": 100, "2": 100, "3": 95, "4": 80, "5": 100}


def _employer_name(sandbox: Sandbox, unit: str | None) -> str | None:
    doc = None if unit is None else sandbox.store.get("employers", unit)
    return None if doc is None else str(doc["name"])


class _Writer:
    """Appends one person's records with per-person counters."""

    def __init__(self, sandbox: Sandbox, si_code: str) -> None:
        self.sandbox = sandbox
        self.si = si_code
        self.count = {"participation": 0, "benefit_records": 0}

    def period(
        self,
        scheme: str,
        kind: str,
        first: str,
        last: str | None,
        *,
        salary: int | None = None,
        unit: str | None = None,
    ) -> None:
        self.count["participation"] += 1
        number = self.count["participation"]
        self.sandbox.store.put(
            "participation",
            f"{self.si}:{number:03d}",
            {
                "si_code": self.si,
                "scheme": scheme,
                "kind": kind,
                "from_month": first,
                "to_month": last,
                "employer_unit_code": unit,
                "employer_name": _employer_name(self.sandbox, unit),
                "monthly_salary": salary,
                "rate_percent": RATES[(scheme, kind)],
                "status": "paid",
            },
        )

    def employed(
        self, first: str, last: str | None, salary: int, unit: str, ui: bool = True
    ) -> None:
        """One job: SI, UI, OA and HI periods together (compulsory)."""
        for scheme in ("si", "ui", "oa", "hi") if ui else ("si", "oa", "hi"):
            self.period(scheme, "compulsory", first, last, salary=salary, unit=unit)

    def benefit(self, kind: str, start: dt.date, amount: int, **extra: Any) -> None:
        self.count["benefit_records"] += 1
        number = self.count["benefit_records"]
        doc = {
            "si_code": self.si,
            "id": f"ben_{self.si[-4:]}{number:02d}",
            "kind": kind,
            "from_date": start.isoformat(),
            "amount": amount,
            **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in extra.items()},
        }
        self.sandbox.store.put("benefit_records", f"{self.si}:{number:03d}", doc)


def _card(
    sandbox: Sandbox,
    person: dict[str, Any],
    group: str,
    level: str,
    facility: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    five_years: dt.date | None = None,
) -> None:
    province = person["province_code"]
    sandbox.store.put(
        "citizen_cards",
        person["si_code"],
        {
            "si_code": person["si_code"],
            "card_code": f"{group}{level}{province}{person['si_code']}",
            "object_group": group,
            "benefit_level": level,
            "province_code": province,
            "initial_facility_code": facility,
            "valid_from": valid_from.isoformat(),
            "valid_to": None if valid_to is None else valid_to.isoformat(),
            "five_years_continuous_from": None if five_years is None else five_years.isoformat(),
            "issued_on": valid_from.isoformat(),
            "address": _ADDRESSES.get(province, "Việt Nam"),
        },
    )


def _contracted(sandbox: Sandbox) -> list[dict[str, Any]]:
    """Contracted facilities, read once per seeding (the seed holds one store transaction)."""
    cached: list[dict[str, Any]] | None = sandbox.state.get(_FACILITY_CACHE)
    if cached is None:
        cached = [d for d in sandbox.store.find("facilities") if d.get("contracted")]
        sandbox.state[_FACILITY_CACHE] = cached
    return cached


_FACILITY_CACHE = "citizen.seed.contracted_facilities"


def _visits(
    sandbox: Sandbox, rng: random.Random, si_code: str, count: int, level: str, today: dt.date
) -> None:
    contracted = _contracted(sandbox)
    nearby = {si_code[:2], "01", "79"}
    facilities = [doc for doc in contracted if doc["code"][:2] in nearby] or contracted
    days = sorted(rng.randint(1, 3 * 365) for _ in range(count))
    for number, back in enumerate(reversed(days), start=1):
        facility = rng.choice(facilities)
        inpatient = rng.random() < 0.15
        admitted = today - dt.timedelta(days=back)
        discharged = admitted + dt.timedelta(days=rng.randint(2, 8) if inpatient else 0)
        total = rng.randint(3_000, 30_000) * 1_000 if inpatient else rng.randint(150, 2_000) * 1_000
        fund = total * _FUND_PERCENT[level] // 100
        sandbox.store.put(
            "medical_visits",
            f"{si_code}:{number:04d}",
            {
                "si_code": si_code,
                "id": f"kcb_{si_code[-4:]}{number:04d}",
                "facility_code": facility["code"],
                "facility_name": facility["name"],
                "visit_kind": "inpatient" if inpatient else "outpatient",
                "admitted_on": admitted.isoformat(),
                "discharged_on": discharged.isoformat(),
                "diagnosis_code": rng.choice(_DIAGNOSES),
                "total_cost": total,
                "fund_paid": fund,
                "patient_paid": total - fund,
            },
        )


def _fixtures(sandbox: Sandbox, rng: random.Random, today: dt.date) -> None:
    store = sandbox.store
    now = month_of(today)
    year_start, year_end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    people = {doc["fixture"]: doc for doc in store.find("people") if doc.get("fixture")}

    worker = people.get("worker")
    if worker is not None:
        w = _Writer(sandbox, worker["si_code"])
        w.employed("2008-07", "2013-12", 4_500_000, "SBX001A", ui=False)
        w.period("ui", "compulsory", "2009-01", "2013-12", salary=4_500_000, unit="SBX001A")
        w.employed("2014-01", "2019-12", 9_000_000, "SBX001A")
        w.employed("2020-01", None, 18_000_000, "SBX001A")
        w.benefit("sickness", dt.date(2021, 3, 2), 2_812_500, to_date=dt.date(2021, 3, 6), days=5)
        _card(sandbox, worker, "DN", "4", "79001", year_start, year_end, dt.date(2013, 7, 1))
        _visits(sandbox, rng, worker["si_code"], 60, "4", today)

    female = people.get("worker_female")
    if female is not None:
        w = _Writer(sandbox, female["si_code"])
        w.employed("2015-03", None, 12_000_000, "SBX001A")
        w.benefit(
            "maternity",
            dt.date(2023, 9, 20),
            75_600_000,
            to_date=dt.date(2024, 3, 19),
            decision_number="QD-TS-2023-0917",
        )
        w.benefit("convalescence", dt.date(2024, 3, 20), 2_700_000, days=5)
        _card(sandbox, female, "DN", "4", "79001", year_start, year_end, dt.date(2020, 3, 1))
        _visits(sandbox, rng, female["si_code"], 6, "4", today)

    child = people.get("child")
    if child is not None:
        w = _Writer(sandbox, child["si_code"])
        birth = dt.date.fromisoformat(child["birth_date"])
        w.period("hi", "state_paid", month_of(birth), None)
        start, end = child_card_validity(birth)  # the one rule, as the birth link uses
        _card(sandbox, child, "TE", "1", "79001", start, end)
        _visits(sandbox, rng, child["si_code"], 4, "1", today)

    voluntary = people.get("voluntary")
    if voluntary is not None:
        w = _Writer(sandbox, voluntary["si_code"])
        w.employed("2000-01", "2012-06", 6_000_000, "SBX002B", ui=False)
        w.period("ui", "compulsory", "2009-01", "2012-06", salary=6_000_000, unit="SBX002B")
        w.period("si", "voluntary", "2020-01", add_months(now, -3), salary=1_500_000)
        w.period("hi", "household", "2019-01", None)
        expires = today + dt.timedelta(days=20)
        _card(
            sandbox,
            voluntary,
            "GD",
            "4",
            "01001",
            expires - dt.timedelta(days=364),
            expires,
            dt.date(2024, 1, 1),
        )
        _visits(sandbox, rng, voluntary["si_code"], 5, "4", today)

    pensioner = people.get("pensioner")
    if pensioner is not None:
        w = _Writer(sandbox, pensioner["si_code"])
        w.period("si", "compulsory", "1978-03", "2018-01", salary=8_000_000)
        w.period("hi", "state_paid", "2018-02", None)
        months_paid = (today.year - 2018) * 12 + today.month - 2
        w.benefit(
            "pension",
            dt.date(2018, 2, 1),
            7_800_000 * months_paid,
            monthly_amount=7_800_000,
            decision_number="QD-HT-2018-0042",
        )
        _card(sandbox, pensioner, "HT", "3", "48010", year_start, year_end, dt.date(2013, 1, 1))
        _visits(sandbox, rng, pensioner["si_code"], 8, "3", today)

    unemployed = people.get("unemployed")
    if unemployed is not None:
        w = _Writer(sandbox, unemployed["si_code"])
        last = add_months(now, -2)
        w.employed("2019-01", last, 10_000_000, "SBX002B")
        first_of_month = dt.date(today.year, today.month, 1)
        terminated = add_months_to_date(first_of_month, -1) - dt.timedelta(days=1)
        _card(sandbox, unemployed, "DN", "4", "01001", dt.date(2019, 1, 1), terminated)
        _visits(sandbox, rng, unemployed["si_code"], 3, "4", today)

    former = people.get("former_worker")
    if former is not None:
        w = _Writer(sandbox, former["si_code"])
        w.employed("2010-03", add_months(now, -18), 7_000_000, "SBX001A")
        w.benefit("sickness", dt.date(2019, 5, 6), 800_000, to_date=dt.date(2019, 5, 8), days=3)
        w.period("hi", "household", add_months(now, -17), None)
        _card(sandbox, former, "GD", "4", "31002", year_start, year_end)
        _visits(sandbox, rng, former["si_code"], 3, "4", today)

    for key in ("household_spouse", "household_daughter"):
        member = people.get(key)
        if member is not None:
            _visits(sandbox, rng, member["si_code"], 1, "4", today)


def _population(sandbox: Sandbox, rng: random.Random, today: dt.date) -> None:
    store = sandbox.store
    for person in store.find("people"):
        si = person["si_code"]
        if person.get("fixture") or store.get("citizen_cards", si) is not None:
            continue
        birth = dt.date.fromisoformat(person["birth_date"])
        age = today.year - birth.year
        facility = f"{person['province_code']}002"
        unit = person.get("employer")
        w = _Writer(sandbox, si)
        if unit:
            start = f"{rng.randint(2012, 2022)}-{rng.randint(1, 12):02d}"
            w.employed(start, None, rng.randint(50, 300) * 100_000, unit)
            _card(
                sandbox,
                person,
                "DN",
                "4",
                facility,
                dt.date(today.year, 1, 1),
                dt.date(today.year, 12, 31),
            )
        elif age >= 60:
            w.period("hi", "state_paid", f"{today.year - 3}-01", None)
            _card(
                sandbox,
                person,
                "HT",
                "3",
                facility,
                dt.date(today.year, 1, 1),
                dt.date(today.year, 12, 31),
            )
        elif int(si[-1]) % 4:
            w.period("hi", "household", f"{today.year - 1}-01", None)
            _card(
                sandbox,
                person,
                "GD",
                "4",
                facility,
                dt.date(today.year, 1, 1),
                dt.date(today.year, 12, 31),
            )


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    """Fixture people, then cards and histories for fixtures and the generated population."""
    for person in CITIZEN_FIXTURE_PEOPLE:
        doc = {k: v for k, v in person.items() if k != "key"}
        sandbox.store.insert_new(
            "people", person["si_code"], {**doc, "fixture": person["key"], "alive": True}
        )
    today = sandbox.today()
    try:
        _fixtures(sandbox, rng, today)
        _population(sandbox, rng, today)
    finally:
        sandbox.state.pop(_FACILITY_CACHE, None)
