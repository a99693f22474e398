"""Models of the look-ups area."""

from __future__ import annotations

import enum

import attrs

from vssdk._core.model import Model

__all__ = ["Facility", "FacilityLevel"]


class FacilityLevel(enum.StrEnum):
    """Technical level (tuyến) of a health facility."""

    CENTRAL = "central"
    PROVINCIAL = "provincial"
    DISTRICT = "district"
    COMMUNE = "commune"


@attrs.frozen(slots=True)
class Facility(Model):
    """A health facility (cơ sở khám chữa bệnh, CSKCB)."""

    code: str
    name: str
    province_code: str
    level: FacilityLevel
    contracted: bool
    address: str | None = None
