"""Sandbox handlers of the citizen area: VssID's screens and public services for one citizen.

Every handler works on ``ctx.principal.subject`` (the citizen's SI code) only: another person's
registration, payment or dossier is a 403, an unknown id a 404. Amounts come from
``vssdk.benefits`` (the same engine as the SDK). One module per section; the router scans this
package, so the sections' handlers and tick hooks are gathered here (each exactly once).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from vssdk_sandbox.handlers.citizen import (
    applications,
    enrolment,
    filings,
    notices,
    payments,
    reads,
)

SECTIONS: tuple[ModuleType, ...] = (reads, notices, enrolment, payments, applications, filings)


def _marked(value: Any) -> bool:
    return hasattr(value, "__vssdk_operation__") or getattr(value, "__vssdk_tick__", False)


globals().update(
    {
        name: value
        for section in SECTIONS
        for name, value in vars(section).items()
        if _marked(value) and getattr(value, "__module__", None) == section.__name__
    }
)
