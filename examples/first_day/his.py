"""First day at a hospital (HIS): check the BHYT cards of the patients at reception.

Runs against ``$VSSDK_BASE_URL`` or, when it is not set, a sandbox started for the run:
``python examples/first_day/his.py``. The patients are the sandbox's documented cards, one per
outcome; the facility account ``01001_BV`` is the sandbox's.
"""

from __future__ import annotations

import vssdk
from vssdk.cards import CheckEntry
from vssdk.identity import ClientCredentials
from vssdk_sandbox import running

STAFF = {"operator_name": "Nguyễn Thị Lan", "operator_id": "001085000111"}  # who checks
PATIENTS = [
    CheckEntry("Nguyễn Văn Bình", "1985-03-14", card_code="DN4010199000001"),
    CheckEntry("Nguyễn Văn Bình", "1985-03-14", citizen_id="001085000001"),  # by CCCD
    CheckEntry("Vũ Văn Tư", "1955-12-24", card_code="HT3010199000004"),  # a new card issued
    CheckEntry("Bùi Minh Sáu", "2008-09-06", card_code="HS4010199000006"),  # expired
    CheckEntry("Ai Đó", "1990-01-01", card_code="ZZ4010199000001"),  # not a card code
]


def main() -> None:
    with running() as base_url:
        auth = ClientCredentials("01001_BV", "sbx-01001_BV-secret")  # tokens: the client's base_url
        with vssdk.Client(base_url, auth=auth) as client:
            done: list[int] = []
            items = client.cards.check_many(
                PATIENTS, **STAFF, progress=lambda n, total: done.append(n)
            )
    print(f"checked {done[-1]} of {len(PATIENTS)} patients")
    for item in items:
        who = item.entry.full_name
        if item.error is not None:  # this entry could not be sent; the others were
            print(f"{who:<16} not sent: {item.error}")
            continue
        check = item.result
        assert check is not None
        print(f"{who:<16} {check.result_code} {check.action.value:<22} {check.result_message}")
        if check.new_card is not None:
            print(f"{'':<16} bill the new card {check.card_to_use}")


if __name__ == "__main__":
    main()
