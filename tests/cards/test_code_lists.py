"""The shipped code lists: versioned, sourced, consistent with the enum and each other."""

from __future__ import annotations

import datetime as dt

import pytest

from vssdk.cards import (
    CheckAction,
    ResultCode,
    benefit_levels,
    code_list_info,
    object_group,
    object_groups,
    provinces,
    successor_province,
)
from vssdk.cards._data import load
from vssdk.errors import InvalidArgument


@pytest.mark.parametrize("name", ["object_groups", "benefit_levels", "provinces", "result_codes"])
def test_every_list_is_versioned_with_sources(name: str) -> None:
    info = code_list_info(name)
    dt.date.fromisoformat(info.version)
    assert info.sources
    assert all(s.strip() for s in info.sources)


def test_object_groups_unique_and_levels_known() -> None:
    codes = [g.code for g in object_groups()]
    assert len(codes) == len(set(codes))
    digits = {b.digit for b in benefit_levels()}
    assert digits == {"1", "2", "3", "4", "5"}
    for group in object_groups():
        assert len(group.code) == 2
        assert group.code.isalpha()
        assert group.code.isupper()
        assert group.allowed_digits <= digits
        assert group.meaning_status in {"VERIFIED", "UNVERIFIED"}
        if group.meaning_status == "VERIFIED":
            assert group.name_vi


def test_level_periods_do_not_overlap() -> None:
    for group in object_groups():
        for day in (dt.date(2020, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1)):
            covering = [p for p in group.levels if p.covers(day)]
            assert len(covering) <= 1, group.code


@pytest.mark.parametrize(
    ("code", "before", "after"), [("CN", "3", "2"), ("LH", "4", "2"), ("DN", "4", "4")]
)
def test_2026_level_change(code: str, before: str, after: str) -> None:
    group = object_group(code)
    assert group is not None
    assert group.digit_on(dt.date(2025, 12, 31)) == before
    assert group.digit_on(dt.date(2026, 1, 1)) == after


def test_provinces_before_and_after_merger() -> None:
    pre = provinces("pre_2025")
    post = provinces("post_2025")
    assert len(pre) == 63
    assert len(post) == 34
    merged = sorted(c for p in post for c in p.merged_from)
    assert merged == sorted(p.code for p in pre)  # every old province went somewhere exactly once
    expected_post = [
        f"{n:02d}"
        for n in (1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37, 38, 40, 42, 44, 46,
                  48, 51, 52, 56, 66, 68, 75, 79, 80, 82, 86, 91, 92, 96)
    ]  # fmt: skip
    assert sorted(p.code for p in post) == expected_post
    hcm = successor_province("77")
    assert hcm is not None
    assert hcm.code == "79"


def test_result_code_enum_matches_data_file() -> None:
    data_codes = {e["code"] for e in load("result_codes")["entries"]}
    assert data_codes == {c.value for c in ResultCode}
    for code in ResultCode:
        assert code.message_vi
        assert code.meaning
        assert isinstance(code.action, CheckAction)


def test_result_codes_are_strings_never_ints() -> None:
    assert ResultCode.VALID.value == "000"
    assert ResultCode.VALID != 0  # type: ignore[comparison-overlap]
    assert str(ResultCode.EXPIRED) == "010"
    assert ResultCode.from_wire("000") is ResultCode.VALID
    assert ResultCode.from_wire("999") is None
    with pytest.raises(InvalidArgument) as info:
        ResultCode.from_wire(0)
    assert info.value.argument == "maKetQua"


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("000", True), ("001", True), ("002", True), ("003", True), ("004", True),
        ("010", False), ("050", False), ("051", False), ("052", False), ("053", False),
        ("054", False), ("055", False), ("060", False), ("061", False), ("070", False),
        ("080", False), ("090", False), ("100", False), ("101", False), ("110", False),
        ("120", False), ("121", False), ("122", False), ("123", False), ("124", False),
        ("130", True), ("205", False), ("401", False), ("500", False),
    ],
)  # fmt: skip
def test_every_result_code_validity(code: str, valid: bool) -> None:
    result = ResultCode(code)
    assert result.card_valid is valid


def test_new_card_codes_flagged() -> None:
    assert {c for c in ResultCode if c.new_card_issued} == {
        ResultCode.EXPIRED_NEW_CARD_ISSUED,
        ResultCode.VALID_NEW_CARD_ISSUED,
    }
    assert ResultCode.EXPIRED_NEW_CARD_ISSUED.action is CheckAction.ACCEPT_WITH_NEW_CARD
    assert ResultCode.OPERATOR_NOT_REGISTERED.action is CheckAction.REQUEST_ERROR
    assert ResultCode.AUTHENTICATION_ERROR.action is CheckAction.REAUTHENTICATE


def test_object_group_list_is_versioned_for_2026_cards() -> None:
    info = code_list_info("object_groups")
    assert info.version >= "2026-12-02"
    assert any("CD" in source or "DN2" in source for source in info.sources)
    group = object_group("CD")
    assert group is not None
    assert group.meaning_status == "UNVERIFIED"
    assert group.digit_on(dt.date(2026, 3, 1)) == "4"
