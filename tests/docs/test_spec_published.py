"""The sandbox publishes the spec it implements, and an API explorer that works offline."""

from __future__ import annotations

from typing import Any

import yaml
from starlette.testclient import TestClient

from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app
from vssdk_sandbox.spec import spec_path


def _http() -> TestClient:
    return TestClient(
        create_app(sandbox=Sandbox(SandboxConfig())), base_url="http://127.0.0.1:8765"
    )


def test_openapi_yaml_is_the_spec_file_as_shipped() -> None:
    with _http() as http:
        reply = http.get("/openapi.yaml")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("application/yaml")
    assert reply.content == spec_path().read_bytes()
    spec: dict[str, Any] = yaml.safe_load(reply.content)
    assert spec["paths"]["/_sandbox/clock/advance"]["post"]["operationId"] == "advanceSandboxClock"


def test_openapi_json_points_try_it_out_at_this_sandbox() -> None:
    with _http() as http:
        spec = http.get("/openapi.json").json()
    assert spec["servers"] == [
        {"url": "http://127.0.0.1:8765", "description": "this vssdk sandbox"}
    ]
    assert spec["openapi"].startswith("3.")


def test_the_explorer_page_and_its_files_come_from_the_sandbox() -> None:
    with _http() as http:
        page = http.get("/docs")
        assert page.status_code == 200
        assert "SwaggerUIBundle" in page.text and "/openapi.json" in page.text
        assert "http" not in page.text.split("<body>")[1].replace("http-equiv", "")  # no CDN
        script = http.get("/docs/swagger-ui-bundle.js")
        assert script.status_code == 200 and len(script.content) > 100_000
        assert http.get("/docs/swagger-ui.css").status_code == 200
        missing = http.get("/docs/../../etc/passwd")
        assert missing.status_code == 404
        assert http.get("/docs/index.html").status_code == 404
