"""Parsing of BHYT/BHXH identifiers: card code, SI code, citizen ID, facility code.

Pure functions. Whitespace is removed and letters upper-cased; nothing else is guessed. Each parse
returns a frozen object whose ``canonical`` (and ``str()``) gives back the normalised text.
"""

from __future__ import annotations

import datetime as dt
import enum
import string

import attrs

from vssdk.cards.codes import (
    BenefitLevel,
    ObjectGroup,
    Province,
    benefit_level,
    object_group,
    province,
    successor_province,
)
from vssdk.cards.errors import (
    InvalidCardCode,
    InvalidCitizenId,
    InvalidFacilityCode,
    InvalidIdentifier,
    InvalidSiCode,
)

__all__ = [
    "CardCode",
    "CitizenId",
    "FacilityCode",
    "Sex",
    "SiCode",
    "parse_card_code",
    "parse_citizen_id",
    "parse_facility_code",
    "parse_lookup_key",
    "parse_si_code",
]

_DIGITS = frozenset(string.digits)
_LETTERS = frozenset(string.ascii_uppercase)
_ALNUM = _DIGITS | _LETTERS


class Sex(enum.StrEnum):
    """Sex as encoded in the citizen ID's 4th digit."""

    MALE = "male"
    FEMALE = "female"


def _normalise(text: object, error: type[InvalidIdentifier]) -> str:
    if not isinstance(text, str):
        raise error(repr(text), "type", f"expected text, got {type(text).__name__}")
    return "".join(text.split()).upper()


def _check_length(value: str, length: int, error: type[InvalidIdentifier]) -> None:
    if len(value) != length:
        raise error(value, "length", f"must be {length} characters, got {len(value)}")


def _check_chars(
    value: str,
    start: int,
    stop: int,
    allowed: frozenset[str],
    part: str,
    what: str,
    error: type[InvalidIdentifier],
) -> None:
    for index in range(start, stop):
        if value[index] not in allowed:
            raise error(value, part, f"must be {what}, got {value[index]!r}", position=index + 1)


@attrs.frozen(slots=True)
class SiCode:
    """A 10-digit SI code (mã số BHXH). No check digit is known, so only the format is checked."""

    value: str

    @property
    def canonical(self) -> str:
        """The 10 digits."""
        return self.value

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=True)
class CardCode:
    """A 15-character HI card code: group (1–2), benefit level (3), province (4–5), SI code.

    ``warnings`` says what is unusual but not wrong: an object group the shipped list does not
    have (``group.meaning_status == "UNKNOWN"``), or a level digit other than the group's
    default (a holder who qualifies under several rules carries the most favourable level).
    The gateway decides; vssdk never refuses such a card.
    """

    group: ObjectGroup
    benefit: BenefitLevel
    province_code: str
    si_code: SiCode
    warnings: tuple[str, ...] = attrs.field(default=(), eq=False)

    @property
    def known_group(self) -> bool:
        """Whether the object group is in the shipped list."""
        return self.group.meaning_status != "UNKNOWN"

    def level_on(self, day: dt.date | None) -> str:
        """The benefit digit that applies on ``day``: the card's own digit, except a group
        default that a later decision changed (a CN card printed with 3 gives level 2 from
        2026-01-01, NQ 261/2025)."""
        digit = self.benefit.digit
        if day is None or not self.known_group:
            return digit
        current = self.group.digit_on(day)
        if current is not None and digit != current and digit in self.group.allowed_digits:
            return current
        return digit

    @property
    def canonical(self) -> str:
        """The 15-character code, e.g. ``DN4010123456789``."""
        return f"{self.group.code}{self.benefit.digit}{self.province_code}{self.si_code.value}"

    def __str__(self) -> str:
        return self.canonical

    @property
    def province(self) -> Province | None:
        """The issuing province in the pre-2025 63-province list, if the code is in that list.

        The two digits are the issuing office's legacy code; they are not re-coded after the
        2025 merger, so an unknown pair is kept, not rejected (the gateway answers 052).
        """
        return province(self.province_code, "pre_2025")

    @property
    def successor_province(self) -> Province | None:
        """The post-merger province (from 2025-07-01) the issuing province belongs to."""
        return successor_province(self.province_code)


