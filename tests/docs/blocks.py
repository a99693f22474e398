"""The Python code blocks of the documentation, read the way a reader copies them.

A block is a fenced block whose info string starts with ``python`` or ``py``. A page's blocks run
in order in one namespace, like a reader pasting them into one REPL. A block that cannot run on
its own says so on the line before it, with the reason:

    <!-- docs-test: skip: a fragment of the class above -->

Top-level ``await`` and ``async with`` run in an event loop, as in ``python -m asyncio``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)\s*(?P<info>[^\n]*)$")
SKIP = re.compile(r"<!--\s*docs-test:\s*skip:\s*(?P<reason>[^>]+?)\s*-->")
SNIPPET = re.compile(r'^\s*--8<--\s*"(?P<path>[^"]+)"\s*$')
ROOT = DOCS.parent
PYTHON = ("python", "py", "pycon")


@dataclass(frozen=True)
class Block:
    page: str
    line: int  # 1-based line of the opening fence
    code: str
    skip_reason: str | None


def blocks_of(path: Path) -> list[Block]:
    """Every Python block of ``path``, with its skip marker when it has one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    page = path.relative_to(DOCS).as_posix()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, info, indent = match["fence"], match["info"].strip(), match["indent"]
        end = i + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        language = re.split(r"[\s{]", info, maxsplit=1)[0].lower() if info else ""
        if language in PYTHON and language != "pycon":
            body = [
                line[len(indent) :] if line.startswith(indent) else line
                for line in lines[i + 1 : end]
            ]
            body = [_expand(line) for line in body]
            previous = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            skip = SKIP.search(previous)
            found.append(
                Block(page, i + 1, "\n".join(body) + "\n", skip["reason"] if skip else None)
            )
        i = end + 1
    return found


def _expand(line: str) -> str:
    """A snippet line (``--8<-- "examples/x.py"``, as pymdownx.snippets includes it)."""
    match = SNIPPET.match(line)
    if match is None:
        return line
    return (ROOT / match["path"]).read_text(encoding="utf-8")


def pages() -> list[Path]:
    """Every Markdown page of the site that has at least one Python block."""
    return [p for p in sorted(DOCS.rglob("*.md")) if blocks_of(p)]
