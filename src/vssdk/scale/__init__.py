"""vssdk.scale: running the bulk rules on engines that outgrow one machine (Dask; Spark recipe in
``docs/scale.md``). Needs the ``scale`` extra; nothing here is imported by ``import vssdk``."""

from __future__ import annotations

__all__: list[str] = []
