"""Certificates cited by the linked procedures, and the driving-licence renewal check.

:func:`birth_certificate_errors` and :func:`death_notice_errors` are called by the procedures
handlers when a birth or death link cites a certificate: it must exist, be active, come from a
known health facility and name the same people and dates; each mismatch is a field error naming
the submitted field. Without a cited number nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vssdk.medical.fields import licence_health_group
from vssdk_sandbox.handlers.medical.common import DOCS, by_number, same_name
from vssdk_sandbox.kit import Ctx, field_error, handles

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = ["birth_certificate_errors", "death_notice_errors"]


def _cited(
    box: Sandbox, body: dict[str, Any], field: str, kind: str, what: str
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    number = body.get(field)
    if number is None:
        return None, []
    cert = by_number(box, number, kind)
    path = f"body.{field}"
    if cert is None:
        return None, [
            field_error(path, f"no electronic {what} {number}", code="certificate.not_found")
        ]
    if cert["status"] != "active":
        reason = cert.get("revocation_reason", "")
        return None, [
            field_error(
                path,
                f"{what} {number} was revoked by its issuer: {reason}",
                code="certificate.revoked",
            )
        ]
    if box.store.get("facilities", cert["facility_code"]) is None:
        return None, [
            field_error(
                path,
                f"{what} {number} was not issued by a known health facility",
                code="certificate.not_from_facility",
            )
        ]
    return cert, []


def _mismatch(path: str, what: str, submitted: Any, certified: Any) -> dict[str, Any]:
    return field_error(
        path,
        f"{submitted!r} does not match the {what} ({certified!r})",
        code="certificate.mismatch",
    )


def birth_certificate_errors(box: Sandbox, body: dict[str, Any]) -> list[dict[str, Any]]:
    """Field errors of a birth link citing ``birth_certificate_number`` (empty when it fits)."""
    cert, errors = _cited(box, body, "birth_certificate_number", "birth", "birth certificate")
    if cert is None:
        return errors
    doc, child = cert["document"], body["child"]
    birth, what = doc["birth"], "birth certificate"
    if not same_name(child["full_name"], birth["child_name"]):
        errors.append(
            _mismatch("body.child.full_name", what, child["full_name"], birth["child_name"])
        )
    if child["birth_date"] != birth["child_birth_date"]:
        errors.append(
            _mismatch("body.child.birth_date", what, child["birth_date"], birth["child_birth_date"])
        )
    if child["sex"] != birth["child_sex"]:
        errors.append(_mismatch("body.child.sex", what, child["sex"], birth["child_sex"]))
    mother = body.get("mother")
    if mother is None:
        errors.append(
            field_error(
                "body.mother.citizen_id",
                "the birth certificate names the mother; give her citizen ID",
                code="certificate.mismatch",
            )
        )
    elif mother["citizen_id"] != doc["patient"].get("citizen_id"):
        errors.append(
            _mismatch(
                "body.mother.citizen_id",
                what,
                mother["citizen_id"],
                doc["patient"].get("citizen_id"),
            )
        )
    return errors


def death_notice_errors(box: Sandbox, body: dict[str, Any]) -> list[dict[str, Any]]:
    """Field errors of a death link citing ``death_notice_number`` (empty when it fits)."""
    cert, errors = _cited(box, body, "death_notice_number", "death", "death notice")
    if cert is None:
        return errors
    doc, deceased, what = cert["document"], body["deceased"], "death notice"
    if deceased["citizen_id"] != doc["patient"].get("citizen_id"):
        errors.append(
            _mismatch(
                "body.deceased.citizen_id",
                what,
                deceased["citizen_id"],
                doc["patient"].get("citizen_id"),
            )
        )
    if not same_name(deceased["full_name"], doc["patient"]["full_name"]):
        errors.append(
            _mismatch(
                "body.deceased.full_name", what, deceased["full_name"], doc["patient"]["full_name"]
            )
        )
    if body["date_of_death"] != doc["death"]["date_of_death"]:
        errors.append(
            _mismatch(
                "body.date_of_death", what, body["date_of_death"], doc["death"]["date_of_death"]
            )
        )
    return errors


def _ref(box: Sandbox, cert: dict[str, Any]) -> dict[str, Any]:
    detail = cert["document"]["driver_health"]
    place = box.store.get("facilities", cert["facility_code"]) or {}
    ref = {
        "document_number": cert["document_number"],
        "facility_code": cert["facility_code"],
        "facility_name": place.get("name"),
        "licence_class": detail["licence_class"],
        "examined_on": detail["examined_on"],
        "valid_until": detail["valid_until"],
        "fit": detail["fit"],
        "conditions": detail.get("conditions"),
    }
    return {k: v for k, v in ref.items() if v is not None}


@handles("checkDriverHealth")
def check_driver_health(ctx: Ctx) -> dict[str, Any]:
    box, body = ctx.sandbox, ctx.body
    today = box.today().isoformat()
    group = licence_health_group(body["licence_class"])
    certs = [
        c
        for c in ctx.store.find(
            DOCS, kind="driver_health", citizen_id=body["citizen_id"], status="active"
        )
        if licence_health_group(c["document"]["driver_health"]["licence_class"]) == group
    ]
    valid = [c for c in certs if c["document"]["driver_health"]["valid_until"] >= today]
    answer: dict[str, Any] = {
        "application_number": body["application_number"],
        "citizen_id": body["citizen_id"],
        "licence_class": body["licence_class"],
        "checked_at": box.now().isoformat(),
    }
    if not valid:
        expired = " (only expired ones)" if certs else ""
        answer.update(
            result="none_found",
            reason=f"no valid driver's health certificate for class {body['licence_class']} "
            f"(health group {group}){expired}; the applicant must be examined (TT 36/2024/TT-BYT)",
        )
        return answer
    latest = max(valid, key=lambda c: (c["document"]["driver_health"]["examined_on"], c["id"]))
    detail = latest["document"]["driver_health"]
    name_note = (
        ""
        if same_name(latest["document"]["patient"]["full_name"], body["full_name"])
        else f"; note: the certificate names {latest['document']['patient']['full_name']}"
    )
    verdict = "fit" if detail["fit"] else "not_fit"
    answer.update(
        result=verdict,
        reason=f"certificate {latest['document_number']} of {detail['examined_on']}, valid until "
        f"{detail['valid_until']}, says {'fit' if detail['fit'] else 'not fit'} to drive "
        f"class {detail['licence_class']} (health group {group}){name_note}",
        certificate=_ref(box, latest),
    )
    return answer
