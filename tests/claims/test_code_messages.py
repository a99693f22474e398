"""A coded XML1 field with a wrong value says which values are allowed (issue 17)."""

from __future__ import annotations

import attrs
import pytest

from tests.claims import factory
from vssdk.claims import InvalidClaim, code_list


@pytest.mark.parametrize(("field", "value"), [("ma_doituong_kcb", "1.9"), ("ma_loai_kcb", "17")])
def test_a_code_outside_its_list_lists_the_allowed_codes(field: str, value: str) -> None:
    dossier = factory.dossier()
    bad = attrs.evolve(dossier, summary=attrs.evolve(dossier.summary, **{field: value}))
    with pytest.raises(InvalidClaim) as info:
        bad.check()
    [issue] = [i for i in info.value.issues if i.field == field.upper()]
    allowed = code_list(field.upper())
    assert f"{value!r} is not in the {field.upper()} code list" in issue.message
    assert ", ".join(allowed) in issue.message
    assert "3276" not in issue.message
