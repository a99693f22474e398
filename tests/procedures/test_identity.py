"""With real client credentials from the identity area: scopes decide what a ministry may send."""

from __future__ import annotations

import datetime as dt

import pytest

import vssdk
from vssdk.errors import PermissionDeniedError
from vssdk.procedures import Newborn, Person, Residence, Sex
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import organisation_client

PERSON = Person(full_name="Hoàng Văn Em", citizen_id="001092013579")


def test_ministry_of_justice_may_send_births_not_unemployment(
    client: vssdk.Client, sandbox: Sandbox
) -> None:
    justice = organisation_client(client, client_id="ministry-justice")
    birth = sandbox.today() - dt.timedelta(days=2)
    case = justice.procedures.submit_birth(
        registration_number="KS-ID-1",
        registered_on=sandbox.today(),
        child=Newborn(
            full_name="Bé Ba",
            birth_date=birth,
            sex=Sex.MALE,
            citizen_id=f"0012{birth.year % 100:02d}000999",
        ),
        residence=Residence(province_code="01", address="Hà Nội"),
        father=Person(full_name="Nguyễn Văn An", citizen_id="079085001234"),
    )
    assert justice.procedures.get(case.id).record_number == "KS-ID-1"
    with pytest.raises(PermissionDeniedError):
        justice.procedures.submit_unemployment(
            decision_number="QD-1",
            decided_on=sandbox.today(),
            issued_by="x",
            person=PERSON,
            monthly_amount=5_000_000,
            months=3,
            start_date=sandbox.today(),
        )
    labour = organisation_client(client, client_id="employment-service")
    decision = labour.procedures.submit_unemployment(
        decision_number="QD-1",
        decided_on=sandbox.today(),
        issued_by="Trung tâm Dịch vụ việc làm",
        person=PERSON,
        monthly_amount=5_000_000,
        months=3,
        start_date=sandbox.today(),
    )
    assert [c.id for c in labour.procedures.list()] == [decision.id]
    assert [c.id for c in justice.procedures.list()] == [case.id]
