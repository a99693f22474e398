"""Loading of the versioned data files shipped in ``vssdk/claims/data``."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["load"]


@cache
def load(name: str) -> dict[str, Any]:
    """The decoded JSON data file ``data/<name>.json`` (cached; treat as read-only)."""
    text = resources.files("vssdk.claims").joinpath("data", f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data
