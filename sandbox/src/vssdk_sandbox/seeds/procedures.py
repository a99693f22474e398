"""Seed data of the procedures area: participation summaries the death-linked procedure reads.

``linked_participation`` (key: SI code) holds months of compulsory and voluntary SI and whether
the person draws a pension, for every seeded person. The fixtures are documented in
``docs/procedures.md``; the rest of the population gets deterministic random histories. When the
citizen area seeds full participation histories, the handler should read those instead.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

PARTICIPATION = "linked_participation"

# fixture key → (compulsory months, voluntary months, pensioner)
FIXTURE_HISTORIES: dict[str, tuple[int, int, bool]] = {
    "worker": (150, 0, False),
    "worker_female": (96, 0, False),
    "child": (0, 0, False),
    "voluntary": (0, 72, False),
    "pensioner": (372, 0, True),
    "unemployed": (50, 0, False),
}

# One more documented person: 8 months of compulsory SI, so no funeral allowance.
SHORT_HISTORY_PERSON: dict[str, Any] = {
    "si_code": "3101234560",
    "citizen_id": "031195007777",
    "full_name": "Đỗ Thị Giang",
    "birth_date": "1995-04-12",
    "sex": "female",
    "province_code": "31",
    "employer": None,
    "household_id": "HGD31000005",
    "alive": True,
    "fixture": "short_history",
}


def _history(doc: dict[str, Any], months: tuple[int, int, bool]) -> dict[str, Any]:
    compulsory, voluntary, pensioner = months
    return {
        "si_code": doc["si_code"],
        "citizen_id": doc["citizen_id"],
        "compulsory_months": compulsory,
        "voluntary_months": voluntary,
        "pensioner": pensioner,
    }


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    store = sandbox.store
    store.put("people", SHORT_HISTORY_PERSON["si_code"], dict(SHORT_HISTORY_PERSON))
    store.put(
        PARTICIPATION,
        SHORT_HISTORY_PERSON["si_code"],
        _history(SHORT_HISTORY_PERSON, (8, 0, False)),
    )
    for doc in store.find("people"):
        if doc["si_code"] == SHORT_HISTORY_PERSON["si_code"]:
            continue
        fixture = doc.get("fixture")
        if fixture in FIXTURE_HISTORIES:
            months = FIXTURE_HISTORIES[fixture]
        elif doc.get("employer"):
            months = (rng.randint(12, 300), 0, False)
        else:
            months = (rng.choice((0, 6, 30, 120)), rng.choice((0, 0, 24, 80)), False)
        store.put(PARTICIPATION, doc["si_code"], _history(doc, months))
