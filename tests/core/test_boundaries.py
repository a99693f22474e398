"""The SDK and the sandbox are two distributions: the SDK never imports the server, and the
server uses only the SDK's public modules (plus ``vssdk.contract``, which exists for it)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SDK = ROOT / "src" / "vssdk"
SERVER = ROOT / "sandbox" / "src" / "vssdk_sandbox"
SERVER_PACKAGES = ("vssdk_sandbox", "starlette", "uvicorn", "jsonschema", "PIL", "segno")


def _imports(package: Path) -> Iterator[tuple[str, str]]:
    """(file relative to the package, imported module) for every import, lazy ones included."""
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield str(path.relative_to(package)), alias.name
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield str(path.relative_to(package)), node.module


def test_the_sdk_never_imports_the_server_or_its_packages() -> None:
    offenders = [
        (where, name) for where, name in _imports(SDK) if name.split(".")[0] in SERVER_PACKAGES
    ]
    assert offenders == []


def test_the_server_uses_only_public_sdk_modules() -> None:
    private = [
        (where, name)
        for where, name in _imports(SERVER)
        if name.split(".")[0] == "vssdk"
        and any(part.startswith("_") for part in name.split(".")[1:])
    ]
    assert private == []


def test_using_every_area_loads_no_server_package() -> None:
    code = (
        "import sys, vssdk\n"
        "c = vssdk.Client('http://127.0.0.1:9')\n"
        "for area in ('identity','cards','claims','gateway','citizen','calculators',"
        "'declarations','procedures','webhooks','lookups','sandbox'):\n"
        "    getattr(c, area)\n"
        "import vssdk.benefits, vssdk.claims, vssdk.declarations, vssdk.contract, vssdk.calendar\n"
        f"print(','.join(m for m in {SERVER_PACKAGES!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_sdk_distribution_depends_on_no_server_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {d.split(">")[0].split("=")[0].split("[")[0].strip() for d in project["dependencies"]}
    assert not names & {"starlette", "uvicorn", "jsonschema", "pillow", "segno", "vssdk-sandbox"}
    assert project["optional-dependencies"]["sandbox"] == [f"vssdk-sandbox=={project['version']}"]


def test_the_sandbox_distribution_is_versioned_with_the_sdk() -> None:
    sdk = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    server = tomllib.loads((ROOT / "sandbox" / "pyproject.toml").read_text(encoding="utf-8"))
    assert server["project"]["version"] == sdk["version"]
    assert f"vssdk=={sdk['version']}" in server["project"]["dependencies"]
    assert server["project"]["entry-points"]["vssdk.commands"] == {
        "sandbox": "vssdk_sandbox.cli:register"
    }


def test_without_the_sandbox_the_command_says_which_extra_to_install() -> None:
    # Simulate a client-only install: hide the vssdk.commands entry points.
    code = (
        "import importlib.metadata as md, sys\n"
        "real = md.entry_points\n"
        "md.entry_points = lambda **kw: [] if kw.get('group') == 'vssdk.commands' else real(**kw)\n"
        "from vssdk.cli import main\n"
        "sys.exit(main(['sandbox']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2
    assert "pip install 'vssdk[sandbox]'" in out.stderr
