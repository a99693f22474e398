"""The ``vssdk`` command line: sandbox outbox, and the parser's subcommands."""

from __future__ import annotations

from typing import Any

import pytest

import vssdk
from vssdk.cli import build_parser, main
from vssdk.identity import OtpRequired
from vssdk_sandbox.testing import citizen_client


def test_every_subcommand_is_registered() -> None:
    parser = build_parser()
    assert parser.parse_args(["sandbox"]).action == "serve"
    assert parser.parse_args(["sandbox", "outbox"]).action == "outbox"
    assert parser.parse_args(["login"]).command == "login"


def test_sandbox_outbox_prints_the_otp_of_a_new_device(
    live_sandbox: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with vssdk.Client(live_sandbox.base_url) as client:
        citizen_client(client, si_code="0187654321", device_id="phone-a")
        with pytest.raises(OtpRequired):
            citizen_client(client, si_code="0187654321", device_id="phone-b", complete_otp=False)
    assert (
        main(["sandbox", "outbox", "--url", live_sandbox.base_url, "--si-code", "0187654321"]) == 0
    )
    out = capsys.readouterr().out
    assert "device phone-b: OTP " in out
    assert "0187654321" not in out  # the SI code is masked


def test_calc_reads_a_payroll_file(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    payroll = tmp_path / "payroll.csv"
    payroll.write_text("monthly_salary,on,region\n20000000,2026-03-01,1\n", encoding="utf-8")
    assert main(["calc", "--file", str(payroll), "--no-progress"]) == 0
    header, row = capsys.readouterr().out.strip().splitlines()
    values = dict(zip(header.replace('"', "").split(","), row.split(","), strict=True))
    assert values["employee"] == "2100000"
    assert values["total"] == "6400000"


def test_calc_without_function_or_file_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc"]) == 2
    assert "--file" in capsys.readouterr().err
