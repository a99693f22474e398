"""The ``vssdk`` command: ``vssdk login``, ``vssdk calc``, ``vssdk spec``, and ``vssdk sandbox``
when installed.

Each built-in subcommand lives in its own module under ``vssdk._cli`` with a
``register(subparsers)`` function that adds its parser and sets ``func`` (taking the parsed args,
returning an exit code). Other distributions add subcommands through the ``vssdk.commands``
entry-point group (``vssdk-sandbox`` adds ``vssdk sandbox``), so the SDK never imports them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import sys
from collections.abc import Sequence

__all__ = ["main"]

_SUBCOMMAND_MODULES = (
    "vssdk._cli.login",
    "vssdk._cli.calc",
    "vssdk._cli.spec",
)
PLUGIN_GROUP = "vssdk.commands"
_MISSING = {"sandbox": "sandbox"}  # subcommand → the extra that brings it


def _missing(extra: str) -> object:
    def run(args: argparse.Namespace) -> int:
        print(
            f"vssdk {args.command}: not installed. Install it with: pip install 'vssdk[{extra}]'",
            file=sys.stderr,
        )
        return 2

    return run


def version_text() -> str:
    """``vssdk X.Y.Z`` plus the sandbox server's version when it is installed, and Python's."""
    from vssdk import __version__

    parts = [f"vssdk {__version__}"]
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        parts.append(f"vssdk-sandbox {importlib.metadata.version('vssdk-sandbox')}")
    parts.append(f"Python {sys.version.split()[0]}")
    return ", ".join(parts)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vssdk", description="vssdk: Vietnam Social Security e-services SDK tools"
    )
    parser.add_argument("--version", action="version", version=version_text())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in _SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(sub)
    plugged = set()
    for entry in importlib.metadata.entry_points(group=PLUGIN_GROUP):
        entry.load()(sub)
        plugged.add(entry.name)
    for command, extra in _MISSING.items():
        if command not in plugged:
            stub = sub.add_parser(command, help=f"(needs: pip install 'vssdk[{extra}]')")
            stub.add_argument("rest", nargs=argparse.REMAINDER)
            stub.set_defaults(func=_missing(extra))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vssdk`` console script."""
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
