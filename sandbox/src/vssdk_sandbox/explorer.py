"""The sandbox publishes its contract: ``/openapi.yaml``, ``/openapi.json`` and an API explorer.

For integrators in any language (.NET, Java, PHP …): download the spec the sandbox implements, or
try each operation from the browser at ``/docs``. The explorer is Swagger UI from the
``swagger-ui-bundle-v2`` package, served by the sandbox itself (no CDN, works offline). Its
"Try it out" calls go to the sandbox that served the page.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from vssdk_sandbox.spec import spec_path

__all__ = ["routes"]

_ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js")

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vssdk sandbox — API explorer</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
window.onload = function () {
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
};
</script></body></html>
"""

_PLAIN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>vssdk sandbox — API</title></head>
<body><h1>vssdk sandbox — {count} operations</h1>
<p>The spec: <a href="/openapi.yaml">/openapi.yaml</a> · <a href="/openapi.json">/openapi.json</a>.
For the interactive explorer install Swagger UI: <code>pip install swagger-ui-bundle-v2</code>.</p>
<table><tr><th>method</th><th>path</th><th>operation</th><th>summary</th></tr>{rows}</table>
</body></html>
"""


@cache
def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(spec_path().read_text(encoding="utf-8"))
    return loaded


def _swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle  # type: ignore[import-untyped]
    except ImportError:
        return None
    folder = Path(swagger_ui_bundle.swagger_ui_path)
    return folder if all((folder / name).is_file() for name in _ASSETS) else None


async def openapi_yaml(request: Request) -> Response:
    """The spec file exactly as shipped (the contract)."""
    return FileResponse(spec_path(), media_type="application/yaml")


async def openapi_json(request: Request) -> Response:
    """The spec as JSON, its ``servers`` pointing at this sandbox (for the explorer)."""
    spec = dict(_spec())
    base = str(request.base_url).rstrip("/")
    spec["servers"] = [{"url": base, "description": "this vssdk sandbox"}]
    return JSONResponse(spec)


async def docs(request: Request) -> Response:
    if _swagger_dir() is not None:
        return HTMLResponse(_PAGE)
    rows = []
    for path, item in _spec().get("paths", {}).items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                cells = (method.upper(), path, op["operationId"], op.get("summary", ""))
                rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return HTMLResponse(_PLAIN.format(count=len(rows), rows="".join(rows)))


async def asset(request: Request) -> Response:
    folder = _swagger_dir()
    name = request.path_params["name"]
    if folder is None or name not in _ASSETS:
        body = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": name}
        return Response(json.dumps(body), 404, media_type="application/problem+json")
    media = "text/css" if name.endswith(".css") else "text/javascript"
    return FileResponse(folder / name, media_type=media)


def routes() -> list[Route]:
    """The routes to add to the sandbox app."""
    return [
        Route("/openapi.yaml", openapi_yaml, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Route("/docs/{name}", asset, methods=["GET"]),
    ]
