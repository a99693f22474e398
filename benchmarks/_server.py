"""A sandbox served over loopback TCP from a separate process, for the network benchmarks.

A separate process keeps the server off the client's GIL, so the figures measure the client.
The sandbox is started through ``vssdk_sandbox.server.serve`` on a free port with a throw-away
data directory, and stopped when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

import httpx

_SCRIPT = (
    "import sys; from pathlib import Path; from vssdk_sandbox.server import serve; "
    "serve(port=int(sys.argv[1]), data_dir=Path(sys.argv[2]), reset=True, log_level='warning')"
)
# The same as serve(), with uvicorn's event loop and HTTP parser named (argv 3 and 4).
_SCRIPT_STACK = (
    "import sys; from pathlib import Path; import uvicorn; "
    "from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app; "
    "box = Sandbox(SandboxConfig(data_dir=Path(sys.argv[2]))); box.reset(); "
    "uvicorn.run(create_app(sandbox=box), host='127.0.0.1', port=int(sys.argv[1]), "
    "log_level='warning', loop=sys.argv[3], http=sys.argv[4])"
)
PROBE_PATH = "/reference/facilities/01001"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def sandbox_process(
    timeout: float = 30.0, *, cpu: int | None = None, stack: tuple[str, str] | None = None
) -> Iterator[str]:
    """Yield the base URL of a sandbox running in a child process (pinned to ``cpu`` if given).

    ``stack`` = (loop, http) names uvicorn's event loop and HTTP parser (``("asyncio", "h11")``);
    by default the sandbox runs exactly as ``serve()`` runs it (uvicorn picks them).
    """
    script, extra = (_SCRIPT, []) if stack is None else (_SCRIPT_STACK, list(stack))
    with contextlib.ExitStack() as stack_:
        data_dir = stack_.enter_context(tempfile.TemporaryDirectory(prefix="vssdk-bench-"))
        yield stack_.enter_context(
            python_server(script, [data_dir, *extra], PROBE_PATH, timeout=timeout, cpu=cpu)
        )


@contextlib.contextmanager
def python_server(
    script: str,
    args: list[str],
    probe_path: str,
    *,
    timeout: float = 30.0,
    cpu: int | None = None,
    method: str = "GET",
) -> Iterator[str]:
    """Run ``python -c script PORT *args`` and yield its base URL once ``probe_path`` answers."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(port), *args],
        stdout=subprocess.DEVNULL,
    )
    if cpu is not None:
        with contextlib.suppress(OSError, AttributeError):
            os.sched_setaffinity(proc.pid, {cpu})
    base_url = f"http://127.0.0.1:{port}"
    try:
        end = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with code {proc.returncode}")
            try:
                if httpx.request(method, base_url + probe_path, timeout=1.0).status_code < 500:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > end:
                raise RuntimeError("server did not start in time")
            time.sleep(0.1)
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
