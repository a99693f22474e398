"""A hospital reception desk: check a list of patients' BHYT cards, by card code and citizen ID.

Runs against ``$VSSDK_BASE_URL`` or an embedded sandbox: ``python examples/his_reception.py``.
The same checks go through both dialects: the clean REST API (facility client credentials) and
the real gateway's wire protocol (``api/token/take`` + ``KQNhanLichSuKCB2024``), giving the same
typed results. Patients are the sandbox's documented cards (docs/sandbox-cards.md).
"""

from __future__ import annotations

import asyncio

import vssdk
from vssdk.cards import CardCheck, CheckEntry
from vssdk.gateway import GatewayLogin
from vssdk.identity import ClientCredentials
from vssdk_sandbox import running

# Documented sandbox fixtures: the facility's accounts and a registered staff member (CV 1923).
CLIENT_ID, CLIENT_SECRET = "01001_BV", "sbx-01001_BV-secret"
GATEWAY_USER, GATEWAY_PASSWORD = "01001_BV", "Sandbox@2026"
STAFF = {"operator_name": "Nguyễn Thị Lan", "operator_id": "001085000111"}

PATIENTS = [
    CheckEntry("Nguyễn Văn Bình", "1985-03-14", card_code="DN4010199000001"),
    CheckEntry("Nguyễn Văn Bình", "1985-03-14", citizen_id="001085000001"),
    CheckEntry("Hồ Văn Lão", 1940, card_code="BT2010199000019"),  # only the birth year is known
    CheckEntry("Vũ Văn Tư", "1955-12-24", card_code="HT3010199000004"),  # new card issued
    CheckEntry("Bùi Minh Sáu", "2008-09-06", card_code="HS4010199000006"),  # expired
    CheckEntry("Trịnh Thu Trang", "2005-01-18", citizen_id="001305000018"),  # seen elsewhere today
    CheckEntry("Nguyễn Minh Khôi", "2023-01-17", citizen_id="001223000017"),  # child, no card
    CheckEntry("Ông Văn Mười Một", "1984-11-11", card_code="TK4010199000011"),  # revoked
    CheckEntry("Nguyễn Văn Bính", "1985-03-14", card_code="DN4010199000001"),  # name misspelt
    CheckEntry("Ai Đó", "1990-01-01", card_code="ZZ4010199000001"),  # not a card code at all
]


def show(label: str, result: CardCheck | None, error: Exception | None) -> None:
    if result is None:
        print(f"  {label:<34} ✗ not sent: {error}")
        return
    verdict = result.action.value.upper()
    print(f"  {label:<34} {result.result_code} {verdict:<20} {result.result_message}")
    if result.card is not None:
        card = result.card
        print(
            f"  {'':<34}     card {card.card_code} valid {card.valid_from}..{card.valid_to}, "
            f"facility {card.registered_facility_code}, 5 years {card.five_years_date}"
        )
    if result.new_card is not None:
        print(f"  {'':<34}     → bill the new card {result.card_to_use}")
    for warning in result.warnings:
        print(f"  {'':<34}     ! {warning.message}")


def label(entry: CheckEntry) -> str:
    key = entry.card_code or entry.citizen_id or entry.si_code or ""
    return f"{entry.full_name} ({key})"


async def reception_async(base_url: str) -> None:
    auth = ClientCredentials(CLIENT_ID, CLIENT_SECRET, base_url=base_url)
    async with vssdk.AsyncClient(base_url, auth=auth) as client:
        items = await client.cards.check_many(PATIENTS, concurrency=4, **STAFF)
    for item in items:
        show(label(item.entry), item.result, item.error)


def main() -> None:
    with running() as base_url:
        print("== REST dialect: async batch, 4 checks in flight, one bad entry does not stop it")
        asyncio.run(reception_async(base_url))

        print("\n== Gateway wire dialect: one login (token cached until its ISO expiry)")
        login = GatewayLogin(GATEWAY_USER, GATEWAY_PASSWORD, base_url=base_url)
        with vssdk.Client(base_url, auth=login) as wire:
            for item in wire.gateway.check_many(PATIENTS[:4], **STAFF):
                show(label(item.entry), item.result, item.error)
        token = login.cached_token
        expiry = token.expires_at.isoformat() if token else "?"
        print(
            f"  ({login.logins} login for {len(PATIENTS[:4])} checks; token valid until {expiry})"
        )


if __name__ == "__main__":
    main()
