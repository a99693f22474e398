"""Errors raised when an identifier (card code, SI code, citizen ID, facility code) is malformed."""

from __future__ import annotations

from vssdk._core.redact import mask
from vssdk.errors import InvalidArgument

__all__ = [
    "InvalidCardCode",
    "InvalidCitizenId",
    "InvalidFacilityCode",
    "InvalidIdentifier",
    "InvalidSiCode",
]


class InvalidIdentifier(InvalidArgument):
    """An identifier does not have the required structure.

    ``argument`` names the identifier kind (``card_code``, ``si_code``, ...), ``part`` the part that
    is wrong (``object_group``, ``benefit_level``, ``length`` ...), ``position`` the 1-based
    character position when one character is at fault, and ``reason`` says why. The message masks
    the identifier itself; the raw text is on ``value``.
    """

    kind = "identifier"

    def __init__(self, value: str, part: str, reason: str, *, position: int | None = None) -> None:
        self.part = part
        self.position = position
        where = f"{part} (character {position})" if position is not None else part
        super().__init__(self.kind, f"{where}: {reason} [{mask(value)}]", value=value)
        self.reason = reason


class InvalidCardCode(InvalidIdentifier):
    """A 15-character HI card code (mã thẻ BHYT) is malformed."""

    kind = "card_code"


class InvalidSiCode(InvalidIdentifier):
    """A 10-digit SI code (mã số BHXH) is malformed."""

    kind = "si_code"


class InvalidCitizenId(InvalidIdentifier):
    """A 12-digit personal ID number (số định danh cá nhân / CCCD) is malformed."""

    kind = "citizen_id"


class InvalidFacilityCode(InvalidIdentifier):
    """A 5-character health-facility code (mã CSKCB) is malformed."""

    kind = "facility_code"
