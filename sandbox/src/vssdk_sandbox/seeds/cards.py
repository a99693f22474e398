"""Seed: BHYT cards covering every card-check result code, gateway accounts and staff.

Each fixture says which ``maKetQua`` a check returns and how to provoke it (see
``docs/sandbox-cards.md``). Validity dates are relative to the sandbox's today, so a "valid"
card stays valid whenever the sandbox starts. All people and numbers are invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = [
    "CARD_FIXTURES",
    "GATEWAY_ACCOUNTS",
    "GATEWAY_PASSWORD",
    "OPERATORS",
    "card_fixture",
]

GATEWAY_PASSWORD = "Sandbox@2026"  # every seeded gateway account (documented)

# username → facility code; password is GATEWAY_PASSWORD (sent as uppercase MD5).
GATEWAY_ACCOUNTS: dict[str, str] = {"01001_BV": "01001", "79001_BV": "79001"}

# facility → {staff citizen ID: registered name} (CV 1923: named, registered users).
OPERATORS: dict[str, dict[str, str]] = {
    "01001": {"001085000111": "Nguyễn Thị Lan", "001190000222": "Trần Minh Thư"},
    "79001": {"079085000333": "Lê Văn Hùng"},
}

_BASE = {
    "sex": "male",
    "address": "Số 1 phố Sandbox, phường Hoàn Kiếm, Hà Nội",
    "facility_code": "01001",
    "facility_name": "Bệnh viện Trung ương Sandbox Hà Nội",
    "office": "BHXH khu vực I (sandbox)",
    "period": "current",  # current | last_year | ends_soon
    "fund": None,
    "status": "active",
    "forced_code": None,
    "area_code": None,
    "new_card": None,
}

# key, expected code, card code, citizen ID, name, birth date, overrides.
CARD_FIXTURES: tuple[dict[str, Any], ...] = (
    {"key": "valid", "expect": "000", "card_code": "DN4010199000001",
     "citizen_id": "001085000001", "full_name": "Nguyễn Văn Bình", "birth_date": "1985-03-14",
     "visits": "past"},
    {"key": "army_fund", "expect": "001", "card_code": "QN5010199000002",
     "citizen_id": "001088000002", "full_name": "Phạm Quốc Huy", "birth_date": "1988-06-01",
     "fund": "army"},
    {"key": "police_fund", "expect": "002", "card_code": "CA5010199000003",
     "citizen_id": "001090000003", "full_name": "Đỗ Văn Nam", "birth_date": "1990-02-11",
     "fund": "police"},
    {"key": "expired_new_card", "expect": "003", "card_code": "HT3010199000004",
     "citizen_id": "001055000004", "full_name": "Vũ Văn Tư", "birth_date": "1955-12-24",
     "period": "last_year", "new_card": {"card_code": "HT3790199000004",
                                         "facility_code": "79001"}},
    {"key": "new_card_in_advance", "expect": "004", "card_code": "GD4010199000005",
     "citizen_id": "001177000005", "full_name": "Lý Thị Năm", "birth_date": "1977-05-05",
     "sex": "female", "period": "ends_soon",
     "new_card": {"card_code": "GD4010199000005", "facility_code": "01001"}},
    {"key": "expired", "expect": "010", "card_code": "HS4010199000006",
     "citizen_id": "001208000006", "full_name": "Bùi Minh Sáu", "birth_date": "2008-09-06",
     "period": "last_year"},
    {"key": "near_poor", "expect": "000", "card_code": "CN2010199000007",
     "citizen_id": "001170000007", "full_name": "Hà Thị Bảy", "birth_date": "1970-07-07",
     "sex": "female"},
    {"key": "legacy_wrong_sex", "expect": "080", "card_code": "TN4010199000008",
     "citizen_id": "001092000008", "full_name": "Cao Văn Tám", "birth_date": "1992-08-08",
     "forced_code": "080"},
    {"key": "legacy_wrong_facility", "expect": "090", "card_code": "XK4010199000009",
     "citizen_id": "001080000009", "full_name": "Mai Văn Chín", "birth_date": "1980-09-09",
     "forced_code": "090"},
    {"key": "card_data_error", "expect": "100", "card_code": "HX4010199000010",
     "citizen_id": "001081000010", "full_name": "Tạ Văn Mười", "birth_date": "1981-10-10",
     "forced_code": "100"},
    {"key": "server_error", "expect": "101", "card_code": "HX4010199000020",
     "citizen_id": "001082000020", "full_name": "Tạ Văn Hai Mươi", "birth_date": "1982-02-20",
     "forced_code": "101"},
    {"key": "gateway_error", "expect": "500", "card_code": "HX4010199000050",
     "citizen_id": "001083000050", "full_name": "Tạ Văn Năm Mươi", "birth_date": "1983-05-20",
     "forced_code": "500"},
    {"key": "revoked", "expect": "110", "card_code": "TK4010199000011",
     "citizen_id": "001084000011", "full_name": "Ông Văn Mười Một", "birth_date": "1984-11-11",
     "status": "revoked"},
    {"key": "decreased", "expect": "120", "card_code": "NN4010199000012",
     "citizen_id": "001086000012", "full_name": "Lương Văn Mười Hai", "birth_date": "1986-12-12",
     "status": "decreased"},
    {"key": "moved_province", "expect": "121", "card_code": "NN4010199000013",
     "citizen_id": "001087000013", "full_name": "Lương Văn Mười Ba", "birth_date": "1987-01-13",
     "status": "decreased_moved_province"},
    {"key": "moved_within", "expect": "122", "card_code": "NN4010199000014",
     "citizen_id": "001089000014", "full_name": "Lương Văn Mười Bốn", "birth_date": "1989-01-14",
     "status": "decreased_moved_within"},
    {"key": "reregistered", "expect": "123", "card_code": "NN4010199000015",
     "citizen_id": "001091000015", "full_name": "Lương Văn Mười Lăm", "birth_date": "1991-01-15",
     "status": "decreased_reregistered"},
    {"key": "stopped", "expect": "124", "card_code": "NN4010199000016",
     "citizen_id": "001093000016", "full_name": "Lương Văn Mười Sáu", "birth_date": "1993-01-16",
     "status": "decreased_stopped"},
    {"key": "child", "expect": "130", "card_code": "TE1010199000017",
     "citizen_id": "001223000017", "full_name": "Nguyễn Minh Khôi", "birth_date": "2023-01-17"},
    {"key": "visited_today", "expect": "000", "card_code": "SV4010199000018",
     "citizen_id": "001305000018", "full_name": "Trịnh Thu Trang", "birth_date": "2005-01-18",
     "sex": "female", "visits": "today"},
    {"key": "birth_year_only", "expect": "000", "card_code": "BT2010199000019",
     "citizen_id": "001040000019", "full_name": "Hồ Văn Lão", "birth_date": "1940"},
)  # fmt: skip


def card_fixture(key: str) -> dict[str, Any]:
    """The fixture with this key (for tests, docs and examples)."""
    for fixture in CARD_FIXTURES:
        if fixture["key"] == key:
            return fixture
    raise KeyError(key)


def _period(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    if kind == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if kind == "ends_soon":
        return dt.date(today.year - 1, 1, 1), today + dt.timedelta(days=10)
    # A current card has at least a year left whatever today is, so no fixture but "ends_soon"
    # ever warns that it is expiring (cards of many groups run for several years).
    return dt.date(today.year, 1, 1), dt.date(today.year + 1, 12, 31)


def _visit(
    code: str, suffix: str, facility: str, start: dt.datetime, hours: int, diagnosis: str
) -> dict[str, Any]:
    return {
        "record_id": f"HS{code[-6:]}{suffix}",
        "facility_code": facility,
        "admitted_at": start.isoformat(),
        "discharged_at": (start + dt.timedelta(hours=hours)).isoformat(),
        "diagnosis": diagnosis,
        "status_code": "1",
        "outcome_code": "2",
        "reason_code": "1",
    }


def _visits(kind: str | None, today: dt.date, code: str) -> list[dict[str, Any]]:
    if kind is None:
        return []
    if kind == "today":
        start = dt.datetime.combine(today, dt.time(7, 5))
        return [_visit(code, "T", "79001", start, 2, "Viêm họng cấp")]
    start = dt.datetime.combine(today - dt.timedelta(days=40), dt.time(8, 30))
    return [_visit(code, "P", "01001", start, 72, "Viêm phổi")]


def md5_upper(password: str) -> str:
    """The gateway's password form."""
    return hashlib.md5(password.encode("utf-8"), usedforsecurity=False).hexdigest().upper()


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    """Store the cards (by SI code), the citizen-ID index, accounts and operators."""
    store = sandbox.store
    today = sandbox.today()
    for fixture in CARD_FIXTURES:
        doc: dict[str, Any] = {**_BASE, **fixture}
        code = doc["card_code"]
        valid_from, valid_to = _period(doc["period"], today)
        doc["si_code"] = code[5:]
        doc["valid_from"] = valid_from.isoformat()
        doc["valid_to"] = valid_to.isoformat()
        doc["five_years_date"] = dt.date(today.year - 2, 1, 1).isoformat()
        doc["visits"] = _visits(fixture.get("visits"), today, code)
        doc["checks"] = []
        if doc["new_card"] is not None:
            new_from = valid_to + dt.timedelta(days=1)
            if doc["period"] == "last_year":
                new_from = dt.date(today.year, 1, 1)
            doc["new_card"] = {
                **doc["new_card"],
                "valid_from": new_from.isoformat(),
                "valid_to": dt.date(new_from.year, 12, 31).isoformat(),
                "facility_name": "Bệnh viện Sandbox (thẻ mới)",
            }
        store.put("hi_cards", doc["si_code"], doc)
        store.put("hi_cards_by_citizen_id", doc["citizen_id"], {"si_code": doc["si_code"]})
    for username, facility in GATEWAY_ACCOUNTS.items():
        store.put(
            "gateway_accounts",
            username,
            {
                "username": username,
                "facility_code": facility,
                "password_md5": md5_upper(GATEWAY_PASSWORD),
            },
        )
    for facility, staff in OPERATORS.items():
        store.put("gateway_operators", facility, {"staff": staff})
