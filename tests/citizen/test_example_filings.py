"""examples/bhxh_filings.py walks through the citizen filings and the employer's account."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bhxh_filings.py"


def test_filings_example_runs_end_to_end(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VSSDK_BASE_URL", raising=False)
    runpy.run_path(str(EXAMPLE), run_name="__main__")
    out = capsys.readouterr().out
    for expected in (
        "612        Cấp lại, đổi thẻ BHYT do mất, hỏng",
        "SBX-TTKCB",
        "1990-07-20 refused: [information_change.population_mismatch]",
        "608 completed; birth date now 1990-07-12",
        "610 completed: card DN4797901234568, fee 0 đ",
        "1. Đủ tuổi nghỉ hưu ngày 10/09/2025",
        "messages: BHXH đã chi trả; Hồ sơ đã được duyệt",
        "SI book refused: [si_book.contributions_owed]",
        "SI book of Hoàng Văn Em confirmed to",
    ):
        assert expected in out, expected
    # three months owed at seeding; one more when the example's clock crosses a month end
    assert out.count("days late, interest") in (3, 4)
