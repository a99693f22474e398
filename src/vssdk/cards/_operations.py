"""Operations of the cards area (BHYT card checks at reception and card identifiers)."""

from __future__ import annotations
