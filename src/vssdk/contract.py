"""The operation table, for programs that implement or check the spec (the sandbox, mocks, tools).

``vssdk`` declares every operation once (method, path, caller kind, scope, identity level,
response model); :func:`all_operations` returns that table. A server built on it answers errors
as RFC 9457 problem+json whose ``type`` starts with :data:`PROBLEM_BASE`, and turns SDK models
into JSON with :func:`to_builtins`. This module is public and stable; the SDK's private modules
are not, so sibling distributions such as ``vssdk-sandbox`` import only from here and from the
public area packages.
"""

from __future__ import annotations

from vssdk._core.model import to_builtins
from vssdk._core.operation import AnyOperation, Operation, PagedOperation
from vssdk._core.problems import PROBLEM_BASE
from vssdk._core.redact import mask
from vssdk._core.registry import all_operations

__all__ = [
    "PROBLEM_BASE",
    "AnyOperation",
    "Operation",
    "PagedOperation",
    "all_operations",
    "mask",
    "to_builtins",
]
