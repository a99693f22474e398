"""Code lists used by card identifiers: object groups, benefit levels, provinces.

All come from the versioned data files in ``vssdk/cards/data`` (effective dates and sources
inside); nothing here hard-codes a code. A new decision is a data change plus a test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any, Literal

import attrs

from vssdk.cards._data import load

__all__ = [
    "BenefitLevel",
    "CodeListInfo",
    "LevelPeriod",
    "ObjectGroup",
    "Province",
    "ProvinceScheme",
    "benefit_level",
    "benefit_levels",
    "code_list_info",
    "object_group",
    "object_groups",
    "province",
    "provinces",
    "successor_province",
]

ProvinceScheme = Literal["pre_2025", "post_2025"]


@attrs.frozen(slots=True)
class CodeListInfo:
    """Where a code list comes from and which version is shipped."""

    name: str
    version: str
    sources: tuple[str, ...]
    status: str


@attrs.frozen(slots=True)
class LevelPeriod:
    """One benefit-level digit a group carries over a period (``None`` = open end)."""

    digit: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside this period."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


@attrs.frozen(slots=True)
class ObjectGroup:
    """An object group code (mã đối tượng, card characters 1–2) and its benefit levels."""

    code: str
    name_vi: str | None
    name_en: str | None
    levels: tuple[LevelPeriod, ...]
    meaning_status: str

    @property
    def allowed_digits(self) -> frozenset[str]:
        """Every benefit digit this group has carried in any period (old cards stay valid)."""
        return frozenset(p.digit for p in self.levels)

    def digit_on(self, day: dt.date) -> str | None:
        """The benefit digit this group carries on ``day`` (``None`` if not defined then)."""
        for period in self.levels:
            if period.covers(day):
                return period.digit
        return None


@attrs.frozen(slots=True)
class BenefitLevel:
    """A benefit-level digit (mức hưởng, card character 3) and its meaning."""

    digit: str
    fund_share_percent: Decimal
    covers_out_of_list: bool
    meaning_vi: str
    meaning_en: str


@attrs.frozen(slots=True)
class Province:
    """A province code in one scheme (the 63-province list before 2025-07-01, or the 34 after)."""

    code: str
    name: str
    scheme: ProvinceScheme
    valid_from: dt.date | None
    valid_to: dt.date | None
    merged_from: tuple[str, ...] = ()


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


@cache
def _groups() -> dict[str, ObjectGroup]:
    out: dict[str, ObjectGroup] = {}
    for entry in load("object_groups")["entries"]:
        periods = tuple(
            LevelPeriod(str(p["digit"]), _date(p["valid_from"]), _date(p["valid_to"]))
            for p in entry["levels"]
        )
        out[entry["code"]] = ObjectGroup(
            code=entry["code"],
            name_vi=entry["name_vi"],
            name_en=entry["name_en"],
            levels=periods,
            meaning_status=entry["meaning_status"],
        )
    return out


@cache
def _levels() -> dict[str, BenefitLevel]:
    return {
        e["digit"]: BenefitLevel(
            digit=e["digit"],
            fund_share_percent=Decimal(e["fund_share_percent"]),
            covers_out_of_list=bool(e["covers_out_of_list"]),
            meaning_vi=e["meaning_vi"],
            meaning_en=e["meaning_en"],
        )
        for e in load("benefit_levels")["entries"]
    }


@cache
def _provinces() -> dict[ProvinceScheme, dict[str, Province]]:
    out: dict[ProvinceScheme, dict[str, Province]] = {}
    for scheme in load("provinces")["schemes"]:
        name: ProvinceScheme = scheme["scheme"]
        out[name] = {
            e["code"]: Province(
                code=e["code"],
                name=e["name"],
                scheme=name,
                valid_from=_date(scheme["valid_from"]),
                valid_to=_date(scheme["valid_to"]),
                merged_from=tuple(e.get("merged_from", ())),
            )
            for e in scheme["entries"]
        }
    return out


def object_group(code: str) -> ObjectGroup | None:
    """The object group with this 2-letter code, or ``None`` if the list does not have it."""
    return _groups().get(code)


def object_groups() -> tuple[ObjectGroup, ...]:
    """Every object group in the shipped list."""
    return tuple(_groups().values())


def benefit_level(digit: str) -> BenefitLevel | None:
    """The benefit level for a digit ``"1"``–``"5"``, or ``None``."""
    return _levels().get(digit)


def benefit_levels() -> tuple[BenefitLevel, ...]:
    """The five benefit levels."""
    return tuple(_levels().values())


def province(code: str, scheme: ProvinceScheme = "pre_2025") -> Province | None:
    """The province with this 2-digit code in ``scheme``, or ``None``."""
    return _provinces()[scheme].get(code)


def provinces(scheme: ProvinceScheme = "pre_2025") -> tuple[Province, ...]:
    """Every province of ``scheme`` (63 before the 2025 merger, 34 after)."""
    return tuple(_provinces()[scheme].values())


def successor_province(code: str) -> Province | None:
    """The post-merger province (from 2025-07-01) that a pre-merger province code became part of."""
    for prov in _provinces()["post_2025"].values():
        if code in prov.merged_from:
            return prov
    return None


def code_list_info(name: str) -> CodeListInfo:
    """Version and sources of a shipped list: ``object_groups``, ``benefit_levels``,
    ``provinces`` or ``result_codes``."""
    data = load(name)
    return CodeListInfo(
        name=str(data["list"]),
        version=str(data["version"]),
        sources=tuple(data["sources"]),
        status=str(data.get("status", data.get("note", ""))),
    )
