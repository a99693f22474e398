"""Shared rule checks: identifiers, header fields, duplicates; a collector of violations."""

from __future__ import annotations

import re

from vssdk._core.redact import mask
from vssdk.cards import InvalidIdentifier, parse_citizen_id, parse_si_code
from vssdk.declarations.errors import Violation
from vssdk.declarations.forms import Employer

__all__ = ["Collector", "check_employer", "check_identity", "person_key"]

_UNIT_CODE = re.compile(r"[A-Z0-9]{3,12}")
_AGENCY_CODE = re.compile(r"\d{5}")
_TAX_CODE = re.compile(r"\d{10}(-\d{3})?|\d{13}")


class Collector:
    """Accumulates violations in the order found."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Violation] = []

    def add(self, row: int | None, field: str, rule: str, message: str) -> None:
        """Record one violation."""
        self.items.append(Violation(row=row, field=field, rule=rule, message=message))


def check_employer(out: Collector, employer: Employer, *, prefix: str = "employer") -> None:
    """Unit code, agency code, tax code and wage region of the declaring unit."""
    prefix = f"{prefix}." if prefix else ""
    if not _UNIT_CODE.fullmatch(employer.unit_code):
        out.add(None, f"{prefix}unit_code", "unit_code.format", "must be 3-12 letters A-Z/digits")
    if not _AGENCY_CODE.fullmatch(employer.agency_code):
        out.add(None, f"{prefix}agency_code", "agency_code.format", "must be 5 digits")
    if employer.tax_code is not None and not _TAX_CODE.fullmatch(employer.tax_code):
        out.add(
            None,
            f"{prefix}tax_code",
            "tax_code.format",
            "must be 10 digits, 10 digits + '-' + 3 digits, or 13 digits",
        )
    if not 1 <= employer.region <= 4:
        out.add(None, f"{prefix}region", "region.range", f"must be 1-4, got {employer.region}")
    if not employer.name.strip():
        out.add(None, f"{prefix}name", "name.required", "must not be blank")


def check_name(out: Collector, row: int | None, field: str, value: str) -> None:
    """A person's name must not be blank."""
    if not value.strip():
        out.add(row, field, "full_name.required", "must not be blank")


def check_identity(
    out: Collector,
    row: int | None,
    si_code: str | None,
    citizen_id: str | None,
    *,
    si_code_required: bool,
    prefix: str = "",
) -> None:
    """SI code (10 digits) and citizen ID (12 digits) formats, via :mod:`vssdk.cards`."""
    if si_code is None and citizen_id is None:
        out.add(row, f"{prefix}si_code", "identity.required", "give the SI code or the citizen ID")
    elif si_code is None and si_code_required:
        out.add(
            row, f"{prefix}si_code", "si_code.required", "required for a person already insured"
        )
    if si_code is not None:
        _check_identifier(out, row, f"{prefix}si_code", "si_code", si_code)
    if citizen_id is not None:
        _check_identifier(out, row, f"{prefix}citizen_id", "citizen_id", citizen_id)


def _check_identifier(out: Collector, row: int | None, field: str, kind: str, value: str) -> None:
    try:
        parsed = parse_si_code(value) if kind == "si_code" else parse_citizen_id(value)
    except InvalidIdentifier as exc:
        out.add(row, field, f"{kind}.format", f"{exc.part}: {exc.reason} [{mask(value)}]")
        return
    if parsed.canonical != value:
        out.add(
            row,
            field,
            f"{kind}.canonical",
            f"write the digits only, without spaces or other characters [{mask(value)}]",
        )


def person_key(si_code: str | None, citizen_id: str | None) -> tuple[str, ...]:
    """Keys that identify a person in a list (SI code and citizen ID, digits only)."""
    keys: list[str] = []
    if si_code:
        keys.append("si:" + "".join(si_code.split()))
    if citizen_id:
        keys.append("id:" + "".join(citizen_id.split()))
    return tuple(keys)


def check_duplicates(
    out: Collector, keys_by_row: list[tuple[int, tuple[str, ...]]], *, prefix: str = ""
) -> None:
    """No person twice in one list: the later row is reported, naming the first."""
    seen: dict[str, int] = {}
    for row, keys in keys_by_row:
        first = next((seen[k] for k in keys if k in seen), None)
        if first is not None:
            field = f"{prefix}si_code" if keys[0].startswith("si:") else f"{prefix}citizen_id"
            out.add(row, field, "person.duplicate", f"same person as row {first}")
            continue
        for key in keys:
            seen[key] = row
