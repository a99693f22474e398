"""One declaration per operation: the table entry that drives both clients and the sandbox router.

An operation is declared by decorating a *builder*, a small pure function whose signature is the
SDK method's signature and which returns a :class:`Call` (path parameters, query, body)::

    @operation("getFacility", "GET", "/reference/facilities/{facility_code}", response=Facility)
    def get_facility(facility_code: str) -> Call:
        "One health facility by its 5-character code."
        return Call(path_params={"facility_code": facility_code})

Area classes then expose it on both clients with one line each (``get = get_facility.sync`` and
``get = get_facility.aio``); the sandbox routes ``operation_id`` to its handler.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, ParamSpec, TypeVar, overload

import attrs

if TYPE_CHECKING:
    from vssdk._core.engine import AsyncEngine, SyncEngine
    from vssdk._core.pagination import AsyncPage, SyncPage

P = ParamSpec("P")
T = TypeVar("T")
I = TypeVar("I")  # noqa: E741  (item type of a paginated operation)

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
Principal = Literal["none", "citizen", "organisation", "any"]

__all__ = ["Binary", "Call", "Operation", "PagedOperation", "operation", "paged_operation"]


@attrs.frozen(slots=True)
class Binary:
    """A non-JSON reply (an image, a PDF, an XML document): bytes and their media type."""

    content: bytes
    content_type: str


@attrs.frozen(slots=True)
class Call:
    """What one invocation sends: path parameters, query, body and extra headers."""

    path_params: Mapping[str, str] = attrs.field(factory=dict)
    query: Mapping[str, Any] = attrs.field(factory=dict)
    body: Any = None
    content_type: str = "application/json"
    headers: Mapping[str, str] = attrs.field(factory=dict)
    idempotency_key: str | None = None


@attrs.frozen(slots=True, eq=False)
class Operation(Generic[P, T]):
    """One API operation: its wire shape, its model types and its rules."""

    operation_id: str
    method: Method
    path: str
    response: type[T]
    builder: Callable[P, Call]
    success: int = 200
    idempotent: bool = True
    principal: Principal = "none"
    scope: str | None = None
    identity_level: int | None = None
    request: type[Any] | None = None
    accepts_idempotency_key: bool = False

    @property
    def sync(self) -> _SyncMethod[P, T]:
        """Descriptor exposing this operation as a method of a synchronous area class."""
        return _SyncMethod(self)

    @property
    def aio(self) -> _AsyncMethod[P, T]:
        """Descriptor exposing this operation as a coroutine method of an async area class."""
        return _AsyncMethod(self)


@attrs.frozen(slots=True, eq=False)
class PagedOperation(Generic[P, I]):
    """A list operation: replies ``{"items": [...], "next_cursor": ...}``, iterated across pages."""

    operation_id: str
    method: Method
    path: str
    item: type[I]
    builder: Callable[P, Call]
    success: int = 200
    idempotent: bool = True
    principal: Principal = "none"
    scope: str | None = None
    identity_level: int | None = None
    request: type[Any] | None = None
    accepts_idempotency_key: bool = False

    @property
    def sync(self) -> _SyncPagedMethod[P, I]:
        """Descriptor exposing this list operation on a synchronous area class."""
        return _SyncPagedMethod(self)

    @property
    def aio(self) -> _AsyncPagedMethod[P, I]:
        """Descriptor exposing this list operation on an async area class."""
        return _AsyncPagedMethod(self)


AnyOperation = Operation[Any, Any] | PagedOperation[Any, Any]


class SyncArea:
    """Base of the synchronous area classes (``client.cards`` ...)."""

    __slots__ = ("_engine",)

    def __init__(self, engine: SyncEngine) -> None:
        self._engine = engine


class AsyncArea:
    """Base of the asynchronous area classes (``async_client.cards`` ...)."""

    __slots__ = ("_engine",)

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine


def _describe(fn: Callable[..., Any], op: AnyOperation) -> Callable[..., Any]:
    fn.__doc__ = op.builder.__doc__
    fn.__name__ = op.builder.__name__
    return fn


class _SyncMethod(Generic[P, T]):
    __slots__ = ("op",)

    def __init__(self, op: Operation[P, T]) -> None:
        self.op = op

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _SyncMethod[P, T]: ...
    @overload
    def __get__(
        self, obj: Operation[Any, Any] | PagedOperation[Any, Any], owner: type[Any]
    ) -> _SyncMethod[P, T]: ...
    @overload
    def __get__(self, obj: SyncArea, owner: type[Any]) -> Callable[P, T]: ...
    def __get__(
        self, obj: SyncArea | AnyOperation | None, owner: type[Any]
    ) -> _SyncMethod[P, T] | Callable[P, T]:
        if obj is None or not isinstance(obj, SyncArea | AsyncArea):
            return self
        op, engine = self.op, obj._engine

        def method(*args: P.args, **kwargs: P.kwargs) -> T:
            return engine.invoke(op, op.builder(*args, **kwargs))

        return _describe(method, op)


class _AsyncMethod(Generic[P, T]):
    __slots__ = ("op",)

    def __init__(self, op: Operation[P, T]) -> None:
        self.op = op

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _AsyncMethod[P, T]: ...
    @overload
    def __get__(
        self, obj: Operation[Any, Any] | PagedOperation[Any, Any], owner: type[Any]
    ) -> _AsyncMethod[P, T]: ...
    @overload
    def __get__(self, obj: AsyncArea, owner: type[Any]) -> Callable[P, Awaitable[T]]: ...
    def __get__(
        self, obj: AsyncArea | AnyOperation | None, owner: type[Any]
    ) -> _AsyncMethod[P, T] | Callable[P, Awaitable[T]]:
        if obj is None or not isinstance(obj, SyncArea | AsyncArea):
            return self
        op, engine = self.op, obj._engine

        async def method(*args: P.args, **kwargs: P.kwargs) -> T:
            return await engine.invoke(op, op.builder(*args, **kwargs))

        return _describe(method, op)


class _SyncPagedMethod(Generic[P, I]):
    __slots__ = ("op",)

    def __init__(self, op: PagedOperation[P, I]) -> None:
        self.op = op

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _SyncPagedMethod[P, I]: ...
    @overload
    def __get__(
        self, obj: Operation[Any, Any] | PagedOperation[Any, Any], owner: type[Any]
    ) -> _SyncPagedMethod[P, I]: ...
    @overload
    def __get__(self, obj: SyncArea, owner: type[Any]) -> Callable[P, SyncPage[I]]: ...
    def __get__(
        self, obj: SyncArea | AnyOperation | None, owner: type[Any]
    ) -> _SyncPagedMethod[P, I] | Callable[P, SyncPage[I]]:
        if obj is None or not isinstance(obj, SyncArea | AsyncArea):
            return self
        op, engine = self.op, obj._engine

        def method(*args: P.args, **kwargs: P.kwargs) -> SyncPage[I]:
            return engine.invoke_paged(op, op.builder(*args, **kwargs))

        return _describe(method, op)


class _AsyncPagedMethod(Generic[P, I]):
    __slots__ = ("op",)

    def __init__(self, op: PagedOperation[P, I]) -> None:
        self.op = op

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _AsyncPagedMethod[P, I]: ...
    @overload
    def __get__(
        self, obj: Operation[Any, Any] | PagedOperation[Any, Any], owner: type[Any]
    ) -> _AsyncPagedMethod[P, I]: ...
    @overload
    def __get__(self, obj: AsyncArea, owner: type[Any]) -> Callable[P, Awaitable[AsyncPage[I]]]: ...
    def __get__(
        self, obj: AsyncArea | AnyOperation | None, owner: type[Any]
    ) -> _AsyncPagedMethod[P, I] | Callable[P, Awaitable[AsyncPage[I]]]:
        if obj is None or not isinstance(obj, SyncArea | AsyncArea):
            return self
        op, engine = self.op, obj._engine

        async def method(*args: P.args, **kwargs: P.kwargs) -> AsyncPage[I]:
            return await engine.invoke_paged(op, op.builder(*args, **kwargs))

        return _describe(method, op)


def operation(
    operation_id: str,
    method: Method,
    path: str,
    *,
    response: type[T],
    success: int = 200,
    idempotent: bool | None = None,
    principal: Principal = "none",
    scope: str | None = None,
    identity_level: int | None = None,
    request: type[Any] | None = None,
    accepts_idempotency_key: bool = False,
) -> Callable[[Callable[P, Call]], Operation[P, T]]:
    """Declare an operation from its builder function (see the module docstring).

    ``idempotent`` defaults to True for GET/PUT/DELETE and False otherwise; a non-idempotent
    operation that ``accepts_idempotency_key`` is retried safely with an ``Idempotency-Key``.
    """

    def wrap(builder: Callable[P, Call]) -> Operation[P, T]:
        return Operation(
            operation_id=operation_id,
            method=method,
            path=path,
            response=response,
            builder=builder,
            success=success,
            idempotent=method in ("GET", "PUT", "DELETE") if idempotent is None else idempotent,
            principal=principal,
            scope=scope,
            identity_level=identity_level,
            request=request,
            accepts_idempotency_key=accepts_idempotency_key,
        )

    return wrap


def paged_operation(
    operation_id: str,
    path: str,
    *,
    item: type[I],
    principal: Principal = "none",
    scope: str | None = None,
    identity_level: int | None = None,
) -> Callable[[Callable[P, Call]], PagedOperation[P, I]]:
    """Declare a paginated GET list operation (``cursor``/``limit`` → ``next_cursor``)."""

    def wrap(builder: Callable[P, Call]) -> PagedOperation[P, I]:
        return PagedOperation(
            operation_id=operation_id,
            method="GET",
            path=path,
            item=item,
            builder=builder,
            principal=principal,
            scope=scope,
            identity_level=identity_level,
        )

    return wrap
