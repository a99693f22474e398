"""(3) Decoding JSON replies into vssdk's typed models vs msgspec Structs of the same shape.

vssdk's path is the one every call takes (``vssdk._core.model.decode_json``: msgspec into attrs
classes, with the unknown-field and timestamp checks). The floor is msgspec decoding the same
bytes into ``msgspec.Struct`` mirrors of the same models, generated here from the attrs classes
(same fields, optionality, defaults, enums, tz-aware datetimes, ``Decimal``). Documents:

- a page of 50 facilities (``list[Facility]``);
- a ``CardCheck`` as the sandbox sends it after 10 earlier checks of the card (captured from a
  sandbox in a child process);
- a ``ClaimSubmission`` with its ``Decimal`` amounts, two rule errors and an assessment.

The figure is the worst ratio over the documents. Target (issue 18): ≤ 2× msgspec for every
response model, including those with ``Decimal`` fields.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import sys
import types
import typing
import uuid
from typing import Any

import attrs
import httpx
import msgspec
from _common import QUICK, med, median_rounds, per_call, report
from _server import sandbox_process

from vssdk._core.model import Model, decode_json, encode_json
from vssdk.cards import CardCheck
from vssdk.cards import _operations as card_ops
from vssdk.claims.models import ClaimSubmission
from vssdk.lookups.models import Facility, FacilityLevel

TARGET = 2.0
ITEMS = 50
PATIENT = {
    "card_code": "DN4010199000001",
    "full_name": "Nguyễn Văn Bình",
    "birth_date": "1985-03-14",
    "operator_name": "Nguyễn Thị Lan",
    "operator_id": "001085000111",
}

_MIRRORS: dict[type, Any] = {}
_TZ = typing.Annotated[dt.datetime, msgspec.Meta(tz=True)]


def _mirror(tp: Any) -> Any:
    """The msgspec type with the same shape as ``tp`` (attrs models become frozen Structs)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _mirror(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        args = tuple(_mirror(a) for a in typing.get_args(tp))
        return typing.Union[args]  # noqa: UP007 (built from a tuple)
    if origin in (list, tuple, frozenset, set):
        args = typing.get_args(tp)
        inner = _mirror(args[0])
        return tuple[inner, ...] if origin is tuple else origin[inner]
    if origin is dict:
        key, value = typing.get_args(tp)
        return dict[key, _mirror(value)]  # type: ignore[valid-type]
    if tp is dt.datetime:
        return _TZ
    if isinstance(tp, type) and attrs.has(tp) and issubclass(tp, Model):
        if tp not in _MIRRORS:
            hints = typing.get_type_hints(tp, include_extras=True)
            fields: list[tuple[str, Any, Any]] = []
            for f in attrs.fields(tp):
                if f.name == "_unknown":
                    continue
                mirrored = _mirror(hints[f.name])
                if f.default is attrs.NOTHING:
                    fields.append((f.name, mirrored, msgspec.NODEFAULT))
                elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                    factory = f.default.factory  # type: ignore[union-attr]
                    fields.append((f.name, mirrored, msgspec.field(default_factory=factory)))
                else:
                    fields.append((f.name, mirrored, f.default))
            required = [x for x in fields if x[2] is msgspec.NODEFAULT]
            optional = [x for x in fields if x[2] is not msgspec.NODEFAULT]
            _MIRRORS[tp] = msgspec.defstruct(
                f"{tp.__name__}Struct",
                [(n, t) for n, t, _ in required] + optional,
                frozen=True,
            )
        return _MIRRORS[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum | decimal.Decimal | dt.date):
        return tp
    return tp


def _facilities() -> bytes:
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
    return json.dumps(items, ensure_ascii=False).encode()


def _card_check() -> bytes:
    with sandbox_process() as base:
        token = httpx.post(
            base + "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=("01001_BV", "sbx-01001_BV-secret"),
        ).json()["access_token"]
        body = encode_json(card_ops.check_card.builder(**PATIENT).body)
        headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
        reply = None
        for _ in range(11):
            reply = httpx.post(
                base + card_ops.check_card.path,
                content=body,
                headers={**headers, "idempotency-key": uuid.uuid4().hex},
            )
    if reply is None or reply.status_code != 201:
        raise RuntimeError(f"the sandbox refused the card check: {reply}")
    return reply.content


def _claim() -> bytes:
    error = {"table": "XML1", "field": "MA_THE_BHYT", "rule": "card-format", "row": 1,
             "message": "Mã thẻ BHYT không đúng định dạng"}  # fmt: skip
    return json.dumps(
        {
            "id": "clm_000042",
            "facility_code": "01001",
            "link_key": "HS2026061500042",
            "version": 1,
            "standard": "qd130",
            "status": "accepted",
            "transaction_id": "GD2026061500000042",
            "received_at": "2026-06-15T09:30:00+07:00",
            "amounts": {
                "total": "1250000.00",
                "insured": "1000000.00",
                "fund": "800000.00",
                "patient_copay": "200000.00",
                "patient_outside": "250000.00",
            },
            "errors": [error, {**error, "row": 2}],
            "warnings": [],
            "assessment": {
                "approved_amount": "780000.50",
                "assessed_at": "2026-06-20T10:00:00+07:00",
                "denied_amount": "20000.00",
                "note": "Giảm trừ thuốc ngoài danh mục",
            },
        },
        ensure_ascii=False,
    ).encode()


def main() -> int:
    calls = 2000 if QUICK else 20_000
    rounds = 3 if QUICK else 7
    documents: dict[str, tuple[bytes, Any]] = {
        "facilities_50": (_facilities(), list[Facility]),
        "card_check": (_card_check(), CardCheck),
        "claim_with_decimals": (_claim(), ClaimSubmission),
    }
    contenders: dict[str, Any] = {}
    for name, (body, tp) in documents.items():
        floor = msgspec.json.Decoder(_mirror(tp))
        ours = decode_json(body, tp)
        mirrored = floor.decode(body)  # both must read the document
        if msgspec.to_builtins(ours) != msgspec.to_builtins(mirrored):
            raise RuntimeError(f"{name}: vssdk and the msgspec mirror disagree")

        def run_floor(b: bytes = body, d: Any = floor) -> float:
            return per_call(lambda: d.decode(b), calls)

        def run_ours(b: bytes = body, t: Any = tp) -> float:
            return per_call(lambda: decode_json(b, t), calls)

        contenders[f"{name}_msgspec"] = run_floor
        contenders[f"{name}_vssdk"] = run_ours
        contenders[f"{name}_json_loads"] = lambda b=body: per_call(lambda: json.loads(b), calls)
    samples = median_rounds(contenders, rounds)
    t = {name: med(values) for name, values in samples.items()}
    figures: dict[str, Any] = {"calls_per_round": calls, "rounds": rounds}
    ratios: dict[str, float] = {}
    for name, (body, _) in documents.items():
        ratios[name] = t[f"{name}_vssdk"] / t[f"{name}_msgspec"]
        figures[f"{name}_bytes"] = len(body)
        figures[f"{name}_msgspec_s"] = t[f"{name}_msgspec"]
        figures[f"{name}_vssdk_s"] = t[f"{name}_vssdk"]
        figures[f"{name}_ratio"] = round(ratios[name], 2)
        figures[f"{name}_vs_json_loads"] = round(t[f"{name}_vssdk"] / t[f"{name}_json_loads"], 2)
    worst = max(ratios.values())
    report(
        "decode",
        "3. Decoding replies into typed models vs msgspec Structs of the same shape",
        figures=figures,
        ratio=worst,
        ratio_label="of msgspec Structs, worst document (lower is better)",
        target=f"≤ {TARGET:g}× msgspec for every model",
        met=worst <= TARGET,
        notes=["per document: " + ", ".join(f"{k} {v:.2f}×" for k, v in ratios.items())],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
