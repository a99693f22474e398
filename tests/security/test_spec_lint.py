"""The spec lints clean: every operation is described, no example loses its type in a YAML 1.2
reader (``001085000111`` must stay a string), no property is a broken description line. Redocly
and Spectral (``oas`` ruleset) run too when installed (``npm install --prefix /tmp/lint
@redocly/cli @stoplight/spectral-cli``, or on PATH); the checks above stand in for them
otherwise."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_PLAIN_NUMBER_WITH_ZERO = re.compile(r":\s+[-+]?0\d+\s*$")


def _spec() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return data


def test_every_operation_has_a_description() -> None:
    missing = [
        op["operationId"]
        for item in _spec()["paths"].values()
        for method, op in item.items()
        if method in METHODS and not str(op.get("description", "")).strip()
    ]
    assert missing == []


def test_no_zero_padded_identifier_is_written_as_a_yaml_number() -> None:
    lines = [
        f"{n}: {line.strip()}"
        for n, line in enumerate(SPEC.read_text(encoding="utf-8").splitlines(), 1)
        if _PLAIN_NUMBER_WITH_ZERO.search(line)
    ]
    assert lines == []


def _properties(node: Any, path: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found.extend((path, name) for name in value)
            found.extend(_properties(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_properties(value, f"{path}/{index}"))
    return found


def test_no_property_name_is_a_stray_sentence() -> None:
    odd = [(p, name) for p, name in _properties(_spec()) if not re.fullmatch(r"[\w.@$-]+", name)]
    assert odd == []


def _tool(name: str) -> str | None:
    local = Path("/tmp/lint/node_modules/.bin") / name
    if local.exists():
        return str(local)
    return shutil.which(name)


@pytest.mark.skipif(_tool("redocly") is None, reason="Redocly CLI is not installed")
def test_redocly_lint_has_no_error() -> None:
    run = subprocess.run(
        [str(_tool("redocly")), "lint", str(SPEC), "--format", "stylish"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


@pytest.mark.skipif(_tool("spectral") is None, reason="Spectral CLI is not installed")
def test_spectral_oas_ruleset_has_no_error(tmp_path: Path) -> None:
    ruleset = tmp_path / ".spectral.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    run = subprocess.run(
        [str(_tool("spectral")), "lint", str(SPEC), "--ruleset", str(ruleset), "-F", "error"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
