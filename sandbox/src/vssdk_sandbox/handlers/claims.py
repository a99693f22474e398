"""Sandbox handlers of the claims area, and the receiving logic both dialects share.

A dossier is read with vssdk's own hardened, liberal parser and rules (``vssdk.claims``), every
table kept. Only unreadable envelopes are refused at once (``123`` wrong file format, ``205``
wrong parameters); readable ones get a receipt (``received`` + ``maGiaoDich``) even when their
content breaks rules, as at the real gateway, whose content checks come later. On the next tick
they are ``accepted`` or ``rejected`` with errors by table, row and field (warnings, such as
rounding within the standard's step, never reject) and, once accepted, are *simulated* as
assessed 24 hours later (fund share approved in full). Re-sending a MA_LK supersedes the earlier
version once the new one is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vssdk.claims import (
    CheckInFile,
    ClaimDossier,
    ClaimIssue,
    InvalidClaimXml,
    parse_envelope,
    read_dossier,
    validate_check_in,
)
from vssdk.errors import InvalidArgument
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.handlers.cards import facility_of
from vssdk_sandbox.kit import Ctx, Reply, field_error, handles, on_tick, problem

__all__ = ["ClaimRefused", "receive_check_in", "receive_claim"]

MAX_FILE_BYTES = 20 * 1024 * 1024  # the gateway's daytime limit (code 1001)
ASSESSMENT_DELAY = dt.timedelta(hours=24)
_MESSAGES = {
    "123": "Lỗi sai định dạng file",
    "205": "Lỗi sai định dạng tham số",
    "1001": "Dung lượng file vượt quá giới hạn cho phép",
}


class ClaimRefused(Exception):
    """The file cannot be received: ``code`` is the gateway's ``maKetQua``."""

    def __init__(self, code: str, detail: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.errors = errors or []

    @property
    def message(self) -> str:
        return _MESSAGES.get(self.code, self.detail)

    def as_problem(self) -> Exception:
        return problem(
            422,
            "Unprocessable Entity",
            detail=self.detail,
            slug="claim-file-refused",
            vss_code=self.code,
            vss_message=self.message,
            errors=self.errors,
        )


def _issue_doc(issue: ClaimIssue) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "table": issue.table,
        "field": issue.field,
        "rule": issue.rule,
        "message": issue.message,
    }
    if issue.row is not None:
        doc["row"] = issue.row
    return doc


def _transaction_id(sandbox: Sandbox, facility: str) -> str:
    return f"{facility}{sandbox.now():%Y%m%d%H%M%S}{sandbox.store.next_number('maGiaoDich'):06d}"


def _read(envelope: bytes, facility: str) -> None:
    if len(envelope) > MAX_FILE_BYTES:
        raise ClaimRefused("1001", "the file is larger than the gateway accepts")
    try:
        env = parse_envelope(envelope)
    except InvalidClaimXml as exc:
        raise ClaimRefused("123", str(exc), [field_error(exc.argument, exc.reason)]) from None
    if env.facility_code != facility:
        raise ClaimRefused("205", f"MACSKCB {env.facility_code} is not the sender {facility}")


def _amounts(dossier: object) -> dict[str, str] | None:
    if not isinstance(dossier, ClaimDossier):
        return None
    s = dossier.summary
    values = (s.t_tongchi_bv, s.t_tongchi_bh, s.t_bhtt, s.t_bncct, s.t_bntt)
    if any(v is None for v in values):
        return None
    names = ("total", "insured", "fund", "patient_copay", "patient_outside")
    return {name: f"{value:f}" for name, value in zip(names, values, strict=True)}


def _period(dossier: object, sandbox: Sandbox) -> str:
    if isinstance(dossier, ClaimDossier):
        s = dossier.summary
        if s.nam_qt is not None and s.thang_qt is not None and 1 <= s.thang_qt <= 12:
            return f"{s.nam_qt:04d}-{s.thang_qt:02d}"
    return f"{sandbox.now():%Y-%m}"


