"""Token sets and where they are kept: in memory, or in a file only its owner can read (0600)."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol

import attrs

from vssdk.errors import InvalidArgument
from vssdk.identity.models import TokenResponse

__all__ = [
    "TOKEN_FILE_ENV",
    "FileTokenStore",
    "MemoryTokenStore",
    "TokenSet",
    "TokenStore",
    "default_token_path",
]

TOKEN_FILE_ENV = "VSSDK_TOKEN_FILE"


def default_token_path() -> Path:
    """Where ``vssdk login`` keeps the session: ``$VSSDK_TOKEN_FILE``, else the user config dir."""
    explicit = os.environ.get(TOKEN_FILE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "vssdk" / "tokens.json"


@attrs.frozen(slots=True, repr=False)
class TokenSet:
    """The tokens of one session; ``expires_at`` is the access token's expiry (epoch seconds)."""

    access_token: str
    expires_at: float
    token_type: str = "Bearer"
    refresh_token: str | None = None
    id_token: str | None = None
    scope: str = ""
    identity_level: int = 0

    def __repr__(self) -> str:
        return (
            f"TokenSet(expires_at={self.expires_at:.0f}, scope={self.scope!r}, "
            f"identity_level={self.identity_level}, refresh={self.refresh_token is not None})"
        )

    @classmethod
    def from_response(
        cls, reply: TokenResponse, now: float, previous: TokenSet | None = None
    ) -> TokenSet:
        """A token set from a token endpoint reply (a refresh keeps the previous ID token)."""
        return cls(
            access_token=reply.access_token,
            expires_at=now + reply.expires_in,
            token_type=reply.token_type,
            refresh_token=reply.refresh_token
            or (previous.refresh_token if previous is not None else None),
            id_token=reply.id_token or (previous.id_token if previous is not None else None),
            scope=reply.scope,
            identity_level=reply.identity_level,
        )

    def usable_at(self, now: float, leeway: float) -> bool:
        """Whether the access token still has more than ``leeway`` seconds to live."""
        return now + leeway < self.expires_at

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> TokenSet:
        if not isinstance(data, dict) or not isinstance(data.get("access_token"), str):
            raise InvalidArgument("token_store", "the stored tokens are not a token set")
        fields = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


class TokenStore(Protocol):
    """Where a session keeps its tokens between calls (and, for files, between runs)."""

    def load(self) -> TokenSet | None: ...

    def save(self, tokens: TokenSet | None) -> None: ...


class MemoryTokenStore:
    """Tokens in memory only (the default)."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens: TokenSet | None = None) -> None:
        self._tokens = tokens

    def load(self) -> TokenSet | None:
        return self._tokens

    def save(self, tokens: TokenSet | None) -> None:
        self._tokens = tokens


class FileTokenStore:
    """Tokens in a JSON file created with mode 0600, replaced atomically on every save."""

    __slots__ = ("_lock", "path")

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self) -> TokenSet | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            return TokenSet.from_json(json.loads(text))
        except ValueError:
            raise InvalidArgument("token_store", f"{self.path} is not a vssdk token file") from None

    def save(self, tokens: TokenSet | None) -> None:
        with self._lock:
            if tokens is None:
                self.path.unlink(missing_ok=True)
                return
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tokens-", dir=self.path.parent)
            try:
                os.fchmod(fd, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(tokens.to_json(), fh)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
