"""An employer (through its I-VAN vendor) claims sickness and maternity benefits on form 01B-HSB.

The hospital has issued the certificates (here: a sick-leave certificate issued now, and the
sandbox's seeded birth certificate); the list cites them by number. BHXH decides each row with
the rules of ``vssdk.benefits`` and answers with the amount, how it was computed and the law it
rests on, or why a row is refused; then it pays. Runs against ``$VSSDK_BASE_URL`` or an embedded
sandbox: ``python examples/ivan_sickness_claim.py``.
"""

from __future__ import annotations

import datetime as dt

import vssdk
from vssdk import medical
from vssdk.declarations import (
    HSB01B,
    DeclarationInvalid,
    HSBRegime,
    HSBRow,
    Month,
    SignedSettlement,
    SigningKey,
)
from vssdk.identity import ClientCredentials
from vssdk_sandbox import running

# Documented sandbox fixtures: the I-VAN vendor, hospital 79001, unit SBX001A and two employees.
VENDOR, VENDOR_SECRET = "ivan-sbx-basic", "sbx-ivan-secret"
HOSPITAL, HOSPITAL_SECRET = "79001_BV", "sbx-79001_BV-secret"
UNIT, UNIT_NAME = "SBX001A", "Công ty TNHH Phần mềm Sandbox"
AN, BINH = ("7901234567", "Nguyễn Văn An"), ("7901234568", "Trần Thị Bình")
BIRTH_CERTIFICATE = "GCS-79001-SBX-0001"  # seeded: Bình gave birth 10 days ago


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def issue_sick_leave(base_url: str, today: dt.date) -> str:
    """The hospital's part (see examples/his_certificates.py): 4 days off from 10 days ago."""
    auth = ClientCredentials(
        HOSPITAL, HOSPITAL_SECRET, scopes=["medical.documents"], base_url=base_url
    )
    start = today - dt.timedelta(days=10)
    with vssdk.Client(base_url, auth=auth) as hospital:
        doc = hospital.medical.submit(
            "79001",
            medical.sick_leave_certificate(
                number=f"CT07-79001-{start:%Y%m%d}-0042", issued_on=start,
                patient=medical.MedicalPatient(full_name=AN[1], si_code=AN[0]),
                leave_from=start, leave_to=start + dt.timedelta(days=3),
                diagnosis="Sốt xuất huyết Dengue", diagnosis_code="A97.0",
                signed_by="BS. Lê Văn Tâm",
            ),
        )  # fmt: skip
    return doc.document_number


def main() -> None:
    with running() as base_url:
        auth = ClientCredentials(
            VENDOR, VENDOR_SECRET, scopes=["employer.declarations"], base_url=base_url
        )
        with vssdk.Client(base_url, auth=auth) as client:
            today = client.sandbox.status().now.date()
            certificate = issue_sick_leave(base_url, today)
            sick_from = today - dt.timedelta(days=10)
            born = today - dt.timedelta(days=10)

            heading("Form 01B-HSB: one row per employee and period, citing the certificates")
            rows = (
                HSBRow(*AN, HSBRegime.SICKNESS, sick_from, sick_from + dt.timedelta(days=3), 4,
                       certificate),
                HSBRow(*BINH, HSBRegime.MATERNITY_BIRTH, born, born + dt.timedelta(days=179), 180,
                       BIRTH_CERTIFICATE, child_birth_date=born),
                HSBRow(*AN, HSBRegime.CONVALESCENCE_SICKNESS, sick_from + dt.timedelta(days=4),
                       sick_from + dt.timedelta(days=6), 3),
                HSBRow(*AN, HSBRegime.SICKNESS, sick_from - dt.timedelta(days=20),
                       sick_from - dt.timedelta(days=18), 3, "CT07-79001-SBX-9999"),
            )  # fmt: skip
            form = HSB01B(UNIT, UNIT_NAME, Month.of(today), 1, rows)
            for i, row in enumerate(rows, 1):
                print(f"  {i}. {row.full_name:<15} {row.regime.value:<24} {row.leave_from} → "
                      f"{row.leave_to} ({row.days} d) {row.certificate_number or ''}")  # fmt: skip

            heading("Checked and signed before it is sent")
            try:
                SignedSettlement.prepare(
                    HSB01B(UNIT, UNIT_NAME, Month.of(today), 1,
                           (HSBRow(*AN, HSBRegime.SICKNESS, sick_from, sick_from, 1),)),
                    key=SigningKey.self_signed(UNIT_NAME),
                )  # fmt: skip
            except DeclarationInvalid as err:
                for v in err.violations:
                    print(f"  refused locally: {v}")
            signed = SignedSettlement.prepare(form, key=SigningKey.self_signed(UNIT_NAME))
            filed = client.declarations.submit_settlement(signed)
            print(f"  filed {filed.id}: receipt {filed.receipt_number}, {filed.status.value}")

            heading("BHXH's decision per row (the sandbox clock moves a day)")
            client.sandbox.advance_clock(hours=24)
            decided = client.declarations.get_settlement(UNIT, filed.id)
            for answer in decided.rows:
                if answer.amount is not None:
                    print(f"  row {answer.row} {answer.full_name}: {answer.amount:,} VND "
                          f"({answer.days_paid} days paid)")  # fmt: skip
                    for line in (answer.explanation_en or "").splitlines():
                        print(f"      {line}")
                else:
                    print(f"  row {answer.row} {answer.full_name}: refused [{answer.refusal_code}] "
                          f"{answer.refusal_reason}")  # fmt: skip
            print(f"  total accepted: {decided.total_amount:,} VND ({decided.accepted_rows} rows "
                  f"accepted, {decided.refused_rows} refused)")  # fmt: skip

            heading("Paid")
            client.sandbox.advance_clock(hours=24)
            paid = client.declarations.get_settlement(UNIT, filed.id)
            print(f"  {paid.status.value} at {paid.paid_at:%Y-%m-%d %H:%M}: "
                  f"{paid.total_amount:,} VND to the unit's account")  # fmt: skip
            assert paid.status == "paid"
            assert decided.accepted_rows == 3


if __name__ == "__main__":
    main()
