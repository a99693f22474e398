"""Operations of the gateway area (the real assessment gateway's own wire protocol)."""

from __future__ import annotations
