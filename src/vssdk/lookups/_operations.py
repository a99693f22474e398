"""Operations of the lookups area (public look-ups and reference data (no login))."""

from __future__ import annotations
