"""``vssdk spec``: the OpenAPI spec this vssdk implements, for generating clients in any language.

``vssdk spec > openapi.yaml`` writes the file (YAML); ``vssdk spec --path`` says where it is
installed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "spec",
        help="print the OpenAPI spec this vssdk implements (for clients in other languages)",
        description="Print spec/openapi.yaml, the contract between vssdk, its sandbox and BHXH's "
        "e-services as modelled here; e.g. `vssdk spec > openapi.yaml`.",
    )
    parser.add_argument("--path", action="store_true", help="print where the file is instead")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from vssdk.contract import spec_path

    path = spec_path()
    if args.path:
        print(path)
    else:
        sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0
