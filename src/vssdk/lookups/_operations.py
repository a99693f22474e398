"""Operations of the look-ups area (public reference data, no login)."""

from __future__ import annotations

from vssdk._core.operation import Call, operation, paged_operation
from vssdk.lookups.models import Facility, FacilityLevel


@paged_operation("listFacilities", "/reference/facilities", item=Facility)
def list_facilities(
    *,
    province_code: str | None = None,
    level: FacilityLevel | str | None = None,
    contracted: bool | None = None,
    limit: int | None = None,
) -> Call:
    """Health facilities, filtered by province, level and BHYT contract; iterates all pages."""
    return Call(
        query={
            "province_code": province_code,
            "level": level,
            "contracted": contracted,
            "limit": limit,
        }
    )


@operation("getFacility", "GET", "/reference/facilities/{facility_code}", response=Facility)
def get_facility(facility_code: str) -> Call:
    """One health facility by its 5-character code (mã CSKCB)."""
    return Call(path_params={"facility_code": facility_code.strip().upper()})
