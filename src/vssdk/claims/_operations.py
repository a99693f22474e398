"""Operations of the claims area (claim data sent by health facilities (QĐ 130/4750/3176))."""

from __future__ import annotations
