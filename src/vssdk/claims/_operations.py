"""Operations of the claims area (claim data sent by health facilities, QĐ 130/4750/3176)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.claims.dossier import CheckInFile, ClaimDossier
from vssdk.claims.errors import InvalidClaim
from vssdk.claims.fields import VN_TZ
from vssdk.claims.legacy import LegacyDossier
from vssdk.claims.models import (
    CheckInReceipt,
    ClaimFeedback,
    ClaimStatus,
    ClaimSubmission,
    ClaimWithdrawal,
)
from vssdk.claims.validation import validate_check_in
from vssdk.errors import InvalidArgument

__all__ = [
    "get_claim",
    "get_feedback",
    "list_claims",
    "list_versions",
    "submit_check_in",
    "submit_claim",
    "submit_version",
    "withdraw_claim",
]

_CLAIM_ID = re.compile(r"^clm_[0-9]{6,}$")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _claim_id(claim_id: str) -> str:
    if not isinstance(claim_id, str) or not _CLAIM_ID.match(claim_id):
        raise InvalidArgument("claim_id", "must look like clm_000123")
    return claim_id


def _checked(dossier: object, validate: bool) -> ClaimDossier | LegacyDossier:
    if not isinstance(dossier, ClaimDossier | LegacyDossier):
        raise InvalidArgument("dossier", "must be a vssdk.claims.ClaimDossier or LegacyDossier")
    if validate:
        dossier.check()
    return dossier


def _today() -> dt.date:
    return dt.datetime.now(VN_TZ).date()


def _key(facility: str, link: str, envelope: bytes) -> str:
    digest = hashlib.sha256(link.encode() + b"\0" + envelope).hexdigest()
    return f"clm-{facility}-{digest[:32]}"


@operation(
    "submitClaim",
    "POST",
    "/facilities/{facility_code}/claims",
    response=ClaimSubmission,
    success=202,
    principal="organisation",
    scope="hi.claims",
    accepts_idempotency_key=True,
)
def submit_claim(
    dossier: ClaimDossier | LegacyDossier,
    *,
    created: dt.date | None = None,
    validate: bool = True,
    idempotency_key: str | None = None,
) -> Call:
    """Send one claim dossier (every table it holds); the reply is the receipt (keep
    ``transaction_id``).

    The dossier is validated first (``validate=False`` skips it, to see the receiver's own
    rejection): errors raise :class:`~vssdk.claims.InvalidClaim` listing every error; warnings
    (rounding within the standard's step, unknown columns or object groups) never block. The
    default idempotency key derives from facility, ``MA_LK`` and content, so a retry cannot
    double-send.
    """
    dossier = _checked(dossier, validate)
    envelope = dossier.to_envelope(created=created or _today())
    key = idempotency_key or _key(dossier.facility_code, dossier.link_key, envelope)
    return Call(
        path_params={"facility_code": dossier.facility_code},
        query={"standard": dossier.standard},
        body=envelope,
        content_type="application/xml",
        idempotency_key=key,
    )


@operation(
    "getClaim",
    "GET",
    "/facilities/{facility_code}/claims/{claim_id}",
    response=ClaimSubmission,
    principal="organisation",
    scope="hi.claims",
)
def get_claim(facility_code: str, claim_id: str) -> Call:
    """One submitted claim with its status, rule errors and assessment."""
    return Call(path_params={"facility_code": facility_code, "claim_id": claim_id})


@operation(
    "submitCheckIn",
    "POST",
    "/facilities/{facility_code}/check-ins",
    response=CheckInReceipt,
    success=202,
    principal="organisation",
    scope="hi.claims",
    accepts_idempotency_key=True,
)
def submit_check_in(
    check_in: CheckInFile,
    *,
    validate: bool = True,
    idempotency_key: str | None = None,
) -> Call:
    """Send XML0 (visit-start status) rows; not required for emergencies (MA_DOITUONG_KCB 2)."""
    if not isinstance(check_in, CheckInFile):
        raise InvalidArgument("check_in", "must be a vssdk.claims.CheckInFile")
    if validate:
        errors = tuple(i for i in validate_check_in(check_in.rows) if i.severity == "error")
        if errors:
            raise InvalidClaim(errors)
    document = check_in.to_xml()
    facility = check_in.facility_code
    return Call(
        path_params={"facility_code": facility},
        body=document,
        content_type="application/xml",
        idempotency_key=idempotency_key or _key(facility, check_in.rows[0].ma_lk, document),
    )


@paged_operation(
    "listClaims",
    "/facilities/{facility_code}/claims",
    item=ClaimSubmission,
    principal="organisation",
    scope="hi.claims",
)
def list_claims(
    facility_code: str,
    *,
    status: ClaimStatus | str | None = None,
    period: str | None = None,
    link_key: str | None = None,
    limit: int | None = None,
) -> Call:
    """The facility's claims (every version), oldest first; ``period`` is the settlement month
    ``yyyy-MM``. Iterates all pages."""
    if status is not None:
        try:
            status = ClaimStatus(status)
        except ValueError:
            raise InvalidArgument("status", f"unknown status {status!r}") from None
    if period is not None and not _PERIOD.match(period):
        raise InvalidArgument("period", "must be yyyy-MM")
    return Call(
        path_params={"facility_code": facility_code},
        query={"status": status, "period": period, "link_key": link_key, "limit": limit},
    )


@paged_operation(
    "listClaimVersions",
    "/facilities/{facility_code}/claims/{claim_id}/versions",
    item=ClaimSubmission,
    principal="organisation",
    scope="hi.claims",
)
def list_versions(facility_code: str, claim_id: str, *, limit: int | None = None) -> Call:
    """Every version of the claim's ``MA_LK``, oldest first."""
    return Call(
        path_params={"facility_code": facility_code, "claim_id": _claim_id(claim_id)},
        query={"limit": limit},
    )


@operation(
    "submitClaimVersion",
    "POST",
    "/facilities/{facility_code}/claims/{claim_id}/versions",
    response=ClaimSubmission,
    success=202,
    principal="organisation",
    scope="hi.claims",
    accepts_idempotency_key=True,
)
def submit_version(
    claim_id: str,
    dossier: ClaimDossier | LegacyDossier,
    *,
    created: dt.date | None = None,
    validate: bool = True,
    idempotency_key: str | None = None,
) -> Call:
    """Send a corrected version of a claim: same ``MA_LK``, version n+1. The earlier version is
    superseded only once the new one is stored. Validated first, as :func:`submit_claim`."""
    dossier = _checked(dossier, validate)
    envelope = dossier.to_envelope(created=created or _today())
    key = idempotency_key or _key(dossier.facility_code, dossier.link_key, envelope)
    return Call(
        path_params={"facility_code": dossier.facility_code, "claim_id": _claim_id(claim_id)},
        query={"standard": dossier.standard},
        body=envelope,
        content_type="application/xml",
        idempotency_key=key,
    )


@operation(
    "withdrawClaim",
    "POST",
    "/facilities/{facility_code}/claims/{claim_id}/withdrawal",
    response=ClaimSubmission,
    principal="organisation",
    scope="hi.claims",
    accepts_idempotency_key=True,
    request=ClaimWithdrawal,
)
def withdraw_claim(
    facility_code: str, claim_id: str, *, reason: str, idempotency_key: str | None = None
) -> Call:
    """Withdraw a claim's payment request (simulated by the sandbox; the claim becomes
    ``withdrawn``)."""
    if not isinstance(reason, str) or not reason.strip() or len(reason) > 500:
        raise InvalidArgument("reason", "give a reason of 1-500 characters")
    return Call(
        path_params={"facility_code": facility_code, "claim_id": _claim_id(claim_id)},
        body=ClaimWithdrawal(reason=reason.strip()),
        idempotency_key=idempotency_key or f"wdr-{facility_code}-{claim_id}",
    )


@operation(
    "getClaimFeedback",
    "GET",
    "/facilities/{facility_code}/claims/{claim_id}/feedback",
    response=ClaimFeedback,
    principal="organisation",
    scope="hi.claims",
)
def get_feedback(facility_code: str, claim_id: str) -> Call:
    """The automated checks' feedback and the assessment of one claim (simulated)."""
    return Call(path_params={"facility_code": facility_code, "claim_id": _claim_id(claim_id)})
