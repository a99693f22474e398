"""Sandbox handlers of the declarations area: employer profile, dossiers, contribution notices.

On submission the sandbox does what BHXH's side does: decodes each file, checks its XMLDSig
signature (integrity under the certificate it carries; a tampered file is refused with 422),
checks that each file is the declared form for this unit and period, re-checks the rules with
:mod:`vssdk.declarations`, checks decreases and adjustments against its register (the person must
be a participant of the unit, under the same name) and computes the month's contributions.
The outcome is revealed by the ``@on_tick`` lifecycle on the sandbox clock:

- +5 min ``received``: dossier number ``NNNNN/YYYY/<agency>`` and an appointment date (+3 days)
- +1 h ``processing``
- +4 h ``accepted`` (with the notification of contributions due) or ``rejected`` (reasons per row)

A unit starts with no registered certificate (any signer accepted). An accepted registration of
e-transactions (DK-GD, signed with the certificate it declares) registers that certificate, by
its SHA-256 fingerprint (a serial number is public, so it identifies nothing), valid for the
dates the certificate itself carries (narrowed by the declared dates). From then on every file of
the unit, DK-GD included, must be signed with it while it is valid (422
``signature.unregistered_certificate`` / ``signature.certificate_expired``): a stop (kind 3) is
signed with the registered certificate, and a change to a new certificate (kind 2) carries the
DK-GD twice, signed with the registered certificate (the unit agrees) and with the new one (it
holds the new key).

Events ``dossier.received``, ``dossier.completed`` and ``dossier.rejected`` go to the submitting
vendor. Any organisation with the ``employer.declarations`` scope may file for any seeded unit;
each vendor sees only the dossiers it filed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import unicodedata
from typing import TYPE_CHECKING, Any

import attrs

from vssdk.contract import mask
from vssdk.declarations import (
    D02LT,
    D03TS,
    D05TS,
    TK3TS,
    ETransactionRegistration,
    Month,
    validate,
)
from vssdk.declarations.amounts import FUNDS, contributions
from vssdk.declarations.codes import ChangeKind, plan_rule
from vssdk.declarations.errors import SignatureInvalid
from vssdk.errors import InvalidArgument
from vssdk_sandbox.kit import (
    Ctx,
    Reply,
    SandboxProblem,
    field_error,
    handles,
    on_tick,
    problem,
)

if TYPE_CHECKING:
    from vssdk.declarations.forms import Form
    from vssdk_sandbox.app import Sandbox

DOSSIERS = "employer_dossiers"
NATURAL_KEYS = "employer_dossier_keys"
CERTIFICATES = "employer_certificates"
_INTERNAL = (
    "owner",
    "natural_key",
    "outcome",
    "notice",
    "agency_code",
    "next_at",
    "registration",
    "unit_changes",
)
_STEPS = (("received", 5 * 60), ("processing", 3600), ("decided", 4 * 3600))
MAX_MONTHS_AHEAD = 3  # an increase for the coming months is declared early; 9999-12 is not
_BUSY = "declarations.ticking"  # re-entrancy guard: a tick can emit events that tick again


def _view(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in _INTERNAL}


def _employer(ctx: Ctx) -> dict[str, Any]:
    unit = ctx.path["unit_code"]
    doc = ctx.store.get("employers", unit)
    if doc is None:
        raise problem(
            404,
            "Not Found",
            detail=f"no unit {unit}",
            vss_code="404",
            vss_message="Không tìm thấy đơn vị",
        )
    return doc


@handles("getEmployerProfile")
def get_employer(ctx: Ctx) -> dict[str, Any]:
    doc = _employer(ctx)
    fields = (
        "unit_code",
        "name",
        "region",
        "agency_code",
        "tax_code",
        "province_code",
        "address",
        "payment_mode",
    )
    return {k: doc[k] for k in fields if doc.get(k) is not None}


# --- submission -------------------------------------------------------------------------------


def _unprocessable(path: str, message: str, code: str, detail: str) -> Exception:
    return problem(
        422,
        "Unprocessable Entity",
        detail=detail,
        slug="dossier-refused",
        vss_code=code,
        vss_message="Hồ sơ không hợp lệ",
        errors=[field_error(path, message, code=code)],
    )


def _decode(index: int, item: dict[str, Any]) -> bytes:
    try:
        return base64.b64decode(item["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        raise _unprocessable(
            f"body.files[{index}].content_base64",
            "not base64",
            "file.encoding",
            "a file is not base64",
        ) from None


@attrs.frozen(slots=True)
class _Signer:
    """Who signed a file: certificate fingerprint, hex serial and validity dates."""

    fingerprint: str
    serial: str
    valid_from: str
    valid_to: str


def _read_file(index: int, item: dict[str, Any], data: bytes) -> tuple[Form, _Signer]:
    from vssdk.declarations.signing import verify_xml

    path = f"body.files[{index}].content_base64"
    try:
        verified = verify_xml(data, trust_embedded=True)
    except SignatureInvalid as exc:
        raise _unprocessable(path, exc.reason, "signature.invalid", str(exc)) from None
    except (InvalidArgument, ValueError, OverflowError) as exc:  # any value it cannot read
        reason = str(exc) if isinstance(exc, InvalidArgument) else "a value cannot be read"
        raise _unprocessable(path, reason, "file.unreadable", "a file cannot be read") from None
    if verified.form.form_code != item["form_code"]:
        raise _unprocessable(
            f"body.files[{index}].form_code",
            f"the file holds {verified.form.form_code}",
            "file.form_code",
            "declared form code and file disagree",
        )
    cert = verified.certificate
    signer = _Signer(
        fingerprint=verified.fingerprint,
        serial=_serial(cert.serial_number),
        valid_from=cert.not_valid_before_utc.date().isoformat(),
        valid_to=cert.not_valid_after_utc.date().isoformat(),
    )
    return verified.form, signer


def _serial(number: int) -> str:
    return format(number, "x")


def _registered_signer(registered: dict[str, Any], signer: _Signer) -> bool:
    # Registrations from before fingerprints were kept match nothing: re-register.
    return bool(registered.get("fingerprint")) and signer.fingerprint == registered["fingerprint"]


def _is_new_certificate(form: Form, signer: _Signer) -> bool:
    """A DK-GD changing the certificate (kind 2), signed with the certificate it declares."""
    return (
        isinstance(form, ETransactionRegistration)
        and form.kind == "2"
        and (form.certificate_serial.lower().lstrip("0") or "0") == signer.serial
    )


def _check_signers(ctx: Ctx, unit: str, forms: list[Form], signers: list[_Signer]) -> None:
    """Once a unit has registered its certificate (an accepted DK-GD), only it may sign.

    The one exception is the new certificate's own copy of a change (kind 2) — and only when the
    dossier also carries a copy signed with the registered certificate.
    """
    registered = ctx.store.get(CERTIFICATES, unit)
    if registered is None:
        return
    consented = any(_registered_signer(registered, s) for s in signers)
    for index, (form, signer) in enumerate(zip(forms, signers, strict=True)):
        if _is_new_certificate(form, signer) and consented:
            continue
        _check_certificate(ctx, registered, index, signer)


def _check_certificate(ctx: Ctx, registered: dict[str, Any], index: int, signer: _Signer) -> None:
    path = f"body.files[{index}].content_base64"
    if not _registered_signer(registered, signer):
        raise _unprocessable(
            path,
            f"signed with certificate {signer.serial} (SHA-256 {signer.fingerprint[:16]}…), "
            f"not the unit's registered certificate {registered['serial']}",
            "signature.unregistered_certificate",
            "the file is not signed with the unit's registered certificate",
        )
    today = ctx.sandbox.today().isoformat()
    if not registered["valid_from"] <= today <= registered["valid_to"]:
        raise _unprocessable(
            path,
            "the registered certificate is not valid today",
            "signature.certificate_expired",
            "the unit's registered certificate has expired",
        )


def _registration(
    forms: list[Form], signers: list[_Signer]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The certificate a DK-GD in this dossier registers, and its mismatch with the signer.

    Of several DK-GD copies (a change), the one signed with the certificate it declares counts.
    """
    pairs = [
        (form, signer)
        for form, signer in zip(forms, signers, strict=True)
        if isinstance(form, ETransactionRegistration)
    ]
    pairs.sort(key=lambda p: not _is_new_certificate(p[0], p[1]))
    for form, signer in pairs:
        assert isinstance(form, ETransactionRegistration)
        declared = form.certificate_serial.lower().lstrip("0") or "0"
        serial = signer.serial
        errors = []
        if form.kind != "3" and declared != serial:
            errors.append(
                {
                    "form_code": form.form_code,
                    "field": "certificate_serial",
                    "rule": "registration.certificate_mismatch",
                    "message": f"declares certificate {declared}, signed with {serial}",
                }
            )
        # Validity is the certificate's own, narrowed (never widened) by the declared dates.
        data = {
            "kind": form.kind,
            "serial": declared,
            "fingerprint": signer.fingerprint,
            "valid_from": max(signer.valid_from, form.certificate_valid_from.isoformat()),
            "valid_to": min(signer.valid_to, form.certificate_valid_to.isoformat()),
        }
        return data, errors
    return None, []


