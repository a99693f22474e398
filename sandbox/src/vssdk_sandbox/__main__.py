"""``python -m vssdk_sandbox``: the same as ``vssdk sandbox``."""

from __future__ import annotations

import sys

from vssdk.cli import main

if __name__ == "__main__":
    sys.exit(main(["sandbox", *sys.argv[1:]]))
