"""Operations of the webhooks area (webhook subscriptions)."""

from __future__ import annotations
