"""One client shared by many threads: every call gets its own correct answer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import vssdk


def test_client_is_safe_to_share_between_threads(client: vssdk.Client) -> None:
    codes = [f"{p}00{n}" for p in ("01", "31", "48", "79") for n in range(2, 6)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        names = list(pool.map(lambda code: client.lookups.facility(code).code, codes * 3))
    assert names == codes * 3
