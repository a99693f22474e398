"""``import vssdk`` stays light: heavy parts load on first use."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "httpx",
    "authlib",
    "joserfc",
    "numpy",
    "lxml",
    "starlette",
    "uvicorn",
    "msgspec",
    "yaml",
    "attr",
)


def test_root_import_loads_nothing_heavy() -> None:
    code = f"import sys, vssdk; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_resolve() -> None:
    import vssdk

    for name in vssdk.__all__:
        assert getattr(vssdk, name) is not None


def test_only_the_transport_seam_imports_the_http_package() -> None:
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "vssdk"
    offenders = []
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] in ("httpx", "httpx2") for n in names):
                offenders.append(str(path.relative_to(src)))
    assert sorted(set(offenders)) == ["_core/transport.py"]


def test_the_pure_core_modules_do_not_load_the_http_package() -> None:
    modules = "exchange, auth, problems, request, wire, operation, registry"
    code = f"import sys; from vssdk._core import {modules}; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_sync_client_loads_neither_asyncio_nor_the_httpx_command_line() -> None:
    # nor httpcore (its pool is made on first use) nor msgspec (loaded by the first reply)
    unwanted = ("asyncio", "click", "rich", "pygments", "httpcore", "msgspec")
    code = (
        "import sys, vssdk; vssdk.Client('http://127.0.0.1:9'); "
        f"print(','.join(m for m in {unwanted!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_httpx_command_line_still_loads_when_called() -> None:
    import pytest

    pytest.importorskip("click")
    code = (
        "import sys, vssdk; vssdk.Client('http://127.0.0.1:9'); import httpx; "
        "sys.argv = ['httpx', '--help']; httpx.main()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Usage" in out.stdout
    assert out.returncode == 0
