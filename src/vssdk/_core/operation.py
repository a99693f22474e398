"""One declaration per operation: the table entry that drives both clients and the sandbox router.

An operation is declared by decorating a *builder*, a small pure function whose signature is the
SDK method's signature and which returns a :class:`Call` (path parameters, query, body)::

    @operation("getFacility", "GET", "/reference/facilities/{facility_code}", response=Facility)
    def get_facility(facility_code: str) -> Call:
        "One health facility by its 5-character code."
        return Call(path_params={"facility_code": facility_code})

Area classes then expose it on both clients with one line each (``get = get_facility.sync`` and
``get = get_facility.aio``; the binding is :mod:`vssdk._core.area`); the sandbox routes
``operation_id`` to its handler. This module is pure: it imports neither the engines nor httpx.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, ParamSpec, Self, TypeVar, overload

import attrs

if TYPE_CHECKING:
    from vssdk._core.area import (
        AsyncArea,
        SyncArea,
        _AsyncMethod,
        _AsyncPagedMethod,
        _SyncMethod,
        _SyncPagedMethod,
    )
    from vssdk._core.pagination import AsyncPage, SyncPage

P = ParamSpec("P")
T = TypeVar("T")
I = TypeVar("I")  # noqa: E741  (item type of a paginated operation)

Method = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]
Principal = Literal["none", "citizen", "organisation", "any"]

__all__ = [
    "AsyncArea",
    "Binary",
    "Call",
    "Operation",
    "PagedOperation",
    "SyncArea",
    "operation",
    "paged_operation",
]


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

    # An operation listed in an area's class body is a method of both clients: on a SyncArea it
    # is a function returning the result, on an AsyncArea a coroutine function (see _core/area).
    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncArea, owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(self, obj: AsyncArea, owner: type[Any]) -> Callable[P, Awaitable[T]]: ...
    @overload
    def __get__(self, obj: object, owner: type[Any]) -> Self: ...  # stored as data
    def __get__(self, obj: object, owner: type[Any]) -> Any:
        if not isinstance(obj, SyncArea | AsyncArea):
            return self
        return bind(self, obj)

    @property
    def sync(self) -> _SyncMethod[P, T]:
        """Descriptor exposing this operation as a method of a synchronous area class."""
        from vssdk._core.area import _SyncMethod

        return _SyncMethod(self)

    @property
    def aio(self) -> _AsyncMethod[P, T]:
        """Descriptor exposing this operation as a coroutine method of an async area class."""
        from vssdk._core.area import _AsyncMethod

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

    # An operation listed in an area's class body is a method of both clients: on a SyncArea it
    # is a function returning the result, on an AsyncArea a coroutine function (see _core/area).
    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: SyncArea, owner: type[Any]) -> Callable[P, SyncPage[I]]: ...
    @overload
    def __get__(self, obj: AsyncArea, owner: type[Any]) -> Callable[P, Awaitable[AsyncPage[I]]]: ...
    @overload
    def __get__(self, obj: object, owner: type[Any]) -> Self: ...  # stored as data
    def __get__(self, obj: object, owner: type[Any]) -> Any:
        if not isinstance(obj, SyncArea | AsyncArea):
            return self
        return bind(self, obj)

    @property
    def sync(self) -> _SyncPagedMethod[P, I]:
        """Descriptor exposing this list operation on a synchronous area class."""
        from vssdk._core.area import _SyncPagedMethod

        return _SyncPagedMethod(self)

    @property
    def aio(self) -> _AsyncPagedMethod[P, I]:
        """Descriptor exposing this list operation on an async area class."""
        from vssdk._core.area import _AsyncPagedMethod

        return _AsyncPagedMethod(self)


AnyOperation = Operation[Any, Any] | PagedOperation[Any, Any]


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


# The area bases live with the binding (:mod:`vssdk._core.area`); re-exported for the areas.
from vssdk._core.area import AsyncArea, SyncArea, bind  # noqa: E402
