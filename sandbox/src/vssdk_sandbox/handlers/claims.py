"""Sandbox handlers of the claims area, and the receiving logic both dialects share.

A dossier is read with vssdk's own hardened parser and rules (``vssdk.claims``). Unreadable
envelopes are refused at once (``123`` wrong file format, ``205`` wrong parameters); readable
ones get a receipt (``received`` + ``maGiaoDich``), are checked on the next tick (``accepted`` or
``rejected`` with errors by table, row and field) and, once accepted, are *simulated* as
assessed 24 hours later (fund share approved in full). Re-sending a MA_LK supersedes it.
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


def receive_claim(
    sandbox: Sandbox, facility: str, envelope: bytes, standard: str
) -> dict[str, Any]:
    """Receive one dossier; the public ``ClaimSubmission`` document (raises ClaimRefused)."""
    _read(envelope, facility)
    try:
        dossier = ClaimDossier.from_envelope(envelope, standard_name=standard)
    except InvalidArgument as exc:
        raise ClaimRefused("123", str(exc), [field_error(exc.argument, exc.reason)]) from None
    store = sandbox.store
    link = dossier.link_key
    earlier = store.find("claims", facility=facility, link_key=link)
    for old in earlier:
        if old["public"]["status"] != "superseded":
            old["public"]["status"] = "superseded"
            old["status"] = "superseded"
            store.put("claims", old["public"]["id"], old)
    s = dossier.summary
    public: dict[str, Any] = {
        "id": sandbox.new_id("clm"),
        "facility_code": facility,
        "link_key": link,
        "version": len(earlier) + 1,
        "standard": standard,
        "status": "received",
        "transaction_id": _transaction_id(sandbox, facility),
        "received_at": sandbox.now().isoformat(),
        "amounts": {
            "total": f"{s.t_tongchi_bv:f}",
            "insured": f"{s.t_tongchi_bh:f}",
            "fund": f"{s.t_bhtt:f}",
            "patient_copay": f"{s.t_bncct:f}",
            "patient_outside": f"{s.t_bntt:f}",
        },
    }
    issues = [_issue_doc(i) for i in dossier.validate()]
    store.put(
        "claims",
        public["id"],
        {"public": public, "issues": issues, "facility": facility, "link_key": link,
         "status": "received"},
    )  # fmt: skip
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
    issues = [_issue_doc(i) for i in validate_check_in(rows)]
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
