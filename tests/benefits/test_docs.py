"""docs/rules.md is generated from the parameter data and must be up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "gen_rules_docs", ROOT / "tools" / "gen_rules_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_rules_docs_are_up_to_date() -> None:
    pages = _generator().render_pages()  # type: ignore[attr-defined]
    assert len(pages) > 10
    for path, text in pages.items():
        committed = path.read_text(encoding="utf-8") if path.exists() else None
        assert committed == text, f"{path} is stale: run .venv/bin/python tools/gen_rules_docs.py"


def test_rules_doc_has_tables_with_dates_and_citations() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "| 2026-07-01 | — | 2,530,000 | Decree 161/2026/NĐ-CP, Art. 3(2) | S |" in text
    assert "### `compulsory_contribution(" in text
    assert "### `regional_minimum_wage`" in text
