"""vssdk: typed Python SDK for Vietnam Social Security (BHXH/BHYT/BHTN) e-services.

The root import is kept light: clients, errors and models load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vssdk._areas import AREAS
from vssdk.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    InvalidArgument,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnknownFieldsWarning,
    UnprocessableEntityError,
    VssdkError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from vssdk._core.config import Timeout
    from vssdk._core.model import unknown_fields
    from vssdk._core.pagination import AsyncPage, SyncPage
    from vssdk._problem import FieldError, Problem
    from vssdk.client import AsyncClient, Client

# name -> module that defines it; resolved on first attribute access (PEP 562).
_LAZY: dict[str, str] = {
    "FieldError": "vssdk.errors",  # attrs classes: loaded on first use (vssdk.errors.__getattr__)
    "Problem": "vssdk.errors",
    "Client": "vssdk.client",
    "AsyncClient": "vssdk.client",
    "Timeout": "vssdk._core.config",
    "SyncPage": "vssdk._core.pagination",
    "AsyncPage": "vssdk._core.pagination",
    "unknown_fields": "vssdk._core.model",
}
# every service area's package (vssdk.claims, vssdk.gateway ...), from the one list of areas.
_SUBMODULES = frozenset(area.package for area in AREAS)

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncClient",
    "AsyncPage",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigurationError",
    "ConflictError",
    "FieldError",
    "InvalidArgument",
    "NotFoundError",
    "PermissionDeniedError",
    "Problem",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "SyncPage",
    "Timeout",
    "UnknownFieldsWarning",
    "UnprocessableEntityError",
    "VssdkError",
    "__version__",
    "unknown_fields",
    *sorted(_SUBMODULES),
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f"vssdk.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'vssdk' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(__all__) | _SUBMODULES)
