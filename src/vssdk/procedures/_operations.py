"""Operations of the procedures area (linked procedures for ministries)."""

from __future__ import annotations
