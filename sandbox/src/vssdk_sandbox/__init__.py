"""vssdk-sandbox: a local, stateful server implementing vssdk's reference spec.

Install it with ``pip install 'vssdk[sandbox]'``. Start it with ``vssdk sandbox`` (or
``python -m vssdk_sandbox``), embed it in a script with :func:`embedded` / :func:`running`, or
mount :func:`create_app` in-process for tests. Its clock is configurable
(:class:`SandboxConfig` ``clock=``, or ``$VSSDK_SANDBOX_NOW``), so fixtures never depend on
today's date. Heavy imports (Starlette, uvicorn, jsonschema) happen only when these are used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vssdk_sandbox.app import (
        Sandbox,
        SandboxConfig,
        clock_from_env,
        create_app,
        pinned_clock,
        system_clock,
    )
    from vssdk_sandbox.server import embedded, running, serve

__all__ = [
    "Sandbox",
    "SandboxConfig",
    "__version__",
    "clock_from_env",
    "create_app",
    "embedded",
    "pinned_clock",
    "running",
    "serve",
    "system_clock",
]

__version__ = "0.1.0"

_LAZY = {
    "Sandbox": "vssdk_sandbox.app",
    "SandboxConfig": "vssdk_sandbox.app",
    "create_app": "vssdk_sandbox.app",
    "pinned_clock": "vssdk_sandbox.app",
    "system_clock": "vssdk_sandbox.app",
    "clock_from_env": "vssdk_sandbox.app",
    "embedded": "vssdk_sandbox.server",
    "serve": "vssdk_sandbox.server",
    "running": "vssdk_sandbox.server",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'vssdk_sandbox' has no attribute {name!r}")
