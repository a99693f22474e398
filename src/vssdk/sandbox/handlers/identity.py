"""Sandbox handlers of the identity area."""

from __future__ import annotations