def _check_scope(index: int, form: Form, unit: str, period: Month) -> None:
    path = f"body.files[{index}].content_base64"
    if isinstance(form, D02LT | D03TS | D05TS):
        if form.employer.unit_code != unit:
            raise _unprocessable(path, "file is for another unit", "file.unit", "unit mismatch")
        if form.period != period:
            raise _unprocessable(path, "file is for another period", "file.period", "period")
    elif isinstance(form, ETransactionRegistration) and form.unit_code != unit:
        raise _unprocessable(path, "file is for another unit", "file.unit", "unit mismatch")
    elif isinstance(form, TK3TS) and form.kind == "1":
        raise _unprocessable(
            path,
            "the unit is already registered: a first registration (kind 1) is for a unit "
            "without a code; file a change (kind 2)",
            "file.unit_registered",
            "unit already registered",
        )
    elif isinstance(form, TK3TS) and form.unit_code != unit:
        raise _unprocessable(path, "file is for another unit", "file.unit", "unit mismatch")


def _rows(form: Form) -> int:
    if isinstance(form, D02LT | D03TS | D05TS):
        return len(form.rows)
    return 1


def _notice_data(forms: list[Form]) -> dict[str, Any] | None:
    lists = [f for f in forms if isinstance(f, D02LT)]
    if not lists:
        return None
    employees = 0
    funds = {fund: [0, 0] for fund in FUNDS}
    for form in lists:
        schedule = contributions(form)
        employees += sum(1 for r in schedule.rows if r.counted)
        for fund, totals in schedule.by_fund.items():
            funds[fund][0] += totals.employee
            funds[fund][1] += totals.employer
    lines: list[dict[str, Any]] = [
        {"fund": f, "employee": e, "employer": r, "total": e + r} for f, (e, r) in funds.items()
    ]
    employee_total = sum(e for e, _ in funds.values())
    employer_total = sum(r for _, r in funds.values())
    return {
        "employees": employees,
        "funds": lines,
        "employee_total": employee_total,
        "employer_total": employer_total,
        "total": employee_total + employer_total,
    }


