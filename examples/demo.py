"""The vssdk tour: one sandbox, four kinds of caller, each doing its everyday job.

Against ``$VSSDK_BASE_URL`` or, without it, an embedded sandbox. Run with ``make demo``.
All people, codes and keys are the sandbox's documented fixtures (docs/sandbox.md).
"""

from __future__ import annotations

import datetime as dt

import vssdk
from vssdk import benefits
from vssdk.declarations import D02LT, D02Row, Dossier, Employer, Month, PlanCode, SigningKey
from vssdk.identity import ClientCredentials, PasswordLogin
from vssdk_sandbox import running

CITIZEN_SI_CODE, CITIZEN_PASSWORD = "7901234567", "Sandbox@2026"
HOSPITAL = ("01001_BV", "sbx-01001_BV-secret")
IVAN = ("ivan-sbx-basic", "sbx-ivan-secret")
STAFF = {"operator_name": "Nguyễn Thị Lan", "operator_id": "001085000111"}


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 72 - len(text)))


def sandbox_status(client: vssdk.Client, base_url: str) -> dt.date:
    heading("Sandbox")
    status = client.sandbox.status()
    print(f"vssdk sandbox {status.version} at {base_url}, time {status.now:%Y-%m-%d %H:%M %z}")
    print("fixtures: " + ", ".join(f"{k}={v}" for k, v in sorted(status.counts.items())))
    return status.now.date()


def citizen(client: vssdk.Client, base_url: str) -> None:
    heading("1. A citizen signs in as in VssID (SI code + password, identity level 2)")
    login = PasswordLogin(
        CITIZEN_SI_CODE, CITIZEN_PASSWORD, device_id="demo-laptop", level=2, base_url=base_url
    )
    me = client.with_options(auth=login)
    profile = me.citizen.profile()
    card = me.citizen.card()
    print(f"  {profile.full_name}, born {profile.birth_date:%d/%m/%Y}, SI code {profile.si_code}")
    print(
        f"  BHYT card {card.card_code} (group {card.object_group}, level {card.benefit_level}), "
        f"valid {card.valid_from:%d/%m/%Y}–{card.valid_to:%d/%m/%Y}, "
        f"first registration {card.initial_facility.name}"
    )


def hospital(client: vssdk.Client, base_url: str) -> None:
    heading("2. A hospital checks BHYT cards at reception (client credentials)")
    desk = client.with_options(auth=ClientCredentials(*HOSPITAL, base_url=base_url))
    patients = (
        ("DN4010199000001", "Nguyễn Văn Bình", "1985-03-14"),
        ("HS4010199000006", "Bùi Minh Sáu", "2008-09-06"),
        ("DN4010199000001", "Nguyễn Văn Bính", "1985-03-14"),
    )
    for card_code, name, born in patients:
        check = desk.cards.check(card_code=card_code, full_name=name, birth_date=born, **STAFF)
        verdict = "valid" if check.eligible else "NOT valid"
        print(f"  {card_code} {name:<18} → {check.result_code} {verdict}: {check.result_message}")


def contribution(client: vssdk.Client, today: dt.date) -> None:
    heading("3. The law as code: this month's contributions for a 20,000,000 VND salary")
    result = benefits.compulsory_contribution(monthly_salary=20_000_000, on=today, region=1)
    print(f"  employee {result.employee:,} + employer {result.employer:,} = {result.total:,} VND")
    for step in result.explain(lang="en").splitlines()[:6]:
        print(f"    {step}")
    print("  cited: " + "; ".join(str(c) for c in result.citations[:3]))
    server = client.calculators.compulsory_contribution(
        monthly_salary=20_000_000, on=today, region=1
    )
    print(f"  the sandbox's calculator, same engine: total {server.total:,} VND")


def employer(client: vssdk.Client, base_url: str, today: dt.date) -> None:
    heading("4. An I-VAN vendor files a D02-LT for its client and follows it")
    ivan = client.with_options(auth=ClientCredentials(*IVAN, base_url=base_url))
    unit = ivan.declarations.employer("SBX001A")
    period = Month.of(today)
    form = D02LT(
        employer=Employer(
            unit_code=unit.unit_code,
            name=unit.name,
            agency_code=unit.agency_code,
            region=unit.region,
            tax_code=unit.tax_code,
        ),
        period=period,
        rows=(
            D02Row(
                full_name="Nguyễn Văn An",
                si_code="7901234567",
                plan=PlanCode.DC,
                from_month=period,
                position="Kỹ sư",
                salary=22_000_000,
            ),
            D02Row(
                full_name="Lê Hoàng Minh",
                citizen_id="079095012345",
                plan=PlanCode.TM,
                from_month=period,
                position="Kiểm thử viên",
                salary=9_500_000,
            ),
        ),
    )
    dossier = Dossier.prepare(form, key=SigningKey.self_signed(unit.name))
    submitted = ivan.declarations.submit(dossier)
    print(f"  {unit.name}: signed D02-LT submitted as {submitted.id} ({submitted.status.value})")

    def advance(seconds: float) -> None:  # the sandbox clock stands in for BHXH's working hours
        ivan.sandbox.advance_clock(seconds=int(seconds))

    final = ivan.declarations.wait("SBX001A", submitted.id, interval=1800, sleep=advance)
    for change in final.status_history:
        print(f"    {change.at:%Y-%m-%d %H:%M}  {change.status.value}")
    if final.documents:
        notice = ivan.declarations.contribution_notice("SBX001A", submitted.id)
        print(f"  notice {notice.document_id}: {notice.total:,} VND due each month")


def main() -> None:
    with running() as base_url, vssdk.Client(base_url) as client:
        today = sandbox_status(client, base_url)
        citizen(client, base_url)
        hospital(client, base_url)
        contribution(client, today)
        employer(client, base_url, today)
        heading("Errors are typed and keep the server's words")
        try:
            client.lookups.facility("00000")
        except vssdk.NotFoundError as err:
            print(f"  NotFoundError {err.status_code}: {err.detail}")
            print(f"  BHXH code {err.vss_code}: {err.vss_message}")
        print("\nMore: examples/*.py, docs/api.md, docs/sandbox.md")


if __name__ == "__main__":
    main()
