"""Binding declared operations to a client: the area base classes and :func:`bind`.

An area lists each operation once, in an operations class in its ``_operations`` module that both
client classes inherit (``facility = get_facility``): an operation object is a typed descriptor
(``Operation.__get__``), a function on a :class:`SyncArea` and a coroutine function on an
:class:`AsyncArea`. Areas not converted yet list it on each client class instead
(``facility = ops.get_facility.sync`` / ``.aio``, the four descriptors below). Either way the
bound method looks hand-written at runtime: its ``__name__``/``__qualname__`` are the attribute's
(``Lookups.facility``), its docstring is the builder's, and ``inspect.signature``/``help`` show
the builder's parameters and the real return type (``__signature__``; ``__wrapped__`` is the
builder).
"""

from __future__ import annotations

import functools
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

__all__ = ["AsyncArea", "SyncArea", "bind", "signature_of"]


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


@functools.cache
def signature_of(op: AnyOperation, is_async: bool) -> inspect.Signature:
    """The method's runtime signature: the builder's parameters and the real return type."""
    try:
        builder = inspect.signature(op.builder, eval_str=True)
    except NameError:  # an annotation imported only for type checking
        builder = inspect.signature(op.builder)
    returns: Any = getattr(op, "response", None)
    if returns is None:  # a list operation: a page of its items
        from vssdk._core.pagination import AsyncPage, SyncPage

        returns = (AsyncPage if is_async else SyncPage)[op.item]  # type: ignore[union-attr]
    return builder.replace(return_annotation=returns)


@functools.cache
def _looks(owner: type[Any], op: AnyOperation, name: str | None) -> tuple[str, str, dict[str, Any]]:
    """(``__name__``, ``__qualname__``, ``__dict__`` extras) of ``op`` as a method of ``owner``:
    the name under which the class (or a base, such as the area's operations class) lists it."""
    if name is None:
        name = next(
            (n for klass in owner.__mro__ for n, v in vars(klass).items() if v is op),
            op.builder.__name__,
        )
    is_async = issubclass(owner, AsyncArea)
    extras = {"__wrapped__": op.builder, "__signature__": signature_of(op, is_async)}
    return name, f"{owner.__qualname__}.{name}", extras


def bind(
    op: AnyOperation, area: SyncArea | AsyncArea, name: str | None = None
) -> Callable[..., Any]:
    """``op`` as a method of ``area``: a plain function bound to the area's engine, with the
    method's name, the builder's docstring and the real signature (``__signature__``; its
    ``__wrapped__`` is the builder)."""
    engine: Any = area._engine
    invoke = engine.invoke if hasattr(op, "response") else engine.invoke_paged
    builder = op.builder
    method: Callable[..., Any]
    if isinstance(area, AsyncArea):

        async def method(*args: Any, **kwargs: Any) -> Any:
            return await invoke(op, builder(*args, **kwargs))

    else:

        def method(*args: Any, **kwargs: Any) -> Any:
            return invoke(op, builder(*args, **kwargs))

    owner: Any = type(area)
    method.__name__, method.__qualname__, extras = _looks(owner, op, name)
    method.__module__ = owner.__module__
    method.__doc__ = builder.__doc__
    method.__dict__.update(extras)
    return method


class _Method:
    """What the four ``op.sync``/``op.aio`` descriptors share: the attribute's name."""

    def __init__(self, op: AnyOperation) -> None:
        self._declared = op
        self.__name__ = op.builder.__name__
        self.__qualname__ = op.builder.__qualname__
        self.__doc__ = op.builder.__doc__
        self.__wrapped__ = op.builder

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.__name__ = name
        self.__qualname__ = f"{owner.__qualname__}.{name}"
        self.__module__ = owner.__module__

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
        return bind(self.op, obj, self.__name__)


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
        return bind(self.op, obj, self.__name__)


class _SyncPagedMethod(_Method, Generic[P, I]):
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
        return bind(self.op, obj, self.__name__)


class _AsyncPagedMethod(_Method, Generic[P, I]):
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
        return bind(self.op, obj, self.__name__)