@attrs.frozen(slots=True)
class _Read:
    """One file as ``_prepare`` read it: the form, its signer and its rule violations, or the
    problem that refused it (raised in the handler, where the file's turn comes)."""

    form: Form | None = None
    signer: _Signer | None = None
    violations: tuple[Any, ...] = ()
    refused: Exception | None = None


def _prepare(ctx: Ctx) -> list[_Read]:
    """Decode, verify and rule-check every file, without the store's lock (the costly part)."""
    out: list[_Read] = []
    for index, item in enumerate(ctx.body["files"]):
        try:
            form, signer = _read_file(index, item, _decode(index, item))
        except SandboxProblem as exc:
            out.append(_Read(refused=exc))
            continue
        out.append(_Read(form, signer, tuple(validate(form))))
    return out


@handles("submitEmployerDossier", prepare=_prepare)
def submit(ctx: Ctx) -> Reply:
    principal = ctx.require_principal()
    employer = _employer(ctx)
    body = ctx.body
    unit = employer["unit_code"]
    period = Month.parse(body["period"])
    latest = Month.of(ctx.sandbox.today()).add(MAX_MONTHS_AHEAD)
    if period > latest:
        raise problem(
            422,
            "Unprocessable Entity",
            detail=f"a dossier may declare at most {MAX_MONTHS_AHEAD} months ahead (to {latest})",
            slug="validation-failed",
            vss_code="period.future",
            errors=[field_error("body.period", f"is after {latest}", code="period.future")],
        )
    files = [(item, _decode(index, item)) for index, item in enumerate(body["files"])]
    # the same files again (a resend) → the existing dossier, before any costly check
    digest = hashlib.sha256(f"{unit}|{body['procedure_code']}|{period}".encode())
    for item, data in files:
        digest.update(item["form_code"].encode() + b"\0" + hashlib.sha256(data).digest())
    natural_key = f"{principal.subject}:{digest.hexdigest()}"
    existing = ctx.store.get(NATURAL_KEYS, natural_key)
    if existing is not None:
        doc = ctx.store.get(DOSSIERS, existing["dossier_id"])
        if doc is not None:
            return Reply(_view(doc), status=200)
    forms: list[Form] = []
    signers: list[_Signer] = []
    infos: list[dict[str, Any]] = []
    prepared: list[_Read] = ctx.prepared or _prepare(ctx)
    for index, read in enumerate(prepared):
        if read.refused is not None:
            raise read.refused
        form, signer = read.form, read.signer
        assert form is not None
        assert signer is not None
        _check_scope(index, form, unit, period)
        forms.append(form)
        signers.append(signer)
        infos.append(
            {
                "form_code": form.form_code,
                "rows": _rows(form),
                "signer_fingerprint": signer.fingerprint,
            }
        )
    _check_signers(ctx, unit, forms, signers)
    errors = [
        {"form_code": read.form.form_code, **_violation(v)}
        for read in prepared
        if read.form is not None
        for v in read.violations
    ]
    errors.extend(_register_checks(ctx, unit, forms))
    registration, mismatch = _registration(forms, signers)
    errors.extend(mismatch)
    now = ctx.sandbox.now()
    dossier_id = ctx.sandbox.new_id("dos")
    doc = {
        "id": dossier_id,
        "unit_code": unit,
        "procedure_code": body["procedure_code"],
        "period": str(period),
        "status": "submitted",
        "submitted_at": now.isoformat(),
        "files": infos,
        "status_history": [{"status": "submitted", "at": now.isoformat()}],
        "errors": [],
        "documents": [],
        "owner": principal.subject,
        "agency_code": employer.get("agency_code", "00000"),
        "natural_key": natural_key,
        "outcome": errors,
        "notice": None if errors else _notice_data(forms),
        "registration": registration,
        "unit_changes": _unit_changes(forms),
        "next_at": (now + dt.timedelta(seconds=_STEPS[0][1])).isoformat(),
    }
    ctx.store.put(DOSSIERS, dossier_id, doc)
    ctx.store.put(NATURAL_KEYS, natural_key, {"dossier_id": dossier_id})
    return Reply(_view(doc), status=201)


