"""Seed: health facilities (CSKCB) and BHXH agencies, deterministic and clearly synthetic."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

# Pre-merger 2-digit province codes (BHXH numbering used in card and facility codes) and names.
PROVINCES: dict[str, str] = {
    "01": "Hà Nội",
    "31": "Hải Phòng",
    "38": "Thanh Hóa",
    "40": "Nghệ An",
    "46": "Thừa Thiên Huế",
    "48": "Đà Nẵng",
    "56": "Khánh Hòa",
    "66": "Đắk Lắk",
    "74": "Bình Dương",
    "75": "Đồng Nai",
    "79": "TP Hồ Chí Minh",
    "92": "Cần Thơ",
}
LEVELS = ("central", "provincial", "district", "commune")
_KINDS = {
    "central": "Bệnh viện Trung ương",
    "provincial": "Bệnh viện Đa khoa tỉnh",
    "district": "Trung tâm Y tế",
    "commune": "Trạm Y tế",
}
_PLACES = (
    "An Bình",
    "Hòa Lạc",
    "Phú Mỹ",
    "Tân Thành",
    "Long Hải",
    "Đông Hưng",
    "Bình Minh",
    "Thạnh Lộc",
)

# Documented fixtures (docs/sandbox.md): fixed codes integrators can rely on.
FIXTURE_FACILITIES: tuple[dict[str, object], ...] = (
    {
        "code": "01001",
        "name": "Bệnh viện Trung ương Sandbox Hà Nội",
        "province_code": "01",
        "level": "central",
        "contracted": True,
        "sick_leave_certificates": True,
    },
    {
        "code": "79001",
        "name": "Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh",
        "province_code": "79",
        "level": "provincial",
        "contracted": True,
        "sick_leave_certificates": True,
    },
    {
        "code": "48010",
        "name": "Trung tâm Y tế Sandbox Hải Châu",
        "province_code": "48",
        "level": "district",
        "contracted": True,
        "sick_leave_certificates": True,
    },
    {
        "code": "79999",
        "name": "Phòng khám Sandbox (hết hợp đồng)",
        "province_code": "79",
        "level": "district",
        "contracted": False,
        "sick_leave_certificates": False,
    },
)


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    store = sandbox.store
    for fixture in FIXTURE_FACILITIES:
        code = str(fixture["code"])
        store.put(
            "facilities",
            code,
            {
                **fixture,
                "address": f"Số 1, {PROVINCES[str(fixture['province_code'])]}",
            },
        )
    for province, province_name in PROVINCES.items():
        for number in range(2, 6):
            level = LEVELS[(number + int(province)) % len(LEVELS)]
            code = f"{province}{number:03d}"
            place = rng.choice(_PLACES)
            store.put(
                "facilities",
                code,
                {
                    "code": code,
                    "name": f"{_KINDS[level]} {place} (sandbox)",
                    "province_code": province,
                    "level": level,
                    "contracted": rng.random() > 0.1,
                    # Not drawn from rng, so the other fixtures stay as they were. One facility
                    # in seven has not registered its signing practitioners with BHXH.
                    "sick_leave_certificates": (number + int(province)) % 7 != 0,
                    "address": f"Số {rng.randint(1, 300)}, phường {place}, {province_name}",
                },
            )
    seed_lookups(sandbox, random.Random(f"{sandbox.config.seed}:lookups"))


# --- public look-ups: BHXH agencies, collection agents, more employer units -------------------

# Local offices seeded per province; 01 and 06 match the agency codes of FIXTURE_EMPLOYERS.
_LOCAL_OFFICES = (1, 2, 6)
_AGENT_KINDS = (
    ("post_office", "Bưu điện {place}", ["voluntary_si", "household_hi"]),
    ("commune_agent", "Đại lý thu xã {place}", ["household_hi"]),
    ("agency_counter", "Điểm thu BHXH {place}", ["voluntary_si", "household_hi"]),
)
_COMPANY_KINDS = ("Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã")
_TRADES = ("Cơ khí", "Thực phẩm", "Xây dựng", "Vận tải", "Thương mại", "Dịch vụ")


def seed_lookups(sandbox: Sandbox, rng: random.Random) -> None:
    """Agencies, collection agents and synthetic employer units for every province."""
    store = sandbox.store
    for province, province_name in PROVINCES.items():
        store.put(
            "agencies",
            f"0{province}00",
            {
                "code": f"0{province}00",
                "name": f"Bảo hiểm xã hội {province_name}",
                "province_code": province,
                "level": "provincial",
                "address": f"Số 1 đường Sandbox, {province_name}",
                "phone": f"0{rng.randint(200, 299)}{rng.randint(1000000, 9999999)}",
            },
        )
        for office in _LOCAL_OFFICES:
            place = rng.choice(_PLACES)
            store.put(
                "agencies",
                f"0{province}{office:02d}",
                {
                    "code": f"0{province}{office:02d}",
                    "name": f"Bảo hiểm xã hội cơ sở {place}",
                    "province_code": province,
                    "level": "local",
                    "address": f"Số {rng.randint(1, 200)}, {place}, {province_name}",
                },
            )
        for number, (kind, name, services) in enumerate(_AGENT_KINDS, start=1):
            place = rng.choice(_PLACES)
            code = f"DL{province}{number:03d}"
            store.put(
                "collection_agents",
                code,
                {
                    "code": code,
                    "name": name.format(place=place),
                    "kind": kind,
                    "province_code": province,
                    "address": f"Số {rng.randint(1, 200)}, {place}, {province_name}",
                    "services": services,
                },
            )
        for number in range(1, 3):
            unit = f"SBX{province}{number}"
            tax = f"{int(province):02d}{rng.randint(10_000_000, 99_999_999)}"
            store.put(
                "employers",
                unit,
                {
                    "unit_code": unit,
                    "tax_code": tax,
                    "name": f"{rng.choice(_COMPANY_KINDS)} {rng.choice(_TRADES)} {province_name}"
                    " (sandbox)",
                    "region": 1 + (number + int(province)) % 4,
                    "province_code": province,
                    "agency_code": f"0{province}01",
                },
            )
