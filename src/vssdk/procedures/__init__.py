"""vssdk.procedures: linked procedures for ministries (thủ tục liên thông).

``client.procedures.submit_birth(...)``, ``submit_death(...)``, ``submit_unemployment(...)``,
then ``get``/``list``/``audit`` to follow each case; see ``docs/procedures.md``.
"""

from __future__ import annotations

from vssdk.procedures.driving import (
    DriverHealthCertificateRef,
    DriverHealthFinding,
    DriverHealthResult,
    DrivingLicenceRenewal,
)
from vssdk.procedures.errors import InvalidRecord, RecordConflict
from vssdk.procedures.models import (
    BirthLinkSubmission,
    Claimant,
    DeathCause,
    DeathLinkSubmission,
    FuneralAllowance,
    LinkedApplication,
    LinkedApplicationStatus,
    LinkedApplicationType,
    LinkedAuditEntry,
    LinkedCard,
    LinkedPayment,
    LinkedStatusChange,
    LinkedStep,
    Newborn,
    Person,
    Residence,
    Sex,
    UnemploymentDecisionSubmission,
)

__all__ = [
    "BirthLinkSubmission",
    "Claimant",
    "DeathCause",
    "DeathLinkSubmission",
    "DriverHealthCertificateRef",
    "DriverHealthFinding",
    "DriverHealthResult",
    "DrivingLicenceRenewal",
    "FuneralAllowance",
    "InvalidRecord",
    "LinkedApplication",
    "LinkedApplicationStatus",
    "LinkedApplicationType",
    "LinkedAuditEntry",
    "LinkedCard",
    "LinkedPayment",
    "LinkedStatusChange",
    "LinkedStep",
    "Newborn",
    "Person",
    "RecordConflict",
    "Residence",
    "Sex",
    "UnemploymentDecisionSubmission",
]