def receive_claim(
    sandbox: Sandbox, facility: str, envelope: bytes, standard: str, *, link_key: str | None = None
) -> dict[str, Any]:
    """Receive one dossier; the public ``ClaimSubmission`` document (raises ClaimRefused).
    ``link_key`` (a new version of a claim) requires the dossier to carry that ``MA_LK``."""
    _read(envelope, facility)
    try:
        dossier = read_dossier(envelope, standard_name=standard)
    except InvalidArgument as exc:
        raise ClaimRefused("123", str(exc), [field_error(exc.argument, exc.reason)]) from None
    store = sandbox.store
    link = dossier.link_key
    if link_key is not None and link != link_key:
        raise ClaimRefused(
            "205", f"a new version keeps MA_LK {link_key}, the file carries {link}",
            [field_error("XML1.MA_LK", "differs from the claim's MA_LK")],
        )  # fmt: skip
    earlier = store.find("claims", facility=facility, link_key=link)
    found = dossier.validate()
    public: dict[str, Any] = {
        "id": sandbox.new_id("clm"),
        "facility_code": facility,
        "link_key": link,
        "version": len(earlier) + 1,
        "standard": dossier.standard,
        "status": "received",
        "transaction_id": _transaction_id(sandbox, facility),
        "received_at": sandbox.now().isoformat(),
    }
    amounts = _amounts(dossier)
    if amounts is not None:
        public["amounts"] = amounts
    warnings = [_issue_doc(i) for i in found if i.severity == "warning"]
    if warnings:
        public["warnings"] = warnings
    issues = [_issue_doc(i) for i in found if i.severity == "error"]
    store.put(
        "claims",
        public["id"],
        {"public": public, "issues": issues, "facility": facility, "link_key": link,
         "status": "received", "period": _period(dossier, sandbox)},
    )  # fmt: skip
    # Only now that the new version is stored does the earlier one stop counting.
    for old in earlier:
        if old["public"]["status"] not in ("superseded", "withdrawn"):
            old["public"]["status"] = "superseded"
            old["status"] = "superseded"
            store.put("claims", old["public"]["id"], old)
    sandbox.emit("claim.received", {"id": public["id"], "link_key": link}, owner=facility)
    return public


def receive_check_in(sandbox: Sandbox, facility: str, document: bytes) -> dict[str, Any]:
    """Receive an XML0 document; the public ``CheckInReceipt`` (raises ClaimRefused)."""
    if len(document) > MAX_FILE_BYTES:
        raise ClaimRefused("1001", "the file is larger than the gateway accepts")
    try:
        rows = CheckInFile.from_xml(document).rows
    except InvalidArgument as exc:
        raise ClaimRefused("123", str(exc), [field_error(exc.argument, exc.reason)]) from None
    if any(row.ma_cskcb != facility for row in rows):
        raise ClaimRefused("205", f"MA_CSKCB differs from the sender {facility}")
    issues = [_issue_doc(i) for i in validate_check_in(rows) if i.severity == "error"]
    doc: dict[str, Any] = {
        "id": sandbox.new_id("cki"),
        "facility_code": facility,
        "status": "rejected" if issues else "accepted",
        "transaction_id": _transaction_id(sandbox, facility),
        "received_at": sandbox.now().isoformat(),
        "rows": len(rows),
        "errors": issues,
    }
    sandbox.store.put("check_ins", doc["id"], doc)
    return doc


@on_tick
def progress_claims(sandbox: Sandbox) -> None:
    """received → accepted/rejected at once; accepted → assessed after 24 simulated hours."""
    store = sandbox.store
    now = sandbox.now()
    for doc in store.find("claims", status="received"):
        public = doc["public"]
        public["status"] = "rejected" if doc["issues"] else "accepted"
        if doc["issues"]:
            public["errors"] = doc["issues"]
        doc["status"] = public["status"]
        store.put("claims", public["id"], doc)
    for doc in store.find("claims", status="accepted"):
        public = doc["public"]
        received = dt.datetime.fromisoformat(public["received_at"])
        if now - received >= ASSESSMENT_DELAY:
            public["status"] = "assessed"
            public["assessment"] = {
                "approved_amount": public["amounts"]["fund"],
                "denied_amount": "0",
                "assessed_at": now.isoformat(),
                "note": "simulated by the sandbox: the fund share is approved in full",
            }
            doc["status"] = "assessed"
            store.put("claims", public["id"], doc)


def _own_facility(ctx: Ctx) -> str:
    facility = facility_of(ctx, None)
    if ctx.path["facility_code"] != facility:
        raise problem(403, "Forbidden", detail="a facility may only use its own facility code")
    return facility


@handles("submitClaim")
def submit_claim(ctx: Ctx) -> Reply:
    facility = _own_facility(ctx)
    try:
        public = receive_claim(
            ctx.sandbox, facility, bytes(ctx.raw_body), str(ctx.query.get("standard", "QD3176"))
        )
    except ClaimRefused as exc:
        raise exc.as_problem() from None
    return Reply(body=public, status=202)


