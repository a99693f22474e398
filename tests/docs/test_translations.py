"""The pages a newcomer reads first exist in Vietnamese too (issue 17), and each Vietnamese page
keeps the English page's code: the same programs, the same calls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = sorted(f"guides/{p.name}" for p in (DOCS / "guides").glob("*.md"))
FIRST_READ = ["index.md", "quickstart.md", "signing-keys.md", *GUIDES]
CODE = re.compile(r"```python\n(.*?)```", re.S)


def test_there_is_a_guide_per_user_group() -> None:
    assert {p.stem for p in (DOCS / "guides").glob("*.md")} >= {
        "his", "ivan", "ministry", "citizen-app", "payroll",
    }  # fmt: skip


@pytest.mark.parametrize("page", FIRST_READ)
def test_vietnamese_version_with_the_same_code(page: str) -> None:
    english = (DOCS / page).read_text(encoding="utf-8")
    vietnamese = (DOCS / "vi" / page).read_text(encoding="utf-8")
    assert len(CODE.findall(vietnamese)) == len(CODE.findall(english))
    calls = {c for block in CODE.findall(english) for c in re.findall(r"\.(\w+)\(", block)}
    shown = {c for block in CODE.findall(vietnamese) for c in re.findall(r"\.(\w+)\(", block)}
    assert calls == shown, calls ^ shown
    assert re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", vietnamese)
