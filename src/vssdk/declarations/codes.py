"""Code lists of the employer forms: plan codes (``phuongAn``), contract types, payment modes.

Plan codes are scoped by the portal list they come from (the lists as the portal returns them:
SECONDARY): list ``082`` for
compulsory-SI rows (D02-LT) and list ``101`` for voluntary-SI and HI-only rows (D05-TS, D03-TS).
The same two letters can mean different things in the two lists (``DL``, ``GC``, ``GD``), so they
are two enums. Each code carries the shape BHXH expects of its row (:class:`PlanRule`).
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "ChangeKind",
    "ContractType",
    "DatePrecision",
    "PaymentMode",
    "PlanCode",
    "PlanRule",
    "Relationship",
    "VoluntaryPlanCode",
    "WireSex",
    "plan_rule",
    "voluntary_plan_rule",
]


class ChangeKind(enum.StrEnum):
    """What a row does to the person's participation; ``loai`` on the wire is its number."""

    INCREASE = "1"
    DECREASE = "2"
    ADJUSTMENT = "3"


@attrs.frozen(slots=True)
class PlanRule:
    """What a plan code requires of its row.

    ``salary``: "required" | "optional"; ``to_month``: "required" | "optional" | "forbidden";
    ``position``: a job title is required (title adjustment); ``monthly``: the row starts or changes
    the regular monthly contribution (counted in the dossier's monthly amounts).
    """

    kind: ChangeKind
    salary: str
    to_month: str
    position: bool = False
    monthly: bool = False


class PlanCode(enum.StrEnum):
    """Portal list ``082``: plan codes of D02-LT rows (compulsory SI/HI/UI/OA-OD)."""

    AD = "AD"  # Bổ sung tăng nguyên lương: supplementary increase, full salary
    AT = "AT"  # Truy đóng theo MLCS tại thời điểm: back-payment at the base salary of the time
    CD = "CD"  # Điều chỉnh chức danh: job-title adjustment
    DC = "DC"  # Điều chỉnh lương: salary adjustment
    DL = "DL"  # Điều chỉnh tham gia TNLĐ, BNN: adjust OA/OD participation
    DN = "DN"  # Điều chỉnh tham gia thất nghiệp: adjust UI participation
    GC = "GC"  # Giảm do chuyển tỉnh: decrease, moved to another province
    GD = "GD"  # Giảm do chuyển đơn vị: decrease, moved to another unit
    GH = "GH"  # Giảm hẳn: definitive decrease
    GL = "GL"  # Giảm tham gia TNLĐ, BNN: stop OA/OD
    GN = "GN"  # Giảm tham gia thất nghiệp: stop UI
    GV = "GV"  # Giảm tham gia HTTT: stop pension/survivor fund
    KL = "KL"  # Nghỉ không lương: unpaid leave
    OF = "OF"  # Nghỉ do ốm đau/không lương: off (sickness or unpaid leave)
    ON = "ON"  # Đi làm lại: back to work
    SB = "SB"  # Bổ sung giảm nguyên lương: supplementary decrease, full salary
    TC = "TC"  # Tăng do chuyển tỉnh: increase, moved from another province
    TD = "TD"  # Tăng do chuyển đơn vị: increase, moved from another unit
    TH = "TH"  # Tăng mới hợp đồng: new contract
    TL = "TL"  # Tăng tham gia TNLĐ, BNN: start OA/OD
    TM = "TM"  # Tăng mới: new participant
    TN = "TN"  # Tăng tham gia thất nghiệp: start UI
    TS = "TS"  # Thai sản: maternity leave
    TT = "TT"  # Bổ sung tăng quỹ KCB: supplementary increase, health-care fund
    TU = "TU"  # Bổ sung giảm quỹ KCB: supplementary decrease, health-care fund
    TV = "TV"  # Tăng tham gia HTTT: start pension/survivor fund


_I, _D, _A = ChangeKind.INCREASE, ChangeKind.DECREASE, ChangeKind.ADJUSTMENT
_REQ, _OPT, _NO = "required", "optional", "forbidden"

_PLAN_RULES: dict[PlanCode, PlanRule] = {
    PlanCode.TM: PlanRule(_I, _REQ, _NO, monthly=True),
    PlanCode.TH: PlanRule(_I, _REQ, _NO, monthly=True),
    PlanCode.TC: PlanRule(_I, _REQ, _NO, monthly=True),
    PlanCode.TD: PlanRule(_I, _REQ, _NO, monthly=True),
    PlanCode.ON: PlanRule(_I, _REQ, _NO, monthly=True),
    PlanCode.AD: PlanRule(_I, _REQ, _REQ),
    PlanCode.AT: PlanRule(_I, _REQ, _REQ),
    PlanCode.TT: PlanRule(_I, _REQ, _REQ),
    PlanCode.TL: PlanRule(_I, _REQ, _NO),
    PlanCode.TN: PlanRule(_I, _REQ, _NO),
    PlanCode.TV: PlanRule(_I, _REQ, _NO),
    PlanCode.GH: PlanRule(_D, _OPT, _NO),
    PlanCode.GC: PlanRule(_D, _OPT, _NO),
    PlanCode.GD: PlanRule(_D, _OPT, _NO),
    PlanCode.KL: PlanRule(_D, _OPT, _OPT),
    PlanCode.OF: PlanRule(_D, _OPT, _OPT),
    PlanCode.TS: PlanRule(_D, _OPT, _OPT),
    PlanCode.GL: PlanRule(_D, _OPT, _NO),
    PlanCode.GN: PlanRule(_D, _OPT, _NO),
    PlanCode.GV: PlanRule(_D, _OPT, _NO),
    PlanCode.SB: PlanRule(_D, _REQ, _REQ),
    PlanCode.TU: PlanRule(_D, _REQ, _REQ),
    PlanCode.DC: PlanRule(_A, _REQ, _NO, monthly=True),
    PlanCode.CD: PlanRule(_A, _REQ, _NO, position=True, monthly=True),
    PlanCode.DL: PlanRule(_A, _REQ, _NO),
    PlanCode.DN: PlanRule(_A, _REQ, _NO),
}


