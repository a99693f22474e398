"""What ``client.declarations.wait`` tells its caller while it waits, and how it waits.

BHXH decides a dossier in hours. Each poll is logged (``vssdk`` logger, INFO) and handed to
``progress``; a wait on a server at a loopback address, in real time, warns once that the
sandbox's clock decides in hours and how to move it instead (``advance_sandbox_clock=True``).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from vssdk._core.log import logger
from vssdk.declarations.models import EmployerDossier
from vssdk.errors import InvalidArgument

__all__ = ["Progress", "check_wait", "report", "warn_real_time_on_loopback"]

Progress = Callable[[EmployerDossier, float], object]
"""``progress(dossier, waited_seconds)``: called after every poll, the first one included."""

_LOOPBACK = ("127.", "localhost", "[::1]", "::1")

SANDBOX_HINT = (
    "waiting in real time for dossier %s on %s: if this is the vssdk sandbox, its clock decides a "
    "dossier about 4 h after submission; pass advance_sandbox_clock=True to wait() to move the "
    "sandbox clock instead of sleeping (or call client.sandbox.advance_clock(hours=4))"
)


def check_wait(interval: float, timeout: float) -> None:
    if not interval > 0:
        raise InvalidArgument("interval", f"must be positive, got {interval}")
    if not timeout >= 0:
        raise InvalidArgument("timeout", f"must not be negative, got {timeout}")


def report(dossier: EmployerDossier, waited: float, progress: Progress | None) -> None:
    """Log one poll and pass it to ``progress``."""
    logger.info("dossier %s: %s after %.0f s of waiting", dossier.id, dossier.status.value, waited)
    if progress is not None:
        progress(dossier, waited)


def is_loopback(base_url: str) -> bool:
    host = urlsplit(base_url).netloc.rpartition("@")[2]
    return host.startswith(_LOOPBACK)


def warn_real_time_on_loopback(base_url: str, dossier_id: str) -> None:
    """Say how to avoid a multi-hour wait when the server looks like a local sandbox."""
    if is_loopback(base_url):
        logger.warning(SANDBOX_HINT, dossier_id, base_url)
