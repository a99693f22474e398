"""vssdk.scale: the bulk rules on engines that outgrow one machine: :mod:`vssdk.scale.dask`
(``vssdk[dask]``) and :mod:`vssdk.scale.spark` (``vssdk[spark]``, with Java 17+). Nothing here is
imported by ``import vssdk``."""

from __future__ import annotations

__all__: list[str] = []
