"""Every Python code block in docs/ runs against an embedded sandbox, so no example can rot.

One test per page: its blocks run in order in one namespace (see ``blocks.py``). The reader's
environment is a sandbox they started, so ``VSSDK_BASE_URL`` points at an embedded one (on the
suite's pinned clock) and the working directory is a scratch folder. The namespace starts with
what every page assumes a reader has set up — ``vssdk``, ``date``, ``datetime``, ``Decimal`` and a
``client`` on that sandbox — nothing else; everything else a block needs, it imports.
"""

from __future__ import annotations

import ast
import asyncio
import datetime as dt
import inspect
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import vssdk
from tests.docs.blocks import Block, blocks_of, pages
from vssdk_sandbox.server import embedded

PAGES = pages()


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with embedded() as server:
        yield server.base_url


def run_block(block: Block, namespace: dict[str, Any]) -> None:
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    code = compile(block.code, f"docs/{block.page}:{block.line}", "exec", flags=flags)
    if code.co_flags & inspect.CO_COROUTINE:
        asyncio.run(eval(code, namespace))
    else:
        exec(code, namespace)


def test_the_docs_have_python_blocks() -> None:
    assert len(PAGES) >= 10, [p.name for p in PAGES]


@pytest.mark.parametrize(
    "page", PAGES, ids=lambda p: p.relative_to(blocks_of.__globals__["DOCS"]).as_posix()
)
def test_page_blocks_run(
    page: Path, served: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VSSDK_BASE_URL", served)
    monkeypatch.chdir(tmp_path)
    ran = 0
    with vssdk.Client(served) as client:
        client.sandbox.reset()
        namespace: dict[str, Any] = {
            "__name__": "__docs__",
            "vssdk": vssdk,
            "date": dt.date,
            "datetime": dt.datetime,
            "Decimal": Decimal,
            "client": client,
        }
        for block in blocks_of(page):
            if block.skip_reason:
                continue
            try:
                run_block(block, namespace)
            except BaseException as error:
                raise AssertionError(
                    f"docs/{block.page} line {block.line}: {type(error).__name__}: {error}"
                ) from error
            ran += 1
    if ran == 0:
        pytest.skip("every block on this page is marked docs-test: skip")
