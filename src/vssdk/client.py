"""``vssdk.Client`` and ``vssdk.AsyncClient``: one configuration, one pool, every service area.

Thread safety: a :class:`Client` may be shared by any number of threads (the pool and the token
refresh are thread-safe). An :class:`AsyncClient` belongs to the event loop that first uses it.
Create clients after ``fork()``, not before.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Self

import attrs

from vssdk._areas import ServiceAreas
from vssdk._core.auth import Auth
from vssdk._core.config import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ClientOptions,
    Timeout,
    resolve_base_url,
)
from vssdk._core.engine import AsyncEngine, SyncEngine
from vssdk._core.log import configure_from_env
from vssdk._core.retry import RetryPolicy
from vssdk._core.transport import AsyncHTTP, SyncHTTP

if TYPE_CHECKING:
    from vssdk._core.transport import (
        AsyncHttpClient,
        AsyncHttpTransport,
        HttpTransport,
        SyncHttpClient,
    )

__all__ = ["AsyncClient", "Client"]

_UNSET: Any = object()


def _options(
    base_url: str | None,
    timeout: float | Timeout,
    deadline: float,
    max_retries: int,
    default_headers: dict[str, str] | None,
) -> ClientOptions:
    return ClientOptions(
        base_url=resolve_base_url(base_url),
        timeout=Timeout.of(timeout),
        deadline=deadline,
        max_retries=max_retries,
        default_headers=tuple((k.lower(), v) for k, v in (default_headers or {}).items()),
    )


def _view_options(
    options: ClientOptions, timeout: Any, deadline: Any, max_retries: Any
) -> ClientOptions:
    changes: dict[str, Any] = {}
    if timeout is not _UNSET:
        changes["timeout"] = Timeout.of(timeout)
    if deadline is not _UNSET:
        changes["deadline"] = deadline
    if max_retries is not _UNSET:
        changes["max_retries"] = max_retries
    return attrs.evolve(options, **changes)


def _bind(auth: object, base_url: str) -> None:
    """Give credentials the client's base URL (for their token endpoint) if they take one."""
    bind = getattr(auth, "bind_base_url", None)
    if bind is not None:
        bind(base_url)


class Client(ServiceAreas):
    """Synchronous client for every vssdk service area.

    ``base_url`` defaults to ``$VSSDK_BASE_URL``. Timeouts are per attempt and always finite;
    ``deadline`` bounds a whole call including retries and waits. Pass ``http_client`` or
    ``transport`` for proxies, custom TLS or tests. The service areas (``client.cards`` ...) are
    listed once, in :class:`vssdk._areas.ServiceAreas`, and each is imported on first use.
    """

    _is_async: ClassVar[bool] = False

    def __init__(
        self,
        base_url: str | None = None,
        *,
        auth: Auth | None = None,
        timeout: float | Timeout = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: dict[str, str] | None = None,
        http_client: SyncHttpClient | None = None,
        transport: HttpTransport | None = None,
    ) -> None:
        configure_from_env()
        options = _options(base_url, timeout, deadline, max_retries, default_headers)
        http = SyncHTTP(http_client=http_client, transport=transport)
        if auth is not None:
            _bind(auth, options.base_url)
        self._engine = SyncEngine(options, auth, RetryPolicy(options.max_retries), http=http)
        self._owns_pool = True

    @property
    def base_url(self) -> str:
        return self._engine.options.base_url

    @property
    def auth(self) -> Auth | None:
        return self._engine.auth

    def with_options(
        self,
        *,
        timeout: float | Timeout = _UNSET,
        deadline: float = _UNSET,
        max_retries: int = _UNSET,
        auth: Auth | None = _UNSET,
    ) -> Client:
        """A cheap view with other defaults that shares this client's connection pool."""
        options = _view_options(self._engine.options, timeout, deadline, max_retries)
        if auth is not _UNSET and auth is not None:
            _bind(auth, options.base_url)
        view = object.__new__(Client)
        view._engine = attrs.evolve(
            self._engine,
            options=options,
            auth=self._engine.auth if auth is _UNSET else auth,
            policy=attrs.evolve(self._engine.policy, max_retries=options.max_retries),
        )
        view._owns_pool = False
        return view

    def close(self) -> None:
        """Close the connection pool (a ``with_options`` view leaves it to its parent)."""
        if self._owns_pool:
            self._engine.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"vssdk.Client(base_url={self.base_url!r})"


class AsyncClient(ServiceAreas):
    """Asynchronous client for every vssdk service area (same options as :class:`Client`)."""

    _is_async: ClassVar[bool] = True

    def __init__(
        self,
        base_url: str | None = None,
        *,
        auth: Auth | None = None,
        timeout: float | Timeout = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: dict[str, str] | None = None,
        http_client: AsyncHttpClient | None = None,
        transport: AsyncHttpTransport | None = None,
    ) -> None:
        configure_from_env()
        options = _options(base_url, timeout, deadline, max_retries, default_headers)
        http = AsyncHTTP(http_client=http_client, transport=transport)
        if auth is not None:
            _bind(auth, options.base_url)
        self._engine = AsyncEngine(options, auth, RetryPolicy(options.max_retries), http=http)
        self._owns_pool = True

    @property
    def base_url(self) -> str:
        return self._engine.options.base_url

    @property
    def auth(self) -> Auth | None:
        return self._engine.auth

    def with_options(
        self,
        *,
        timeout: float | Timeout = _UNSET,
        deadline: float = _UNSET,
        max_retries: int = _UNSET,
        auth: Auth | None = _UNSET,
    ) -> AsyncClient:
        """A cheap view with other defaults that shares this client's connection pool."""
        options = _view_options(self._engine.options, timeout, deadline, max_retries)
        if auth is not _UNSET and auth is not None:
            _bind(auth, options.base_url)
        view = object.__new__(AsyncClient)
        view._engine = attrs.evolve(
            self._engine,
            options=options,
            auth=self._engine.auth if auth is _UNSET else auth,
            policy=attrs.evolve(self._engine.policy, max_retries=options.max_retries),
        )
        view._owns_pool = False
        return view

    async def aclose(self) -> None:
        if self._owns_pool:
            await self._engine.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"vssdk.AsyncClient(base_url={self.base_url!r})"
