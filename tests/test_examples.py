"""The demo and the HIS / I-VAN examples run end to end against an embedded sandbox."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# example → lines its output must contain (what a user of that story wants to see)
EXPECTED = {
    "demo.py": ["Nguyễn Văn An", "→ 000 valid", "= 6,400,000 VND", "accepted", "BHXH code 404"],
    "his_reception.py": ["REST dialect", "Gateway wire dialect"],
    "his_claim.py": ["XML2[2].THANH_TIEN_BV", "after checks: accepted", "maGiaoDich"],
    "ivan_monthly.py": ["total due each month", "accepted"],
    "his_certificates.py": ["[days.max_per_certificate]", "v2 replaced", "MaKetQua 200", "MaGD"],
    "ivan_sickness_claim.py": [
        "refused [no_certificate]",
        "Daily amount",
        "Law 41/2024/QH15",
        "paid",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    out = capsys.readouterr().out
    for expected in EXPECTED[name]:
        assert expected in out, f"{name}: {expected!r} missing from its output"
