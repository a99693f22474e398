"""Operations of the sandbox area (sandbox-only operations: health, reset, OTP outbox)."""

from __future__ import annotations
