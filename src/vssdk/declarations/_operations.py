"""Operations of the declarations area (employer declarations filed by I-VAN vendors)."""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.declarations._month import Month
from vssdk.declarations.hsb import SignedSettlement
from vssdk.declarations.models import (
    ContributionNotice,
    DossierFile,
    DossierStatus,
    DossierSubmission,
    EmployerDossier,
    EmployerProfile,
    FormCode,
)
from vssdk.declarations.settlement import (
    BenefitSettlement,
    BenefitSettlementSubmission,
    SettlementStatus,
)
from vssdk.errors import InvalidArgument

if TYPE_CHECKING:
    from vssdk.declarations.dossier import Dossier

_UNIT = re.compile(r"[A-Z0-9]{3,12}")
_ID = re.compile(r"[a-z]{2,5}_[0-9A-Za-z]{1,40}")
SCOPE = "employer.declarations"


def _unit(value: str) -> str:
    text = value.strip().upper() if isinstance(value, str) else ""
    if not _UNIT.fullmatch(text):
        raise InvalidArgument("unit_code", f"must be 3-12 letters/digits, got {value!r}")
    return text


def _id(value: str, argument: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidArgument(argument, f"not an id of this API: {value!r}")
    return value


@operation(
    "getEmployerProfile",
    "GET",
    "/employers/{unit_code}",
    response=EmployerProfile,
    principal="organisation",
    scope=SCOPE,
)
def get_employer(unit_code: str) -> Call:
    """The unit's profile as BHXH holds it (name, tax code, wage region, BHXH agency)."""
    return Call(path_params={"unit_code": _unit(unit_code)})


@operation(
    "submitEmployerDossier",
    "POST",
    "/employers/{unit_code}/dossiers",
    response=EmployerDossier,
    success=201,
    principal="organisation",
    scope=SCOPE,
    request=DossierSubmission,
    accepts_idempotency_key=True,
)
def submit(dossier: Dossier, *, idempotency_key: str | None = None) -> Call:
    """Submit a prepared, signed dossier (:meth:`Dossier.prepare`); safe to retry.

    Retries reuse one ``Idempotency-Key`` (generated when not given), and BHXH's side also
    returns the existing dossier when the same files are sent again for the same unit and
    period, so a dossier is never filed twice.
    """
    from vssdk.declarations.dossier import Dossier  # loads signing only when submitting

    if not isinstance(dossier, Dossier):
        raise InvalidArgument("dossier", "prepare it with Dossier.prepare(form, key=...)")
    files = []
    for index, item in enumerate(dossier.files):
        try:
            code = FormCode(item.form_code)
        except ValueError:
            raise InvalidArgument(f"files[{index}].form_code", "unknown form") from None
        files.append(DossierFile(code, base64.b64encode(item.content).decode("ascii")))
    body = DossierSubmission(
        procedure_code=dossier.procedure_code, period=str(dossier.period), files=tuple(files)
    )
    return Call(
        path_params={"unit_code": _unit(dossier.unit_code)},
        body=body,
        idempotency_key=idempotency_key,
    )


@operation(
    "getEmployerDossier",
    "GET",
    "/employers/{unit_code}/dossiers/{dossier_id}",
    response=EmployerDossier,
    principal="organisation",
    scope=SCOPE,
)
def get_dossier(unit_code: str, dossier_id: str) -> Call:
    """One dossier: status, receipt number, appointment date, reasons per row, documents."""
    return Call(
        path_params={"unit_code": _unit(unit_code), "dossier_id": _id(dossier_id, "dossier_id")}
    )


@paged_operation(
    "listEmployerDossiers",
    "/employers/{unit_code}/dossiers",
    item=EmployerDossier,
    principal="organisation",
    scope=SCOPE,
)
def list_dossiers(
    unit_code: str,
    *,
    status: DossierStatus | str | None = None,
    period: Month | None = None,
    limit: int | None = None,
) -> Call:
    """The unit's dossiers filed by this vendor, oldest first; iterates all pages."""
    if status is not None:
        try:
            status = DossierStatus(status)
        except ValueError:
            raise InvalidArgument("status", f"unknown status {status!r}") from None
    if period is not None and not isinstance(period, Month):
        raise InvalidArgument("period", "must be a Month")
    return Call(
        path_params={"unit_code": _unit(unit_code)},
        query={
            "status": status,
            "period": None if period is None else str(period),
            "limit": limit,
        },
    )


@operation(
    "getContributionNotice",
    "GET",
    "/employers/{unit_code}/dossiers/{dossier_id}/contribution-notice",
    response=ContributionNotice,
    principal="organisation",
    scope=SCOPE,
)
def get_contribution_notice(unit_code: str, dossier_id: str) -> Call:
    """The notification of contributions due issued when the dossier was accepted."""
    return Call(
        path_params={"unit_code": _unit(unit_code), "dossier_id": _id(dossier_id, "dossier_id")}
    )


# --- 01B-HSB: sickness, maternity and convalescence settlement lists -------------------------


@operation(
    "submitBenefitSettlement",
    "POST",
    "/employers/{unit_code}/benefit-settlements",
    response=BenefitSettlement,
    success=201,
    principal="organisation",
    scope=SCOPE,
    request=BenefitSettlementSubmission,
    accepts_idempotency_key=True,
)
def submit_settlement(settlement: SignedSettlement, *, idempotency_key: str | None = None) -> Call:
    """Submit a signed 01B-HSB list (:meth:`SignedSettlement.prepare`); safe to retry.

    The same file again for the same unit, period and batch returns the existing settlement.
    """
    if not isinstance(settlement, SignedSettlement):
        raise InvalidArgument(
            "settlement", "prepare it with SignedSettlement.prepare(form, key=...)"
        )
    body = BenefitSettlementSubmission(
        period=str(settlement.period),
        batch=settlement.batch,
        file=base64.b64encode(settlement.content).decode("ascii"),
    )
    return Call(
        path_params={"unit_code": _unit(settlement.unit_code)},
        body=body,
        idempotency_key=idempotency_key,
    )


@operation(
    "getBenefitSettlement",
    "GET",
    "/employers/{unit_code}/benefit-settlements/{settlement_id}",
    response=BenefitSettlement,
    principal="organisation",
    scope=SCOPE,
)
def get_settlement(unit_code: str, settlement_id: str) -> Call:
    """One settlement: status and BHXH's decision per row (amount with reasons, or refusal)."""
    return Call(
        path_params={
            "unit_code": _unit(unit_code),
            "settlement_id": _id(settlement_id, "settlement_id"),
        }
    )


@paged_operation(
    "listBenefitSettlements",
    "/employers/{unit_code}/benefit-settlements",
    item=BenefitSettlement,
    principal="organisation",
    scope=SCOPE,
)
def list_settlements(
    unit_code: str,
    *,
    status: SettlementStatus | str | None = None,
    period: Month | None = None,
    limit: int | None = None,
) -> Call:
    """The unit's settlement lists, oldest first; iterates all pages."""
    if status is not None:
        try:
            status = SettlementStatus(status)
        except ValueError:
            raise InvalidArgument("status", f"unknown status {status!r}") from None
    if period is not None and not isinstance(period, Month):
        raise InvalidArgument("period", "must be a Month")
    return Call(
        path_params={"unit_code": _unit(unit_code)},
        query={"status": status, "period": None if period is None else str(period), "limit": limit},
    )


# The unit's contribution account (back-payment, refunds, SI books) lives in its own module and
# belongs to this area's table.
from vssdk.declarations._accounts import (  # noqa: E402
    confirm_si_book,
    get_back_payment,
    get_refund,
    get_si_book_confirmation,
    pay_back_payment,
    quote_back_payment,
    request_refund,
)

__all__ = [
    "confirm_si_book",
    "get_back_payment",
    "get_refund",
    "get_si_book_confirmation",
    "pay_back_payment",
    "quote_back_payment",
    "request_refund",
]
