"""The error for a feature whose optional packages are not installed: it names the extra."""

from __future__ import annotations

__all__ = ["missing_extra"]


def missing_extra(feature: str, extra: str, exc: ImportError) -> ModuleNotFoundError:
    """``ModuleNotFoundError`` saying which extra brings the missing package."""
    return ModuleNotFoundError(
        f"{feature} needs {exc.name or 'a package that is not installed'}, which the '{extra}' "
        f"extra installs: pip install 'vssdk[{extra}]'",
        name=exc.name,
    )
