"""Sandbox handlers of the claims area."""

from __future__ import annotations
