"""The operation table, for programs that implement or check the spec (the sandbox, mocks, tools).

``vssdk`` declares every operation once (method, path, caller kind, scope, identity level,
response model); :func:`all_operations` returns that table. A server built on it answers errors
as RFC 9457 problem+json whose ``type`` starts with :data:`PROBLEM_BASE`, and turns SDK models
into JSON with :func:`to_builtins`. This module is public and stable; the SDK's private modules
are not, so sibling distributions such as ``vssdk-sandbox`` import only from here and from the
public area packages.
"""

from __future__ import annotations

from pathlib import Path

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
    "spec_path",
    "to_builtins",
]


def spec_path() -> Path:
    """The OpenAPI spec this vssdk implements: shipped in the wheel (``vssdk/_spec/``), or
    ``spec/openapi.yaml`` in a checkout. For integrators in other languages: ``vssdk spec``."""
    packaged = Path(__file__).with_name("_spec") / "openapi.yaml"
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"
    if checkout.is_file():
        return checkout
    raise FileNotFoundError("the OpenAPI spec is not installed with this vssdk")
