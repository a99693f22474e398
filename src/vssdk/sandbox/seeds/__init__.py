"""Deterministic fixtures, one module per area (see ``vssdk.sandbox.seed``)."""
