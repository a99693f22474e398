"""10,000-employee lists: every bad row is reported; a valid one goes through every step."""

from __future__ import annotations

import attrs
import pytest

from tests.declarations import _factories as f
from vssdk.declarations import (
    D02LT,
    DeclarationInvalid,
    check,
    contributions,
    form_from_xml,
    form_to_xml,
)
from vssdk.declarations.signing import sign_form, verify_xml

N = 10_000


def _big(bad_every: int | None = None) -> D02LT:
    rows = []
    for i in range(1, N + 1):
        row = f.d02_row(i)
        if bad_every and i % bad_every == 0:
            row = attrs.evolve(row, salary=1_000_000 if i % 2 else None)
        rows.append(row)
    return attrs.evolve(f.d02(), rows=tuple(rows))


def test_invalid_10000_row_list_reports_every_bad_row() -> None:
    form = _big(bad_every=7)
    with pytest.raises(DeclarationInvalid) as info:
        check(form)
    expected = [i for i in range(1, N + 1) if i % 7 == 0]
    assert list(info.value.rows) == expected
    rules = {v.rule for v in info.value.violations}
    assert rules == {"salary.below_minimum", "plan.salary_required"}
    assert len(info.value.violations) == len(expected)
    assert "more" in str(info.value)  # the message stays short


def test_valid_10000_row_list_validates_serialises_signs_and_verifies() -> None:
    form = _big()
    check(form)
    schedule = contributions(form)
    assert schedule.total == N * 3_200_000
    data = form_to_xml(form)
    assert form_from_xml(data) == form
    key = f.shared_key("a")
    signed = sign_form(form, key)
    assert verify_xml(signed, certificate=key.certificate).form == form
