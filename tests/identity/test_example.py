"""examples/citizen_login.py runs every identity flow against an embedded sandbox."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "citizen_login.py"


def test_citizen_login_example_runs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    for expected in (
        "Phạm Văn Dũng: identity level 2 via vneid",
        "new device 'tablet': OTP sent to 09******67",
        "the phone was signed out: SessionRevoked",
        "level 1: IdentityLevelTooLow",
        "hospital (client_secret_basic): scope 'hi.card_check'",
        "I-VAN: scope 'employer.declarations'",
    ):
        assert expected in out
