"""The documentation site's build-time helpers, used by tools/mkdocs_hooks.py."""
