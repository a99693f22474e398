"""Sandbox handlers of the gateway's wire dialect (``api/token/take``, ``KQNhanLichSuKCB2024``,
``checkInKcbQd3176``, ``guiHoSoXmlQD3176`` and the legacy ``…QD4750``/``…QD130`` paths).

Spoken as every real client speaks it: each call binds a JSON or a form-encoded body (the gateway
is an ASP.NET service; real HIS send both), and every answer, errors included, is HTTP 200 with
``maKetQua`` (the dispatcher leaves these operations to the handler: ``x-vss-wire-dialect``).
Card-check replies carry every key of BHXH's published sample, ``""``/``[]`` where unknown, on
every result code; ``userKT`` is the facility account. Tokens last 30 minutes and their expiry
is an ISO-8601 UTC instant. The card check shares its logic with the REST dialect
(``handlers/cards.py``); uploads share theirs with ``handlers/claims.py``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets
import uuid
from typing import Any
from urllib.parse import parse_qsl

from vssdk.cards.result_codes import ResultCode
from vssdk.claims import InvalidClaimXml, decode_file
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.handlers.cards import Outcome, evaluate, record_check
from vssdk_sandbox.handlers.claims import ClaimRefused, receive_check_in, receive_claim
from vssdk_sandbox.kit import Ctx, handles

TOKEN_LIFETIME = dt.timedelta(minutes=30)
_LOGIN_REFUSED = "Tài khoản không tồn tại hoặc sai mật khẩu"
_AUTH_FAILED = ResultCode("401").message_vi


def _form(raw: bytes) -> dict[str, str]:
    try:
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError):
        return {}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False).strip('"')


def payload(ctx: Ctx) -> dict[str, str]:
    """The body as the gateway binds it: JSON or form-encoded, whatever the client sent (keys
    as sent, values as text, ``null`` as ``""``). Unreadable bodies bind as empty."""
    raw = bytes(ctx.raw_body)
    media = ctx.headers.get("content-type", "").split(";")[0].strip().lower()
    looks_json = raw.lstrip()[:1] in (b"{", b"[")
    if media.endswith("json") or (looks_json and not media.endswith("urlencoded")):
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): _as_text(v) for k, v in data.items()}
    return _form(raw)


def _iso_z(moment: dt.datetime) -> str:
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond:06d}0Z"


LOGIN_FAILURES = "gateway_login_failures"
MAX_LOGIN_FAILURES = 5  # as the OAuth logins: wrong passwords before the account locks
LOCK_SECONDS = 30 * 60
_LOCKED = "Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau"


def _locked_until(ctx: Ctx, username: str) -> float:
    doc = ctx.store.get(LOGIN_FAILURES, username) or {}
    return float(doc.get("locked_until", 0))


def _count_failure(ctx: Ctx, username: str) -> None:
    doc = ctx.store.get(LOGIN_FAILURES, username) or {"failures": 0, "locked_until": 0}
    doc["failures"] = int(doc["failures"]) + 1
    if doc["failures"] >= MAX_LOGIN_FAILURES:
        doc.update(failures=0, locked_until=ctx.sandbox.now().timestamp() + LOCK_SECONDS)
    ctx.store.put(LOGIN_FAILURES, username, doc)


@handles("gatewayTokenTake")
def token_take(ctx: Ctx) -> dict[str, Any]:
    form = payload(ctx)
    username = form.get("username", "")
    account = ctx.store.get("gateway_accounts", username) if username else None
    if account is not None and _locked_until(ctx, username) > ctx.sandbox.now().timestamp():
        return {"maKetQua": "401", "thongDiep": _LOCKED}
    given = form.get("password", "").upper().encode()
    if account is None or not hmac.compare_digest(given, account["password_md5"].encode()):
        if account is not None:
            _count_failure(ctx, username)
        return {"maKetQua": "401", "thongDiep": _LOGIN_REFUSED}
    ctx.store.delete(LOGIN_FAILURES, username)
    # Tokens carry real time: the client checks their expiry against its own clock.
    now = dt.datetime.fromtimestamp(ctx.sandbox.real_time(), ctx.sandbox.now().tzinfo)
    access = secrets.token_urlsafe(24)
    id_token = str(uuid.uuid4())
    expires = now + TOKEN_LIFETIME
    ctx.store.put(
        "gateway_tokens",
        access,
        {"id_token": id_token, "username": username, "expires_at": expires.timestamp()},
    )
    return {
        "maKetQua": "200",
        "APIKey": {
            "access_token": access,
            "id_token": id_token,
            "token_type": "Bearer",
            "username": username,
            "expires_in": _iso_z(expires),
        },
    }


def _account(
    sandbox: Sandbox, token: str, id_token: str, username: str, password: str
) -> dict[str, Any] | None:
    doc = sandbox.store.get("gateway_tokens", token) if token else None
    if doc is None or doc["id_token"] != id_token or doc["username"] != username:
        return None
    if doc["expires_at"] < sandbox.real_time():
        return None
    account = sandbox.store.get("gateway_accounts", username)
    if account is None or password.upper() != account["password_md5"]:
        return None
    return account


def _wire_date(iso: str) -> str:
    if len(iso) == 4:
        return iso
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _wire_minute(iso: str) -> str:
    return dt.datetime.fromisoformat(iso).strftime("%Y%m%d%H%M")


def _wire_birth(text: str) -> str | None:
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return text
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date().isoformat()
    except ValueError:
        return None


_STRING_KEYS = (
    "ghiChu", "maThe", "hoTen", "ngaySinh", "gioiTinh", "diaChi", "maDKBD", "cqBHXH", "gtTheTu",
    "gtTheDen", "maKV", "ngayDu5Nam", "maSoBHXH", "maTheCu", "maTheMoi", "gtTheTuMoi",
    "gtTheDenMoi", "maDKBDMoi", "tenDKBDMoi",
)  # fmt: skip


def _full(code: str, note: str) -> dict[str, Any]:
    """A reply with every key of the published sample: ``""`` and ``[]`` where unknown."""
    reply: dict[str, Any] = {"maKetQua": code, **dict.fromkeys(_STRING_KEYS, "")}
    reply.update({"ghiChu": note, "dsLichSuKCB2018": [], "dsLichSuKT2018": []})
    return reply


def wire_reply(outcome: Outcome, shown: frozenset[str]) -> dict[str, Any]:
    """The ``KQNhanLichSuKCB2024`` reply for an outcome (every key present)."""
    code = ResultCode(outcome.code)
    reply = _full(code.value, code.message_vi)
    card = outcome.card
    if card is None or outcome.code not in shown:
        return reply
    reply["ghiChu"] = (
        f"{code.message_vi}. Thẻ có giá trị từ {_wire_date(card['valid_from'])} "
        f"đến {_wire_date(card['valid_to'])}"
    )
    reply.update(
        {
            "maThe": card["card_code"],
            "hoTen": card["full_name"],
            "ngaySinh": _wire_date(card["birth_date"]),
            "gioiTinh": "Nữ" if card["sex"] == "female" else "Nam",
            "diaChi": card["address"],
            "maDKBD": card["facility_code"],
            "cqBHXH": card["office"],
            "gtTheTu": _wire_date(card["valid_from"]),
            "gtTheDen": _wire_date(card["valid_to"]),
            "maKV": card.get("area_code") or "",
            "ngayDu5Nam": _wire_date(card["five_years_date"]),
            "maSoBHXH": card["si_code"],
            "maTheCu": card.get("previous_card_code") or "",
            "dsLichSuKCB2018": [
                {
                    "maHoSo": v["record_id"],
                    "maCSKCB": v["facility_code"],
                    "ngayVao": _wire_minute(v["admitted_at"]),
                    "ngayRa": _wire_minute(v["discharged_at"]) if v.get("discharged_at") else None,
                    "tenBenh": v["diagnosis"],
                    "tinhTrang": v["status_code"],
                    "kqDieuTri": v["outcome_code"],
                    "lyDoVV": v["reason_code"],
                }
                for v in card.get("visits", [])
            ],
            "dsLichSuKT2018": [
                {
                    "userKT": c["checked_by"],
                    "thoiGianKT": _wire_minute(c["checked_at"]),
                    "thongBao": c["message"],
                    "maLoi": c["result_code"],
                }
                for c in card.get("checks", [])
            ],
        }
    )
    new = card.get("new_card")
    if new and outcome.code in ("003", "004"):
        reply.update(
            {
                "maTheMoi": new["card_code"],
                "gtTheTuMoi": _wire_date(new["valid_from"]),
                "gtTheDenMoi": _wire_date(new["valid_to"]),
                "maDKBDMoi": new["facility_code"],
                "tenDKBDMoi": new["facility_name"],
            }
        )
    return reply


_SHOWN = frozenset(
    {"000", "001", "002", "003", "004", "010", "110", "120", "121", "122", "123", "124", "130"}
)


def _bad_params(note: str | None = None) -> dict[str, Any]:
    return _full("205", note or ResultCode("205").message_vi)


@handles("gatewayCardCheck")
def card_check(ctx: Ctx) -> dict[str, Any]:
    q = ctx.query
    account = _account(
        ctx.sandbox,
        str(q.get("token", "")),
        str(q.get("id_token", "")),
        str(q.get("username", "")),
        str(q.get("password", "")),
    )
    if account is None:
        return _full("401", _AUTH_FAILED)
    body = payload(ctx)
    for name in ("hoTenCb", "cccdCb"):
        if not body.get(name, "").strip():
            # The gateway's answer to an empty staff field, as a production HIS quotes it.
            return _bad_params(f"Null {name}")
    key = str(body.get("maThe", "")).strip().upper()
    birth = _wire_birth(str(body.get("ngaySinh", "")))
    if birth is None or len(key) not in (10, 12, 15):
        return _bad_params()
    if len(key) != 15 and not (key.isascii() and key.isdigit()):
        return _bad_params()
    if len(key) == 15 and not (key[:2].isalpha() and key[2:].isascii() and key[2:].isdigit()):
        return _full("051", ResultCode("051").message_vi)
    now = ctx.sandbox.now()
    outcome = evaluate(
        ctx.store,
        ctx.sandbox.today(),
        facility_code=account["facility_code"],
        key=key,
        full_name=str(body.get("hoTen", "")),
        birth=birth,
        operator_name=str(body.get("hoTenCb", "")),
        operator_id=str(body.get("cccdCb", "")).strip(),
    )
    record_check(ctx.store, outcome, account["username"], now)
    return wire_reply(outcome, _SHOWN)


def _upload(ctx: Ctx, kind: str, standard: str) -> dict[str, Any]:
    headers = ctx.headers
    form = payload(ctx)
    account = _account(
        ctx.sandbox,
        headers.get("accesstoken", ""),
        headers.get("tokenid", ""),
        form.get("username", ""),
        headers.get("passwordhash", ""),
    )
    if account is None:
        return {"maKetQua": "401", "thongDiep": _AUTH_FAILED}
    facility = account["facility_code"]
    if (
        form.get("loaiHoSo") != kind
        or form.get("maCSKCB") != facility
        or form.get("maTinh") != facility[:2]
        or not form.get("fileHSBase64")
    ):
        return {
            "maKetQua": "205",
            "thongDiep": "Lỗi sai định dạng tham số (loaiHoSo, maTinh, maCSKCB)",
        }
    try:
        envelope = decode_file(form["fileHSBase64"])
        if kind == "0":
            doc = receive_check_in(ctx.sandbox, facility, envelope)
            if doc["status"] == "rejected":
                first = doc["errors"][0]
                return {
                    "maKetQua": "123",
                    "maGiaoDich": doc["transaction_id"],
                    "thongDiep": f"{first['table']}.{first['field']}: {first['message']}",
                }
        else:
            doc = receive_claim(ctx.sandbox, facility, envelope, standard)
    except InvalidClaimXml as exc:
        return {"maKetQua": "123", "thongDiep": str(exc)}
    except ClaimRefused as exc:
        return {"maKetQua": exc.code, "thongDiep": exc.detail}
    received = dt.datetime.fromisoformat(doc["received_at"])
    return {
        "maKetQua": "200",
        "maGiaoDich": doc["transaction_id"],
        "thoiGianTiepNhan": received.strftime("%Y%m%d%H%M%S"),
        "thongDiep": "Tiếp nhận thành công",
    }


@handles("gatewayCheckIn")
def check_in(ctx: Ctx) -> dict[str, Any]:
    return _upload(ctx, "0", "QD3176")


@handles("gatewaySubmitClaim")
def submit_claim(ctx: Ctx) -> dict[str, Any]:
    return _upload(ctx, "130", "QD3176")


@handles("gatewayCheckInQd4750")
def check_in_qd4750(ctx: Ctx) -> dict[str, Any]:
    return _upload(ctx, "0", "QD4750")


@handles("gatewaySubmitClaimQd4750")
def submit_claim_qd4750(ctx: Ctx) -> dict[str, Any]:
    return _upload(ctx, "130", "QD4750")


@handles("gatewaySubmitClaimQd130")
def submit_claim_qd130(ctx: Ctx) -> dict[str, Any]:
    # QĐ 130 files are read as QĐ 130 amended by QĐ 4750, the earliest field sets shipped.
    return _upload(ctx, "130", "QD4750")
