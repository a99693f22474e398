"""The seeded cards cover every result code, and docs/sandbox-cards.md lists them all."""

from __future__ import annotations

from pathlib import Path

from vssdk.cards import ResultCode, parse_card_code, parse_citizen_id
from vssdk_sandbox.seeds.cards import CARD_FIXTURES

DOC = Path(__file__).resolve().parents[2] / "docs" / "sandbox-cards.md"
DERIVED = {"050", "051", "052", "053", "054", "055", "060", "061", "070", "205", "401"}


def test_every_result_code_can_be_provoked() -> None:
    seeded = {f["expect"] for f in CARD_FIXTURES}
    assert seeded | DERIVED == {c.value for c in ResultCode}


def test_fixture_identifiers_are_well_formed() -> None:
    for fixture in CARD_FIXTURES:
        card = parse_card_code(fixture["card_code"])
        cid = parse_citizen_id(fixture["citizen_id"])
        assert cid.birth_year == int(fixture["birth_date"][:4])
        assert cid.sex.value == fixture.get("sex", "male")
        assert card.si_code.value == fixture["card_code"][5:]


def test_doc_lists_every_fixture() -> None:
    text = DOC.read_text(encoding="utf-8")
    for fixture in CARD_FIXTURES:
        assert f"`{fixture['card_code']}`" in text
        assert f"| `{fixture['expect']}` |" in text
    for code in DERIVED:
        assert f"`{code}`" in text
