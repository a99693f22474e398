"""A dossier ready to submit: the forms, each checked against BHXH's rules and signed."""

from __future__ import annotations

import attrs

from vssdk.declarations._month import Month
from vssdk.declarations.forms import D02LT, D03TS, D05TS, TK3TS, ETransactionRegistration, Form
from vssdk.declarations.signing import SigningKey, sign_form
from vssdk.declarations.validation import check
from vssdk.errors import InvalidArgument

__all__ = ["Dossier", "SignedFile"]


@attrs.frozen(slots=True)
class SignedFile:
    """One form's signed XML file, exactly as it will be sent."""

    form_code: str
    content: bytes = attrs.field(repr=lambda b: f"<{len(b):,} bytes>")


@attrs.frozen(slots=True)
class Dossier:
    """What :meth:`client.declarations.submit <vssdk.declarations.Declarations.submit>` sends."""

    unit_code: str
    procedure_code: str
    period: Month
    files: tuple[SignedFile, ...]

    @classmethod
    def prepare(
        cls,
        *forms: Form,
        key: SigningKey,
        unit_code: str | None = None,
        period: Month | None = None,
        procedure_code: str | None = None,
    ) -> Dossier:
        """Check every form (raises :class:`~vssdk.declarations.DeclarationInvalid` with all
        violations), sign each with ``key``, and bundle them.

        The unit, period and procedure code come from the first list form (D02-LT, D03-TS,
        D05-TS) unless given; a dossier of only TK1-TS needs ``unit_code`` and ``period``, one of
        only a TK3-TS change or DK-GD takes the unit from the form and needs ``period``.
        """
        if not forms:
            raise InvalidArgument("forms", "give at least one form")
        for form in forms:
            check(form)
        lists = [f for f in forms if isinstance(f, D02LT | D03TS | D05TS)]
        registrations = [
            f for f in forms if isinstance(f, ETransactionRegistration | TK3TS) and f.unit_code
        ]
        unit = unit_code or (
            lists[0].employer.unit_code
            if lists
            else registrations[0].unit_code
            if registrations
            else None
        )
        month = period or (lists[0].period if lists else None)
        if unit is None:
            raise InvalidArgument("unit_code", "give the unit code (no list form names it)")
        if month is None:
            raise InvalidArgument("period", "give the period (no list form names it)")
        for form in lists:
            if form.employer.unit_code != unit:
                raise InvalidArgument(
                    "forms", f"{form.form_code} is for unit {form.employer.unit_code}, not {unit}"
                )
            if form.period != month:
                raise InvalidArgument(
                    "forms", f"{form.form_code} is for {form.period.wire}, not {month.wire}"
                )
        files = tuple(SignedFile(f.form_code, sign_form(f, key)) for f in forms)
        return cls(unit, procedure_code or forms[0].procedure_code, month, files)