def plan_rule(code: PlanCode) -> PlanRule:
    """The row shape BHXH expects for a list-082 plan code."""
    return _PLAN_RULES[code]


class VoluntaryPlanCode(enum.StrEnum):
    """Portal list ``101``: plan codes of D05-TS (voluntary SI) and D03-TS (HI-only) rows."""

    DB = "DB"  # Đóng bù số tháng chậm đóng: pay missed months
    DL = "DL"  # Đóng lại: resume
    DT = "DT"  # Đóng tiếp: continue
    GB = "GB"  # Chuyển sang đóng bắt buộc: moved to compulsory SI
    GC = "GC"  # Đến hạn nhưng không đóng: due but unpaid
    GD = "GD"  # Chuyển đi: moved away
    GH = "GH"  # Giảm hẳn: definitive decrease
    GM = "GM"  # Giảm hưởng chế độ: decrease, receiving a benefit
    GT = "GT"  # Giảm tử tuất: decrease, deceased
    SB = "SB"  # Bổ sung giảm nguyên lương: supplementary decrease
    TM = "TM"  # Tăng mới: new participant


_VOLUNTARY_INCREASE = frozenset(
    {VoluntaryPlanCode.TM, VoluntaryPlanCode.DT, VoluntaryPlanCode.DL, VoluntaryPlanCode.DB}
)


def voluntary_plan_rule(code: VoluntaryPlanCode) -> ChangeKind:
    """Increase for TM/DT/DL/DB (income and payment mode required), otherwise decrease."""
    return ChangeKind.INCREASE if code in _VOLUNTARY_INCREASE else ChangeKind.DECREASE


class ContractType(enum.StrEnum):
    """Labour-contract type of a D02-LT row (wire element names of the flags)."""

    INDEFINITE = "Hdld"  # HĐLĐ không xác định thời hạn
    FIXED_TERM = "HdldXdth"  # HĐLĐ xác định thời hạn
    OTHER = "HdldKhac"  # other contract (under another name)


class PaymentMode(enum.StrEnum):
    """D05-TS ``phuongThuc``: how often a voluntary participant pays (Law 41/2024 Art 36(2))."""

    MONTHLY = "1"
    QUARTERLY = "3"
    SEMIANNUAL = "6"
    ANNUAL = "12"
    ADVANCE_YEARS = "N"  # once for several future years (at most 5)

    @property
    def months(self) -> int | None:
        """Months covered by one payment (``None`` for advance payment: years × 12)."""
        return None if self is PaymentMode.ADVANCE_YEARS else int(self.value)


class Relationship(enum.StrEnum):
    """Portal list ``099``: relationship of a household member to the head (TK1-TS)."""

    HEAD = "00"
    WIFE = "01"
    HUSBAND = "02"
    FATHER = "03"
    MOTHER = "04"
    YOUNGER_SIBLING = "05"
    ELDER_BROTHER = "06"
    ELDER_SISTER = "07"
    CHILD = "08"
    GRANDCHILD = "09"
    GRANDFATHER = "10"
    GRANDMOTHER = "11"


class DatePrecision(enum.StrEnum):
    """``ccns``: how much of a birth date is known (full date, month and year, year only)."""

    FULL = "0"
    MONTH_YEAR = "1"
    YEAR = "2"


class WireSex(enum.StrEnum):
    """``Gioitinh`` as written in the files (1 male, 2 female; the QĐ 130 convention)."""

    MALE = "1"
    FEMALE = "2"


class UnitKind(enum.StrEnum):
    """TK3-TS ``loaiHinhDonVi``: the kind of unit. The real code list is not public; these are
    vssdk's codes (docs/declarations-notes.md)."""

    STATE_AGENCY = "HCSN"  # cơ quan nhà nước, đơn vị sự nghiệp công lập
    STATE_ENTERPRISE = "DNNN"  # doanh nghiệp nhà nước
    FOREIGN_INVESTED = "FDI"  # doanh nghiệp có vốn đầu tư nước ngoài
    PRIVATE_ENTERPRISE = "DN"  # doanh nghiệp ngoài nhà nước
    COOPERATIVE = "HTX"  # hợp tác xã, liên hiệp hợp tác xã
    BUSINESS_HOUSEHOLD = "HKD"  # hộ kinh doanh
    OTHER = "KHAC"


class UnitPaymentMode(enum.StrEnum):
    """TK3-TS ``phuongThucDong``: how often the unit pays. Quarterly and half-yearly are only for
    units in agriculture, forestry, fishery or salt production paying wages by product."""

    MONTHLY = "1"
    QUARTERLY = "3"
    HALF_YEARLY = "6"
