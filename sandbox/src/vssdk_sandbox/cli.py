"""``vssdk sandbox``: run the local sandbox server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    """``vssdk-sandbox [options]``: the same as ``vssdk sandbox [options]``."""
    from vssdk.cli import main as vssdk_main

    return vssdk_main(["sandbox", *(sys.argv[1:] if argv is None else argv)])


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "sandbox", help="run the local sandbox server implementing spec/openapi.yaml"
    )
    parser.add_argument(
        "action",
        nargs="?",
        choices=("serve", "outbox"),
        default="serve",
        help="serve (default) or outbox: print the OTPs a running sandbox has 'sent'",
    )
    parser.add_argument(
        "--url", default=None, help="for outbox: the sandbox (default $VSSDK_BASE_URL)"
    )
    parser.add_argument("--si-code", default=None, help="for outbox: only this citizen's OTPs")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on; anything but loopback needs --shared (see docs/security.md)",
    )
    parser.add_argument(
        "--shared",
        action="store_true",
        help="others can reach this sandbox: turn off reset, clock, the OTP outbox and the "
        "simulated VNeID login (reset, clock and outbox come back with --admin-token)",
    )
    parser.add_argument(
        "--admin-token",
        default=None,
        help="with --shared: reset, clock and outbox need this value in X-Sandbox-Admin "
        "(default $VSSDK_SANDBOX_ADMIN_TOKEN)",
    )
    parser.add_argument(
        "--issuer", default=None, help="the public base URL (default: the listening address)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where state is kept (default: $VSSDK_SANDBOX_DIR or the user data dir)",
    )
    parser.add_argument("--reset", action="store_true", help="forget all state and reseed")
    parser.add_argument("--log-level", default="info")
    parser.add_argument(
        "--now",
        default=None,
        help="pin the simulated clock's start (ISO date or datetime; default $VSSDK_SANDBOX_NOW "
        "or the real time)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if args.action == "outbox":
        return _outbox(args)
    import os

    from vssdk_sandbox.app import clock_from_env, pinned_clock
    from vssdk_sandbox.server import NotLoopback, serve
    from vssdk_sandbox.store import DataDirInUse

    clock = pinned_clock(args.now) if args.now else clock_from_env()
    token = args.admin_token or os.environ.get("VSSDK_SANDBOX_ADMIN_TOKEN") or None
    try:
        serve(
            args.host,
            args.port,
            data_dir=args.data_dir,
            reset=args.reset,
            log_level=args.log_level,
            clock=clock,
            shared=args.shared,
            admin_token=token,
            issuer=args.issuer,
        )
    except (NotLoopback, DataDirInUse) as exc:
        print(f"vssdk sandbox: {exc}", file=sys.stderr)
        return 2
    return 0


def _outbox(args: argparse.Namespace) -> int:
    import vssdk
    from vssdk.contract import mask

    with vssdk.Client(args.url) as client:
        messages = list(client.identity.otp_outbox(si_code=args.si_code))
    if not messages:
        print("the outbox is empty")
    for message in messages:
        print(
            f"{message.sent_at}  {mask(message.si_code)}  device {message.device_id}: "
            f"OTP {message.code}"
        )
    return 0
