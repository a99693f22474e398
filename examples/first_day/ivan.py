"""First day at an I-VAN vendor: a signed D02-LT for a company, through to the contribution
notice (the C12-like notification of what the unit owes).

Runs against ``$VSSDK_BASE_URL`` or a sandbox started for the run:
``python examples/first_day/ivan.py``. Unit ``SBX001A`` and vendor ``ivan-sbx-basic`` are the
sandbox's; in the sandbox any signer is accepted until the unit registers one (DK-GD).
"""

from __future__ import annotations

import vssdk
from vssdk.declarations import (
    D02LT,
    D02Row,
    DeclarationInvalid,
    Dossier,
    Employer,
    Month,
    PlanCode,
    SigningKey,
)
from vssdk.identity import ClientCredentials
from vssdk_sandbox import running

UNIT = Employer(
    unit_code="SBX001A", name="Công ty TNHH Phần mềm Sandbox", agency_code="07906", region=1
)
PAYROLL = [  # (name, SI code, job, monthly salary in đồng) — from your payroll export
    ("Nguyễn Văn An", "7901234567", "Kỹ sư phần mềm", 18_000_000),
    ("Trần Thị Bình", "7901234568", "Kế toán", 12_500_000),
    ("Lê Văn Cường", None, "Giám đốc", 80_000_000),  # above the ceiling: contributes on it
]


def main() -> None:
    with running() as base_url:
        auth = ClientCredentials(
            "ivan-sbx-basic", "sbx-ivan-secret"
        )  # tokens: the client's base_url
        with vssdk.Client(base_url, auth=auth) as client:
            period = Month.of(client.sandbox.status().now.date())
            rows = tuple(
                D02Row(
                    full_name=name,
                    si_code=si_code,
                    citizen_id=None if si_code else "001090012345",
                    plan=PlanCode.DC if si_code else PlanCode.TM,  # adjust / newly joining
                    from_month=period,
                    position=job,
                    salary=salary,
                )
                for name, si_code, job, salary in PAYROLL
            )
            form = D02LT(employer=UNIT, period=period, rows=rows)
            key = SigningKey.self_signed(UNIT.unit_code)  # real keys: docs/signing-keys.md
            try:
                dossier = Dossier.prepare(form, key=key)  # every rule checked, then signed
            except DeclarationInvalid as invalid:
                for violation in invalid.violations:
                    print(violation)
                raise
            submitted = client.declarations.submit(dossier)
            print(f"submitted {submitted.id} for {period}: {submitted.status.value}")
            final = client.declarations.wait(
                UNIT.unit_code,
                submitted.id,
                interval=3600,
                advance_sandbox_clock=True,  # the sandbox decides in ~4 h of its own clock
                progress=lambda d, waited: print(f"  +{waited / 3600:.0f} h  {d.status.value}"),
            )
            print(f"dossier {final.dossier_number}: {final.status.value}")
            notice = client.declarations.contribution_notice(UNIT.unit_code, submitted.id)
    print(f"contribution notice: {notice.total:,} VND due for {period}")


if __name__ == "__main__":
    main()
