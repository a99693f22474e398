"""The ``vssdk`` logger. ``VSSDK_LOG=debug`` (or ``info``) turns on a stderr handler."""

from __future__ import annotations

import logging
import os

__all__ = ["configure_from_env", "logger"]

logger = logging.getLogger("vssdk")


def configure_from_env() -> None:
    """Attach a stderr handler at the level named by ``VSSDK_LOG`` (once; idempotent)."""
    level_name = os.environ.get("VSSDK_LOG", "").strip().upper()
    if not level_name or level_name not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        return
    logger.setLevel(level_name)
    if not any(getattr(h, "_vssdk", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        handler._vssdk = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
