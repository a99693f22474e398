"""The operation-coverage recorder (see ``_recorder.py``) and the check that runs last."""

from __future__ import annotations

import pytest

from tests.contract import _recorder

COVERAGE_TEST = "test_coverage.py::test_every_operation_is_exercised_by_a_test"

_recorder.install()
_deselected: list[int] = [0]


def pytest_deselected(items: list[pytest.Item]) -> None:
    _deselected[0] += len(items)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the coverage check after every other test, and note whether the run is complete."""
    last = [item for item in items if item.nodeid.endswith(COVERAGE_TEST)]
    items[:] = [item for item in items if item not in last] + last
    config.stash[_recorder.GAP] = _recorder.selection_gap(config, _deselected[0])
