"""REST card checks end to end: every result code from the seeded cards, lookups, batches."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest

import vssdk
from tests.cards.conftest import OPERATOR, facility_token
from tests.conftest import run
from vssdk.cards import CheckAction, CheckEntry, InvalidCardCode, ResultCode
from vssdk.errors import AuthenticationError, InvalidArgument, NotFoundError
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.seeds.cards import CARD_FIXTURES, card_fixture


def _check(client: vssdk.Client, fixture: dict[str, Any], **overrides: Any) -> Any:
    args: dict[str, Any] = {
        "card_code": fixture["card_code"],
        "full_name": fixture["full_name"],
        "birth_date": fixture["birth_date"],
        **OPERATOR,
    }
    args.update(overrides)
    code = args.pop("card_code")
    return client.cards.check(code, **args)


@pytest.mark.parametrize("fixture", CARD_FIXTURES, ids=lambda f: f["key"])
def test_each_seeded_card_gives_its_result_code(
    facility: vssdk.Client, fixture: dict[str, Any]
) -> None:
    lookup: dict[str, Any] = {}
    if fixture["expect"] == "130":  # a child without the card: checked by citizen ID
        lookup = {"card_code": None, "citizen_id": fixture["citizen_id"]}
    result = _check(facility, fixture, **lookup)
    assert result.result_code == fixture["expect"]
    assert result.result is ResultCode(fixture["expect"])
    assert result.eligible is ResultCode(fixture["expect"]).card_valid
    assert result.result_message == ResultCode(fixture["expect"]).message_vi
    assert result.id is not None
    assert facility.cards.get_check(result.id) == result


VALID = card_fixture("valid")


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"card_code": "DN4010199009999"}, "050"),  # SI code unknown
        ({"card_code": "HC4010199000001"}, "051"),  # group differs from the card's
        ({"card_code": "DN4790199000001"}, "052"),  # issuing province differs
        ({"full_name": "Trần Văn Bình"}, "060"),
        ({"full_name": "Nguyễn Văn Bính"}, "061"),  # first character matches
        ({"birth_date": "1985-03-15"}, "070"),
        ({"birth_date": 1986}, "070"),
        ({"operator_id": "001099009999"}, "054"),
        ({"operator_name": "Người Khác"}, "055"),
    ],
)
def test_derived_result_codes(facility: vssdk.Client, overrides: dict[str, Any], code: str) -> None:
    assert _check(facility, VALID, **overrides).result_code == code


def test_wrong_benefit_digit_053(facility: vssdk.Client) -> None:
    # CN cards carried 3 before 2026 and 2 after: both parse, the gateway knows which was issued.
    near_poor = card_fixture("near_poor")
    result = _check(facility, near_poor, card_code="CN3010199000007")
    assert result.result_code == "053"


def test_valid_card_details(facility: vssdk.Client, sandbox: Sandbox) -> None:
    result = _check(facility, VALID)
    assert result.action is CheckAction.ACCEPT
    assert result.card is not None
    assert result.card.card_code == VALID["card_code"]
    assert result.card.registered_facility_code == "01001"
    assert result.card.valid_to == dt.date(sandbox.today().year + 1, 12, 31)
    assert result.card.five_years_date is not None
    assert len(result.visits) == 1
    assert result.visits[0].admitted_at.utcoffset() == dt.timedelta(hours=7)
    second = _check(facility, VALID)
    assert [c.result_code for c in second.previous_checks] == ["000"]
    assert second.previous_checks[0].checked_by == "01001_BV"  # userKT: the facility account


@pytest.mark.parametrize("how", ["citizen_id", "si_code"])
def test_lookup_by_citizen_id_and_si_code(facility: vssdk.Client, how: str) -> None:
    value = VALID["citizen_id"] if how == "citizen_id" else VALID["card_code"][5:]
    result = _check(facility, VALID, card_code=None, **{how: value})
    assert result.result_code == "000"
    assert result.lookup_type == how
    assert result.card is not None
    assert result.card.card_code == VALID["card_code"]


def test_birth_year_only(facility: vssdk.Client) -> None:
    fixture = card_fixture("birth_year_only")
    assert _check(facility, fixture, birth_date=1940).result_code == "000"
    assert _check(facility, VALID, birth_date=1985).result_code == "000"


def test_new_card_codes_expose_the_new_card(facility: vssdk.Client) -> None:
    expired = _check(facility, card_fixture("expired_new_card"))
    assert expired.result_code == "003"
    assert expired.action is CheckAction.ACCEPT_WITH_NEW_CARD
    assert expired.new_card is not None
    assert expired.card_to_use == "HT3790199000004"
    assert "new_card_issued" in {w.code for w in expired.warnings}
    advance = _check(facility, card_fixture("new_card_in_advance"))
    assert advance.result_code == "004"
    assert advance.new_card is not None
    assert {"new_card_issued", "card_expiring"} <= {w.code for w in advance.warnings}
    # Checking with the new card's own code is a plain valid check.
    fresh = _check(facility, card_fixture("expired_new_card"), card_code="HT3790199000004")
    assert fresh.result_code == "000"
    assert fresh.card is not None
    assert fresh.card.previous_card_code == "HT3010199000004"
    assert fresh.card.registered_facility_code == "79001"


def test_visit_same_day_warning(facility: vssdk.Client) -> None:
    result = _check(facility, card_fixture("visited_today"))
    assert result.result_code == "000"
    assert [w.code for w in result.warnings] == ["visit_same_day"]


def test_name_is_sent_in_nfc(facility: vssdk.Client) -> None:
    # The gateway compares bytes (no Unicode normalisation); vssdk sends NFC (pitfall §10.6).
    decomposed = unicodedata.normalize("NFD", VALID["full_name"])
    assert decomposed != VALID["full_name"]
    assert _check(facility, VALID, full_name=f"  {decomposed.upper()} ").result_code == "000"


def test_not_valid_is_a_result_not_an_exception(facility: vssdk.Client) -> None:
    result = _check(facility, card_fixture("revoked"))
    assert result.result_code == "110"
    assert result.eligible is False
    assert result.action is CheckAction.REJECT


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"card_code": "DN401019900000"}, "card_code"),
        ({"card_code": None}, "card_code"),
        ({"citizen_id": "079085001234"}, "card_code"),  # two lookups given
        ({"operator_id": "12345"}, "citizen_id"),
        ({"operator_name": " "}, "operator_name"),
        ({"birth_date": "14/03/1985"}, "birth_date"),
        ({"birth_date": dt.datetime(1985, 3, 14)}, "birth_date"),
    ],
)
def test_bad_input_raises_before_sending(
    facility: vssdk.Client, kwargs: dict[str, Any], argument: str
) -> None:
    with pytest.raises(InvalidArgument) as info:
        _check(facility, VALID, **kwargs)
    assert info.value.argument == argument


def test_unknown_check_is_404(facility: vssdk.Client) -> None:
    with pytest.raises(NotFoundError):
        facility.cards.get_check("chk_999999")


def test_check_needs_a_facility_token(client: vssdk.Client) -> None:
    with pytest.raises(AuthenticationError):
        _check(client, VALID)


def test_batch_sync_keeps_order_and_isolates_errors(facility: vssdk.Client) -> None:
    entries = [
        CheckEntry(VALID["full_name"], VALID["birth_date"], card_code=VALID["card_code"]),
        CheckEntry("X Y", 1980, card_code="ZZ401019900001"),  # 14 characters: local error
        CheckEntry(VALID["full_name"], VALID["birth_date"], citizen_id=VALID["citizen_id"]),
    ]
    items = facility.cards.check_many(entries, **OPERATOR)
    assert [i.index for i in items] == [0, 1, 2]
    assert items[0].ok
    assert items[2].ok
    assert isinstance(items[1].error, InvalidCardCode)
    assert items[0].result is not None
    assert items[0].result.result_code == "000"


def test_batch_async_bounded(make_aclient: Any, sandbox: Sandbox) -> None:
    token = facility_token(sandbox)
    fixtures = [f for f in CARD_FIXTURES if f["expect"] != "130"]
    entries = [
        CheckEntry(f["full_name"], f["birth_date"], card_code=f["card_code"]) for f in fixtures
    ]
    entries.insert(3, CheckEntry("Ai Đó", 1990, si_code="12345"))

    async def main() -> list[Any]:
        async with make_aclient(auth=vssdk._core.auth.BearerToken(token)) as ac:
            single = await ac.cards.check(
                fixtures[0]["card_code"],
                full_name=fixtures[0]["full_name"],
                birth_date=fixtures[0]["birth_date"],
                **OPERATOR,
            )
            assert (await ac.cards.get_check(single.id)).result_code == single.result_code
            items: list[Any] = await ac.cards.check_many(entries, concurrency=3, **OPERATOR)
            return items

    items = run(main())
    assert len(items) == len(entries)
    assert items[3].error is not None
    codes = [i.result.result_code for i in items if i.result is not None]
    assert codes == [f["expect"] for f in fixtures]


def test_batch_rejects_bad_concurrency(make_aclient: Any) -> None:
    async def main() -> None:
        async with make_aclient() as ac:
            await ac.cards.check_many([], concurrency=0, **OPERATOR)

    with pytest.raises(InvalidArgument):
        run(main())


@pytest.mark.parametrize("prefix", ["DN2", "HT2", "CD4", "ZZ4"])
def test_2026_card_codes_are_checked_not_refused(facility: vssdk.Client, prefix: str) -> None:
    result = _check(facility, VALID, card_code=prefix + VALID["card_code"][3:])
    assert result.result_code  # the (simulated) gateway answers; nothing is refused locally
