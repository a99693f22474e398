"""``import vssdk`` stays light: heavy parts load on first use."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("httpx", "authlib", "joserfc", "numpy", "lxml", "starlette", "uvicorn", "msgspec", "yaml")


def test_root_import_loads_nothing_heavy() -> None:
    code = f"import sys, vssdk; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_resolve() -> None:
    import vssdk

    for name in vssdk.__all__:
        assert getattr(vssdk, name) is not None
