"""The sandbox's state: a small JSON document store on SQLite (one file in the data directory).

Documents live in named collections under a key; every write gets a sequence number used for
stable ordering and cursors. What the sandbox accepts survives a restart.

One process owns a data directory: the store takes an exclusive lock on ``sandbox.lock`` next to
the database, and a second process gets :class:`DataDirInUse` (two writers would hand out the
same ids). Within the process every call holds one re-entrant lock.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec

__all__ = ["DataDirInUse", "Store", "decode_cursor", "encode_cursor"]

_MAX_CURSOR_DIGITS = 18  # a sequence number fits SQLite's INTEGER (a longer one is not ours)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    collection TEXT NOT NULL,
    key        TEXT NOT NULL,
    body       TEXT NOT NULL,
    UNIQUE (collection, key)
);
CREATE INDEX IF NOT EXISTS docs_by_collection ON docs (collection, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
_NEXT_NUMBER = (
    "INSERT INTO counters (name, value) VALUES (?, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = value + 1"
)
_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)


_ENCODER = msgspec.json.Encoder(enc_hook=str)


_CACHE_SIZE = 4096
_DECODER = msgspec.json.Decoder()


def _loads(body: str) -> dict[str, Any]:
    """A stored document as a new dict (msgspec: what ``json.loads`` gives, faster)."""
    try:
        doc = _DECODER.decode(body)
    except msgspec.DecodeError:  # e.g. an integer beyond 64 bits: the slow road
        doc = json.loads(body)
    return dict(doc)


def _dumps(doc: Mapping[str, Any]) -> str:
    """A document as compact JSON text; values JSON has no type for are stored as ``str()``."""
    try:
        return _ENCODER.encode(doc).decode("utf-8")
    except (TypeError, OverflowError):  # e.g. a non-string key or a huge int: the slow road
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str)


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"s{seq}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int | None:
    """The sequence number in a cursor, or None when the cursor is not one of ours."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    digits = text[1:]
    if not text.startswith("s") or not digits.isascii() or not digits.isdigit():
        return None
    if len(digits) > _MAX_CURSOR_DIGITS:
        return None
    return int(text[1:])


class DataDirInUse(RuntimeError):
    """Another process already serves this data directory."""


