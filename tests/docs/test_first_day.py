"""The five first-day programs of the user-group guides run as printed and show what their users
need (issue 17: a first success for each group from the website alone)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

FIRST_DAY = Path(__file__).resolve().parents[2] / "examples" / "first_day"
GUIDES = Path(__file__).resolve().parents[2] / "docs" / "guides"

# program → lines its output must contain
EXPECTED = {
    "his.py": [
        "checked 5 of 5 patients",
        "000 accept",
        "003 accept_with_new_card",
        "bill the new card HT3",
        "010 reject",
    ],
    "ivan.py": ["submitted dos_", "h  received", "h  accepted", "contribution notice:"],
    "ministry.py": [
        "webhook linked_application.completed: completed",
        "child's card TE1",
        "4 signed events received",
    ],
    "citizen_app.py": ["Nguyễn Văn An: card DN4", "SI: ", "  SI 2008-07"],
    "payroll.py": [
        "one employee: employee 2,100,000 VND, employer 4,300,000 VND",
        "file: 2 rows computed, 1 set aside (exit code 1)",
        "row 3 (NV003): salary 1,000,000 is below the lowest SI base",
        "pension: 9,372,000 VND a month at 66%",
        "Căn cứ:",
    ],
}


def test_every_program_is_tested_and_shown_in_a_guide() -> None:
    programs = {p.name for p in FIRST_DAY.glob("*.py")}
    assert programs == set(EXPECTED)
    shown = "\n".join(p.read_text(encoding="utf-8") for p in GUIDES.glob("*.md"))
    for name in programs:
        assert f'--8<-- "examples/first_day/{name}"' in shown, name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_first_day_program(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    runpy.run_path(str(FIRST_DAY / name), run_name="__main__")
    out = capsys.readouterr().out
    for expected in EXPECTED[name]:
        assert expected in out, f"{name}: {expected!r} missing from its output:\n{out}"
