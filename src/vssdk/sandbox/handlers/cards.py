"""Sandbox handlers of the cards area."""

from __future__ import annotations
