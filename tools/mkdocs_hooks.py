"""MkDocs hooks for the documentation site (mkdocs.yml ``hooks:``). Offline, no plugin needed.

- Every page that has a translation links to it at the top: ``docs/<page>.md`` ↔
  ``docs/vi/<page>.md`` (the header's language switch only goes to each language's home).
- Pages that exist but are not in ``nav`` still appear: Vietnamese ones under "Tiếng Việt",
  others under "More" — so a guide added by any area shows up without editing mkdocs.yml.
- The spec is published next to the pages (``openapi.yaml``) with an API explorer
  (``explorer/``) whose Swagger UI files come from the swagger-ui-bundle package, never a CDN.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec" / "openapi.yaml"
VI = "vi/"

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


FIELDS_MARKER = "<!-- generated: claim-fields -->"
# the field kinds of vssdk.claims.fields, as a reader needs them (Python type, wire form)
_KINDS = {
    "text": "`str`",
    "int": "`int`",
    "dt12": "`datetime` (`yyyyMMddHHmm`)",
    "birth": "`datetime` or `PartialDate` (`yyyyMMddHHmm`, `yyyy00000000`)",
    "d8": "`date` (`yyyyMMdd`)",
    "d8list": "`tuple[date, ...]` (`yyyyMMdd;yyyyMMdd`)",
    "list": "`tuple[str, ...]` (`;`-separated)",
    "amount": "`Decimal` đồng (≤ 2 decimals)",
    "price": "`Decimal` (≤ 3 decimals)",
    "qty": "`Decimal` (≤ 3 decimals)",
    "rate": "`Decimal` percent",
}


def claim_fields() -> str:
    """Tables of the attributes of Summary (XML1), DrugLine (XML2) and ServiceLine (XML3), read
    from the classes themselves, so the page never drifts from the code."""
    import attrs

    from vssdk.claims import DrugLine, ServiceLine, Summary

    out: list[str] = []
    for cls, table in ((Summary, "XML1"), (DrugLine, "XML2"), (ServiceLine, "XML3")):
        out += [
            f"## `{cls.__name__}` ({table})",
            "",
            "| attribute | wire name | kind | required |",
            "|---|---|---|---|",
        ]
        for field in attrs.fields(cls):
            if "kind" not in field.metadata:
                continue
            required = "yes" if field.default is attrs.NOTHING else ""
            kind = _KINDS.get(field.metadata["kind"], field.metadata["kind"])
            out.append(f"| `{field.name}` | `{field.name.upper()}` | {kind} | {required} |")
        out.append("")
    return "\n".join(out)


SIGNATURE_MARKER = re.compile(r"<!-- generated: signature client\.(?P<area>\w+)\.(?P<name>\w+) -->")


def client_signature(match: re.Match[str]) -> str:
    """A client method's signature as Python, read from the SDK (``help()`` shows the same)."""
    import inspect

    import vssdk

    with vssdk.Client("http://127.0.0.1:8765") as client:
        method = getattr(getattr(client, match["area"]), match["name"])
        signature = inspect.signature(method)
    params = ",\n".join(f"    {p}" for p in signature.parameters.values())
    returns = signature.return_annotation
    shown = getattr(returns, "__name__", str(returns))
    lines = [f"client.{match['area']}.{match['name']}(", params, f") -> {shown}"]
    text = "\n".join(lines).replace("vssdk.procedures.models.", "").replace("datetime.", "dt.")
    return f"```text\n{text}\n```"


METHODS_MARKER = "<!-- generated: client-methods -->"
_MODULE_PREFIX = re.compile(r"\b(?:vssdk|datetime|decimal|collections\.abc|typing)\.(?:[a-z_]+\.)*")


def _parameters(signature: Any) -> list[str]:
    """The parameters as written in Python, with the ``*`` before keyword-only ones."""
    import inspect

    shown: list[str] = []
    star = False
    for param in signature.parameters.values():
        if param.kind is inspect.Parameter.VAR_POSITIONAL:
            star = True
        if param.kind is inspect.Parameter.KEYWORD_ONLY and not star:
            shown.append("*")
            star = True
        shown.append(_MODULE_PREFIX.sub("", str(param)))
    return shown


def client_methods() -> str:
    """Every method of every area of ``vssdk.Client``: signature and summary, read at runtime
    (the same ``help()`` shows), so the page lists exactly what the installed SDK has."""
    import inspect

    import vssdk
    from vssdk._areas import AREAS

    out: list[str] = []
    with vssdk.Client("http://127.0.0.1:8765") as client:
        for area in sorted(AREAS, key=lambda a: a.name):
            obj = getattr(client, area.name)
            out += [f"## `client.{area.name}`", ""]
            doc = inspect.getdoc(type(obj))
            if doc:
                out += [doc.split("\n\n")[0], ""]
            for name in sorted(n for n in dir(obj) if not n.startswith("_")):
                method = getattr(obj, name)
                if not callable(method):
                    continue
                try:
                    signature = inspect.signature(method, eval_str=True)
                except (NameError, TypeError):
                    signature = inspect.signature(method)
                params = _parameters(signature)
                returns = _MODULE_PREFIX.sub(
                    "", inspect.formatannotation(signature.return_annotation)
                )
                shown = f"{name}(\n" + "".join(f"    {p},\n" for p in params) + f") -> {returns}"
                if len(params) <= 1:
                    shown = f"{name}({', '.join(params)}) -> {returns}"
                summary = (inspect.getdoc(method) or "").split("\n\n")[0].replace("\n", " ")
                out += [f"### `{name}`", "", "```text", shown, "```", ""]
                if summary:
                    out += [summary, ""]
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if METHODS_MARKER in markdown:
        markdown = markdown.replace(METHODS_MARKER, client_methods())
    if FIELDS_MARKER in markdown:
        markdown = markdown.replace(FIELDS_MARKER, claim_fields())
    markdown = SIGNATURE_MARKER.sub(client_signature, markdown)
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


EXPLORER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script>
<script>
window.onload = function () {{
  window.ui = SwaggerUIBundle({{ url: {spec_url}, dom_id: "#swagger-ui", deepLinking: true }});
}};
</script></body></html>
"""


def swagger_ui_dir() -> Path | None:
    """The Swagger UI distribution shipped by the swagger-ui-bundle package, if installed."""
    try:
        import swagger_ui_bundle  # type: ignore[import-untyped]
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    shutil.copyfile(SPEC, site / "openapi.yaml")
    dist = swagger_ui_dir()
    if dist is None:
        return
    target = site / "explorer"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("swagger-ui.css", "swagger-ui-bundle.js"):
        shutil.copyfile(dist / name, target / name)
    page = EXPLORER.format(title=html.escape("vssdk API explorer"), spec_url='"../openapi.yaml"')
    (target / "index.html").write_text(page, encoding="utf-8")
