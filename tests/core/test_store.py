"""The sandbox store reads back exactly what it holds, through its read cache too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vssdk_sandbox.store import Store


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made = Store(None if request.param == "memory" else tmp_path / "s.sqlite3")
    yield made
    made.close()


def _writes_then_fails(store: Store, writes: dict[str, dict[str, int]]) -> None:
    with store.transaction():
        for key, doc in writes.items():
            store.put("c", key, doc)
            assert store.get("c", key) == doc
        raise RuntimeError("undo")


def test_a_read_is_a_fresh_copy(store: Store) -> None:
    store.put("c", "k", {"a": [1, 2], "name": "Nguyễn Văn Bình", "big": 2**70})
    first = store.get("c", "k")
    assert first == {"a": [1, 2], "name": "Nguyễn Văn Bình", "big": 2**70}
    first["a"].append(3)
    assert store.get("c", "k") == {"a": [1, 2], "name": "Nguyễn Văn Bình", "big": 2**70}


def test_writes_replace_deletes_and_wipes_are_seen(store: Store) -> None:
    store.put("c", "k", {"v": 1})
    assert store.get("c", "k") == {"v": 1}
    store.put("c", "k", {"v": 2})
    assert store.get("c", "k") == {"v": 2}
    assert not store.insert_new("c", "k", {"v": 3})
    assert store.get("c", "k") == {"v": 2}
    assert store.delete("c", "k")
    assert store.get("c", "k") is None
    store.put("c", "k", {"v": 4})
    store.wipe()
    assert store.get("c", "k") is None


def test_a_rolled_back_transaction_leaves_nothing_behind(store: Store) -> None:
    store.put("c", "kept", {"v": 1})
    with pytest.raises(RuntimeError):
        _writes_then_fails(store, {"kept": {"v": 2}, "new": {"v": 1}})
    assert store.get("c", "kept") == {"v": 1}
    assert store.get("c", "new") is None


def test_an_inner_rollback_undoes_only_its_own_writes(store: Store) -> None:
    with store.transaction():
        store.put("c", "outer", {"v": 1})
        with pytest.raises(RuntimeError):
            _writes_then_fails(store, {"inner": {"v": 1}, "outer": {"v": 2}})
        assert store.get("c", "outer") == {"v": 1}
        assert store.get("c", "inner") is None
    assert store.get("c", "outer") == {"v": 1}


def test_the_cache_stays_bounded(store: Store) -> None:
    from vssdk_sandbox import store as module

    for i in range(module._CACHE_SIZE + 10):
        store.put("c", f"k{i}", {"i": i})
    assert len(store._cache) <= module._CACHE_SIZE
    assert store.get("c", "k0") == {"i": 0}  # evicted from the cache, still stored


def test_next_number_counts_per_name(store: Store) -> None:
    assert [store.next_number("chk") for _ in range(3)] == [1, 2, 3]
    assert store.next_number("other") == 1
    with store.transaction():
        assert store.next_number("chk") == 4