@handles("getClaim")
def get_claim(ctx: Ctx) -> dict[str, Any]:
    facility = _own_facility(ctx)
    doc = ctx.store.get("claims", ctx.path["claim_id"])
    if doc is None or doc["facility"] != facility:
        raise problem(404, "Not Found", detail="no such claim for this facility")
    public: dict[str, Any] = doc["public"]
    return public


@handles("submitCheckIn")
def submit_check_in(ctx: Ctx) -> Reply:
    facility = _own_facility(ctx)
    try:
        doc = receive_check_in(ctx.sandbox, facility, bytes(ctx.raw_body))
    except ClaimRefused as exc:
        raise exc.as_problem() from None
    return Reply(body=doc, status=202)


def _own_claim(ctx: Ctx) -> tuple[str, dict[str, Any]]:
    facility = _own_facility(ctx)
    doc = ctx.store.get("claims", ctx.path["claim_id"])
    if doc is None or doc["facility"] != facility:
        raise problem(404, "Not Found", detail="no such claim for this facility")
    return facility, doc


def _page(ctx: Ctx, where: dict[str, Any]) -> dict[str, Any]:
    items, cursor = ctx.store.page(
        "claims", where=where, cursor=ctx.query.get("cursor"), limit=int(ctx.query.get("limit", 50))
    )
    return {"items": [d["public"] for d in items], "next_cursor": cursor}


@handles("listClaims")
def list_claims(ctx: Ctx) -> dict[str, Any]:
    facility = _own_facility(ctx)
    where = {
        "facility": facility,
        "status": ctx.query.get("status"),
        "period": ctx.query.get("period"),
        "link_key": ctx.query.get("link_key"),
    }
    return _page(ctx, where)


@handles("listClaimVersions")
def list_claim_versions(ctx: Ctx) -> dict[str, Any]:
    facility, doc = _own_claim(ctx)
    return _page(ctx, {"facility": facility, "link_key": doc["link_key"]})


@handles("submitClaimVersion")
def submit_claim_version(ctx: Ctx) -> Reply:
    facility, doc = _own_claim(ctx)
    if doc["status"] == "withdrawn":
        raise problem(409, "Conflict", detail="a withdrawn claim cannot get a new version")
    try:
        public = receive_claim(
            ctx.sandbox,
            facility,
            bytes(ctx.raw_body),
            str(ctx.query.get("standard", "QD3176")),
            link_key=doc["link_key"],
        )
    except ClaimRefused as exc:
        raise exc.as_problem() from None
    return Reply(body=public, status=202)


@handles("withdrawClaim")
def withdraw_claim(ctx: Ctx) -> dict[str, Any]:
    _, doc = _own_claim(ctx)
    if doc["status"] in ("assessed", "superseded", "withdrawn"):
        raise problem(
            409, "Conflict", detail=f"a claim that is {doc['status']} cannot be withdrawn"
        )
    public = doc["public"]
    public["status"] = doc["status"] = "withdrawn"
    public["withdrawn_at"] = ctx.sandbox.now().isoformat()
    public["withdrawal_reason"] = str(ctx.body["reason"])
    ctx.store.put("claims", public["id"], doc)
    return dict(public)


_CHECKS = (("timeliness", dt.timedelta(hours=6)), ("structure", dt.timedelta(hours=24)),
           ("card_data", dt.timedelta(hours=48)))  # fmt: skip


@handles("getClaimFeedback")
def get_claim_feedback(ctx: Ctx) -> dict[str, Any]:
    """The portal's three automated checks, simulated on the sandbox clock: each is pending
    until its window has passed; structure fails when the claim was rejected (its errors)."""
    _, doc = _own_claim(ctx)
    public = doc["public"]
    received = dt.datetime.fromisoformat(public["received_at"])
    now = ctx.sandbox.now()
    checks: list[dict[str, Any]] = []
    for name, window in _CHECKS:
        due = received + window
        check: dict[str, Any] = {"name": name, "due_at": due.isoformat(), "status": "pending"}
        if name == "structure" and doc["status"] != "received" and doc["issues"]:
            check.update(status="failed", errors=doc["issues"])
        elif now >= due or (name == "structure" and doc["status"] != "received"):
            check["status"] = "passed"
        checks.append(check)
    feedback: dict[str, Any] = {
        "claim_id": public["id"],
        "link_key": public["link_key"],
        "version": public["version"],
        "status": public["status"],
        "simulated": True,
        "checks": checks,
    }
    if "assessment" in public:
        feedback["assessment"] = public["assessment"]
    return feedback
