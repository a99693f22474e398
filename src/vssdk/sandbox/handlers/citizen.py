"""Sandbox handlers of the citizen area."""

from __future__ import annotations