@attrs.frozen(slots=True)
class CitizenId:
    """A 12-digit personal ID number: birth-registration province, century/sex, birth year."""

    value: str

    @property
    def canonical(self) -> str:
        """The 12 digits."""
        return self.value

    def __str__(self) -> str:
        return self.value

    @property
    def province_code(self) -> str:
        """Digits 1–3: province of birth registration (pre-merger list, e.g. ``001``)."""
        return self.value[:3]

    @property
    def province(self) -> Province:
        """The province of birth registration (pre-2025 list; IDs were not renumbered)."""
        found = province(self.value[1:3], "pre_2025")
        assert found is not None  # checked by parse_citizen_id
        return found

    @property
    def sex(self) -> Sex:
        """Digit 4: even = male, odd = female."""
        return Sex.MALE if int(self.value[3]) % 2 == 0 else Sex.FEMALE

    @property
    def century_start(self) -> int:
        """First year of the birth century encoded in digit 4 (1900, 2000, ... 2300)."""
        return 1900 + 100 * (int(self.value[3]) // 2)

    @property
    def birth_year(self) -> int:
        """Birth year from digit 4 (century) and digits 5–6."""
        return self.century_start + int(self.value[4:6])

    @property
    def serial(self) -> str:
        """Digits 7–12 (random part)."""
        return self.value[6:]

    def mismatches(
        self, *, birth_year: int | None = None, sex: Sex | None = None
    ) -> tuple[str, ...]:
        """Warnings when the ID disagrees with a known birth year or sex (never an error)."""
        out: list[str] = []
        if birth_year is not None and birth_year != self.birth_year:
            out.append(f"citizen ID encodes birth year {self.birth_year}, not {birth_year}")
        if sex is not None and sex is not self.sex:
            out.append(f"citizen ID encodes sex {self.sex.value}, not {sex.value}")
        return tuple(out)


@attrs.frozen(slots=True)
class FacilityCode:
    """A 5-character health-facility code (mã CSKCB): province (1–2) and facility (3–5)."""

    value: str

    @property
    def canonical(self) -> str:
        """The 5 characters, e.g. ``01001``."""
        return self.value

    def __str__(self) -> str:
        return self.value

    @property
    def province_code(self) -> str:
        """Characters 1–2: the province in BHXH's (pre-merger) numbering."""
        return self.value[:2]

    @property
    def province(self) -> Province | None:
        """The province in the pre-2025 list, if the two digits are in it."""
        return province(self.province_code, "pre_2025")

    @property
    def temporary(self) -> bool:
        """True for the ``<province>000`` placeholder printed on some temporary cards."""
        return self.value[2:] == "000"


def parse_si_code(text: str) -> SiCode:
    """Parse a 10-digit SI code; raises :class:`~vssdk.cards.InvalidSiCode`."""
    value = _normalise(text, InvalidSiCode)
    _check_length(value, 10, InvalidSiCode)
    _check_chars(value, 0, 10, _DIGITS, "digits", "a digit 0-9", InvalidSiCode)
    return SiCode(value)


def parse_card_code(text: str) -> CardCode:
    """Parse a 15-character HI card code; raises :class:`~vssdk.cards.InvalidCardCode` only for
    a malformed code (length, letters, a level digit outside 1–5, non-digits).

    A well-formed code is always accepted: an object group missing from the shipped list, or a
    level digit other than the group's default, becomes an entry of :attr:`CardCode.warnings`
    (the gateway decides; real 2026 cards carry ``DN2``, ``CH2``, ``HT2`` …). The province
    digits are not checked against any list (see :attr:`CardCode.province`).
    """
    value = _normalise(text, InvalidCardCode)
    _check_length(value, 15, InvalidCardCode)
    _check_chars(value, 0, 2, _LETTERS, "object_group", "a letter A-Z", InvalidCardCode)
    if value[2] not in "12345":
        raise InvalidCardCode(
            value, "benefit_level", f"must be a digit 1-5, got {value[2]!r}", position=3
        )
    _check_chars(value, 3, 5, _DIGITS, "province", "a digit 0-9", InvalidCardCode)
    _check_chars(value, 5, 15, _DIGITS, "si_code", "a digit 0-9", InvalidCardCode)
    warnings: list[str] = []
    group = object_group(value[:2])
    if group is None:
        group = ObjectGroup(value[:2], None, None, (), "UNKNOWN")
        warnings.append(
            f"object group {value[:2]!r} is not in the shipped list; the gateway decides"
        )
    elif value[2] not in group.allowed_digits:
        usual = "/".join(sorted(group.allowed_digits))
        warnings.append(
            f"group {group.code} usually carries benefit level {usual}; this card carries"
            f" {value[2]} (the holder's own level)"
        )
    level = benefit_level(value[2])
    assert level is not None
    return CardCode(
        group=group,
        benefit=level,
        province_code=value[3:5],
        si_code=SiCode(value[5:]),
        warnings=tuple(warnings),
    )


def parse_citizen_id(text: str) -> CitizenId:
    """Parse a 12-digit personal ID number; raises :class:`~vssdk.cards.InvalidCitizenId`.

    Checks the format and that digits 1–3 name a province of birth registration; there is no
    check digit. Digit 4 (century and sex) accepts 0–9.
    """
    value = _normalise(text, InvalidCitizenId)
    _check_length(value, 12, InvalidCitizenId)
    _check_chars(value, 0, 12, _DIGITS, "digits", "a digit 0-9", InvalidCitizenId)
    if value[0] != "0" or province(value[1:3], "pre_2025") is None:
        raise InvalidCitizenId(
            value,
            "province",
            f"{value[:3]!r} is not a province code of birth registration (001-096)",
            position=1,
        )
    return CitizenId(value)


def parse_facility_code(text: str) -> FacilityCode:
    """Parse a 5-character facility code; raises :class:`~vssdk.cards.InvalidFacilityCode`.

    Characters 1–2 are digits (province, not checked against a list); 3–5 are digits or letters.
    """
    value = _normalise(text, InvalidFacilityCode)
    _check_length(value, 5, InvalidFacilityCode)
    _check_chars(value, 0, 2, _DIGITS, "province", "a digit 0-9", InvalidFacilityCode)
    _check_chars(value, 2, 5, _ALNUM, "facility", "a digit or letter", InvalidFacilityCode)
    return FacilityCode(value)


def parse_lookup_key(text: str) -> CardCode | SiCode | CitizenId:
    """Parse what reception typed into ``maThe``: a card code (15), SI code (10) or citizen ID (12).

    The kind is decided by the length after normalisation; any other length raises
    :class:`~vssdk.cards.InvalidIdentifier`.
    """
    value = _normalise(text, InvalidIdentifier)
    if len(value) == 15:
        return parse_card_code(value)
    if len(value) == 12:
        return parse_citizen_id(value)
    if len(value) == 10:
        return parse_si_code(value)
    raise InvalidIdentifier(
        value,
        "length",
        f"a card code has 15, a citizen ID 12, an SI code 10 characters; got {len(value)}",
    )
