"""A hospital issues a sick-leave certificate (REST) and a birth certificate (gateway wire).

The chain starts here: the sick-leave certificate is what the employer's 01B-HSB list cites
(``examples/ivan_sickness_claim.py``), the birth certificate what the civil registry's birth link
cites (``examples/ministry_birth_link.py``). Runs against ``$VSSDK_BASE_URL`` or an embedded
sandbox: ``python examples/his_certificates.py``.
"""

from __future__ import annotations

import datetime as dt

import attrs

import vssdk
from vssdk import medical
from vssdk.gateway import GatewayLogin
from vssdk.identity import ClientCredentials
from vssdk_sandbox import running

# Documented sandbox fixtures: hospital 79001's OAuth client and its gateway account.
CLIENT_ID, CLIENT_SECRET = "79001_BV", "sbx-79001_BV-secret"
GATEWAY_USER, GATEWAY_PASSWORD = "79001_BV", "Sandbox@2026"
FACILITY = "79001"
WORKER = medical.MedicalPatient(
    full_name="Nguyễn Văn An", citizen_id="079085001234", si_code="7901234567",
    birth_date=dt.date(1985, 3, 14), sex=medical.MedicalSex.MALE,
)  # fmt: skip


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def main() -> None:
    with running() as base_url:
        auth = ClientCredentials(
            CLIENT_ID, CLIENT_SECRET, scopes=["medical.documents"], base_url=base_url
        )
        with vssdk.Client(base_url, auth=auth) as hospital:
            today = hospital.sandbox.status().now.date()

            heading("A certificate that breaks a rule never leaves the hospital")
            try:
                medical.sick_leave_certificate(
                    number=f"CT07-{FACILITY}-{today:%Y%m%d}-0001", issued_on=today,
                    patient=WORKER, leave_from=today, leave_to=today + dt.timedelta(days=34),
                    diagnosis="Viêm phổi", signed_by="BS. Lê Văn Tâm",
                )  # fmt: skip
            except medical.InvalidMedicalDocument as err:
                for issue in err.issues:
                    print(f"  {issue.field}: {issue.message} [{issue.rule}]")

            heading("Sick-leave certificate (CT07 / XML11) by REST")
            sick = medical.sick_leave_certificate(
                number=f"CT07-{FACILITY}-{today:%Y%m%d}-0001", issued_on=today, patient=WORKER,
                leave_from=today, leave_to=today + dt.timedelta(days=3),
                diagnosis="Viêm họng cấp", diagnosis_code="J02.9", signed_by="BS. Lê Văn Tâm",
                employer_name="Công ty TNHH Phần mềm Sandbox",
            )  # fmt: skip
            xml = medical.document_to_xml(sick).decode("utf-8")
            print("  " + xml[xml.index("<MA_CT>") : xml.index("<MA_THE>")] + " ...")
            doc = hospital.medical.submit(FACILITY, sick)
            print(
                f"  {doc.id}: {doc.status.value}, version {doc.version}, MaGD {doc.transaction_id}"
            )
            again = hospital.medical.submit(FACILITY, sick)
            print(f"  sent again → {again.id} (the same certificate: {again.id == doc.id})")

            heading("A correction replaces it; the history stays")
            fixed = hospital.medical.replace(
                FACILITY, doc.id,
                medical.sick_leave_certificate(
                    number=sick.document_number, issued_on=today, patient=WORKER,
                    leave_from=today, leave_to=today + dt.timedelta(days=4),
                    diagnosis="Viêm họng cấp", diagnosis_code="J02.9", signed_by="BS. Lê Văn Tâm",
                    employer_name="Công ty TNHH Phần mềm Sandbox",
                ),
                reason="bác sĩ cho thêm 1 ngày nghỉ",
            )  # fmt: skip
            for entry in fixed.history:
                print(
                    f"  v{entry.version} {entry.action:<9} {entry.at:%Y-%m-%d %H:%M} "
                    + (entry.reason or "")
                )
            assert fixed.document.sick_leave is not None
            print(
                f"  now {fixed.document.sick_leave.days} days: "
                f"cite {fixed.document_number} in 01B-HSB"
            )

        heading(
            "Birth certificate (giấy chứng sinh) through the gateway: guiGiayToDienTu, loaiHs 61"
        )
        login = GatewayLogin(GATEWAY_USER, GATEWAY_PASSWORD, base_url=base_url)
        with vssdk.Client(base_url, auth=login) as gateway:
            birth = medical.birth_certificate(
                number=f"GCS-{FACILITY}-{today:%Y%m%d}-0001", issued_on=today,
                mother=medical.MedicalPatient(full_name="Trần Thị Bình", citizen_id="079190004321",
                                              si_code="7901234568"),
                child_name="Nguyễn Minh Châu", child_sex=medical.MedicalSex.FEMALE,
                child_birth_date=today, weight_grams=3050,
                place_of_birth="Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh",
                signed_by="BS. Lê Văn Tâm", delivered_by="NHS. Đỗ Thị Mai",
            )  # fmt: skip
            reply = gateway.medical.send_wire([birth], facility_code=FACILITY, created=today)
            print(
                f"  MaKetQua {reply.MaKetQua}  MaGD {reply.MaGD}  "
                f"ThoiGianTiepNhan {reply.ThoiGianTiepNhan}"
            )
            print(f"  the civil registry cites {birth.document_number} in the birth link")
            try:
                gateway.medical.send_wire(
                    [attrs.evolve(birth, document_number="GCS-DUP")],
                    facility_code="01001",
                    created=today,
                )
            except medical.WireRefused as err:
                print(f"  another facility's code → MaKetQua {err.code}: {err.message}")


if __name__ == "__main__":
    main()
