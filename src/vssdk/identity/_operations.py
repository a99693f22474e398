"""Operations of the identity area (login, tokens, devices and the OpenID Connect endpoints)."""

from __future__ import annotations
