"""Subcommands of the ``vssdk`` command line (one module each)."""
