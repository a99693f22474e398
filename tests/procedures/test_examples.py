"""The two ministry examples run end to end (embedded sandbox, loopback webhook receiver)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", ["ministry_birth_link.py", "ministry_death_link.py"])
def test_example_runs(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    out = capsys.readouterr().out
    assert "webhook  linked_application.submitted" in out
    assert "409" in out or "funeral allowance" in out
    if name == "ministry_birth_link.py":  # it cites the hospital's birth certificate
        assert "body.child.full_name [certificate.mismatch]" in out
