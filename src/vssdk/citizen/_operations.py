"""Operations of the citizen area (what a citizen sees and does in VssID)."""

from __future__ import annotations