def _register_checks(ctx: Ctx, unit: str, forms: list[Form]) -> list[dict[str, Any]]:
    """What only BHXH's register can tell: a decrease or adjustment must name a participant of
    this unit (the seeded population), under the name BHXH holds for that SI code."""
    out: list[dict[str, Any]] = []
    for form in forms:
        if not isinstance(form, D02LT):
            continue
        for index, row in enumerate(form.rows, start=1):
            if plan_rule(row.plan).kind is ChangeKind.INCREASE or row.si_code is None:
                continue
            person = ctx.store.get("people", row.si_code)
            if person is None or person.get("employer") != unit:
                out.append(
                    {
                        "form_code": form.form_code,
                        "row": index,
                        "field": "si_code",
                        "rule": "register.not_participant",
                        "message": f"{mask(row.si_code)} is not a participant of unit {unit}",
                    }
                )
            elif _name_key(person.get("full_name", "")) != _name_key(row.full_name):
                out.append(
                    {
                        "form_code": form.form_code,
                        "row": index,
                        "field": "full_name",
                        "rule": "register.name_mismatch",
                        "message": "the name differs from the one BHXH holds for this SI code",
                    }
                )
    return out


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _violation(v: Any) -> dict[str, Any]:
    out = {"field": v.field, "rule": v.rule, "message": v.message}
    if v.row is not None:
        out["row"] = v.row
    return out


# --- reading ----------------------------------------------------------------------------------


