"""(7) ``import vssdk`` + the first ``Client``, in fresh interpreters, vs ``import httpx``.

Each statement runs in its own fresh interpreter, timed in-process (``time.perf_counter`` around
the statement), the statements interleaved round by round; the figures are medians. The report
also lists heavy packages each statement pulled in (``import vssdk`` should pull in none; the
sync client should load neither asyncio nor httpx's optional command line).
Target (issue 18): ``import vssdk; vssdk.Client(url)`` ≤ 1.0× ``import httpx``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from _common import QUICK, report

TARGET = 1.0
HEAVY = (
    "httpx",
    "httpcore",
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
    "asyncio",
    "click",
    "rich",
    "pygments",
)
STATEMENTS = {
    "httpx": "import httpx",
    # httpx without its optional command line (what a venv without click loads)
    "httpx_core": (
        "import types; sys.modules['httpx._main'] = m = types.ModuleType('httpx._main'); "
        "m.main = lambda: None; import httpx"
    ),
    "vssdk": "import vssdk",
    "client": "import vssdk; vssdk.Client('http://127.0.0.1:9')",
    "async_client": "import vssdk; vssdk.AsyncClient('http://127.0.0.1:9')",
}
_PROBE = (
    "import sys, time; t = time.perf_counter(); {statement}; "
    "d = time.perf_counter() - t; "
    "print(d, ','.join(m for m in {heavy!r} if m in sys.modules) or '-')"
)


def _once(statement: str) -> tuple[float, str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE.format(statement=statement, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), out[1]


def main() -> int:
    runs = 7 if QUICK else 21
    for statement in STATEMENTS.values():  # warm the file system cache and bytecode
        _once(statement)
    times: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    loaded: dict[str, str] = {}
    for _ in range(runs):
        for name, statement in STATEMENTS.items():
            seconds, heavy = _once(statement)
            times[name].append(seconds)
            loaded[name] = heavy
    ms = {name: statistics.median(values) * 1e3 for name, values in times.items()}
    ratio = ms["client"] / ms["httpx"]
    report(
        "import",
        "7. import vssdk + first Client, fresh interpreters, vs import httpx",
        figures={
            "runs": runs,
            "import_httpx_ms": round(ms["httpx"], 1),
            "import_vssdk_ms": round(ms["vssdk"], 1),
            "import_vssdk_and_client_ms": round(ms["client"], 1),
            "import_vssdk_and_async_client_ms": round(ms["async_client"], 1),
            "import_vssdk_vs_httpx": round(ms["vssdk"] / ms["httpx"], 2),
            "import_httpx_without_cli_ms": round(ms["httpx_core"], 1),
            "first_client_vs_httpx_without_cli": round(ms["client"] / ms["httpx_core"], 2),
            "heavy_after_import_httpx": loaded["httpx"],
            "heavy_after_import_vssdk": loaded["vssdk"],
            "heavy_after_first_client": loaded["client"],
        },
        ratio=ratio,
        ratio_label="of import httpx (lower is better)",
        target=f"≤ {TARGET:g}× import httpx",
        met=ratio <= TARGET,
        notes=[
            "medians of in-process times in fresh interpreters, statements interleaved",
            "httpx's optional CLI (click/rich/pygments) is loaded by import httpx when click is "
            "installed; vssdk defers it to the first httpx.main() call. "
            "first_client_vs_httpx_without_cli compares with httpx's import without it",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
