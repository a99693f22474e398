"""The spec and an API explorer published with the site: ``openapi.yaml`` and ``explorer/``
(Swagger UI from the swagger-ui-bundle-v2 package, copied into the site: no CDN, works offline).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

__all__ = ["publish"]

SPEC = Path(__file__).resolve().parents[2] / "spec" / "openapi.yaml"

EXPLORER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="swagger-ui-bundle.js"></script>
<script>
window.onload = function () {{
  window.ui = SwaggerUIBundle({{ url: {spec_url}, dom_id: "#swagger-ui", deepLinking: true }});
}};
</script></body></html>
"""


def swagger_ui_dir() -> Path | None:
    """The Swagger UI distribution shipped by the swagger-ui-bundle package, if installed."""
    try:
        import swagger_ui_bundle  # type: ignore[import-untyped]
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def publish(site: Path) -> None:
    """Copy the spec and the explorer into the built site."""
    shutil.copyfile(SPEC, site / "openapi.yaml")
    dist = swagger_ui_dir()
    if dist is None:
        return
    target = site / "explorer"
    target.mkdir(parents=True, exist_ok=True)
    for name in ("swagger-ui.css", "swagger-ui-bundle.js"):
        shutil.copyfile(dist / name, target / name)
    page = EXPLORER.format(title=html.escape("vssdk API explorer"), spec_url='"../openapi.yaml"')
    (target / "index.html").write_text(page, encoding="utf-8")
