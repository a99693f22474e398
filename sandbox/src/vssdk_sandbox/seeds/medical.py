"""Seed: certificates the sandbox hospital 79001 (and 48010) issued for the seeded people.

Dates are laid out from the sandbox clock so every example finds current certificates:

- ``CT07-79001-SBX-0001`` sick leave of the worker (7901234567), 5 days ending 10 days ago;
- ``GCS-79001-SBX-0001`` birth certificate: Trần Thị Bình (079190004321) gave birth to
  Nguyễn Gia Bảo (male, 3,200 g) 10 days ago;
- ``GBT-48010-SBX-0001`` death notice of Phạm Văn Dũng (048058002468), 3 days ago;
- ``KSK-79001-SBX-0001`` driver's health certificate of the worker (079085001234), class B, fit;
- ``KSK-79001-SBX-0002`` driver's health certificate of 001092013579, class B, not fit.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from vssdk_sandbox.handlers.medical.common import receive

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = ["FIXTURE_CERTIFICATES", "certificates"]

SIGNER = "BS. Lê Văn Tâm"


def certificates(today: dt.date) -> list[tuple[str, str, dict[str, Any]]]:
    """(facility, owner, certificate JSON) of every seeded certificate, dated from ``today``."""

    def d(days: int) -> str:
        return (today + dt.timedelta(days=days)).isoformat()

    worker = {"full_name": "Nguyễn Văn An", "citizen_id": "079085001234",
              "si_code": "7901234567", "birth_date": "1985-03-14", "sex": "male"}  # fmt: skip
    return [
        ("79001", "79001_BV", {
            "type": "sick_leave", "document_number": "CT07-79001-SBX-0001", "issued_on": d(-14),
            "patient": worker, "signed_by": SIGNER, "doctor_name": "BS. Phan Thu Hà",
            "sick_leave": {"leave_from": d(-14), "leave_to": d(-10), "days": 5,
                           "diagnosis": "Viêm phế quản cấp", "diagnosis_code": "J20.9",
                           "employer_name": "Công ty TNHH Phần mềm Sandbox"},
        }),
        ("79001", "79001_BV", {
            "type": "birth", "document_number": "GCS-79001-SBX-0001", "issued_on": d(-10),
            "patient": {"full_name": "Trần Thị Bình", "citizen_id": "079190004321",
                        "si_code": "7901234568", "sex": "female"},
            "signed_by": SIGNER, "doctor_name": "NHS. Đỗ Thị Mai",
            "birth": {"child_name": "Nguyễn Gia Bảo", "child_sex": "male",
                      "child_birth_date": d(-10), "weight_grams": 3200,
                      "place_of_birth": "Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh",
                      "children_born": 1, "father_name": "Nguyễn Văn An"},
        }),
        ("48010", "48010_BV", {
            "type": "death", "document_number": "GBT-48010-SBX-0001", "issued_on": d(-3),
            "patient": {"full_name": "Phạm Văn Dũng", "citizen_id": "048058002468",
                        "si_code": "4898765432", "sex": "male"},
            "signed_by": "BS. Trần Quốc Huy",
            "death": {"date_of_death": d(-3), "place_of_death": "Trung tâm Y tế Sandbox Hải Châu",
                      "cause": "Suy tim"},
        }),
        ("79001", "79001_BV", {
            "type": "driver_health", "document_number": "KSK-79001-SBX-0001", "issued_on": d(-30),
            "patient": {k: v for k, v in worker.items() if k != "si_code"}, "signed_by": SIGNER,
            "driver_health": {"licence_class": "B", "examined_on": d(-30), "fit": True,
                              "valid_until": d(300)},
        }),
        ("79001", "79001_BV", {
            "type": "driver_health", "document_number": "KSK-79001-SBX-0002", "issued_on": d(-20),
            "patient": {"full_name": "Hoàng Văn Em", "citizen_id": "001092013579",
                        "birth_date": "1992-05-21", "sex": "male"},
            "signed_by": SIGNER,
            "driver_health": {"licence_class": "B", "examined_on": d(-20), "fit": False,
                              "valid_until": d(345),
                              "conditions": "Thị lực không đạt tiêu chuẩn nhóm 2"},
        }),
    ]  # fmt: skip


FIXTURE_CERTIFICATES: tuple[str, ...] = (
    "CT07-79001-SBX-0001",
    "GCS-79001-SBX-0001",
    "GBT-48010-SBX-0001",
    "KSK-79001-SBX-0001",
    "KSK-79001-SBX-0002",
)


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    """Store the fixture certificates (no events: they were issued before the sandbox began)."""
    for facility, owner, body in certificates(sandbox.today()):
        receive(
            sandbox,
            facility,
            owner,
            body,
            "wire",
            f"{facility}SEED{body['document_number'][-4:]}",
            announce=False,
        )
