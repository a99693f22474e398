"""First day at a citizen app: log a citizen in, show their HI card and their SI history.

Runs against ``$VSSDK_BASE_URL`` or a sandbox started for the run:
``python examples/first_day/citizen_app.py``. Nguyễn Văn An (SI code ``7901234567``) and the
password ``Sandbox@2026`` are the sandbox's. A web app would use ``AuthorizationCodeFlow``
(VNeID-style login in the browser); a script uses ``PasswordLogin``, as here.
"""

from __future__ import annotations

import vssdk
from vssdk.identity import OtpRequired, PasswordLogin
from vssdk_sandbox import running


def main() -> None:
    with running() as base_url, vssdk.Client(base_url) as client:
        login = PasswordLogin(
            "7901234567", "Sandbox@2026", device_id="my-app-install-1", base_url=base_url
        )
        citizen = client.with_options(auth=login)
        try:
            login.login(citizen)
        except OtpRequired as challenge:  # a new device: BHXH sends an OTP by SMS
            print(f"OTP required: {challenge}")
            raise
        card = citizen.citizen.card()
        print(f"{card.full_name}: card {card.card_code} valid {card.valid_from} → {card.valid_to}")
        print(f"first registration at {card.initial_facility.code} {card.initial_facility.name}")
        summary = citizen.citizen.participation_summary()
        for fund in summary.funds:
            print(f"{fund.scheme.value.upper()}: {fund.years} years {fund.remaining_months} months")
        for period in list(citizen.citizen.participation(scheme="si"))[:3]:
            print(f"  SI {period.from_month} → {period.to_month or 'now'} {period.months} months")


if __name__ == "__main__":
    main()
