"""examples/citizen_app.py walks through every VssID item against an embedded sandbox."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "citizen_app.py"


def test_citizen_app_example_runs_end_to_end(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    for expected in (
        "SI code of Nguyễn Văn An born 1985-03-14: 7901234567",
        "DN4797901234567  Nguyễn Văn An  (valid)",
        "(before 2014: 66, from 2014:",
        "60 visits in all",
        "[voluntary_si.income_range]",
        "[household_hi.not_in_population_records]",
        "resubmitted with the same key → app_000001",
        "webhook application.status_changed: app_000001 → paid",
        "webhooks received: 5",
        "now paid; unemployment",
    ):
        assert expected in out
