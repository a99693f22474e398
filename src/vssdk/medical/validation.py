"""The rules a certificate must meet before it is sent; the sandbox applies the same ones.

Every rule has a stable slug; the limits come from ``data/documents.json``. Sources: TT 56/2017/
TT-BYT as amended by TT 18/2022/TT-BYT (sick-leave and pregnancy-rest certificates, at most 30
days an outpatient certificate), TT 22/2025/TT-BYT (birth certificate, death notice),
TT 36/2024/TT-BYT (driver's health certificate, valid 12 months).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from vssdk._core.model import to_builtins
from vssdk.calendar import add_months_to_date
from vssdk.cards import InvalidIdentifier, parse_citizen_id, parse_si_code
from vssdk.medical.errors import InvalidMedicalDocument, MedicalIssue
from vssdk.medical.fields import document_spec, licence_classes, limits
from vssdk.medical.models import MedicalDocumentSubmission, MedicalDocumentType, MedicalSex

__all__ = ["check", "validate", "validate_builtins"]

_NUMBER = re.compile(r"^[0-9A-Za-z./_-]+$")
_DETAILS = tuple(t.value for t in MedicalDocumentType)


def _get(doc: dict[str, Any], path: str) -> Any:
    node: Any = doc
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def validate(document: MedicalDocumentSubmission) -> tuple[MedicalIssue, ...]:
    """Every broken rule of ``document`` (empty when it can be sent)."""
    return validate_builtins(to_builtins(document))


def check(document: MedicalDocumentSubmission) -> None:
    """Raise :class:`InvalidMedicalDocument` listing every broken rule, if any."""
    issues = validate(document)
    if issues:
        raise InvalidMedicalDocument(issues)


def validate_builtins(doc: dict[str, Any]) -> tuple[MedicalIssue, ...]:
    """The same rules over the JSON form of a submission (what the sandbox receives)."""
    out: list[MedicalIssue] = []
    kind = doc.get("type")
    if kind not in _DETAILS:
        return (MedicalIssue("type", "type.unknown", f"unknown certificate type {kind!r}"),)
    _shape(out, doc, str(kind))
    if out:
        return tuple(out)
    for field in document_spec(str(kind)).fields:
        value = _get(doc, field.source)
        if field.required and (value is None or value == ""):
            out.append(MedicalIssue(field.source, "required", f"{field.tag} is required"))
    _identity(out, doc)
    {
        "sick_leave": _leave,
        "pregnancy_rest": _leave,
        "discharge": _discharge,
        "birth": _birth,
        "death": _death,
        "driver_health": _driver,
        "record_summary": _stay,
        "inpatient_treatment": _stay,
    }[str(kind)](out, doc, str(kind))
    return tuple(out)


def _shape(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    number = doc.get("document_number")
    cap = int(limits()["document_number_max"])
    if not isinstance(number, str) or not _NUMBER.match(number) or len(number) > cap:
        out.append(
            MedicalIssue(
                "document_number", "document_number.format", f"1-{cap} letters, digits or . / _ -"
            )
        )
    if not str(_get(doc, "patient.full_name") or "").strip():
        out.append(MedicalIssue("patient.full_name", "required", "the patient's name is required"))
    if not str(doc.get("signed_by") or "").strip():
        out.append(MedicalIssue("signed_by", "required", "who signs for the facility (MA_TTDV)"))
    if doc.get(kind) is None:
        out.append(MedicalIssue(kind, "detail.missing", f"a {kind} certificate needs its details"))
    for other in _DETAILS:
        if other != kind and doc.get(other) is not None:
            out.append(
                MedicalIssue(other, "detail.unexpected", f"not part of a {kind} certificate")
            )


def _identity(out: list[MedicalIssue], doc: dict[str, Any]) -> None:
    citizen_id = _get(doc, "patient.citizen_id")
    if citizen_id is not None:
        try:
            parse_citizen_id(citizen_id)
        except InvalidIdentifier as exc:
            out.append(MedicalIssue("patient.citizen_id", "citizen_id.format", exc.reason))
    si_code = _get(doc, "patient.si_code")
    if si_code is not None:
        try:
            parse_si_code(si_code)
        except InvalidIdentifier as exc:
            out.append(MedicalIssue("patient.si_code", "si_code.format", exc.reason))


def _span(
    out: list[MedicalIssue], detail: dict[str, Any], kind: str, start: str, end: str, days: str
) -> tuple[dt.date, dt.date] | None:
    first, last = _date(detail.get(start)), _date(detail.get(end))
    if first is None or last is None:
        return None
    if last < first:
        out.append(MedicalIssue(f"{kind}.{end}", "dates.order", f"{last} is before {first}"))
        return None
    count = detail.get(days)
    span = (last - first).days + 1
    if isinstance(count, int) and count != span:
        out.append(
            MedicalIssue(
                f"{kind}.{days}",
                "days.span",
                f"{count} days, but {first} to {last} is {span} days (both ends count)",
            )
        )
    return first, last


def _leave(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    detail = doc[kind]
    if not (_get(doc, "patient.citizen_id") or _get(doc, "patient.si_code")):
        out.append(
            MedicalIssue(
                "patient.si_code",
                "patient.identifier",
                "give the SI code or the citizen ID: BHXH pays the benefit against it",
            )
        )
    if kind == "pregnancy_rest" and _get(doc, "patient.sex") == MedicalSex.MALE:
        out.append(MedicalIssue("patient.sex", "patient.sex", "a pregnancy rest is for a woman"))
    span = _span(out, detail, kind, "leave_from", "leave_to", "days")
    cap = int(limits()[f"{kind}_max_days"])
    if isinstance(detail.get("days"), int) and not 1 <= detail["days"] <= cap:
        out.append(
            MedicalIssue(
                f"{kind}.days",
                "days.max_per_certificate",
                f"{detail['days']} days; one certificate covers 1-{cap} days "
                "(TT 56/2017/TT-BYT as amended by TT 18/2022/TT-BYT)",
            )
        )
    issued = _date(doc.get("issued_on"))
    if span is not None and issued is not None and span[0] < issued:
        out.append(
            MedicalIssue(
                f"{kind}.leave_from",
                "leave.before_issue",
                f"the leave starts {span[0]}, before the certificate was issued ({issued})",
            )
        )


def _stay(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    """A stay in hospital: discharged on or after admission."""
    detail = doc[kind]
    admitted, discharged = _date(detail.get("admitted_on")), _date(detail.get("discharged_on"))
    if admitted and discharged and discharged < admitted:
        out.append(
            MedicalIssue(
                f"{kind}.discharged_on", "dates.order", f"{discharged} is before {admitted}"
            )
        )


def _discharge(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    detail = doc[kind]
    _stay(out, doc, kind)
    discharged = _date(detail.get("discharged_on"))
    issued = _date(doc.get("issued_on"))
    if discharged and issued and issued < discharged:
        out.append(
            MedicalIssue(
                "issued_on", "issued.before_discharge", f"issued {issued}, before {discharged}"
            )
        )
    given = [detail.get(k) is not None for k in ("rest_from", "rest_to", "rest_days")]
    if any(given) and not all(given):
        out.append(
            MedicalIssue(
                "discharge.rest_days",
                "rest.incomplete",
                "give rest_from, rest_to and rest_days together",
            )
        )
    elif all(given):
        _span(out, detail, kind, "rest_from", "rest_to", "rest_days")


def _birth(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    detail = doc[kind]
    born, issued = _date(detail.get("child_birth_date")), _date(doc.get("issued_on"))
    if born and issued and issued < born:
        out.append(
            MedicalIssue("issued_on", "issued.before_event", f"issued {issued}, before {born}")
        )
    low, high = int(limits()["birth_weight_grams_min"]), int(limits()["birth_weight_grams_max"])
    weight = detail.get("weight_grams")
    if isinstance(weight, int) and not low <= weight <= high:
        out.append(
            MedicalIssue("birth.weight_grams", "weight.range", f"{weight} g is not {low}-{high} g")
        )
    children = detail.get("children_born")
    if isinstance(children, int) and not 1 <= children <= 10:
        out.append(MedicalIssue("birth.children_born", "children.range", "must be 1-10"))
    if _get(doc, "patient.sex") == MedicalSex.MALE:
        out.append(MedicalIssue("patient.sex", "patient.sex", "the patient is the mother"))


def _death(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    died, issued = _date(_get(doc, "death.date_of_death")), _date(doc.get("issued_on"))
    if died and issued and issued < died:
        out.append(
            MedicalIssue("issued_on", "issued.before_event", f"issued {issued}, before {died}")
        )


def _driver(out: list[MedicalIssue], doc: dict[str, Any], kind: str) -> None:
    detail = doc[kind]
    if detail.get("licence_class") not in licence_classes():
        out.append(
            MedicalIssue(
                "driver_health.licence_class",
                "licence_class.unknown",
                f"one of {', '.join(licence_classes())} (Law 36/2024/QH15 Art. 57)",
            )
        )
    examined, until = _date(detail.get("examined_on")), _date(detail.get("valid_until"))
    issued = _date(doc.get("issued_on"))
    months = int(limits()["driver_health_valid_months"])
    if examined and until:
        if until <= examined:
            out.append(
                MedicalIssue("driver_health.valid_until", "dates.order", "must be after the exam")
            )
        elif until > add_months_to_date(examined, months):
            out.append(
                MedicalIssue(
                    "driver_health.valid_until",
                    "validity.max",
                    f"valid {months} months from the exam at most (TT 36/2024/TT-BYT)",
                )
            )
    if examined and issued and issued < examined:
        out.append(
            MedicalIssue("issued_on", "issued.before_event", f"issued {issued}, before the exam")
        )
