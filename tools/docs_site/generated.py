"""Page parts generated from the installed SDK at each build, so they never drift from the code.

- ``<!-- generated: claim-fields -->``: the attributes of ``Summary``, ``DrugLine`` and
  ``ServiceLine``;
- ``<!-- generated: client-methods -->``: every method of every area of ``vssdk.Client``;
- ``<!-- generated: signature client.<area>.<method> -->``: one method's signature.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

__all__ = ["expand"]

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


def expand(markdown: str) -> str:
    """The page with every generated part filled in."""
    if METHODS_MARKER in markdown:
        markdown = markdown.replace(METHODS_MARKER, client_methods())
    if FIELDS_MARKER in markdown:
        markdown = markdown.replace(FIELDS_MARKER, claim_fields())
    return SIGNATURE_MARKER.sub(client_signature, markdown)
