"""`vssdk --version` and `vssdk calc <rule> --help` (issue 17): answers from the CLI itself."""

from __future__ import annotations

import inspect

import pytest

import vssdk
from vssdk import benefits
from vssdk._cli.calc import FUNCTIONS
from vssdk.cli import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith(f"vssdk {vssdk.__version__}")


@pytest.mark.parametrize("rule", FUNCTIONS)
def test_every_rule_lists_its_inputs(rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calc", rule, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: vssdk calc {rule} ")
    params = inspect.signature(getattr(benefits, rule)).parameters.values()
    for param in params:
        flag = "--" + param.name.replace("_", "-")
        line = next(x for x in out.splitlines() if x.strip().startswith(flag + " "))
        required = param.default is inspect.Parameter.empty
        assert ("required" in line) is required, line
        if required:
            assert flag in out.splitlines()[0]  # the usage line shows what must be given


def test_rule_help_shows_types_defaults_and_the_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calc", "compulsory_contribution", "-h"]) == 0
    out = capsys.readouterr().out
    assert "--monthly-salary" in out and "INT" in out
    assert "--on " in out and "YYYY-MM-DD" in out
    assert "--ui-relief" in out and "default true" in out
    assert "Monthly compulsory SI, HI, UI" in out


def test_connection_refused_on_a_local_address_suggests_the_sandbox() -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        vssdk.Client(f"http://127.0.0.1:{port}", max_retries=0) as client,
        pytest.raises(vssdk.APIConnectionError) as info,
    ):
        client.lookups.facility("01001")
    assert "start it with `vssdk sandbox`" in str(info.value)


def test_vssdk_spec_prints_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    from vssdk.contract import spec_path

    assert main(["spec"]) == 0
    out = capsys.readouterr().out
    assert out == spec_path().read_text(encoding="utf-8")
    assert "openapi: 3.1" in out
    assert main(["spec", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str(spec_path())


def test_a_clock_move_of_nothing_says_what_was_given_and_what_to_give() -> None:
    with vssdk.Client("http://127.0.0.1:8765") as client:
        with pytest.raises(vssdk.InvalidArgument) as info:
            client.sandbox.advance_clock(days=0)
        assert "got nothing" in str(info.value) and "days=" in str(info.value)
        with pytest.raises(vssdk.InvalidArgument) as info:
            client.sandbox.advance_clock(hours=-1)
        assert info.value.argument == "hours"
