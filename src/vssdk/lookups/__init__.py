"""vssdk.lookups: public look-ups and reference data (no login)."""

from vssdk.lookups.models import Facility, FacilityLevel

__all__ = ["Facility", "FacilityLevel"]
