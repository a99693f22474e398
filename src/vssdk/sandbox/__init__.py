"""vssdk.sandbox: a local, stateful server implementing ``spec/openapi.yaml``.

Start it with ``vssdk sandbox`` (or ``python -m vssdk.sandbox``), embed it in a script with
:func:`embedded`, or mount :func:`create_app` in-process for tests. Heavy imports (Starlette,
uvicorn, SQLite) happen only when one of these is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk.sandbox.app import Sandbox, SandboxConfig, create_app
    from vssdk.sandbox.server import embedded, running, serve

__all__ = ["Sandbox", "SandboxConfig", "create_app", "embedded", "running", "serve"]

_LAZY = {
    "Sandbox": "vssdk.sandbox.app",
    "SandboxConfig": "vssdk.sandbox.app",
    "create_app": "vssdk.sandbox.app",
    "embedded": "vssdk.sandbox.server",
    "serve": "vssdk.sandbox.server",
    "running": "vssdk.sandbox.server",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'vssdk.sandbox' has no attribute {name!r}")
