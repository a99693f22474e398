"""``vssdk.Client`` and ``vssdk.AsyncClient``: one configuration, one pool, every service area.

Thread safety: a :class:`Client` may be shared by any number of threads (the pool and the token
refresh are thread-safe). An :class:`AsyncClient` belongs to the event loop that first uses it.
Create clients after ``fork()``, not before.
"""

from __future__ import annotations

import functools
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import attrs

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
    from vssdk.benefits._resource import AsyncCalculators, Calculators
    from vssdk.cards._resource import AsyncCards, Cards
    from vssdk.citizen._resource import AsyncCitizen, Citizen
    from vssdk.claims._resource import AsyncClaims, Claims
    from vssdk.declarations._resource import AsyncDeclarations, Declarations
    from vssdk.gateway._resource import AsyncGateway, Gateway
    from vssdk.identity._resource import AsyncIdentity, Identity
    from vssdk.lookups._resource import AsyncLookups, Lookups
    from vssdk.procedures._resource import AsyncProcedures, Procedures
    from vssdk.sandbox._resource import AsyncSandboxAdmin, SandboxAdmin
    from vssdk.webhooks._resource import AsyncWebhooks, Webhooks

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


class Client:
    """Synchronous client for every vssdk service area.

    ``base_url`` defaults to ``$VSSDK_BASE_URL``. Timeouts are per attempt and always finite;
    ``deadline`` bounds a whole call including retries and waits. Pass ``http_client`` or
    ``transport`` for proxies, custom TLS or tests.
    """

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

    # -- service areas (imported on first use) --------------------------------------------------
    @functools.cached_property
    def sandbox(self) -> SandboxAdmin:
        from vssdk.sandbox._resource import SandboxAdmin

        return SandboxAdmin(self._engine)

    @functools.cached_property
    def lookups(self) -> Lookups:
        from vssdk.lookups._resource import Lookups

        return Lookups(self._engine)

    @functools.cached_property
    def identity(self) -> Identity:
        from vssdk.identity._resource import Identity

        return Identity(self._engine)

    @functools.cached_property
    def cards(self) -> Cards:
        from vssdk.cards._resource import Cards

        return Cards(self._engine)

    @functools.cached_property
    def claims(self) -> Claims:
        from vssdk.claims._resource import Claims

        return Claims(self._engine)

    @functools.cached_property
    def gateway(self) -> Gateway:
        from vssdk.gateway._resource import Gateway

        return Gateway(self._engine)

    @functools.cached_property
    def citizen(self) -> Citizen:
        from vssdk.citizen._resource import Citizen

        return Citizen(self._engine)

    @functools.cached_property
    def calculators(self) -> Calculators:
        from vssdk.benefits._resource import Calculators

        return Calculators(self._engine)

    @functools.cached_property
    def declarations(self) -> Declarations:
        from vssdk.declarations._resource import Declarations

        return Declarations(self._engine)

    @functools.cached_property
    def procedures(self) -> Procedures:
        from vssdk.procedures._resource import Procedures

        return Procedures(self._engine)

    @functools.cached_property
    def webhooks(self) -> Webhooks:
        from vssdk.webhooks._resource import Webhooks

        return Webhooks(self._engine)


class AsyncClient:
    """Asynchronous client for every vssdk service area (same options as :class:`Client`)."""

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

    @functools.cached_property
    def sandbox(self) -> AsyncSandboxAdmin:
        from vssdk.sandbox._resource import AsyncSandboxAdmin

        return AsyncSandboxAdmin(self._engine)

    @functools.cached_property
    def lookups(self) -> AsyncLookups:
        from vssdk.lookups._resource import AsyncLookups

        return AsyncLookups(self._engine)

    @functools.cached_property
    def identity(self) -> AsyncIdentity:
        from vssdk.identity._resource import AsyncIdentity

        return AsyncIdentity(self._engine)

    @functools.cached_property
    def cards(self) -> AsyncCards:
        from vssdk.cards._resource import AsyncCards

        return AsyncCards(self._engine)

    @functools.cached_property
    def claims(self) -> AsyncClaims:
        from vssdk.claims._resource import AsyncClaims

        return AsyncClaims(self._engine)

    @functools.cached_property
    def gateway(self) -> AsyncGateway:
        from vssdk.gateway._resource import AsyncGateway

        return AsyncGateway(self._engine)

    @functools.cached_property
    def citizen(self) -> AsyncCitizen:
        from vssdk.citizen._resource import AsyncCitizen

        return AsyncCitizen(self._engine)

    @functools.cached_property
    def calculators(self) -> AsyncCalculators:
        from vssdk.benefits._resource import AsyncCalculators

        return AsyncCalculators(self._engine)

    @functools.cached_property
    def declarations(self) -> AsyncDeclarations:
        from vssdk.declarations._resource import AsyncDeclarations

        return AsyncDeclarations(self._engine)

    @functools.cached_property
    def procedures(self) -> AsyncProcedures:
        from vssdk.procedures._resource import AsyncProcedures

        return AsyncProcedures(self._engine)

    @functools.cached_property
    def webhooks(self) -> AsyncWebhooks:
        from vssdk.webhooks._resource import AsyncWebhooks

        return AsyncWebhooks(self._engine)
