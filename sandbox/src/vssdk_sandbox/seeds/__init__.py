"""Deterministic seeding: every area adds its fixtures from the same seed, in a fixed order."""

from __future__ import annotations

import importlib
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

__all__ = ["SEED_MODULES", "seed_all"]

# Order matters: later areas build on earlier ones (cards on people, histories on employers).
SEED_MODULES: tuple[str, ...] = (
    "vssdk_sandbox.seeds.reference",
    "vssdk_sandbox.seeds.catalogue",
    "vssdk_sandbox.seeds.people",
    "vssdk_sandbox.seeds.identity",
    "vssdk_sandbox.seeds.cards",
    "vssdk_sandbox.seeds.citizen",
    "vssdk_sandbox.seeds.citizen_services",
    "vssdk_sandbox.seeds.declarations",
    "vssdk_sandbox.seeds.procedures",
    "vssdk_sandbox.seeds.medical",
)


def seed_all(sandbox: Sandbox) -> None:
    """Run every area's ``seed(sandbox, rng)`` with its own generator derived from the seed."""
    for module_name in SEED_MODULES:
        module = importlib.import_module(module_name)
        rng = random.Random(f"{sandbox.config.seed}:{module_name}")
        with sandbox.store.transaction():
            module.seed(sandbox, rng)
