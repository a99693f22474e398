"""The site's navigation for pages that mkdocs.yml does not list, so a page added by any area
shows up without editing mkdocs.yml: Vietnamese pages under "Tiếng Việt"; a page in the folder
of a listed section's pages in that section; a folder named like a listed page (``rules/`` next
to ``rules.md``) right after it; anything else under "More".
"""

from __future__ import annotations

from typing import Any

__all__ = ["VI", "complete_nav"]

VI = "vi/"


def complete_nav(nav: Any, files: Any) -> Any:
    """``nav`` with every unlisted page placed (the ``on_nav`` hook)."""
    from mkdocs.structure.nav import Section

    listed = {page.file.src_uri for page in nav.pages}
    missing = [f for f in files.documentation_pages() if f.src_uri not in listed and f.page]
    if not missing:
        return nav
    by_title = {item.title: item for item in nav.items if isinstance(item, Section)}
    extra_vi = [f.page for f in missing if f.src_uri.startswith(VI)]
    extra_en = [f.page for f in missing if not f.src_uri.startswith(VI)]
    listed_extra = [*extra_en, *extra_vi]
    if extra_vi:
        section = by_title.get("Tiếng Việt")
        if section is None:
            section = Section("Tiếng Việt", [])
            nav.items.append(section)
        for page in sorted(extra_vi, key=lambda p: p.file.src_uri):
            page.parent = section
            section.children.append(page)
    # a page in the folder of a listed section's pages joins that section (reference/python/)
    placed = set()
    sections_by_folder: dict[str, Any] = {}
    for _, _, item in _walk(nav.items):
        file = getattr(item, "file", None)
        if file is not None and item.parent is not None and "/" in file.src_uri:
            sections_by_folder.setdefault(file.src_uri.rpartition("/")[0], item.parent)
    for page in sorted(extra_en, key=lambda p: p.file.src_uri):
        section = sections_by_folder.get(page.file.src_uri.rpartition("/")[0])
        if section is not None:
            page.parent = section
            section.children.append(page)
            placed.add(page.file.src_uri)
    extra_en = [p for p in extra_en if p.file.src_uri not in placed]
    # pages in a folder named like a listed page (rules/ next to rules.md) go right after it
    for item_parent, index, item in reversed(list(_walk(nav.items))):
        if not hasattr(item, "file") or item.file is None:
            continue
        folder = item.file.src_uri.removesuffix(".md") + "/"
        children = [p for p in extra_en if p.file.src_uri.startswith(folder)]
        if not children:
            continue
        section = Section(f"{item.title or folder.strip('/')}: one page each", [])
        section.parent = item.parent
        for page in sorted(children, key=lambda p: p.file.src_uri):
            page.parent = section
            section.children.append(page)
            placed.add(page.file.src_uri)
        item_parent.insert(index + 1, section)
    extra_en = [p for p in extra_en if p.file.src_uri not in placed]
    if extra_en:
        section = Section("More", [])
        folders: dict[str, Any] = {}
        for page in sorted(extra_en, key=lambda p: p.file.src_uri):
            folder, _, _ = page.file.src_uri.rpartition("/")
            parent = section
            if folder:
                if folder not in folders:
                    folders[folder] = Section(folder.replace("/", " / ").capitalize(), [])
                    folders[folder].parent = section
                    section.children.append(folders[folder])
                parent = folders[folder]
            page.parent = parent
            parent.children.append(page)
        at = len(nav.items) - 1 if "Tiếng Việt" in by_title or extra_vi else len(nav.items)
        nav.items.insert(at, section)
    nav.pages = [*nav.pages, *listed_extra]
    return nav


def _walk(items: list[Any]) -> Any:
    """(the list holding it, its index, item) for every nav item, depth first."""
    for index, item in enumerate(items):
        yield items, index, item
        children = getattr(item, "children", None)
        if children:
            yield from _walk(children)
