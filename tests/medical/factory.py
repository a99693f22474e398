"""Synthetic certificates for the seeded people (no real personal data)."""

from __future__ import annotations

import datetime as dt

import attrs

from vssdk import medical

WORKER = medical.MedicalPatient(
    full_name="Nguyễn Văn An",
    citizen_id="079085001234",
    si_code="7901234567",
    birth_date=dt.date(1985, 3, 14),
    sex=medical.MedicalSex.MALE,
)
MOTHER = medical.MedicalPatient(
    full_name="Trần Thị Bình",
    citizen_id="079190004321",
    si_code="7901234568",
    sex=medical.MedicalSex.FEMALE,
)
DAY = dt.date(2026, 6, 1)


def sick_leave(number: str = "CT07-T-000001", days: int = 5) -> medical.MedicalDocumentSubmission:
    return medical.sick_leave_certificate(
        number=number,
        issued_on=DAY,
        patient=WORKER,
        leave_from=DAY,
        leave_to=DAY + dt.timedelta(days=days - 1),
        diagnosis="Viêm họng cấp",
        diagnosis_code="J02.9",
        signed_by="BS. Lê Văn Tâm",
    )


def birth(
    number: str = "GCS-T-000001", child: str = "Nguyễn Gia Bảo"
) -> medical.MedicalDocumentSubmission:
    return medical.birth_certificate(
        number=number,
        issued_on=DAY,
        mother=MOTHER,
        child_name=child,
        child_sex=medical.MedicalSex.MALE,
        child_birth_date=DAY,
        weight_grams=3100,
        place_of_birth="Bệnh viện Sandbox 79001",
        signed_by="BS. Lê Văn Tâm",
    )


def all_kinds() -> list[medical.MedicalDocumentSubmission]:
    return [
        sick_leave(),
        birth(),
        medical.pregnancy_rest_certificate(
            number="CT06-T-1",
            issued_on=DAY,
            patient=MOTHER,
            leave_from=DAY,
            leave_to=DAY + dt.timedelta(days=9),
            diagnosis="Dọa sảy thai",
            signed_by="BS. Lê Văn Tâm",
        ),
        medical.discharge_certificate(
            number="CT03-T-1",
            issued_on=DAY,
            patient=WORKER,
            admitted_on=DAY - dt.timedelta(days=4),
            discharged_on=DAY,
            diagnosis="Viêm ruột thừa cấp",
            rest_from=DAY + dt.timedelta(days=1),
            rest_to=DAY + dt.timedelta(days=7),
            signed_by="BS. Lê Văn Tâm",
        ),
        medical.record_summary(
            number="CT04-T-1",
            issued_on=DAY,
            patient=WORKER,
            admitted_on=DAY - dt.timedelta(days=4),
            discharged_on=DAY,
            diagnosis="Viêm phổi",
            diagnosis_code="J18.9",
            course="Sốt 3 ngày, ho",
            signed_by="BS. Lê Văn Tâm",
        ),
        medical.inpatient_treatment_certificate(
            number="NT-T-1",
            issued_on=DAY,
            patient=WORKER,
            admitted_on=DAY - dt.timedelta(days=4),
            discharged_on=DAY,
            diagnosis="Viêm phổi",
            diagnosis_code="J18.9",
            signed_by="BS. Lê Văn Tâm",
        ),
        medical.death_notice(
            number="GBT-T-1",
            issued_on=DAY,
            deceased=WORKER,
            date_of_death=DAY,
            place_of_death="Bệnh viện Sandbox 79001",
            cause="Nhồi máu cơ tim",
            signed_by="BS. Lê Văn Tâm",
        ),
        medical.driver_health_certificate(
            number="KSK-T-1",
            issued_on=DAY,
            driver=attrs.evolve(WORKER, si_code=None),
            licence_class="B",
            examined_on=DAY,
            fit=True,
            valid_until=dt.date(2027, 6, 1),
            signed_by="BS. Lê Văn Tâm",
        ),
    ]
