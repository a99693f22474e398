"""Seed: a synthetic population (people, households, employers) that every area builds on.

Identifiers follow the real formats: SI code 10 digits; citizen ID 12 digits (Circular
59/2021/TT-BCA) =
3-digit birth-registration province + century/sex digit + 2-digit birth year + 6 digits. All names,
numbers and addresses are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

SANDBOX_PASSWORD = "Sandbox@2026"  # every seeded citizen account (documented in docs/sandbox.md)

# Documented fixtures (docs/sandbox.md). Keys are stable across releases of the sandbox.
FIXTURE_PEOPLE: tuple[dict[str, Any], ...] = (
    {
        "key": "worker",
        "si_code": "7901234567",
        "citizen_id": "079085001234",
        "full_name": "Nguyễn Văn An",
        "birth_date": "1985-03-14",
        "sex": "male",
        "province_code": "79",
        "employer": "SBX001A",
        "household_id": "HGD79000001",
    },
    {
        "key": "worker_female",
        "si_code": "7901234568",
        "citizen_id": "079190004321",
        "full_name": "Trần Thị Bình",
        "birth_date": "1990-07-02",
        "sex": "female",
        "province_code": "79",
        "employer": "SBX001A",
        "household_id": "HGD79000001",
    },
    {
        "key": "child",
        "si_code": "7924000011",
        "citizen_id": "079223000111",
        "full_name": "Nguyễn Minh Khang",
        "birth_date": "2023-09-20",
        "sex": "male",
        "province_code": "79",
        "employer": None,
        "household_id": "HGD79000001",
    },
    {
        "key": "voluntary",
        "si_code": "0112345670",
        "citizen_id": "001178009876",
        "full_name": "Lê Thị Cúc",
        "birth_date": "1978-11-30",
        "sex": "female",
        "province_code": "01",
        "employer": None,
        "household_id": "HGD01000002",
    },
    {
        "key": "pensioner",
        "si_code": "4898765432",
        "citizen_id": "048058002468",
        "full_name": "Phạm Văn Dũng",
        "birth_date": "1958-01-05",
        "sex": "male",
        "province_code": "48",
        "employer": None,
        "household_id": "HGD48000003",
    },
    {
        "key": "unemployed",
        "si_code": "0187654321",
        "citizen_id": "001092013579",
        "full_name": "Hoàng Văn Em",
        "birth_date": "1992-05-21",
        "sex": "male",
        "province_code": "01",
        "employer": None,
        "household_id": "HGD01000004",
    },
)

FIXTURE_EMPLOYERS: tuple[dict[str, Any], ...] = (
    {
        "unit_code": "SBX001A",
        "tax_code": "0312345678",
        "name": "Công ty TNHH Phần mềm Sandbox",
        "region": 1,
        "province_code": "79",
        "agency_code": "07906",
    },
    {
        "unit_code": "SBX002B",
        "tax_code": "0109876543",
        "name": "Công ty Cổ phần Dệt may Sandbox",
        "region": 2,
        "province_code": "01",
        "agency_code": "00101",
    },
)

_FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
_MIDDLE_M = ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành")
_MIDDLE_F = ("Thị", "Ngọc", "Thu", "Minh", "Thanh", "Hồng")
_GIVEN_M = (
    "Anh",
    "Bảo",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khoa",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tài",
    "Tuấn",
    "Việt",
)
_GIVEN_F = (
    "An",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Thảo",
    "Trang",
    "Yến",
)
_PROVINCES = ("01", "31", "48", "79", "92", "75")
POPULATION = 120


def citizen_id(province: str, birth: dt.date, sex: str, tail: int) -> str:
    """A 12-digit personal ID in the real layout (province, century/sex, year, 6 digits)."""
    century = (birth.year // 100) - 19  # 1900s → 0, 2000s → 1
    digit = century * 2 + (1 if sex == "female" else 0)
    return f"0{province}{digit}{birth.year % 100:02d}{tail:06d}"


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    store = sandbox.store
    for employer in FIXTURE_EMPLOYERS:
        store.put("employers", employer["unit_code"], dict(employer))
    for person in FIXTURE_PEOPLE:
        doc = {k: v for k, v in person.items() if k != "key"}
        doc["fixture"] = person["key"]
        doc["alive"] = True
        store.put("people", person["si_code"], doc)
    for index in range(POPULATION):
        sex = "female" if index % 2 else "male"
        province = _PROVINCES[index % len(_PROVINCES)]
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 72))
        name = " ".join(
            (
                rng.choice(_FAMILY),
                rng.choice(_MIDDLE_F if sex == "female" else _MIDDLE_M),
                rng.choice(_GIVEN_F if sex == "female" else _GIVEN_M),
            )
        )
        si_code = f"{province}{50000000 + index * 7919 % 49999999:08d}"
        working_age = 18 <= 2026 - birth.year < 60
        unit: str | None = FIXTURE_EMPLOYERS[index % 2]["unit_code"] if working_age else None
        store.put(
            "people",
            si_code,
            {
                "si_code": si_code,
                "citizen_id": citizen_id(province, birth, sex, 100000 + index),
                "full_name": name,
                "birth_date": birth.isoformat(),
                "sex": sex,
                "province_code": province,
                "employer": unit if index % 3 else None,
                "household_id": f"HGD{province}{100000 + index // 3:06d}",
                "alive": True,
                "fixture": None,
            },
        )
