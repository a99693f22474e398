"""Operations that exist only in the sandbox: status, reset, simulated time."""

from __future__ import annotations

from vssdk._core.operation import Call, operation
from vssdk.errors import InvalidArgument
from vssdk.sandbox.models import ClockAdvance, SandboxStatus


@operation("getSandboxStatus", "GET", "/_sandbox/status", response=SandboxStatus)
def get_status() -> Call:
    """Sandbox status: version, simulated time, fixture counts."""
    return Call()


@operation("resetSandbox", "POST", "/_sandbox/reset", response=SandboxStatus, idempotent=True)
def reset() -> Call:
    """Forget everything accepted so far and reseed the fixtures."""
    return Call()


@operation(
    "advanceSandboxClock",
    "POST",
    "/_sandbox/clock/advance",
    response=SandboxStatus,
    request=ClockAdvance,
)
def advance_clock(*, seconds: int = 0, minutes: int = 0, hours: int = 0, days: int = 0) -> Call:
    """Move simulated time forward so dossiers, claims and payments progress."""
    total = seconds + 60 * minutes + 3600 * hours + 86400 * days
    if total <= 0:
        given = {"seconds": seconds, "minutes": minutes, "hours": hours, "days": days}
        named = [f"{k}={v}" for k, v in given.items() if v] or ["nothing"]
        raise InvalidArgument(
            next((k for k, v in given.items() if v), "seconds"),
            f"the clock only moves forward: got {', '.join(named)} (a total of {total} s); give "
            "seconds=, minutes=, hours= or days= adding up to more than 0",
        )
    return Call(body=ClockAdvance(seconds=total))


class SandboxOperations:
    """The area's methods, for both clients: ``SandboxAdmin`` and ``AsyncSandboxAdmin`` inherit
    this class, so an operation is listed once, here."""

    __slots__ = ()
    status = get_status
    reset = reset
    advance_clock = advance_clock
