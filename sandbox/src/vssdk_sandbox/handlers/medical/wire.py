"""The gateway's own calls: ``guiGiayToDienTu`` (loaiHs 60/61) and ``GuiHoSoChungTu2025`` (39).

The form (JSON or form-encoded, as real HIS send either) carries the token, the account and the
base64 envelope. A form that does not match the spec is a 422 (vss 205), as for the other wire
calls; every business outcome is HTTP 200 with ``MaKetQua``: 200 received (``MaGD``,
``ThoiGianTiepNhan`` yyyyMMddHHmmss), 205 bad parameters or file (``ThongDiep`` names the
element and the rule; a signature in ``CHUKYDONVI`` that does not hold), 401 token or password
refused, 1001 file too large. An empty ``CHUKYDONVI`` is accepted.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl

from jsonschema import Draft202012Validator

from vssdk.declarations import SignatureInvalid
from vssdk.medical import InvalidMedicalXml, decode_envelope, validate_builtins
from vssdk.medical.fields import envelope_of
from vssdk.medical.signing import is_signed, verify_envelope
from vssdk.medical.xml import document_builtins
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.handlers.medical.common import Refused, check, receive, transaction_id
from vssdk_sandbox.kit import Ctx, field_error, handles, problem

MAX_BASE64 = 10 * 1024 * 1024  # chosen: 10 MiB of base64 per upload (MaKetQua 1001 above)
_ACCEPTED = "Tiếp nhận thành công"
_AUTH = "Sai thông tin xác thực (token, id_token, username hoặc password)"
_PARAMS = "Tham số không hợp lệ"


def _body(raw: bytes) -> Any:
    text = raw.decode("utf-8", errors="replace").strip()
    if text.startswith(("{", "[")):
        try:
            return json.loads(text)
        except ValueError:
            return None
    return dict(parse_qsl(text, keep_blank_values=True))


def _form(ctx: Ctx) -> dict[str, str]:
    form = _body(ctx.raw_body) if not isinstance(ctx.body, dict) else ctx.body
    schema = ctx.sandbox.spec.spec["components"]["schemas"]["MedicalWireForm"]
    errors = [
        field_error("body" + "".join(f".{p}" for p in err.absolute_path), err.message, code="205")
        for err in Draft202012Validator(schema).iter_errors(form)
    ]
    if errors or not isinstance(form, dict):
        raise problem(
            422,
            "Unprocessable Entity",
            detail="the form does not match the spec",
            slug="validation-failed",
            vss_code="205",
            vss_message=_PARAMS,
            errors=errors or [field_error("body", "a form or a JSON object")],
        )
    return {k: str(v) for k, v in form.items()}


def _authenticated(box: Sandbox, form: dict[str, str]) -> str | None:
    """The account's facility when token, id_token, username and password agree."""
    token = box.store.get("gateway_tokens", form["token"])
    if token is None or token["id_token"] != form["id_token"]:
        return None
    if token["username"] != form["username"] or token["expires_at"] < box.real_time():
        return None
    account = box.store.get("gateway_accounts", form["username"])
    if account is None or form["password"].upper() != account["password_md5"]:
        return None
    return str(account["facility_code"])


def _refuse(code: str, message: str) -> dict[str, Any]:
    return {"MaKetQua": code, "ThongDiep": message}


def _upload(ctx: Ctx, allowed: tuple[str, ...]) -> dict[str, Any]:
    box = ctx.sandbox
    form = _form(ctx)
    facility = _authenticated(box, form)
    if facility is None or facility != form["maCskcb"]:
        return _refuse("401", _AUTH)
    if form["loaiHs"] not in allowed:
        return _refuse("205", f"loaiHs {form['loaiHs']} không gửi qua API này")
    if len(form["fileBase64Str"]) > MAX_BASE64:
        return _refuse("1001", "Dung lượng file vượt quá giới hạn cho phép")
    try:
        envelope = decode_envelope(form["fileBase64Str"])
        if envelope.root != envelope_of(form["loaiHs"]):
            return _refuse("205", f"fileBase64Str: gốc {envelope.root} không khớp loaiHs")
        if envelope.facility_code and envelope.facility_code != facility:
            return _refuse("205", "THONGTINDONVI.MACSKCB khác mã cơ sở gửi")
        bodies = [document_builtins(spec, content) for spec, content in envelope.documents()]
        raw = base64.b64decode("".join(form["fileBase64Str"].split()))
        if is_signed(raw):  # an empty CHUKYDONVI is accepted, as the gateway does today
            verify_envelope(raw, trust_embedded=True)
    except InvalidMedicalXml as exc:
        return _refuse("205", f"{exc.argument}: {exc.reason}")
    except SignatureInvalid as exc:
        return _refuse("205", f"CHUKYDONVI: chữ ký số không hợp lệ ({exc})")
    for index, body in enumerate(bodies):
        issues = validate_builtins(body)
        if issues:
            first = issues[0]
            return _refuse("205", f"HOSO[{index}] {first.field}: {first.message} [{first.rule}]")
    magd = transaction_id(box, facility)
    try:
        for body in bodies:
            check(box, facility, body, "body")
        with box.store.transaction():  # one upload: every certificate or none
            for body in bodies:
                receive(box, facility, form["username"], body, "wire", magd)
    except Refused as exc:
        where = exc.errors[0]["path"] if exc.errors else ""
        return _refuse("205", f"{exc.detail} {where}".strip())
    return {
        "MaKetQua": "200",
        "MaGD": magd,
        "ThoiGianTiepNhan": box.now().strftime("%Y%m%d%H%M%S"),
        "ThongDiep": _ACCEPTED,
    }


@handles("medicalWireSendDocument")
def send_document(ctx: Ctx) -> dict[str, Any]:
    return _upload(ctx, ("60", "61"))


@handles("medicalWireSendCertificates")
def send_certificates(ctx: Ctx) -> dict[str, Any]:
    return _upload(ctx, ("39",))
