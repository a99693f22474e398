"""Seed: the procedure catalogue served by ``GET /reference/procedures``.

Each entry maps a procedure code, as the BHXH portal and I-VAN software print it, to its names,
who files it, its forms and the vssdk calls that file or follow it. ``code_source`` says where the
code was seen: ``portal`` (the portal's procedure list), ``vendor`` (software of I-VAN vendors and
collection agents, several agreeing; the meaning is read from their labels) or ``sandbox`` (no
public code was found; the sandbox chose one that cannot collide with BHXH's numeric codes).
docs/citizen.md and docs/declarations.md list them; docs/citizen-notes.md says what rests on what.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

COLLECTION = "procedure_catalogue"

PROCEDURES: tuple[dict[str, Any], ...] = (
    {
        "code": "600",
        "name_vi": "Đăng ký, báo tăng, báo giảm, điều chỉnh đóng BHXH, BHYT, BHTN, BHTNLĐ-BNN",
        "name_en": "Registering, increasing, decreasing or adjusting contributions",
        "filed_by": ["employer"],
        "forms": ["D02-LT", "TK1-TS"],
        "sdk_methods": ["client.declarations.submit"],
        "code_source": "portal",
        "legal_basis": "Law 41/2024/QH15 Art 28",
    },
    {
        "code": "601",
        "name_vi": "Truy đóng BHXH, BHYT, BHTN, BHTNLĐ-BNN",
        "name_en": "Back-payment of contributions, with the interest on late payment",
        "filed_by": ["employer"],
        "forms": ["D02-LT"],
        "sdk_methods": [
            "client.declarations.quote_back_payment",
            "client.declarations.pay_back_payment",
            "client.declarations.back_payment",
        ],
        "code_source": "portal",
        "legal_basis": "Law 41/2024/QH15 Art 40",
    },
    {
        "code": "602",
        "name_vi": "Đăng ký, đăng ký lại, điều chỉnh đóng BHXH tự nguyện",
        "name_en": "Registering or changing voluntary SI",
        "filed_by": ["citizen", "agent"],
        "forms": ["TK1-TS", "D05-TS"],
        "sdk_methods": ["client.citizen.register_voluntary_si", "client.declarations.submit"],
        "code_source": "portal",
        "legal_basis": "Law 41/2024/QH15 Art 36",
    },
    {
        "code": "603",
        "name_vi": "Đăng ký, đóng, cấp thẻ BHYT đối với người chỉ tham gia BHYT",
        "name_en": "Registering HI-only participants (household, students, funded groups)",
        "filed_by": ["citizen", "agent"],
        "forms": ["TK1-TS", "D03-TS"],
        "sdk_methods": ["client.citizen.register_household_hi", "client.declarations.submit"],
        "code_source": "vendor",
        "legal_basis": "Law on Health Insurance 25/2008/QH12 (amended 51/2024/QH15) Art 13, 17",
    },
    {
        "code": "604",
        "name_vi": "Đăng ký, điều chỉnh thông tin đơn vị tham gia BHXH, BHYT",
        "name_en": "Registering a unit or changing its details (TK3-TS)",
        "filed_by": ["employer"],
        "forms": ["TK3-TS", "DK-GD"],
        "sdk_methods": ["client.declarations.submit"],
        "code_source": "portal",
        "legal_basis": "Law 41/2024/QH15 Art 28",
    },
    {
        "code": "SBX-HOANTRA",
        "name_vi": "Hoàn trả tiền đã đóng BHXH, BHYT, BHTN của đơn vị",
        "name_en": "Refund to a unit of contributions paid twice or wrongly",
        "filed_by": ["employer"],
        "forms": [],
        "sdk_methods": [
            "client.declarations.request_refund",
            "client.declarations.refund",
        ],
        "code_source": "sandbox",
    },
    {
        "code": "SBX-CHOTSO",
        "name_vi": "Xác nhận thời gian đóng, chốt sổ BHXH khi chấm dứt hợp đồng",
        "name_en": "Closing and confirming the SI book when employment ends",
        "filed_by": ["employer"],
        "forms": [],
        "sdk_methods": [
            "client.declarations.confirm_si_book",
            "client.declarations.si_book_confirmation",
        ],
        "code_source": "sandbox",
        "legal_basis": "Labour Code 45/2019/QH14 Art 48(3)",
    },
    {
        "code": "602a",
        "name_vi": "Hoàn trả tiền đã đóng đối với người tham gia BHXH tự nguyện",
        "name_en": "Refund of voluntary SI contributions",
        "filed_by": ["citizen", "agent"],
        "forms": [],
        "sdk_methods": [],
        "code_source": "vendor",
    },
    {
        "code": "606a",
        "name_vi": "Hoàn trả tiền đã đóng BHYT hộ gia đình, người được hỗ trợ một phần mức "
        "đóng, do đóng trùng",
        "name_en": "Refund of household HI contributions paid twice",
        "filed_by": ["citizen", "agent"],
        "forms": [],
        "sdk_methods": [],
        "code_source": "vendor",
    },
    {
        "code": "606b",
        "name_vi": "Hoàn trả tiền đã đóng BHYT hộ gia đình, người được hỗ trợ một phần mức "
        "đóng, do bị chết",
        "name_en": "Refund of household HI contributions after the participant's death",
        "filed_by": ["citizen", "agent"],
        "forms": [],
        "sdk_methods": [],
        "code_source": "vendor",
    },
    {
        "code": "607",
        "name_vi": "Cấp lại sổ BHXH không thay đổi thông tin",
        "name_en": "Re-issue of the SI book, details unchanged",
        "filed_by": ["citizen", "employer"],
        "forms": ["TK1-TS"],
        "sdk_methods": [],
        "code_source": "vendor",
    },
    {
        "code": "608",
        "name_vi": "Cấp lại sổ BHXH do thay đổi thông tin (họ tên, ngày sinh, giới tính, "
        "số định danh)",
        "name_en": "Re-issue of the SI book after correcting personal information",
        "filed_by": ["citizen", "employer"],
        "forms": ["TK1-TS"],
        "sdk_methods": ["client.citizen.change_information", "client.declarations.submit"],
        "code_source": "vendor",
    },
    {
        "code": "610",
        "name_vi": "Cấp lại, đổi thẻ BHYT do thay đổi thông tin về nhân thân, mã đối tượng, "
        "mã quyền lợi, mã nơi đối tượng sinh sống",
        "name_en": "HI card exchanged after a change of personal details or codes",
        "filed_by": ["citizen"],
        "forms": ["TK1-TS"],
        "sdk_methods": ["client.citizen.reissue_card"],
        "code_source": "vendor",
        "legal_basis": "Law on Health Insurance Art 19",
    },
    {
        "code": "612",
        "name_vi": "Cấp lại, đổi thẻ BHYT do mất, hỏng không thay đổi thông tin",
        "name_en": "Re-issue of a lost or damaged HI card",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.reissue_card"],
        "code_source": "vendor",
        "legal_basis": "Law on Health Insurance Art 18",
    },
    {
        "code": "613",
        "name_vi": "Cấp lại, đổi thẻ BHYT do thay đổi thời điểm đủ 05 năm liên tục, "
        "nơi KCB ban đầu",
        "name_en": "HI card exchanged for a new 5-year date or place of first registration",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": [],
        "code_source": "vendor",
    },
    {
        "code": "630",
        "name_vi": "Giải quyết hưởng chế độ ốm đau, thai sản, dưỡng sức phục hồi sức khỏe",
        "name_en": "Sickness, maternity and convalescence benefits",
        "filed_by": ["employer"],
        "forms": ["01B-HSB"],
        "sdk_methods": [
            "client.declarations.submit_settlement",
            "client.declarations.get_settlement",
        ],
        "code_source": "portal",
        "legal_basis": "Law 41/2024/QH15 Chapter III",
    },
    {
        "code": "641",
        "name_vi": "Giải quyết hưởng lương hưu",
        "name_en": "Pension claim",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.claim_pension"],
        "code_source": "vendor",
        "legal_basis": "Law 41/2024/QH15 Art 64-66",
    },
    {
        "code": "642",
        "name_vi": "Giải quyết hưởng BHXH một lần",
        "name_en": "One-time social insurance claim",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.claim_one_time_si"],
        "code_source": "vendor",
        "legal_basis": "Law 41/2024/QH15 Art 70",
    },
    {
        "code": "644",
        "name_vi": "Giải quyết hưởng trợ cấp tai nạn lao động, bệnh nghề nghiệp",
        "name_en": "Occupational accident or disease benefit claim",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.claim_occupational_injury"],
        "code_source": "vendor",
        "legal_basis": "Law 84/2015/QH13 Art 46-49",
    },
    {
        "code": "645",
        "name_vi": "Giải quyết hưởng chế độ tử tuất",
        "name_en": "Survivor benefit claim (funeral allowance, survivor allowance)",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.claim_survivor_benefit"],
        "code_source": "vendor",
        "legal_basis": "Law 41/2024/QH15 Art 85-89",
    },
    {
        "code": "651",
        "name_vi": "Giải quyết hưởng trợ cấp thất nghiệp",
        "name_en": "Unemployment benefit claim",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.claim_unemployment_benefit"],
        "code_source": "vendor",
        "legal_basis": "Employment Law 74/2025/QH15 Art 38",
    },
    {
        "code": "SBX-TTKCB",
        "name_vi": "Thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT",
        "name_en": "Direct reimbursement of health care costs covered by HI",
        "filed_by": ["citizen"],
        "forms": [],
        "sdk_methods": ["client.citizen.claim_hi_reimbursement"],
        "code_source": "sandbox",
        "legal_basis": "Law on Health Insurance Art 31",
    },
)


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    """Store the catalogue in code order, the sandbox's own codes last (the look-up pages
    through it in that order)."""
    del rng
    for entry in sorted(PROCEDURES, key=lambda e: (e["code"].startswith("SBX"), e["code"])):
        sandbox.store.put(COLLECTION, entry["code"], dict(entry))
