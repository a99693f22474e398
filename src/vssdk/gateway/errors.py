"""Errors of the gateway dialect."""

from __future__ import annotations

from vssdk.errors import VssdkError

__all__ = ["GatewayRefused"]


class GatewayRefused(VssdkError):
    """An upload was not received: ``vss_code`` is ``maKetQua`` (205, 401, 403, 1001, 500 …).

    Never swallowed (pitfall §10.9): a dossier that was not received raises.
    """

    def __init__(self, vss_code: str, message: str | None) -> None:
        self.vss_code = vss_code
        self.vss_message = message
        super().__init__(f"gateway refused the file (maKetQua {vss_code}): {message or ''}")
