"""(medical) A day of sick-leave certificates: build, validate and write the upload vs bare lxml.

200 sick-leave certificates (CT07), each built with ``medical.sick_leave_certificate`` (which
checks it against the form's rules) and written into one base64 upload with
``medical.envelope_to_base64``
(unsigned: signing is the declarations benchmark's figure). The floor is lxml writing the same
upload with no models and no checks: the same elements and texts (taken from vssdk's own output
before the timing), each certificate's XML base64-encoded into the same envelope, then the whole
envelope base64-encoded. The two uploads are checked byte-identical first. No fixed target (the
issue asks for a figure once the builders exist); reported as a ratio to the floor.
"""

from __future__ import annotations

import base64
import datetime as dt
import sys
from typing import Any

from _common import QUICK, med, median_rounds, per_call, report
from lxml import etree

from vssdk import medical

N = 200
FACILITY = "79001"
DAY = dt.date(2026, 6, 1)
DECL = b'<?xml version="1.0" encoding="utf-8"?>\n'


def _certificates() -> list[Any]:
    out = []
    for i in range(N):
        patient = medical.MedicalPatient(
            full_name=f"Nguyễn Văn An {i}",
            citizen_id=f"079085{i:06d}",
            si_code=f"79{i:08d}",
            birth_date=dt.date(1985, 3, 14),
            sex=medical.MedicalSex.MALE,
        )
        out.append(
            medical.sick_leave_certificate(
                number=f"CT07-T-{i:06d}",
                issued_on=DAY,
                patient=patient,
                leave_from=DAY,
                leave_to=DAY + dt.timedelta(days=1 + i % 7),
                diagnosis="Viêm họng cấp",
                diagnosis_code="J02.9",
                signed_by="BS. Lê Văn Tâm",
            )
        )
    return out


def _vssdk(inputs: list[Any]) -> str:
    return medical.envelope_to_base64(FACILITY, inputs, DAY)


def _shape(xml: bytes) -> tuple[list[str], list[tuple[str, str]]]:
    root = etree.fromstring(xml)
    path = [root.tag]
    node = root
    while len(node) and len(node[0]):
        node = node[0]
        path.append(node.tag)
    return path, [(child.tag, child.text or "") for child in node]


def main() -> int:
    calls = 3 if QUICK else 10
    rounds = 3 if QUICK else 7
    docs = _certificates()
    ours = _vssdk(docs)
    envelope = etree.fromstring(base64.b64decode(ours))
    info = envelope.find("THONGTINHOSO")
    assert info is not None
    files = [
        _shape(base64.b64decode(text or ""))
        for text in envelope.xpath("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO/NOIDUNGFILE/text()")
    ]
    form = envelope.findtext("THONGTINHOSO/DANHSACHHOSO/HOSO/FILEHOSO/LOAIHOSO") or ""
    envelope_id, root_tag = info.get("Id", ""), envelope.tag

    def by_hand() -> str:
        root = etree.Element(root_tag)
        etree.SubElement(etree.SubElement(root, "THONGTINDONVI"), "MACSKCB").text = FACILITY
        head = etree.SubElement(root, "THONGTINHOSO", Id=envelope_id)
        etree.SubElement(head, "NGAYLAP").text = DAY.strftime("%Y%m%d")
        etree.SubElement(head, "SOLUONGHOSO").text = str(len(files))
        listing = etree.SubElement(head, "DANHSACHHOSO")
        for path, fields in files:
            doc = etree.Element(path[0])
            parent = doc
            for tag in path[1:]:
                parent = etree.SubElement(parent, tag)
            for tag, text in fields:
                etree.SubElement(parent, tag).text = text
            item = etree.SubElement(etree.SubElement(listing, "HOSO"), "FILEHOSO")
            etree.SubElement(item, "LOAIHOSO").text = form
            content = DECL + etree.tostring(doc, encoding="utf-8")
            etree.SubElement(item, "NOIDUNGFILE").text = base64.b64encode(content).decode()
        etree.SubElement(root, "CHUKYDONVI")
        return base64.b64encode(DECL + etree.tostring(root, encoding="utf-8")).decode()

    identical = by_hand() == ours
    samples = median_rounds(
        {
            "lxml": lambda: per_call(by_hand, calls),
            "vssdk": lambda: per_call(lambda: _vssdk(_certificates()), calls),
            "builders": lambda: per_call(_certificates, calls),
        },
        rounds,
    )
    lxml_s, vssdk_s, build_s = med(samples["lxml"]), med(samples["vssdk"]), med(samples["builders"])
    ratio = vssdk_s / lxml_s
    report(
        "medical",
        f"Medical: {N} sick-leave certificates built, validated and written vs bare lxml",
        figures={
            "certificates": N,
            "upload_bytes": len(ours),
            "identical_to_lxml_output": identical,
            "vssdk_per_upload_s": vssdk_s,
            "of_which_builders_s": build_s,
            "lxml_per_upload_s": lxml_s,
            "vssdk_certificates_per_second": round(N / vssdk_s),
        },
        ratio=ratio,
        ratio_label="of lxml writing the same upload (lower is better)",
        target="measured (no target yet)",
        met=None,
        notes=[
            "vssdk: builders (each checks its certificate) + envelope_to_base64; "
            "lxml: the same tree by hand",
            "01B-HSB rows: not benchmarked yet",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
