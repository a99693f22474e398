"""``vssdk calc``: placeholder until its area lands."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("calc", help="(not available yet)")
    parser.set_defaults(func=lambda args: 2)
