"""``client.sandbox``: the admin API of a vssdk sandbox (status, reset, simulated time).

The sandbox server itself is a separate distribution, ``vssdk-sandbox`` (package
``vssdk_sandbox``), installed with ``pip install 'vssdk[sandbox]'``; the SDK never imports it.
These operations exist only on a sandbox, never on BHXH's real services.
"""

from __future__ import annotations

from vssdk.sandbox.models import ClockAdvance, SandboxStatus

__all__ = ["ClockAdvance", "SandboxStatus"]
