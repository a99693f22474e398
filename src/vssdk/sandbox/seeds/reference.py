"""Seed: health facilities (CSKCB) and BHXH agencies, deterministic and clearly synthetic."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vssdk.sandbox.app import Sandbox

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
    },
    {
        "code": "79001",
        "name": "Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh",
        "province_code": "79",
        "level": "provincial",
        "contracted": True,
    },
    {
        "code": "48010",
        "name": "Trung tâm Y tế Sandbox Hải Châu",
        "province_code": "48",
        "level": "district",
        "contracted": True,
    },
    {
        "code": "79999",
        "name": "Phòng khám Sandbox (hết hợp đồng)",
        "province_code": "79",
        "level": "district",
        "contracted": False,
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
                    "address": f"Số {rng.randint(1, 300)}, phường {place}, {province_name}",
                },
            )
