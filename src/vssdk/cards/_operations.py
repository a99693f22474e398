"""Operations of the cards area (BHYT card checks at reception)."""

from __future__ import annotations

import datetime as dt
import unicodedata

from vssdk._core.operation import Call, operation
from vssdk.cards.identifiers import parse_card_code, parse_citizen_id, parse_si_code
from vssdk.cards.models import CardCheck, CardCheckOperator, CardCheckRequest, CardLookup
from vssdk.errors import InvalidArgument

__all__ = ["check_card", "get_card_check", "normalise_name", "prepare_check"]


def normalise_name(value: object, argument: str) -> str:
    """A person's name as the gateway compares it: NFC, single spaces (case kept)."""
    if not isinstance(value, str):
        raise InvalidArgument(argument, "must be text")
    text = " ".join(unicodedata.normalize("NFC", value).split())
    if len(text) < 2:
        raise InvalidArgument(argument, "is required")
    if len(text) > 100:
        raise InvalidArgument(argument, "must be at most 100 characters")
    return text


def _birth(value: object) -> str:
    if isinstance(value, dt.datetime):
        raise InvalidArgument("birth_date", "give a date or a birth year, not a datetime")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1900 <= value <= 2399:
            raise InvalidArgument("birth_date", f"birth year {value} is out of range")
        return f"{value:04d}"
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 4 and text.isdigit():
            return _birth(int(text))
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise InvalidArgument("birth_date", "must be a date, an ISO date string or a birth year")


def prepare_check(
    *,
    card_code: str | None,
    citizen_id: str | None,
    si_code: str | None,
    full_name: str,
    birth_date: dt.date | int | str,
    operator_name: str,
    operator_id: str,
) -> CardCheckRequest:
    """Validate and normalise one check (shared by both dialects; raises InvalidArgument)."""
    given = [
        (kind, value)
        for kind, value in (
            ("card_code", card_code),
            ("citizen_id", citizen_id),
            ("si_code", si_code),
        )
        if value is not None
    ]
    if len(given) != 1:
        raise InvalidArgument("card_code", "give exactly one of card_code, citizen_id, si_code")
    kind, raw = given[0]
    if kind == "card_code":
        value = parse_card_code(raw).canonical
    elif kind == "citizen_id":
        value = parse_citizen_id(raw).canonical
    else:
        value = parse_si_code(raw).canonical
    staff_id = parse_citizen_id(operator_id).canonical
    return CardCheckRequest(
        lookup=CardLookup(type=kind, value=value),
        full_name=normalise_name(full_name, "full_name"),
        birth_date=_birth(birth_date),
        operator=CardCheckOperator(
            name=normalise_name(operator_name, "operator_name"), citizen_id=staff_id
        ),
    )


@operation(
    "checkCard",
    "POST",
    "/health-insurance/card-checks",
    response=CardCheck,
    success=201,
    principal="organisation",
    scope="hi.card_check",
    request=CardCheckRequest,
    accepts_idempotency_key=True,
)
def check_card(
    card_code: str | None = None,
    *,
    citizen_id: str | None = None,
    si_code: str | None = None,
    full_name: str,
    birth_date: dt.date | int | str,
    operator_name: str,
    operator_id: str,
    idempotency_key: str | None = None,
) -> Call:
    """Check a BHYT card at reception by card code, citizen ID or SI code.

    ``birth_date`` is a date or, when unknown, the birth year. ``operator_name`` and
    ``operator_id`` (12-digit citizen ID) identify the staff member, as the gateway requires.
    The answer is a :class:`~vssdk.cards.CardCheck`; a code meaning "not valid" is a result.
    """
    body = prepare_check(
        card_code=card_code,
        citizen_id=citizen_id,
        si_code=si_code,
        full_name=full_name,
        birth_date=birth_date,
        operator_name=operator_name,
        operator_id=operator_id,
    )
    return Call(body=body, idempotency_key=idempotency_key)


@operation(
    "getCardCheck",
    "GET",
    "/health-insurance/card-checks/{check_id}",
    response=CardCheck,
    principal="organisation",
    scope="hi.card_check",
)
def get_card_check(check_id: str) -> Call:
    """One earlier card check by its id (``chk_…``), as answered then."""
    return Call(path_params={"check_id": check_id})
