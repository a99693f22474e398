"""Sandbox handlers of the benefits area."""

from __future__ import annotations
