"""(3) Decoding: JSON replies into vssdk's typed models vs json.loads alone vs msgspec structs.

The document is a page of facilities as the sandbox sends it. vssdk's path is the one every call
takes (``vssdk._core.model.decode_json``: msgspec into attrs classes, unknown-field and timestamp
checks). The floor is msgspec decoding the same bytes into equivalent ``msgspec.Struct`` types.
Target: within 3× of msgspec.
"""

from __future__ import annotations

import json
import sys

import msgspec
from _common import QUICK, med, median_rounds, per_call, report

from vssdk._core.model import decode_json
from vssdk.lookups.models import Facility, FacilityLevel

TARGET = 3.0
ITEMS = 50


class FacilityStruct(msgspec.Struct):
    code: str
    name: str
    province_code: str
    level: FacilityLevel
    contracted: bool
    address: str | None = None


def _document() -> bytes:
    levels = [level.value for level in FacilityLevel]
    items = [
        {
            "code": f"{i % 90 + 1:02d}{i:03d}",
            "name": f"Bệnh viện đa khoa số {i}",
            "province_code": f"{i % 90 + 1:02d}",
            "level": levels[i % len(levels)],
            "contracted": i % 3 != 0,
            "address": f"Số {i}, đường Giải Phóng, Hà Nội",
        }
        for i in range(ITEMS)
    ]
    return json.dumps({"items": items, "next_cursor": "c2"}, ensure_ascii=False).encode()


def main() -> int:
    body = _document()
    one = json.dumps(json.loads(body)["items"][0]).encode()
    page_type = list[Facility]
    calls = 2000 if QUICK else 20_000
    rounds = 3 if QUICK else 7

    items_body = json.dumps(json.loads(body)["items"], ensure_ascii=False).encode()
    items_decoder = msgspec.json.Decoder(list[FacilityStruct])

    contenders = {
        "json_loads": lambda: per_call(lambda: json.loads(items_body), calls),
        "msgspec_structs": lambda: per_call(lambda: items_decoder.decode(items_body), calls),
        "vssdk_models": lambda: per_call(lambda: decode_json(items_body, page_type), calls),
        "json_loads_one": lambda: per_call(lambda: json.loads(one), calls),
        "msgspec_one": lambda: per_call(
            lambda: msgspec.json.decode(one, type=FacilityStruct), calls
        ),
        "vssdk_one": lambda: per_call(lambda: decode_json(one, Facility), calls),
    }
    samples = median_rounds(contenders, rounds)
    t = {name: med(values) for name, values in samples.items()}
    ratio = t["vssdk_models"] / t["msgspec_structs"]
    report(
        "decode",
        f"3. Decoding a list of {ITEMS} facilities into typed models",
        figures={
            "document_bytes": len(items_body),
            "json_loads_s": t["json_loads"],
            "msgspec_structs_s": t["msgspec_structs"],
            "vssdk_models_s": t["vssdk_models"],
            "vssdk_models_per_second": round(ITEMS / t["vssdk_models"]),
            "vs_json_loads": round(t["vssdk_models"] / t["json_loads"], 2),
            "one_record_json_loads_s": t["json_loads_one"],
            "one_record_msgspec_s": t["msgspec_one"],
            "one_record_vssdk_s": t["vssdk_one"],
            "one_record_vs_msgspec": round(t["vssdk_one"] / t["msgspec_one"], 2),
        },
        ratio=ratio,
        ratio_label="of msgspec structs (lower is better)",
        target=f"≤ {TARGET:g}× msgspec",
        met=ratio <= TARGET,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
