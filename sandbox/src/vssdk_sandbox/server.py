"""Running the sandbox: as a server (``vssdk sandbox``) or embedded in a script's own process."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from vssdk_sandbox.app import Clock, Sandbox, SandboxConfig, clock_from_env, create_app

__all__ = ["Embedded", "default_data_dir", "embedded", "running", "serve"]


def default_data_dir() -> Path:
    """``$VSSDK_SANDBOX_DIR``, else ``$XDG_DATA_HOME/vssdk/sandbox`` (``~/.local/share/...``)."""
    explicit = os.environ.get("VSSDK_SANDBOX_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "vssdk" / "sandbox"


def serve(
    host: str = "127.0.0.1",
    port: int = 8765,
    *,
    data_dir: Path | None = None,
    reset: bool = False,
    log_level: str = "info",
    clock: Clock | None = None,
) -> None:
    """Run the sandbox until interrupted (``clock``: see :class:`SandboxConfig`)."""
    config = SandboxConfig(data_dir=data_dir or default_data_dir(), clock=clock or clock_from_env())
    sandbox = Sandbox(config)
    if reset:
        sandbox.reset()
    uvicorn.run(create_app(sandbox=sandbox), host=host, port=port, log_level=log_level)


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
    sandbox = Sandbox(SandboxConfig(data_dir=data_dir, clock=clock or clock_from_env()))
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on such sockets (else Nagle waits).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(sandbox=sandbox), log_level=log_level, lifespan="off")
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
        sandbox.store.close()


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
