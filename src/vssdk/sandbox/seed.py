"""Deterministic seeding: every area adds its fixtures from the same seed, in a fixed order."""

from __future__ import annotations

import importlib
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vssdk.sandbox.app import Sandbox

__all__ = ["SEED_MODULES", "seed_all"]

# Order matters: later areas build on earlier ones (cards on people, histories on employers).
SEED_MODULES: tuple[str, ...] = (
    "vssdk.sandbox.seeds.reference",
    "vssdk.sandbox.seeds.people",
    "vssdk.sandbox.seeds.identity",
    "vssdk.sandbox.seeds.cards",
    "vssdk.sandbox.seeds.citizen",
    "vssdk.sandbox.seeds.declarations",
    "vssdk.sandbox.seeds.procedures",
)


def seed_all(sandbox: Sandbox) -> None:
    """Run every area's ``seed(sandbox, rng)`` with its own generator derived from the seed."""
    for module_name in SEED_MODULES:
        module = importlib.import_module(module_name)
        rng = random.Random(f"{sandbox.config.seed}:{module_name}")
        with sandbox.store.transaction():
            module.seed(sandbox, rng)