def _lock_dir(directory: Path) -> int | None:
    """An exclusive lock on ``directory/sandbox.lock`` (its descriptor), or DataDirInUse."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no inter-process lock
        return None
    fd = os.open(directory / "sandbox.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = os.read(fd, 32).decode("ascii", "replace").strip() or "another process"
        os.close(fd)
        raise DataDirInUse(
            f"the sandbox data directory {directory} is in use by process {holder}; stop it, "
            "or give this sandbox another --data-dir"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode("ascii"))
    return fd


class Store:
    """Thread-safe JSON document store. ``path=None`` keeps everything in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        target = ":memory:" if path is None else str(path)
        self._lock_fd: int | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._lock_fd = _lock_dir(path.parent)
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._db.execute(
            "PRAGMA journal_mode=WAL" if path is not None else "PRAGMA journal_mode=MEMORY"
        )
        self._db.execute("PRAGMA synchronous=NORMAL")
        # Checkpoint the WAL every ~16 MB rather than every 4 MB: each checkpoint syncs the file,
        # and with small documents written on every request that sync dominated writes.
        self._db.execute("PRAGMA wal_autocheckpoint=4000")
        self._db.executescript(_SCHEMA)
        self._lock = threading.RLock()
        self._depth = 0  # transaction nesting (guarded by the lock)
        # The JSON text of recently read or written documents, by (collection, key): this process
        # is the only writer of its data (see _lock_dir) and every write below updates the entry,
        # so a hit is what SQLite would return; a rollback forgets them all.
        self._cache: dict[tuple[str, str], str] = {}

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._lock_fd is not None:
                os.close(self._lock_fd)  # closing the descriptor releases the lock
                self._lock_fd = None

    @property
    def lock(self) -> threading.RLock:
        """The store's re-entrant lock: hold it to make several calls one step."""
        return self._lock

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside happen together or not at all (one commit for all of them).

        Re-entrant: a transaction opened inside another (same thread) is a savepoint of the outer
        one, so an exception leaving it undoes its own writes only (the outer one decides on the
        rest).
        """
        with self._lock:
            if self._depth:
                name = f"sp{self._depth}"
                self._db.execute(f"SAVEPOINT {name}")
                self._depth += 1
                try:
                    yield
                except BaseException:
                    self._db.execute(f"ROLLBACK TO {name}")
                    self._cache.clear()
                    raise
                finally:
                    self._depth -= 1
                    self._db.execute(f"RELEASE {name}")
                return
            self._db.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._db.execute("ROLLBACK")
                self._cache.clear()
                raise
            self._depth = 0
            try:
                self._db.execute("COMMIT")
            except BaseException:  # not committed: what the cache learnt inside is not stored
                self._cache.clear()
                raise

    def get(self, collection: str, key: str) -> dict[str, Any] | None:
        """A fresh copy of the document (callers may change it), or None."""
        with self._lock:
            body = self._cache.get((collection, key))
            if body is None:
                row = self._db.execute(
                    "SELECT body FROM docs WHERE collection = ? AND key = ?", (collection, key)
                ).fetchone()
                if row is None:
                    return None
                body = self._remember((collection, key), row[0])
        return _loads(body)

    def put(self, collection: str, key: str, doc: Mapping[str, Any]) -> None:
        """Insert or replace (a replaced document keeps its place in the order)."""
        body = _dumps(doc)
        with self._lock:
            self._db.execute(
                "INSERT INTO docs (collection, key, body) VALUES (?, ?, ?) "
                "ON CONFLICT (collection, key) DO UPDATE SET body = excluded.body",
                (collection, key, body),
            )
            self._remember((collection, key), body)

    def insert_new(self, collection: str, key: str, doc: Mapping[str, Any]) -> bool:
        """Insert only if absent; True when inserted."""
        body = _dumps(doc)
        with self._lock:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO docs (collection, key, body) VALUES (?, ?, ?)",
                (collection, key, body),
            )
            if cur.rowcount == 1:
                self._remember((collection, key), body)
        return cur.rowcount == 1

    def delete(self, collection: str, key: str) -> bool:
        with self._lock:
            self._cache.pop((collection, key), None)
            cur = self._db.execute(
                "DELETE FROM docs WHERE collection = ? AND key = ?", (collection, key)
            )
        return cur.rowcount == 1

    def _remember(self, where: tuple[str, str], body: str) -> str:
        cache = self._cache
        cache.pop(where, None)
        if len(cache) >= _CACHE_SIZE:  # the oldest entry goes (dicts keep insertion order)
            del cache[next(iter(cache))]
        cache[where] = body
        return body

    def find(self, collection: str, **equals: Any) -> list[dict[str, Any]]:
        """Every document whose top-level fields equal the given values, oldest first."""
        docs, _ = self.page(collection, where=equals, limit=None)
        return docs

    def page(
        self,
        collection: str,
        *,
        where: Mapping[str, Any] | None = None,
        cursor: str | None = None,
        limit: int | None = 50,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of documents in insertion order, and the cursor of the next page (or None)."""
        sql = "SELECT seq, body FROM docs WHERE collection = ?"
        args: list[Any] = [collection]
        for field, value in (where or {}).items():
            if value is None:
                continue
            sql += f" AND json_extract(body, '$.{field}') = ?"
            args.append(int(value) if isinstance(value, bool) else value)  # JSON true → 1
        if cursor is not None:
            after = decode_cursor(cursor)
            sql += " AND seq > ?"
            args.append(-1 if after is None else after)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit + 1)
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        more = limit is not None and len(rows) > limit
        rows = rows[:limit] if limit is not None else rows
        docs = [_loads(body) for _, body in rows]
        next_cursor = encode_cursor(rows[-1][0]) if more and rows else None
        return docs, next_cursor

    def count(self, collection: str) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM docs WHERE collection = ?", (collection,)
            ).fetchone()
        return int(row[0])

    def next_number(self, name: str) -> int:
        """A per-name counter: 1, 2, 3 ... (persisted)."""
        with self._lock:
            if _RETURNING:  # one statement instead of two (fetchall: the statement must finish)
                row = self._db.execute(_NEXT_NUMBER + " RETURNING value", (name,)).fetchall()[0]
            else:  # pragma: no cover - SQLite before 3.35
                self._db.execute(_NEXT_NUMBER, (name,))
                row = self._db.execute(
                    "SELECT value FROM counters WHERE name = ?", (name,)
                ).fetchone()
        return int(row[0])

    def wipe(self) -> None:
        """Remove every document and counter."""
        with self._lock:
            self._cache.clear()
            self._db.execute("DELETE FROM docs")
            self._db.execute("DELETE FROM counters")
