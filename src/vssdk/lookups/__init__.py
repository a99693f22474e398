"""vssdk.lookups: public look-ups and reference data (no login)."""

from vssdk.lookups.models import (
    Agency,
    AgencyLevel,
    CollectionAgent,
    CollectionAgentKind,
    CollectionService,
    EmployerUnit,
    Facility,
    FacilityLevel,
    Procedure,
    ProcedureCodeSource,
    ProcedureFiler,
    SiCodeMatch,
)

__all__ = [
    "Agency",
    "AgencyLevel",
    "CollectionAgent",
    "CollectionAgentKind",
    "CollectionService",
    "EmployerUnit",
    "Facility",
    "FacilityLevel",
    "Procedure",
    "ProcedureCodeSource",
    "ProcedureFiler",
    "SiCodeMatch",
]
