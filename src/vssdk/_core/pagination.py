"""Pages of list results. Iterating a page yields every item across all following pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from vssdk.errors import ResponseValidationError

I = TypeVar("I")  # noqa: E741

__all__ = ["AsyncPage", "SyncPage", "decode_page"]


def decode_page(body: bytes, item: type[I], operation_id: str) -> tuple[list[I], str | None]:
    """Decode ``{"items": [...], "next_cursor": "..."|null}`` into typed items and the cursor."""
    from vssdk._core.model import decode_value, parse_json  # msgspec: loaded by the first call

    data = parse_json(body, context=operation_id)
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ResponseValidationError(
            f"{operation_id}: a page must be an object with an 'items' array", body=body, path="$"
        )
    cursor = data.get("next_cursor")
    if cursor is not None and not isinstance(cursor, str):
        raise ResponseValidationError(
            f"{operation_id}: next_cursor must be a string or null", body=body, path="$.next_cursor"
        )
    items = decode_value(data["items"], list[item], body=body, context=operation_id)  # type: ignore[valid-type]
    return items, cursor or None


def _check_advance(previous: str | None, cursor: str, operation_id: str) -> None:
    if cursor == previous:
        raise ResponseValidationError(
            f"{operation_id}: the server returned the same cursor twice",
            body=b"",
            path="$.next_cursor",
        )


class SyncPage(Generic[I]):
    """One page of results; ``for item in page`` walks this page and every page after it."""

    __slots__ = ("_fetch", "_operation_id", "cursor", "items", "next_cursor")

    def __init__(
        self,
        items: Sequence[I],
        next_cursor: str | None,
        fetch: Callable[[str], SyncPage[I]],
        *,
        cursor: str | None = None,
        operation_id: str = "",
    ) -> None:
        self.items: list[I] = list(items)
        self.next_cursor = next_cursor
        self.cursor = cursor
        self._fetch = fetch
        self._operation_id = operation_id

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None

    def next_page(self) -> SyncPage[I] | None:
        """The following page, or None on the last one."""
        if self.next_cursor is None:
            return None
        _check_advance(self.cursor, self.next_cursor, self._operation_id)
        return self._fetch(self.next_cursor)

    def iter_pages(self) -> Iterator[SyncPage[I]]:
        """This page and each following page (an empty page that says more follow continues)."""
        page: SyncPage[I] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[I]:
        for page in self.iter_pages():
            yield from page.items

    def __repr__(self) -> str:
        return f"SyncPage(items={len(self.items)}, has_more={self.has_more})"


class AsyncPage(Generic[I]):
    """One page of results; ``async for item in page`` walks every following page too."""

    __slots__ = ("_fetch", "_operation_id", "cursor", "items", "next_cursor")

    def __init__(
        self,
        items: Sequence[I],
        next_cursor: str | None,
        fetch: Callable[[str], Awaitable[AsyncPage[I]]],
        *,
        cursor: str | None = None,
        operation_id: str = "",
    ) -> None:
        self.items: list[I] = list(items)
        self.next_cursor = next_cursor
        self.cursor = cursor
        self._fetch = fetch
        self._operation_id = operation_id

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None

    async def next_page(self) -> AsyncPage[I] | None:
        if self.next_cursor is None:
            return None
        _check_advance(self.cursor, self.next_cursor, self._operation_id)
        return await self._fetch(self.next_cursor)

    async def iter_pages(self) -> AsyncIterator[AsyncPage[I]]:
        page: AsyncPage[I] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[I]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

    def __repr__(self) -> str:
        return f"AsyncPage(items={len(self.items)}, has_more={self.has_more})"


def with_cursor(query: Any, cursor: str) -> dict[str, Any]:
    """The query of the next page: the same filters plus ``cursor``."""
    return {**query, "cursor": cursor}
