"""An I-VAN vendor's monthly run: build a D02-LT, sign it, submit it, follow it to its result.

Against ``$VSSDK_BASE_URL`` or an embedded sandbox. The signing key is a throw-away RSA key with
a self-signed certificate made here (a real employer signs with its USB token or remote-signing
certificate, loaded with ``vssdk.declarations.load_pkcs12``). The sandbox clock is moved forward
instead of waiting hours for BHXH. ``python examples/ivan_monthly.py``
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
    contributions,
)
from vssdk.identity.credentials import ClientCredentials
from vssdk_sandbox import running

# Documented sandbox fixtures: the I-VAN vendor account, a unit and two of its employees.
CLIENT_ID, CLIENT_SECRET = "ivan-sbx-basic", "sbx-ivan-secret"
UNIT = "SBX001A"
EMPLOYEES = (("Nguyễn Văn An", "7901234567"), ("Trần Thị Bình", "7901234568"))


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def make_key(unit_name: str) -> SigningKey:
    """A fresh RSA-2048 key and a one-year self-signed certificate (never written to disk)."""
    return SigningKey.self_signed(unit_name)


def build(employer: Employer, period: Month) -> D02LT:
    """This month: a salary rise for two employees, and one new hire."""
    rows = [
        D02Row(
            full_name=name,
            si_code=si_code,
            plan=PlanCode.DC,
            from_month=period,
            position="Kỹ sư phần mềm",
            salary=18_000_000 + 2_000_000 * index,
            position_allowance=1_000_000,
        )
        for index, (name, si_code) in enumerate(EMPLOYEES)
    ]
    rows.append(
        D02Row(
            full_name="Lê Hoàng Minh",
            citizen_id="079095012345",
            plan=PlanCode.TM,
            from_month=period,
            position="Nhân viên kiểm thử",
            salary=9_500_000,
        )
    )
    return D02LT(employer=employer, period=period, rows=tuple(rows))


def main() -> None:
    with (
        running() as base_url,
        vssdk.Client(
            base_url, auth=ClientCredentials(CLIENT_ID, CLIENT_SECRET, base_url=base_url)
        ) as client,
    ):
        heading(f"Unit {UNIT}")
        profile = client.declarations.employer(UNIT)
        print(f"  {profile.name} · region {profile.region} · BHXH agency {profile.agency_code}")
        employer = Employer(
            unit_code=profile.unit_code,
            name=profile.name,
            agency_code=profile.agency_code,
            region=profile.region,
            tax_code=profile.tax_code,
        )
        period = Month.of(client.sandbox.status().now.date())

        heading(f"D02-LT for {period.wire}")
        form = build(employer, period)
        schedule = contributions(form)
        for row, amount in zip(form.rows, schedule.rows, strict=True):
            print(
                f"  {row.plan.value}  {row.full_name:<20} {row.contribution_salary:>12,} VND"
                f"  → {amount.total:>10,} VND/month"
            )
        print(
            f"  total due each month: {schedule.total:,} VND "
            f"(employees {schedule.employee:,}, employer {schedule.employer:,})"
        )

        heading("Local check catches mistakes before anything is sent")
        try:
            bad = D02LT(
                employer=employer,
                period=period,
                rows=(
                    D02Row(
                        full_name="Test",
                        si_code="79012",
                        plan=PlanCode.TM,
                        from_month=period,
                        salary=2_000_000,
                    ),
                ),
            )
            Dossier.prepare(bad, key=make_key("unused"))
        except DeclarationInvalid as err:
            for violation in err.violations:
                print(f"  {violation}")

        heading("Sign and submit")
        key = make_key(profile.name)
        dossier = Dossier.prepare(form, key=key)
        print(
            f"  signed {dossier.files[0].form_code}: {len(dossier.files[0].content):,} bytes, "
            f"certificate {key.fingerprint[:16]}…"
        )
        submitted = client.declarations.submit(dossier)
        print(f"  {submitted.id}: {submitted.status.value}")
        again = client.declarations.submit(dossier)  # a retry never files twice
        print(f"  resent → same dossier {again.id}")

        heading("Follow it (sandbox clock moved forward instead of waiting)")

        def advance(seconds: float) -> None:
            client.sandbox.advance_clock(seconds=int(seconds))

        final = client.declarations.wait(UNIT, submitted.id, interval=1800, sleep=advance)
        for change in final.status_history:
            print(f"  {change.at:%Y-%m-%d %H:%M}  {change.status.value}")
        print(f"  dossier number {final.dossier_number}, appointment {final.appointment_date}")
        for error in final.errors:
            print(f"  rejected: row {error.row} {error.field}: {error.message}")

        if final.documents:
            heading("Notification of contributions due")
            notice = client.declarations.contribution_notice(UNIT, submitted.id)
            print(f"  {notice.document_id} for {notice.period}, {notice.employees} employees")
            for line in notice.funds:
                print(
                    f"  {line.fund:<26} employee {line.employee:>10,}  employer "
                    f"{line.employer:>10,}  total {line.total:>10,}"
                )
            print(
                f"  {'total':<26} employee {notice.employee_total:>10,}  employer "
                f"{notice.employer_total:>10,}  total {notice.total:>10,} VND"
            )


if __name__ == "__main__":
    main()
