"""A griffe extension for the API reference: Sphinx roles in docstrings read as code.

The docstrings say ``:class:`CardCheck``` and ``:func:`retirement_age```; mkdocstrings renders
Markdown, where those would show as text. Each role becomes plain inline code (``CardCheck``).
Configured in mkdocs.yml (``extensions: [tools/griffe_rst_roles.py]``).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|attr|data|exc|obj|const):`~?([^`]+)`")


class RstRoles(griffe.Extension):
    """Rewrite ``:role:`target``` as ```target``` in every docstring."""

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        if obj.docstring is not None and ":" in obj.docstring.value:
            obj.docstring.value = ROLE.sub(r"`\1`", obj.docstring.value)
