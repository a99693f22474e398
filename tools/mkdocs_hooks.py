"""MkDocs hooks for the documentation site (mkdocs.yml ``hooks:``). Offline, no plugin needed.

- Every page that has a translation links to it at the top: ``docs/<page>.md`` ↔
  ``docs/vi/<page>.md`` (the header's language switch only goes to each language's home).
- Pages not listed in ``nav`` still appear (``docs_site.nav``).
- Parts of some pages are generated from the SDK (``docs_site.generated``).
- The spec and an API explorer are published with the site (``docs_site.explorer``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tools/, for docs_site

from docs_site import explorer, generated
from docs_site.nav import VI, complete_nav

_counterparts: set[str] = set()


def on_files(files: Any, config: Any) -> Any:
    """Remember which pages exist, to link each page to its translation."""
    _counterparts.clear()
    _counterparts.update(f.src_uri for f in files.documentation_pages())
    return files


def translation_of(src_uri: str) -> str | None:
    """The other language's page for ``src_uri``, when it exists."""
    other = src_uri[len(VI) :] if src_uri.startswith(VI) else VI + src_uri
    return other if other in _counterparts else None


def _relative(from_uri: str, to_uri: str) -> str:
    depth = from_uri.count("/")
    return "../" * depth + to_uri


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    markdown = generated.expand(markdown)
    other = translation_of(page.file.src_uri)
    if other is None:
        return markdown
    label = "Read in English" if page.file.src_uri.startswith(VI) else "Đọc bằng tiếng Việt"
    link = f'<p class="vssdk-lang" markdown>[{label}]({_relative(page.file.src_uri, other)})</p>'
    lines = markdown.split("\n")
    # after the page's first heading, so the title stays the title
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", link, "", *lines[i + 1 :]])
    return link + "\n\n" + markdown


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    return complete_nav(nav, files)


def on_post_build(config: Any) -> None:
    explorer.publish(Path(config["site_dir"]))
