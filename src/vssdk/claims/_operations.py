"""Operations of the claims area (claim data sent by health facilities, QĐ 130/4750/3176)."""

from __future__ import annotations

import datetime as dt
import hashlib

from vssdk._core.operation import Call, operation
from vssdk.claims.dossier import CheckInFile, ClaimDossier
from vssdk.claims.errors import InvalidClaim
from vssdk.claims.fields import VN_TZ
from vssdk.claims.legacy import LegacyDossier
from vssdk.claims.models import CheckInReceipt, ClaimSubmission
from vssdk.claims.validation import validate_check_in
from vssdk.errors import InvalidArgument

__all__ = ["get_claim", "submit_check_in", "submit_claim"]


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
    if not isinstance(dossier, ClaimDossier | LegacyDossier):
        raise InvalidArgument("dossier", "must be a vssdk.claims.ClaimDossier or LegacyDossier")
    if validate:
        dossier.check()
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
        issues = validate_check_in(check_in.rows)
        if issues:
            raise InvalidClaim(issues)
    document = check_in.to_xml()
    facility = check_in.facility_code
    return Call(
        path_params={"facility_code": facility},
        body=document,
        content_type="application/xml",
        idempotency_key=idempotency_key or _key(facility, check_in.rows[0].ma_lk, document),
    )
