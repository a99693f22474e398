"""Binding declared operations to a client: the area base classes and the method descriptors.

An area class lists its operations with one line each (``facility = ops.get_facility.sync`` on
the sync class, ``... .aio`` on the async one). On an instance, the descriptor returns a plain
function bound to the client's engine that looks like a hand-written method at runtime: its
``__name__``/``__qualname__`` are the attribute's (``Lookups.facility``), its docstring is the
builder's, and ``inspect.signature``/``help`` show the builder's parameters and the real return
type (``__signature__``; ``__wrapped__`` is the builder).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, overload

if TYPE_CHECKING:
    from vssdk._core.engine import AsyncEngine, SyncEngine
    from vssdk._core.operation import AnyOperation, Operation, PagedOperation
    from vssdk._core.pagination import AsyncPage, SyncPage

P = ParamSpec("P")
T = TypeVar("T")
I = TypeVar("I")  # noqa: E741  (item type of a paginated operation)

__all__ = ["AsyncArea", "SyncArea"]


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


def _returns(op: AnyOperation, *, paged_as: str | None) -> Any:
    if paged_as is None:
        return getattr(op, "response", Any)
    from vssdk._core import pagination

    return getattr(pagination, paged_as)[op.item]  # type: ignore[union-attr]


class _Method:
    """What the four descriptors share: names, docs and the runtime signature."""

    _paged_as: str | None = None

    def __init__(self, op: AnyOperation) -> None:
        self._declared = op
        self.__name__ = op.builder.__name__
        self.__qualname__ = op.builder.__qualname__
        self.__doc__ = op.builder.__doc__
        self.__wrapped__ = op.builder
        self._signature: inspect.Signature | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.__name__ = name
        self.__qualname__ = f"{owner.__qualname__}.{name}"
        self.__module__ = owner.__module__

    def signature(self) -> inspect.Signature:
        """The builder's parameters with the method's real return type (computed once)."""
        if self._signature is None:
            op = self._declared
            try:
                builder = inspect.signature(op.builder, eval_str=True)
            except NameError:  # an annotation imported only for type checking
                builder = inspect.signature(op.builder)
            returns = _returns(op, paged_as=self._paged_as)
            self._signature = builder.replace(return_annotation=returns)
        return self._signature

    def _describe(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        fn.__name__ = self.__name__
        fn.__qualname__ = self.__qualname__
        fn.__module__ = self.__module__
        fn.__doc__ = self.__doc__
        fn.__wrapped__ = self._declared.builder  # type: ignore[attr-defined]
        fn.__signature__ = self.signature()  # type: ignore[attr-defined]
        return fn

    def __repr__(self) -> str:
        return f"<operation {self._declared.operation_id} as {self.__qualname__}>"


class _SyncMethod(_Method, Generic[P, T]):
    def __init__(self, op: Operation[P, T]) -> None:
        super().__init__(op)
        self.op: Operation[P, T] = op

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

        return self._describe(method)


class _AsyncMethod(_Method, Generic[P, T]):
    def __init__(self, op: Operation[P, T]) -> None:
        super().__init__(op)
        self.op: Operation[P, T] = op

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

        return self._describe(method)


class _SyncPagedMethod(_Method, Generic[P, I]):
    _paged_as = "SyncPage"

    def __init__(self, op: PagedOperation[P, I]) -> None:
        super().__init__(op)
        self.op: PagedOperation[P, I] = op

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

        return self._describe(method)


class _AsyncPagedMethod(_Method, Generic[P, I]):
    _paged_as = "AsyncPage"

    def __init__(self, op: PagedOperation[P, I]) -> None:
        super().__init__(op)
        self.op: PagedOperation[P, I] = op

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

        return self._describe(method)
