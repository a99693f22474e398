"""Result codes (``maKetQua``) of the gateway's card check, kept as zero-padded strings.

Meanings, Vietnamese messages and the suggested action come from ``data/result_codes.json``
(versioned, with sources); the enum fixes the names and values.
"""

from __future__ import annotations

import enum
from functools import cache

from vssdk.cards._data import load
from vssdk.errors import InvalidArgument

__all__ = ["CheckAction", "ResultCode"]


class CheckAction(enum.StrEnum):
    """What reception should do with a result code (an SDK hint, see docs/cards.md)."""

    ACCEPT = "accept"
    ACCEPT_WITH_ID_CHECK = "accept_with_id_check"
    ACCEPT_WITH_NEW_CARD = "accept_with_new_card"
    MANUAL_REVIEW = "manual_review"
    REJECT = "reject"
    REQUEST_ERROR = "request_error"
    RETRY = "retry"
    REAUTHENTICATE = "reauthenticate"


_VALID_ACTIONS = frozenset(
    {CheckAction.ACCEPT, CheckAction.ACCEPT_WITH_ID_CHECK, CheckAction.ACCEPT_WITH_NEW_CARD}
)


class ResultCode(enum.StrEnum):
    """A card-check result code; the value is the wire string (``"000"``), never an int."""

    VALID = "000"
    VALID_ARMY_FUND = "001"
    VALID_POLICE_FUND = "002"
    EXPIRED_NEW_CARD_ISSUED = "003"
    VALID_NEW_CARD_ISSUED = "004"
    EXPIRED = "010"
    NO_CARD_INFO = "050"
    WRONG_CARD_CODE = "051"
    WRONG_PROVINCE_CODE = "052"
    WRONG_BENEFIT_LEVEL = "053"
    OPERATOR_NOT_REGISTERED = "054"
    OPERATOR_NAME_MISMATCH = "055"
    WRONG_NAME = "060"
    WRONG_NAME_INITIALS_MATCH = "061"
    WRONG_BIRTH_DATE = "070"
    WRONG_SEX = "080"
    WRONG_FACILITY = "090"
    CARD_DATA_ERROR = "100"
    SERVER_ERROR = "101"
    REVOKED = "110"
    REPORTED_LEAVING = "120"
    LEFT_MOVED_OTHER_PROVINCE = "121"
    LEFT_MOVED_WITHIN_PROVINCE = "122"
    REVOKED_REREGISTERED = "123"
    STOPPED_PARTICIPATING = "124"
    CHILD_WITHOUT_CARD = "130"
    BAD_PARAMETERS = "205"
    AUTHENTICATION_ERROR = "401"
    GATEWAY_SERVER_ERROR = "500"

    def __str__(self) -> str:
        return self.value

    @property
    def message_vi(self) -> str:
        """The Vietnamese message for this code, as the gateway's documentation words it."""
        return str(_meta()[self.value]["message_vi"])

    @property
    def meaning(self) -> str:
        """What the code means, in English."""
        return str(_meta()[self.value]["meaning_en"])

    @property
    def action(self) -> CheckAction:
        """What reception should do (accept, reject, retry, fix the request ...)."""
        return CheckAction(_meta()[self.value]["action"])

    @property
    def card_valid(self) -> bool:
        """True when the card may be accepted for this visit (possibly with the new card)."""
        return self.action in _VALID_ACTIONS

    @property
    def new_card_issued(self) -> bool:
        """True for 003/004: the answer carries a new card (``maTheMoi``) to switch to."""
        return self in (ResultCode.EXPIRED_NEW_CARD_ISSUED, ResultCode.VALID_NEW_CARD_ISSUED)

    @property
    def source_status(self) -> str:
        """VERIFIED or SECONDARY, as recorded in the data file."""
        return str(_meta()[self.value]["status"])

    @classmethod
    def from_wire(cls, code: object) -> ResultCode | None:
        """The member for a wire code, ``None`` for a code this version does not know.

        Only strings are accepted: an int (``0`` for ``"000"``) has lost information and raises
        :class:`~vssdk.errors.InvalidArgument`.
        """
        if not isinstance(code, str):
            raise InvalidArgument(
                "maKetQua", f"result codes are zero-padded strings, got {type(code).__name__}"
            )
        try:
            return cls(code.strip())
        except ValueError:
            return None


@cache
def _meta() -> dict[str, dict[str, str]]:
    return {e["code"]: e for e in load("result_codes")["entries"]}
