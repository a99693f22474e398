"""What `pip install vssdk` brings (issue 17): no server and no test package; extras that say
what they bring; the license shipped."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SERVER_OR_TEST = {
    "starlette", "uvicorn", "jsonschema", "pillow", "segno", "pytest", "hypothesis", "respx",
    "schemathesis", "mypy", "ruff", "playwright", "mkdocs", "vssdk-sandbox",
}  # fmt: skip


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()


def test_the_base_install_has_no_server_or_test_package() -> None:
    names = {_name(r) for r in PROJECT["dependencies"]}
    assert not names & SERVER_OR_TEST, names & SERVER_OR_TEST


def test_the_extras_are_the_documented_ones_and_none_is_for_tests() -> None:
    extras = PROJECT["optional-dependencies"]
    assert set(extras) == {"sandbox", "bulk", "dask", "spark", "docs"}
    assert {_name(r) for r in extras["sandbox"]} == {"vssdk-sandbox"}
    assert {"numpy", "pyarrow", "pandas"} <= {_name(r) for r in extras["bulk"]}
    assert "pyspark" in {_name(r) for r in extras["spark"]}
    tools = {_name(req) for reqs in extras.values() for req in reqs}
    assert not tools & {"pytest", "mypy", "ruff", "playwright", "schemathesis"}


def test_the_test_tools_live_in_a_requirements_file_the_makefile_uses() -> None:
    listed = (ROOT / "requirements" / "test.txt").read_text(encoding="utf-8")
    assert "pytest" in listed and "mypy" in listed
    assert "-r requirements/test.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_license_and_project_urls() -> None:
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in license_text and "Version 2.0, January 2004" in license_text
    assert "END OF TERMS AND CONDITIONS" in license_text
    assert PROJECT["license"] == "Apache-2.0"
    assert {"Documentation", "Source", "Issues"} <= set(PROJECT["urls"])


def test_readme_links_work_on_the_package_index() -> None:
    """A relative link in README.md is dead on the package index: every link is absolute."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets
    assert all(t.startswith(("https://", "http://", "#")) for t in targets), targets


@pytest.mark.parametrize(
    ("module", "blocked", "extra"),
    [
        ("vssdk.benefits.bulk", "numpy", "bulk"),
        ("vssdk.scale.dask", "dask.dataframe", "dask"),
        ("vssdk.scale.spark", "pyspark", "spark"),
    ],
)
def test_a_feature_without_its_extra_names_the_extra(
    module: str, blocked: str, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib
    import sys

    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setitem(sys.modules, blocked, None)  # as on an install without the extra
    with pytest.raises(ModuleNotFoundError) as info:
        importlib.import_module(module)
    assert f"pip install 'vssdk[{extra}]'" in str(info.value)
    assert info.value.name == blocked


def test_make_demo_installs_only_vssdk_and_the_sandbox_in_its_own_venv() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo_install = next(
        line for line in makefile.splitlines() if "$(DEMO_VENV)/bin/python -m pip install" in line
    )
    assert demo_install.split("pip install", 1)[1].split() == [
        "--quiet",
        "-e",
        ".",
        "-e",
        "./sandbox",
    ]
    assert "demo: $(DEMO_STAMP)" in makefile
    assert "mkdocs build --strict" in makefile.split("test: ", 1)[1].split("\n\n", 1)[0]
