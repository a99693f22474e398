"""examples/pension.py: the retirement age and the early months come from the birth date."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pension.py"


def test_pension_example_derives_early_months_from_the_birth_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    assert "Normal retirement age: 62 years 0 months, reached 2028-11-08" in out
    assert "Early months: 32; rate 64%" in out
    assert "Monthly pension: 9,600,000 VND" in out
    assert "is paid 8,336,925 VND in 2026-04" in out
    assert "warning: pension.adjustment: parameter data known good until 2026-06-30" in out
