"""``vssdk sandbox``: run the local sandbox server."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "sandbox", help="run the local sandbox server implementing spec/openapi.yaml"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where state is kept (default: $VSSDK_SANDBOX_DIR or the user data dir)",
    )
    parser.add_argument("--reset", action="store_true", help="forget all state and reseed")
    parser.add_argument("--log-level", default="info")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from vssdk.sandbox.server import serve

    serve(args.host, args.port, data_dir=args.data_dir, reset=args.reset, log_level=args.log_level)
    return 0
