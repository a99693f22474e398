"""Client configuration: every default in one place."""

from __future__ import annotations

import math
import os

import attrs

from vssdk.errors import ConfigurationError

__all__ = ["DEFAULT_DEADLINE", "DEFAULT_MAX_RETRIES", "DEFAULT_TIMEOUT", "ClientOptions", "Timeout"]

BASE_URL_ENV = "VSSDK_BASE_URL"
DEFAULT_MAX_RETRIES = 2
DEFAULT_DEADLINE = 60.0  # seconds for one call, all retries and waits included
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 30.0  # a longer Retry-After is not waited for: the error is raised instead


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value is None or not isinstance(value, int | float) or not (value > 0) or math.isnan(value):
        raise ConfigurationError(
            f"timeout {attribute.name} must be a positive number of seconds, got {value!r} "
            "(None is refused: it would wait forever)"
        )


@attrs.frozen(slots=True)
class Timeout:
    """Per-attempt timeouts in seconds. All finite: ``None`` is refused, never 'wait forever'."""

    connect: float = attrs.field(default=5.0, validator=_positive)
    read: float = attrs.field(default=30.0, validator=_positive)
    write: float = attrs.field(default=30.0, validator=_positive)
    pool: float = attrs.field(default=5.0, validator=_positive)

    @classmethod
    def of(cls, value: float | Timeout) -> Timeout:
        """A Timeout from a number (read/write; connect and pool capped at it) or a Timeout."""
        if isinstance(value, Timeout):
            return value
        if value is None or isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigurationError(
                f"timeout must be a number of seconds or vssdk.Timeout, got {value!r} "
                "(None is refused: it would wait forever)"
            )
        seconds = float(value)
        return cls(connect=min(5.0, seconds), read=seconds, write=seconds, pool=min(5.0, seconds))


DEFAULT_TIMEOUT = Timeout()


@attrs.frozen(slots=True)
class ClientOptions:
    """Everything a client (or a ``with_options`` view of it) needs to build and send requests."""

    base_url: str
    timeout: Timeout = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    max_retries: int = DEFAULT_MAX_RETRIES
    default_headers: tuple[tuple[str, str], ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ConfigurationError(f"max_retries must be >= 0, got {self.max_retries}")
        if not (self.deadline > 0) or math.isnan(self.deadline):
            raise ConfigurationError(f"deadline must be a positive number, got {self.deadline!r}")


def resolve_base_url(base_url: str | None) -> str:
    """The base URL from the argument or ``VSSDK_BASE_URL``; a clear error when neither is set."""
    url = base_url or os.environ.get(BASE_URL_ENV)
    if not url:
        raise ConfigurationError(
            f"no base URL: pass base_url=... or set {BASE_URL_ENV} "
            "(start a local sandbox with `vssdk sandbox`)"
        )
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(f"base_url must start with http:// or https://, got {url!r}")
    return url.rstrip("/")
