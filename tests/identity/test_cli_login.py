"""``vssdk login`` against a live sandbox, then a call with the saved session; ``--logout``."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

import vssdk
from tests.identity.test_live import FormDriver
from vssdk.cli import main
from vssdk.identity import LoginError, SessionRevoked, UserSession


def test_login_saves_a_private_session_usable_by_programs(
    live_sandbox: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    token_file = tmp_path / "tokens.json"
    with vssdk.Client(live_sandbox.base_url, max_retries=0) as client:
        monkeypatch.setattr("webbrowser.open", FormDriver(client, "7901234568"))
        argv = ["login", "--base-url", client.base_url, "--token-file", str(token_file)]
        assert main([*argv, "--device-id", "cli-laptop"]) == 0
        out = capsys.readouterr().out
        assert "Trần Thị Bình" in out and "7901234568" not in out  # SI code masked
        assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
        session = UserSession.from_file(str(token_file), base_url=client.base_url)
        assert client.with_options(auth=session).identity.userinfo().si_code == "7901234568"
        saved = session.tokens
        assert main([*argv, "--logout"]) == 0
        assert not token_file.exists()
        stale = client.with_options(auth=UserSession(base_url=client.base_url, tokens=saved))
        with pytest.raises(SessionRevoked):
            stale.identity.userinfo()
        with pytest.raises(LoginError, match="vssdk login"):
            UserSession.from_file(str(token_file), base_url=client.base_url)
