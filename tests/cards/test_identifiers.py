"""Identifier parsing: structure, normalisation, errors naming the part, and properties."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vssdk.cards import (
    CardCode,
    CitizenId,
    InvalidCardCode,
    InvalidCitizenId,
    InvalidFacilityCode,
    InvalidIdentifier,
    InvalidSiCode,
    Sex,
    SiCode,
    object_groups,
    parse_card_code,
    parse_citizen_id,
    parse_facility_code,
    parse_lookup_key,
    parse_si_code,
    provinces,
)
from vssdk.errors import InvalidArgument, VssdkError

# ---------------------------------------------------------------- strategies

_DIGIT = st.sampled_from(string.digits)
_GROUP_DIGIT = st.sampled_from(
    sorted((g.code, d) for g in object_groups() for d in g.allowed_digits)
)
_PRE = sorted(p.code for p in provinces("pre_2025"))


@st.composite
def card_codes(draw: st.DrawFn) -> str:
    group, digit = draw(_GROUP_DIGIT)
    rest = "".join(draw(st.lists(_DIGIT, min_size=12, max_size=12)))
    return f"{group}{digit}{rest}"


@st.composite
def citizen_ids(draw: st.DrawFn) -> str:
    prov = draw(st.sampled_from(_PRE))
    rest = "".join(draw(st.lists(_DIGIT, min_size=9, max_size=9)))
    return f"0{prov}{rest}"


si_codes = st.lists(_DIGIT, min_size=10, max_size=10).map("".join)
facility_codes = st.tuples(
    st.lists(_DIGIT, min_size=2, max_size=2).map("".join),
    st.lists(st.sampled_from(string.digits + string.ascii_uppercase), min_size=3, max_size=3).map(
        "".join
    ),
).map("".join)

# ---------------------------------------------------------------- examples


def test_card_code_parts() -> None:
    card = parse_card_code("DN4010123456789")
    assert card.group.code == "DN"
    assert card.group.name_vi is not None
    assert "doanh nghiệp" in card.group.name_vi
    assert card.benefit.digit == "4"
    assert str(card.benefit.fund_share_percent) == "80"
    assert card.province_code == "01"
    assert card.province is not None
    assert card.province.name == "Thành phố Hà Nội"
    assert card.si_code == SiCode("0123456789")
    assert card.canonical == "DN4010123456789" == str(card)


def test_whitespace_and_case_are_normalised() -> None:
    assert parse_card_code("  dn4 01 0123456789\t").canonical == "DN4010123456789"
    assert parse_si_code(" 0123 456 789 ").canonical == "0123456789"
    assert parse_facility_code(" 01001\n").canonical == "01001"


def test_nothing_else_is_guessed() -> None:
    with pytest.raises(InvalidCardCode):
        parse_card_code("DN4-010123456789")
    with pytest.raises(InvalidSiCode):
        parse_si_code("０１２３４５６７８９")  # full-width digits are not ASCII digits
    with pytest.raises(InvalidCitizenId):
        parse_citizen_id("O79203001234")  # letter O, not zero


def test_error_is_typed_and_names_the_part() -> None:
    with pytest.raises(InvalidCardCode) as info:
        parse_card_code("DN6010123456789")
    err = info.value
    assert isinstance(err, InvalidIdentifier)
    assert isinstance(err, InvalidArgument)
    assert isinstance(err, VssdkError)
    assert isinstance(err, ValueError)
    assert err.argument == "card_code"
    assert err.part == "benefit_level"
    assert err.position == 3
    assert "1-5" in err.reason


def test_error_message_masks_the_identifier() -> None:
    with pytest.raises(InvalidCardCode) as info:
        parse_card_code("Z14010123456789")
    assert "0123456789" not in str(info.value)
    assert info.value.part == "object_group"
    assert info.value.value == "Z14010123456789"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("DN2010123456789", "2"),  # real 2026 cards: the holder's own level, not DN's default 4
        ("CH2010123456789", "2"),
        ("HT2010123456789", "2"),
        ("HC2010123456789", "2"),
        ("GD2010123456789", "2"),
        ("DN3010123456789", "3"),
        ("QN4010123456789", "4"),
    ],
)
def test_unusual_level_for_known_group_is_a_warning(text: str, level: str) -> None:
    card = parse_card_code(text)
    assert card.benefit.digit == level
    assert card.known_group
    assert len(card.warnings) == 1
    assert "usually carries" in card.warnings[0]
    assert card.level_on(dt.date(2026, 3, 1)) == level


def test_unknown_well_formed_group_is_a_warning() -> None:
    card = parse_card_code("ZZ4010123456789")
    assert not card.known_group
    assert card.group.code == "ZZ"
    assert card.canonical == "ZZ4010123456789"
    assert "not in the shipped list" in card.warnings[0]


def test_group_cd_seen_on_real_2026_cards_is_listed() -> None:
    card = parse_card_code("CD4010123456789")
    assert card.known_group
    assert card.warnings == ()


def test_default_level_has_no_warning() -> None:
    assert parse_card_code("DN4010123456789").warnings == ()


@pytest.mark.parametrize(
    ("text", "part", "position"),
    [
        ("DN401012345678", "length", None),
        ("D14010123456789", "object_group", 2),
        ("DN0010123456789", "benefit_level", 3),
        ("DNX010123456789", "benefit_level", 3),
        ("DN4A10123456789", "province", 4),
        ("DN40101234567X9", "si_code", 14),
        ("DN6010123456789", "benefit_level", 3),  # levels are 1-5
    ],
)
def test_card_code_errors(text: str, part: str, position: int | None) -> None:
    with pytest.raises(InvalidCardCode) as info:
        parse_card_code(text)
    assert info.value.part == part
    assert info.value.position == position


def test_province_digits_not_checked_against_any_list() -> None:
    # Issuer digits are a legacy code: an unknown pair is kept and left to the gateway (052).
    card = parse_card_code("DN4990123456789")
    assert card.province is None
    assert card.province_code == "99"


def test_pre_merger_card_stays_valid_and_maps_to_successor() -> None:
    card = parse_card_code("DN4740123456789")  # Bình Dương, merged into TP.HCM on 2025-07-01
    assert card.province is not None
    assert card.province.name == "Tỉnh Bình Dương"
    assert card.successor_province is not None
    assert card.successor_province.code == "79"


def test_cn_card_old_and_new_digit_both_parse() -> None:
    old = parse_card_code("CN3790123456789")
    new = parse_card_code("CN2790123456789")
    assert old.group.digit_on(dt.date(2025, 12, 31)) == "3"
    assert old.group.digit_on(dt.date(2026, 1, 1)) == "2"
    assert new.benefit.digit == "2"
    # the old default digit follows the 2026 change; another digit is the holder's own level
    assert old.level_on(dt.date(2025, 12, 31)) == "3"
    assert old.level_on(dt.date(2026, 1, 1)) == "2"
    assert parse_card_code("CN4790123456789").level_on(dt.date(2026, 1, 1)) == "4"


def test_citizen_id_parts() -> None:
    cid = parse_citizen_id("079203001234")
    assert cid.province_code == "079"
    assert cid.province.name == "Thành phố Hồ Chí Minh"
    assert cid.sex is Sex.MALE
    assert cid.birth_year == 2003
    assert cid.serial == "001234"
    female_1990s = parse_citizen_id("001190001234")
    assert female_1990s.sex is Sex.FEMALE
    assert female_1990s.birth_year == 1990
    assert cid.mismatches(birth_year=2003, sex=Sex.MALE) == ()
    assert len(cid.mismatches(birth_year=1990, sex=Sex.FEMALE)) == 2


@pytest.mark.parametrize("text", ["003203001234", "100203001234", "099203001234"])
def test_citizen_id_unknown_province(text: str) -> None:
    with pytest.raises(InvalidCitizenId) as info:
        parse_citizen_id(text)
    assert info.value.part == "province"


def test_facility_code() -> None:
    fac = parse_facility_code("79024")
    assert fac.province is not None
    assert fac.province.code == "79"
    assert not fac.temporary
    assert parse_facility_code("01000").temporary
    with pytest.raises(InvalidFacilityCode) as info:
        parse_facility_code("A1001")
    assert info.value.part == "province"


def test_lookup_key_by_length() -> None:
    assert isinstance(parse_lookup_key("DN4010123456789"), CardCode)
    assert isinstance(parse_lookup_key("079203001234"), CitizenId)
    assert isinstance(parse_lookup_key("0123456789"), SiCode)
    with pytest.raises(InvalidIdentifier) as info:
        parse_lookup_key("12345")
    assert info.value.part == "length"


def test_non_text_is_rejected() -> None:
    with pytest.raises(InvalidSiCode) as info:
        parse_si_code(123456789)  # type: ignore[arg-type]
    assert info.value.part == "type"


# ---------------------------------------------------------------- properties


@given(card_codes())
def test_every_valid_card_code_parses_and_round_trips(text: str) -> None:
    card = parse_card_code(text)
    assert card.canonical == text
    assert parse_card_code(str(card)) == card
    assert card.si_code.canonical == text[5:]


@given(card_codes(), st.data())
def test_formatting_ignores_spacing_and_case(text: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, 15))
    messy = f" {text[:cut].lower()} {text[cut:]} "
    assert parse_card_code(messy).canonical == text


@given(citizen_ids())
def test_every_valid_citizen_id_parses_and_round_trips(text: str) -> None:
    cid = parse_citizen_id(text)
    assert cid.canonical == text
    assert cid.birth_year % 100 == int(text[4:6])
    assert 1900 <= cid.birth_year <= 2399


@given(si_codes)
def test_every_si_code_round_trips(text: str) -> None:
    assert parse_si_code(text).canonical == text


@given(facility_codes)
def test_every_facility_code_round_trips(text: str) -> None:
    assert parse_facility_code(text).canonical == text


_WRONG_FOR_DIGIT = st.sampled_from("AZX@-.ä٣")
_WRONG_FOR_LETTER = st.sampled_from("09@-.")


@given(card_codes(), st.integers(0, 14), st.data())
def test_card_code_single_char_corruption_is_rejected(
    text: str, index: int, data: st.DataObject
) -> None:
    bad = data.draw(_WRONG_FOR_LETTER if index < 2 else _WRONG_FOR_DIGIT)
    corrupted = text[:index] + bad + text[index + 1 :]
    with pytest.raises(InvalidCardCode) as info:
        parse_card_code(corrupted)
    assert info.value.position == index + 1


@given(card_codes(), st.integers(0, 14))
def test_card_code_deleted_or_inserted_char_is_rejected(text: str, index: int) -> None:
    with pytest.raises(InvalidCardCode):
        parse_card_code(text[:index] + text[index + 1 :])
    with pytest.raises(InvalidCardCode):
        parse_card_code(text[:index] + "7" + text[index:])


@given(card_codes(), st.sampled_from("06789"))
def test_card_code_out_of_range_benefit_digit_is_rejected(text: str, digit: str) -> None:
    with pytest.raises(InvalidCardCode) as info:
        parse_card_code(text[:2] + digit + text[3:])
    assert info.value.part == "benefit_level"


@given(citizen_ids(), st.integers(0, 11), st.sampled_from("AO@-.٣"))
def test_citizen_id_single_char_corruption_is_rejected(text: str, index: int, bad: str) -> None:
    with pytest.raises(InvalidCitizenId) as info:
        parse_citizen_id(text[:index] + bad + text[index + 1 :])
    assert info.value.position == index + 1


@given(si_codes, st.integers(0, 9), st.sampled_from("AO@-.٣"))
def test_si_code_single_char_corruption_is_rejected(text: str, index: int, bad: str) -> None:
    with pytest.raises(InvalidSiCode):
        parse_si_code(text[:index] + bad + text[index + 1 :])
    with pytest.raises(InvalidSiCode):
        parse_si_code(text[:index] + text[index + 1 :])


@given(facility_codes, st.integers(0, 4), st.sampled_from("@-.ä"))
def test_facility_code_single_char_corruption_is_rejected(text: str, index: int, bad: str) -> None:
    with pytest.raises(InvalidFacilityCode):
        parse_facility_code(text[:index] + bad + text[index + 1 :])
