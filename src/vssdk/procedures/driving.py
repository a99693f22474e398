"""The driving-licence renewal check (transport authority): is there a valid driver's health
certificate for the applicant and the licence class, and does it say fit?"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from vssdk._core.model import Model

__all__ = [
    "DriverHealthCertificateRef",
    "DriverHealthFinding",
    "DriverHealthResult",
    "DrivingLicenceRenewal",
]


class DriverHealthResult(enum.StrEnum):
    """``fit``, ``not_fit`` (the latest valid certificate says so) or ``none_found``."""

    FIT = "fit"
    NOT_FIT = "not_fit"
    NONE_FOUND = "none_found"


@attrs.frozen(slots=True)
class DrivingLicenceRenewal(Model):
    """Body of ``checkDriverHealth``: the renewal application the authority is processing."""

    application_number: str
    citizen_id: str
    full_name: str
    licence_class: str


@attrs.frozen(slots=True)
class DriverHealthCertificateRef(Model):
    """The certificate the answer rests on."""

    document_number: str
    facility_code: str
    licence_class: str
    examined_on: dt.date
    valid_until: dt.date
    fit: bool
    facility_name: str | None = None
    conditions: str | None = None


@attrs.frozen(slots=True)
class DriverHealthFinding(Model):
    """The answer, with why, and the certificate when one was found."""

    application_number: str
    citizen_id: str
    licence_class: str
    result: DriverHealthResult
    reason: str
    checked_at: dt.datetime
    certificate: DriverHealthCertificateRef | None = None
