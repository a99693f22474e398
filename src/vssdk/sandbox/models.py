"""Models of the sandbox-only operations."""

from __future__ import annotations

import datetime as dt

import attrs

from vssdk._core.model import Model

__all__ = ["ClockAdvance", "SandboxStatus"]


@attrs.frozen(slots=True)
class SandboxStatus(Model):
    """The sandbox's version, simulated time and how many fixtures of each kind it holds."""

    version: str
    now: dt.datetime
    clock_offset_seconds: int
    counts: dict[str, int]


@attrs.frozen(slots=True)
class ClockAdvance(Model):
    """How far to move the simulated clock."""

    seconds: int
