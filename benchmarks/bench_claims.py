"""(claims) Real-size claim dossiers parsed + validated per second vs lxml parsing the same bytes.

A dossier as a hospital sends one for an inpatient stay: XML1 (summary) + 15 drug lines (XML2)
+ 10 service lines (XML3) + 12 paraclinical results (XML4) + a follow-up appointment (XML14):
39 rows, in the ``GIAMDINHHS`` envelope with each table base64-encoded, built through the public
API (``ClaimDossier(...).to_envelope``) from the test suite's sample builders. vssdk's path is
``ClaimDossier.from_envelope(bytes)`` then ``.validate()``; the floor is lxml parsing the same
bytes: the envelope, base64-decoding each table and parsing it (hardened parser, no typing, no
rules). Target (issue 18): measured, and ≤ 3× lxml.
"""

from __future__ import annotations

import base64
import datetime as dt
import sys
from pathlib import Path

from _common import QUICK, med, median_rounds, per_call, report
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the test suite's builders

from tests.claims import factory

from vssdk.claims import ClaimDossier, Table, TableRow

TARGET = 3.0
CREATED = dt.date(2026, 11, 25)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _dossier() -> ClaimDossier:
    drugs = tuple(factory.drug(i, str(1 + i % 4), f"{1500 + 250 * i}") for i in range(1, 16))
    services = tuple(
        factory.service(i, "1", f"{40000 + 5000 * i}", f"{40000 + 5000 * i}") for i in range(1, 11)
    )
    results = tuple(
        TableRow(
            "XML4",
            {
                "MA_LK": factory.MA_LK,
                "STT": str(i),
                "MA_DICH_VU": "22.0001.1596",
                "MA_CHI_SO": f"CS{i:02d}",
                "TEN_CHI_SO": f"Chỉ số xét nghiệm {i}",
                "GIA_TRI": f"{4 + i / 10:.1f}",
                "DON_VI_DO": "mmol/L",
                "NGAY_KQ": "202611201030",
            },
        )
        for i in range(1, 13)
    )
    appointment = TableRow(
        "XML14",
        {
            "MA_LK": factory.MA_LK,
            "SO_GIAYHEN_KL": "GH-2026-000123",
            "MA_CSKCB": "01001",
            "HO_TEN": "NGUYỄN VĂN AN",
            "NGAY_SINH": "199005170000",
            "GIOI_TINH": "1",
            "DIA_CHI": "Số 1 phố Huế, Hà Nội",
            "MA_THE_BHYT": "DN4010123456789",
            "GT_THE_DEN": "20261231",
            "NGAY_VAO": "202611200830",
        },
    )
    return ClaimDossier(
        factory.summary(),
        drugs=drugs,
        services=services,
        other_tables=(Table("XML4", results), Table("XML14", (appointment,))),
    ).with_totals()


def _lxml(envelope: bytes) -> int:
    root = etree.fromstring(envelope, _PARSER)
    count = 0
    for content in root.iterfind("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO/NOIDUNGFILE"):
        table = etree.fromstring(base64.b64decode(content.text or ""), _PARSER)
        count += sum(1 for _ in table.iter())
    return count


def main() -> int:
    calls = 50 if QUICK else 300
    rounds = 3 if QUICK else 7
    dossier = _dossier()
    envelope = dossier.to_envelope(created=CREATED)
    read = ClaimDossier.from_envelope(envelope)
    issues = read.validate()
    rows = 1 + len(read.drugs) + len(read.services)
    rows += sum(len(t.rows) for t in read.other_tables if isinstance(t, Table))

    def vssdk_once() -> object:
        return ClaimDossier.from_envelope(envelope).validate()

    samples = median_rounds(
        {
            "lxml": lambda: per_call(lambda: _lxml(envelope), calls),
            "vssdk": lambda: per_call(vssdk_once, calls),
        },
        rounds,
    )
    lxml_s, vssdk_s = med(samples["lxml"]), med(samples["vssdk"])
    ratio = vssdk_s / lxml_s
    report(
        "claims",
        f"Claims: a {rows}-row dossier (XML1-3 + XML4 + XML14) parsed + validated vs lxml",
        figures={
            "envelope_bytes": len(envelope),
            "rows": rows,
            "issues_found": len(issues),
            "lxml_per_dossier_s": lxml_s,
            "vssdk_per_dossier_s": vssdk_s,
            "vssdk_dossiers_per_second": round(1 / vssdk_s),
            "lxml_dossiers_per_second": round(1 / lxml_s),
        },
        ratio=ratio,
        ratio_label="of lxml parsing the same bytes (lower is better)",
        target=f"≤ {TARGET:g}× lxml",
        met=ratio <= TARGET,
        notes=["vssdk: ClaimDossier.from_envelope(bytes).validate(); lxml: parse only"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