def _own_dossier(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    doc = ctx.store.get(DOSSIERS, ctx.path["dossier_id"])
    if (
        doc is None
        or doc["unit_code"] != ctx.path["unit_code"]
        or doc["owner"] != principal.subject
    ):
        raise problem(
            404,
            "Not Found",
            detail=f"no dossier {ctx.path['dossier_id']} for this unit",
            vss_code="404",
            vss_message="Không tìm thấy hồ sơ",
        )
    return doc


@handles("getEmployerDossier")
def get_dossier(ctx: Ctx) -> dict[str, Any]:
    return _view(_own_dossier(ctx))


@handles("listEmployerDossiers")
def list_dossiers(ctx: Ctx) -> dict[str, Any]:
    principal = ctx.require_principal()
    _employer(ctx)
    where = {
        "unit_code": ctx.path["unit_code"],
        "owner": principal.subject,
        "status": ctx.query.get("status"),
        "period": ctx.query.get("period"),
    }
    items, cursor = ctx.store.page(
        DOSSIERS, where=where, cursor=ctx.query.get("cursor"), limit=int(ctx.query.get("limit", 50))
    )
    return {"items": [_view(d) for d in items], "next_cursor": cursor}


@handles("getContributionNotice")
def get_contribution_notice(ctx: Ctx) -> dict[str, Any]:
    doc = _own_dossier(ctx)
    if doc["status"] != "accepted" or doc.get("notice") is None:
        raise problem(
            404,
            "Not Found",
            detail="no notification of contributions for this dossier (not accepted, or no D02-LT)",
            vss_code="404",
            vss_message="Chưa có thông báo kết quả đóng",
        )
    notice = doc["notice"]
    return {
        "document_id": f"c12_{doc['id'].split('_', 1)[1]}",
        "dossier_id": doc["id"],
        "unit_code": doc["unit_code"],
        "period": doc["period"],
        **{k: notice[k] for k in ("employees", "funds", "employee_total", "employer_total")},
        "total": notice["total"],
        "issued_at": doc["decided_at"],
    }


# --- lifecycle --------------------------------------------------------------------------------


def _advance(box: Sandbox, doc: dict[str, Any], at: dt.datetime) -> tuple[str, dict[str, Any]]:
    status = doc["status"]
    if status == "submitted":
        number = box.store.next_number(f"dossier_number:{doc['agency_code']}:{at.year}")
        doc["dossier_number"] = f"{number:05d}/{at.year}/{doc['agency_code']}"
        doc["appointment_date"] = (at.date() + dt.timedelta(days=3)).isoformat()
        doc["status"] = "received"
        doc["next_at"] = (at + dt.timedelta(seconds=_STEPS[1][1])).isoformat()
        event = "dossier.received"
    elif status == "received":
        doc["status"] = "processing"
        doc["next_at"] = (at + dt.timedelta(seconds=_STEPS[2][1])).isoformat()
        event = ""
    else:
        doc["decided_at"] = at.isoformat()
        doc["next_at"] = None
        if doc["outcome"]:
            doc["status"] = "rejected"
            doc["errors"] = doc["outcome"]
            event = "dossier.rejected"
        else:
            doc["status"] = "accepted"
            _apply_registration(box, doc)
            _apply_unit_changes(box, doc)
            if doc.get("notice") is not None:
                doc["documents"] = [
                    {
                        "document_id": f"c12_{doc['id'].split('_', 1)[1]}",
                        "kind": "contribution_notice",
                        "title": "Thông báo kết quả đóng BHXH, BHYT, BHTN, BHTNLĐ-BNN (C12-TS)",
                    }
                ]
            event = "dossier.completed"
    doc["status_history"].append({"status": doc["status"], "at": at.isoformat()})
    data = {"dossier_id": doc["id"], "unit_code": doc["unit_code"], "status": doc["status"]}
    return event, data


def _unit_changes(forms: list[Form]) -> dict[str, Any] | None:
    """What an accepted TK3-TS changes in the unit's profile."""
    for form in forms:
        if isinstance(form, TK3TS):
            return {
                "name": form.name,
                "tax_code": form.tax_code,
                "address": form.address,
                "region": form.region,
                "payment_mode": form.payment_mode.value,
                "phone": form.phone,
                "email": form.email,
            }
    return None


def _apply_unit_changes(box: Sandbox, doc: dict[str, Any]) -> None:
    changes = doc.get("unit_changes")
    employer = box.store.get("employers", doc["unit_code"])
    if changes and employer is not None:
        box.store.put("employers", doc["unit_code"], {**employer, **changes})


def _apply_registration(box: Sandbox, doc: dict[str, Any]) -> None:
    registration = doc.get("registration")
    if registration is None:
        return
    if registration["kind"] == "3":
        box.store.delete(CERTIFICATES, doc["unit_code"])
    else:
        box.store.put(CERTIFICATES, doc["unit_code"], {**registration, "dossier_id": doc["id"]})


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@on_tick
def progress(box: Sandbox) -> None:
    """Move every open dossier whose next step is due (each step stamped when it fell due)."""
    if box.state.get(_BUSY):
        return
    box.state[_BUSY] = True
    try:
        now = box.now()
        for status in ("submitted", "received", "processing"):
            for doc in box.store.find(DOSSIERS, status=status):
                events = []
                while (
                    doc["next_at"] is not None and dt.datetime.fromisoformat(doc["next_at"]) <= now
                ):
                    at = dt.datetime.fromisoformat(doc["next_at"])
                    event, data = _advance(box, doc, at)
                    if event:
                        events.append((event, data))
                box.store.put(DOSSIERS, doc["id"], doc)
                for event, data in events:
                    box.emit(event, data, owner=doc["owner"])
    finally:
        box.state[_BUSY] = False
