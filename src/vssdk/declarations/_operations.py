"""Operations of the declarations area (employer declarations filed by I-VAN vendors)."""

from __future__ import annotations
