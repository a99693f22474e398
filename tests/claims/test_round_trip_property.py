"""Property: any dossier vssdk builds, with any subset of XML0–XML15, survives
serialise → parse → serialise byte-for-byte in every table."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.claims import factory
from vssdk.claims import ClaimDossier, RawTable, Table, TableRow, standard

STD = standard("QD3176")
OTHER = [n for n, spec in STD.tables.items() if n not in ("XML1", "XML2", "XML3") and spec.known]
BASE = factory.dossier()

# Text as HIS systems write it: Vietnamese, markup characters, spaces, line breaks.
TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09 .,;:-_/&<>\"'ăâđêôơưÁÀẢÃẠẮẰẲẴẶấờỹ\n\t")), max_size=12
)


@st.composite
def tables(draw: st.DrawFn, name: str) -> Table:
    spec = STD.table(name)
    count = 1 if len(spec.path) == 1 else draw(st.integers(1, 3))
    rows = []
    for _ in range(count):
        columns = draw(st.lists(st.sampled_from(spec.fields), unique=True, max_size=8))
        rows.append(TableRow(name, {c: draw(TEXT) for c in columns}))
    return Table(name, rows)


@st.composite
def dossiers(draw: st.DrawFn) -> ClaimDossier:
    names = draw(st.lists(st.sampled_from(OTHER), unique=True))
    ordered = sorted(names, key=lambda n: int(n[3:]))
    others: list[Table | RawTable] = [draw(tables(n)) for n in ordered]
    if draw(st.booleans()):
        others.append(RawTable("XML12", b"<GIAM_DINH_Y_KHOA><MA_LK>x</MA_LK></GIAM_DINH_Y_KHOA>"))
    drugs = BASE.drugs[: draw(st.integers(0, 2))]
    services = BASE.services[: draw(st.integers(0, 2))]
    return attrs.evolve(BASE, drugs=drugs, services=services, other_tables=tuple(others))


@settings(max_examples=60, deadline=None)
@given(dossiers())
def test_every_table_survives_byte_for_byte(d: ClaimDossier) -> None:
    first = d.tables()
    back = ClaimDossier.from_envelope(d.to_envelope(created=dt.date(2026, 11, 23)))
    assert back.fresh().tables() == first  # rewritten from the parsed rows, not the bytes read
    assert back.tables() == first
    assert sorted(t.name for t in back.other_tables) == sorted(t.name for t in d.other_tables)
    for table in d.other_tables:
        again = back.table(table.name)
        if isinstance(table, Table):
            assert isinstance(again, Table)
            for built, read in zip(table.rows, again.rows, strict=True):
                assert {k: v for k, v in read.values if v or k in built.to_fields()} == dict(
                    built.values
                )
        else:
            assert again == table
