"""Shared test configuration: hypothesis profiles (CI is bounded and deterministic)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# --- time: every sandbox in the suite (in-process, embedded, and examples run as subprocesses)
# starts on a pinned date, so no test depends on today. `make test-dates` runs the suite on
# other pinned dates (a 1 December, 29 February of a leap year, a 31 December).
os.environ.setdefault("VSSDK_SANDBOX_NOW", "2026-06-15")

# --- sandbox fixtures ---------------------------------------------------------------------------
import asyncio  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Coroutine, Iterator  # noqa: E402
from typing import Any, TypeVar  # noqa: E402

import httpx  # noqa: E402
import pytest  # noqa: E402

with warnings.catch_warnings():
    # Starlette nudges towards httpx2; vssdk follows httpx until the ecosystem settles.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import vssdk  # noqa: E402
from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app  # noqa: E402

IN_PROCESS_URL = "http://sandbox.test"
T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run one coroutine to completion (async tests without a plugin)."""
    return asyncio.run(coro)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A fresh in-memory sandbox, seeded."""
    box = Sandbox(SandboxConfig())
    yield box
    box.store.close()


@pytest.fixture
def sandbox_app(sandbox: Sandbox) -> Any:
    return create_app(sandbox=sandbox)


class InProcessHTTP(TestClient):
    """Starlette's sync test transport; per-request timeouts mean nothing in-process."""

    def request(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.pop("timeout", None)
        return super().request(*args, **kwargs)


@pytest.fixture
def client(sandbox_app: Any) -> Iterator[vssdk.Client]:
    """A sync client talking to the fresh sandbox in-process (no sockets)."""
    http = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL, raise_server_exceptions=True)
    with vssdk.Client(IN_PROCESS_URL, http_client=http, max_retries=0) as c:
        yield c
    http.close()


@pytest.fixture
def make_aclient(sandbox_app: Any) -> Any:
    """Factory for an async client on the fresh sandbox (create it inside the coroutine)."""

    def make(**kwargs: Any) -> vssdk.AsyncClient:
        transport = httpx.ASGITransport(app=sandbox_app)
        return vssdk.AsyncClient(IN_PROCESS_URL, transport=transport, **kwargs)

    return make


@pytest.fixture(scope="module")
def live_sandbox() -> Iterator[Any]:
    """A sandbox served over real TCP on 127.0.0.1 (module scope)."""
    from vssdk_sandbox.server import embedded

    with embedded() as served:
        yield served
