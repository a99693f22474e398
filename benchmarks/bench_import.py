"""(7) ``import vssdk`` in a fresh interpreter, vs ``import httpx`` measured the same way.

Each figure is the median of several fresh interpreters timing the import in-process; the
report also lists any heavy package the root import pulled in (there should be none).
Target: < 150 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from _common import QUICK, report

TARGET_MS = 150.0
HEAVY = (
    "httpx",
    "authlib",
    "joserfc",
    "numpy",
    "pyarrow",
    "pandas",
    "lxml",
    "starlette",
    "uvicorn",
    "msgspec",
    "yaml",
    "attrs",
    "cryptography",
    "dask",
)

_PROBE = (
    "import sys, time; t = time.perf_counter(); import {module}; "
    "d = time.perf_counter() - t; "
    "print(d, ','.join(m for m in {heavy!r} if m in sys.modules))"
)


def _import_time(module: str, runs: int) -> tuple[float, str]:
    times: list[float] = []
    loaded = ""
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _PROBE.format(module=module, heavy=HEAVY)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        times.append(float(out[0]))
        loaded = out[1] if len(out) > 1 else ""
    return statistics.median(times), loaded


def main() -> int:
    runs = 5 if QUICK else 15
    _import_time("vssdk", 2)  # warm the file system cache and bytecode
    vssdk_s, heavy = _import_time("vssdk", runs)
    httpx_s, _ = _import_time("httpx", runs)
    client_s, client_heavy = _import_time("vssdk.client", runs)
    ms = vssdk_s * 1e3
    report(
        "import",
        "7. import vssdk in a fresh interpreter",
        figures={
            "runs": runs,
            "import_vssdk_ms": round(ms, 1),
            "import_httpx_ms": round(httpx_s * 1e3, 1),
            "import_vssdk_client_ms": round(client_s * 1e3, 1),
            "heavy_modules_after_import_vssdk": heavy or "none",
            "heavy_modules_after_import_vssdk_client": client_heavy or "none",
        },
        ratio=vssdk_s / httpx_s,
        ratio_label="of import httpx",
        target=f"< {TARGET_MS:g} ms",
        met=ms < TARGET_MS,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
