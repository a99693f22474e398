"""Running the sandbox: as a server (``vssdk sandbox``) or embedded in a script's own process."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from vssdk_sandbox.app import Clock, Sandbox, SandboxConfig, clock_from_env, create_app

__all__ = [
    "Embedded",
    "NotLoopback",
    "default_data_dir",
    "embedded",
    "is_loopback",
    "running",
    "serve",
]


class NotLoopback(RuntimeError):
    """``serve`` was asked to listen beyond this machine without ``shared=True``."""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_data_dir() -> Path:
    """``$VSSDK_SANDBOX_DIR``, else ``$XDG_DATA_HOME/vssdk/sandbox`` (``~/.local/share/...``)."""
    explicit = os.environ.get("VSSDK_SANDBOX_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vssdk" / "sandbox"


def _unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    data_dir: Path | None = None,
    reset: bool = False,
    log_level: str = "info",
    clock: Clock | None = None,
    shared: bool = False,
    admin_token: str | None = None,
    issuer: str | None = None,
) -> None:
    """Run the sandbox until interrupted (``clock``: see :class:`SandboxConfig`).

    A sandbox listening beyond loopback is reachable by others, and its admin surface (reset,
    clock, OTP outbox, credential-free VNeID login) would let anyone read every OTP and erase
    everything: ``shared=True`` must say so, and turns that surface off (or puts reset, clock
    and outbox behind ``admin_token``). The issuer is fixed here: ``issuer``, else the bound
    address (a shared sandbox on a wildcard address needs ``issuer``).
    """
    if not is_loopback(host) and not shared:
        raise NotLoopback(
            f"refusing to listen on {host}: a sandbox others can reach needs --shared, which "
            "turns off reset, clock, the OTP outbox and the simulated VNeID login (or puts the "
            "first three behind --admin-token); see docs/security.md"
        )
    if issuer is None:
        if not host or _unspecified(host):
            raise NotLoopback(
                f"listening on {host or 'every address'}: give --issuer, the URL clients use"
            )
        shown = f"[{host}]" if ":" in host else host
        issuer = f"http://{shown}:{port}"
    config = SandboxConfig(
        data_dir=data_dir or default_data_dir(),
        clock=clock or clock_from_env(),
        shared=shared,
        admin_token=admin_token,
        issuer=issuer,
    )
    sandbox = Sandbox(config)
    if reset:
        sandbox.reset()
    try:
        # access_log=False: uvicorn's line carries the query string (gateway tokens and password
        # hashes travel there); the sandbox logs its own line (vssdk_sandbox.access) instead.
        uvicorn.run(
            create_app(sandbox=sandbox),
            host=host,
            port=port,
            log_level=log_level,
            access_log=False,
        )
    finally:
        sandbox.close()


class Embedded:
    """A sandbox served on a free loopback port from a background thread."""

    def __init__(self, sandbox: Sandbox, server: uvicorn.Server, port: int) -> None:
        self.sandbox = sandbox
        self.server = server
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def embedded(
    data_dir: Path | None = None, *, log_level: str = "warning", clock: Clock | None = None
) -> Iterator[Embedded]:
    """Serve a sandbox on 127.0.0.1 (free port) for the duration of the ``with`` block.

    ``data_dir=None`` keeps state in memory. The listening socket is bound before the block
    starts, so requests made at once queue until the server accepts them.
    """
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on such sockets (else Nagle waits).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    sandbox = Sandbox(
        SandboxConfig(
            data_dir=data_dir,
            clock=clock or clock_from_env(),
            issuer=f"http://127.0.0.1:{port}",
        )
    )
    config = uvicorn.Config(
        create_app(sandbox=sandbox), log_level=log_level, lifespan="off", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="vssdk-sandbox", daemon=True
    )
    thread.start()
    try:
        yield Embedded(sandbox, server, port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        sandbox.close()


@contextlib.contextmanager
def running() -> Iterator[str]:
    """The base URL to use: ``$VSSDK_BASE_URL`` when set, else an embedded sandbox's.

    Examples and demos use this so they run anywhere: against a server you started
    (``vssdk sandbox``) or the real services when the variable says so, or self-contained.
    """
    url = os.environ.get("VSSDK_BASE_URL")
    if url:
        yield url.rstrip("/")
        return
    with embedded() as served:
        yield served.base_url
