"""The parameter data files: the package's files are valid, broken files are rejected clearly."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from vssdk import benefits
from vssdk.benefits._params import DATA_DIR, load_parameter_files, parameters

# Parameters whose history legitimately starts after 2016-01-01.
STARTS_LATER = {
    "cpi_coefficient",
    "social_pension.amount",
    "social_pension.age",
    "voluntary.maternity_allowance",
}


def test_package_data_is_valid_and_covers_2016_on() -> None:
    ps = load_parameter_files(sorted(DATA_DIR.glob("*.yaml")))
    assert len(ps.parameters) > 30
    for name, p in ps.parameters.items():
        assert p.values[-1].effective_to is None, f"{name} must be open-ended"
        if name not in STARTS_LATER:
            assert p.values[0].effective_from <= dt.date(2016, 1, 1), name
        for v in p.values:
            assert v.citation.document and v.citation.article


def test_parameters_are_loaded_once() -> None:
    assert parameters() is parameters()


def test_lookup_returns_value_dates_and_citation() -> None:
    pv = benefits.lookup_parameter("base_salary", dt.date(2025, 1, 15))
    assert pv.value == 2_340_000
    assert pv.effective_from == dt.date(2024, 7, 1)
    assert pv.effective_to == dt.date(2026, 6, 30)
    assert pv.citation.document == "Decree 73/2024/NĐ-CP"
    rmw = benefits.lookup_parameter("regional_minimum_wage", dt.date(2026, 1, 1), region=2)
    assert rmw.value == 4_730_000
    assert rmw.region == 2


def test_helpers() -> None:
    on = dt.date(2026, 7, 1)
    assert benefits.base_salary(on) == 2_530_000
    assert benefits.contribution_ceiling(on) == 50_600_000
    assert benefits.regional_minimum_wage(4, on) == 3_700_000
    assert benefits.base_salary(dt.date(2016, 4, 30)) == 1_150_000


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


CITE = "{document: Decree X, article: Art. 1, clause: '1', status: V}"


def _load_error(tmp_path: Path, body: str) -> str:
    with pytest.raises(benefits.ParameterDataError) as info:
        load_parameter_files([_write(tmp_path, body)])
    return str(info.value)


def test_gap_is_rejected(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: p
            kind: money
            values:
              - {{effective_from: 2016-01-01, effective_to: 2016-12-31, value: 1, citation: {CITE}}}
              - {{effective_from: 2017-02-01, effective_to: null, value: 2, citation: {CITE}}}
        """,
    )
    assert "gap" in msg
    assert "2017-01-01" in msg
    assert "'p'" in msg


def test_overlap_is_rejected(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: p
            kind: money
            values:
              - {{effective_from: 2016-01-01, effective_to: 2017-06-30, value: 1, citation: {CITE}}}
              - {{effective_from: 2017-01-01, effective_to: null, value: 2, citation: {CITE}}}
        """,
    )
    assert "overlap" in msg


def test_missing_citation_is_rejected(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        """
        parameters:
          - name: p
            kind: money
            values:
              - {effective_from: 2016-01-01, effective_to: null, value: 1}
        """,
    )
    assert "citation" in msg


def test_citation_without_article_is_rejected(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        """
        parameters:
          - name: p
            kind: money
            values:
              - {effective_from: 2016-01-01, effective_to: null, value: 1,
                 citation: {document: Decree X, clause: '1', status: V}}
        """,
    )
    assert "article" in msg


def test_float_rate_is_rejected(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: r
            kind: rate
            values:
              - {{effective_from: 2016-01-01, effective_to: null, value: 0.08, citation: {CITE}}}
        """,
    )
    assert "no floats" in msg


def test_open_value_must_be_last(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: p
            kind: integer
            values:
              - {{effective_from: 2016-01-01, effective_to: null, value: 1, citation: {CITE}}}
              - {{effective_from: 2017-01-01, effective_to: null, value: 2, citation: {CITE}}}
        """,
    )
    assert "open" in msg


def test_money_must_be_int(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: p
            kind: money
            values:
              - {{effective_from: 2016-01-01, effective_to: null, value: "1000", citation: {CITE}}}
        """,
    )
    assert "integer" in msg


def test_regional_value_needs_all_regions(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: p
            kind: money
            by_region: true
            values:
              - {{effective_from: 2016-01-01, effective_to: null, value: {{1: 5, 2: 4, 3: 3}},
                 citation: {CITE}}}
        """,
    )
    assert "regions 1, 2, 3, 4" in msg


def test_valid_small_file_loads(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"""
        known_good_until: 2026-12-02
        parameters:
          - name: p
            kind: rate
            values:
              - {{effective_from: 2016-01-01, effective_to: 2016-12-31, value: "0.1", citation: {CITE}}}
              - {{effective_from: 2017-01-01, effective_to: null, value: "0.2", citation: {CITE}}}
          - name: q
            kind: integer
            known_good_until: 2020-06-30
            values:
              - {{effective_from: 2016-01-01, effective_to: null, value: 3, citation: {CITE}}}
        """,
    )
    ps = load_parameter_files([path])
    assert str(ps.get("p", dt.date(2016, 12, 31)).value) == "0.1"
    assert str(ps.get("p", dt.date(2017, 1, 1)).value) == "0.2"
    assert ps.parameters["p"].known_good_until == dt.date(2026, 12, 2)
    assert ps.get("q", dt.date(2017, 1, 1)).known_good_until == dt.date(2020, 6, 30)


def test_a_series_without_horizon_is_rejected(tmp_path: Path) -> None:
    msg = _load_error(
        tmp_path,
        f"""
        parameters:
          - name: p
            kind: money
            values:
              - {{effective_from: 2016-01-01, effective_to: null, value: 1, citation: {CITE}}}
        """,
    )
    assert "known_good_until" in msg


def test_every_package_series_has_a_horizon() -> None:
    for name, p in parameters().parameters.items():
        assert p.known_good_until >= dt.date(2025, 12, 31), name


def test_importing_benefits_is_light() -> None:
    """vssdk.benefits reads no data and pulls no heavy module at import time."""
    import subprocess
    import sys

    code = (
        "import sys, vssdk.benefits\n"
        "heavy = {'yaml', 'numpy', 'pyarrow', 'pandas', 'httpx'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "assert vssdk.benefits._params._LOADED is None\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
