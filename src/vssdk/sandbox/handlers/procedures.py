"""Sandbox handlers of the procedures area."""

from __future__ import annotations
