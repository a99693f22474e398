"""What citizens and employers file with BHXH beyond VssID's four services, end to end.

Citizen: the procedure catalogue → a birth-date correction checked against the population
records (608) → the card exchanged (610) → a pension claim decided with vssdk.benefits (641) →
messages in the VssID inbox. Employer (an I-VAN vendor): what a unit owes with the late-payment
interest (601) → an SI book refused while owed (chốt sổ) → the back-payment → the SI book closed.

Runs against ``$VSSDK_BASE_URL`` or an embedded sandbox: ``python examples/bhxh_filings.py``.
The people and units are documented sandbox fixtures (docs/sandbox-citizen.md).
"""

from __future__ import annotations

import datetime as dt

import vssdk
from vssdk.citizen import BankAccount, EvidenceDocument, EvidenceKind, PersonalDetails
from vssdk.identity import ClientCredentials, PasswordLogin
from vssdk_sandbox import running
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

WORKER_FEMALE = "7901234568"  # Trần Thị Bình: birth date mistyped at BHXH
RETIRING = "0112345703"  # Trịnh Văn Phong: past retirement age, 33+ years of SI
UNEMPLOYED = "0187654321"  # Hoàng Văn Em: left SBX002B two months ago; SBX002B owes
DEVICE = "filings-example"


def heading(text: str) -> None:
    print(f"\n== {text} " + "=" * max(0, 70 - len(text)))


def vnd(amount: int | None) -> str:
    return f"{amount or 0:,} đ".replace(",", ".")


def log_in(client: vssdk.Client, si_code: str) -> vssdk.Client:
    auth = PasswordLogin(si_code, SANDBOX_PASSWORD, device_id=DEVICE, base_url=client.base_url)
    view = client.with_options(auth=auth)
    auth.login(view)
    return view


def catalogue(client: vssdk.Client) -> None:
    heading("Procedure catalogue (portal code → vssdk call)")
    for procedure in client.lookups.procedures(filed_by="citizen"):
        calls = ", ".join(procedure.sdk_methods) or "-"
        print(f"  {procedure.code:<10} {procedure.name_vi[:48]:<48} {calls}")


def correction_and_card(client: vssdk.Client) -> None:
    heading("Correcting the birth date (608), then exchanging the card (610)")
    user = log_in(client, WORKER_FEMALE)
    evidence = EvidenceDocument(
        EvidenceKind.CITIZEN_ID_CARD, "079190004321", dt.date(2021, 5, 4), "Cục CSQLHC về TTXH"
    )
    try:
        user.citizen.change_information(
            PersonalDetails(birth_date=dt.date(1990, 7, 20)), [evidence]
        )
    except vssdk.UnprocessableEntityError as err:
        print(f"  1990-07-20 refused: [{err.errors[0].code}] {err.errors[0].message}")
    app = user.citizen.change_information(
        PersonalDetails(birth_date=dt.date(1990, 7, 12)), [evidence]
    )
    client.sandbox.advance_clock(days=5)
    print(
        f"  {app.procedure_code} {user.citizen.application(app.id).status.value}; "
        f"birth date now {user.citizen.profile().birth_date}"
    )
    exchange = user.citizen.reissue_card("information_changed")
    client.sandbox.advance_clock(days=5)
    done = user.citizen.application(exchange.id)
    assert done.decision is not None
    print(
        f"  {done.procedure_code} {done.status.value}: card {done.decision.card_code}, "
        f"fee {vnd(done.decision.fee)}"
    )


def pension(client: vssdk.Client) -> None:
    heading("Pension claim (641), decided with vssdk.benefits")
    user = log_in(client, RETIRING)
    today = client.sandbox.status().now.date()
    start = today.replace(day=1)
    app = user.citizen.claim_pension(start, BankAccount("VCB", "0123456789", "TRINH VAN PHONG"))
    client.sandbox.advance_clock(days=5)
    done = user.citizen.application(app.id)
    assert done.decision is not None
    print(f"  {done.status.value}: {vnd(done.decision.monthly_amount)} a month from {start}")
    for line in (done.decision.explanation or "").splitlines()[:4]:
        print(f"    {line}")
    print("  messages: " + "; ".join(n.title for n in user.citizen.notifications()))


def employer(client: vssdk.Client) -> None:
    heading("Employer: back-payment with interest (601), then the SI book (chốt sổ)")
    auth = ClientCredentials("ivan-sbx-basic", "sbx-ivan-secret", base_url=client.base_url)
    vendor = client.with_options(auth=auth)
    quote = vendor.declarations.quote_back_payment("SBX002B")
    for month in quote.months:
        print(
            f"  {month.month}: {vnd(month.amount)} for {month.employees} employees, "
            f"{month.days_late} days late, interest {vnd(month.interest)}"
        )
    # his contract ended with the month before last: the day before last month began
    ended = dt.date.fromisoformat(quote.months[-1].month + "-01") - dt.timedelta(days=1)
    try:
        vendor.declarations.confirm_si_book("SBX002B", UNEMPLOYED, ended)
    except vssdk.UnprocessableEntityError as err:
        print(f"  SI book refused: [{err.errors[0].code}]")
    paid = vendor.declarations.pay_back_payment("SBX002B", quote.total, payment_reference="UNC-1")
    client.sandbox.advance_clock(hours=2)
    print(
        f"  paid {vnd(paid.total)} (interest {vnd(paid.interest)}): "
        f"{vendor.declarations.back_payment('SBX002B', paid.id).status.value}"
    )
    book = vendor.declarations.confirm_si_book("SBX002B", UNEMPLOYED, ended)
    client.sandbox.advance_clock(days=2)
    book = vendor.declarations.si_book_confirmation("SBX002B", book.id)
    print(
        f"  SI book of {book.full_name} {book.status.value} to {book.last_month}: "
        f"{book.months_total} months in all"
    )


def main() -> None:
    with running() as base_url, vssdk.Client(base_url) as client:
        catalogue(client)
        correction_and_card(client)
        pension(client)
        employer(client)


if __name__ == "__main__":
    main()
