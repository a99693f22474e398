"""Models of the cards area: the card-check request and its typed result (both dialects)."""

from __future__ import annotations

import datetime as dt

import attrs

from vssdk._core.model import Model
from vssdk.cards.result_codes import CheckAction, ResultCode

__all__ = [
    "CardCheck",
    "CardCheckOperator",
    "CardCheckRequest",
    "CardCheckWarning",
    "CardInfo",
    "CardLookup",
    "CardPreviousCheck",
    "CardVisit",
    "NewCard",
]


@attrs.frozen(slots=True)
class CardLookup(Model):
    """What reception typed: ``type`` is ``card_code``, ``si_code`` or ``citizen_id``."""

    type: str
    value: str


@attrs.frozen(slots=True)
class CardCheckOperator(Model):
    """The staff member making the check (``hoTenCb``/``cccdCb``, required since 8/2024)."""

    name: str
    citizen_id: str


@attrs.frozen(slots=True)
class CardCheckRequest(Model):
    """Body of ``POST /health-insurance/card-checks``."""

    lookup: CardLookup
    full_name: str
    birth_date: str
    operator: CardCheckOperator
    facility_code: str | None = None


@attrs.frozen(slots=True)
class CardInfo(Model):
    """The card as the gateway knows it (``maThe``, ``gtTheTu`` … ``ngayDu5Nam``)."""

    card_code: str
    full_name: str
    birth_date: str
    valid_from: dt.date
    valid_to: dt.date
    si_code: str | None = None
    sex: str | None = None
    address: str | None = None
    registered_facility_code: str | None = None
    registered_facility_name: str | None = None
    issuing_office: str | None = None
    area_code: str | None = None
    five_years_date: dt.date | None = None
    previous_card_code: str | None = None


@attrs.frozen(slots=True)
class NewCard(Model):
    """A new card already issued (codes 003/004: ``maTheMoi`` and its validity)."""

    card_code: str
    valid_from: dt.date
    valid_to: dt.date
    registered_facility_code: str | None = None
    registered_facility_name: str | None = None


@attrs.frozen(slots=True)
class CardVisit(Model):
    """One recent visit from ``dsLichSuKCB2018``."""

    record_id: str
    facility_code: str
    admitted_at: dt.datetime
    discharged_at: dt.datetime | None = None
    diagnosis: str | None = None
    status_code: str | None = None
    outcome_code: str | None = None
    reason_code: str | None = None


@attrs.frozen(slots=True)
class CardPreviousCheck(Model):
    """One earlier check of the card (``dsLichSuKT2018``)."""

    checked_by: str
    checked_at: dt.datetime
    message: str | None = None
    result_code: str | None = None


@attrs.frozen(slots=True)
class CardCheckWarning(Model):
    """Something reception should notice: ``card_expiring``, ``visit_same_day``,
    ``new_card_issued`` …"""

    code: str
    message: str


@attrs.frozen(slots=True)
class CardCheck(Model):
    """The gateway's answer to a card check. A "not valid" code is a result, not an error.

    ``result_code`` is the wire string (``"000"``); :attr:`result` is the enum member (``None``
    for a code this SDK version does not know) and ``result_message`` the Vietnamese text.
    """

    result_code: str
    result_message: str
    eligible: bool
    action: CheckAction
    id: str | None = None
    lookup_type: str | None = None
    checked_at: dt.datetime | None = None
    card: CardInfo | None = None
    new_card: NewCard | None = None
    visits: tuple[CardVisit, ...] = ()
    previous_checks: tuple[CardPreviousCheck, ...] = ()
    warnings: tuple[CardCheckWarning, ...] = ()

    @property
    def result(self) -> ResultCode | None:
        """The result code as an enum member (``None`` if unknown to this version)."""
        return ResultCode.from_wire(self.result_code)

    @property
    def card_to_use(self) -> str | None:
        """The card code to bill: the new card for 003/004, else the checked card."""
        if self.new_card is not None:
            return self.new_card.card_code
        return self.card.card_code if self.card else None
