"""Sandbox handlers of the gateway area."""

from __future__ import annotations
