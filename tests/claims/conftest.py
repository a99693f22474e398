"""Claims tests reuse the facility client fixture of the card tests."""

from __future__ import annotations

from tests.cards.conftest import facility

__all__ = ["facility"]
