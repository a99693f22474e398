"""Operations of the benefits area (server-side calculators backed by vssdk.benefits)."""

from __future__ import annotations
