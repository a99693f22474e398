"""The ``vssdk`` command: ``vssdk sandbox``, ``vssdk login``, ``vssdk calc`` ...

Each subcommand lives in its own module under ``vssdk._cli`` with a ``register(subparsers)``
function that adds its parser and sets ``func`` (taking the parsed args, returning an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main"]

_SUBCOMMAND_MODULES = (
    "vssdk._cli.sandbox",
    "vssdk._cli.login",
    "vssdk._cli.calc",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vssdk", description="vssdk: Vietnam Social Security e-services SDK tools"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in _SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vssdk`` console script."""
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
