"""Seed data of the declarations area."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox


def seed(sandbox: Sandbox, rng: random.Random) -> None:
    """Nothing yet."""
