"""Ministries: birth/death links citing certificates; the driving-licence renewal check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import vssdk
from tests.conftest import run
from vssdk import medical
from vssdk.errors import UnprocessableEntityError
from vssdk.procedures import (
    Claimant,
    DriverHealthResult,
    InvalidRecord,
    LinkedApplicationStatus,
    Newborn,
    Person,
    Residence,
    Sex,
)
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import aorganisation_client, organisation_client

MOTHER = Person(full_name="Trần Thị Bình", citizen_id="079190004321")
BIRTH_CERT = "GCS-79001-SBX-0001"
DEATH_NOTICE = "GBT-48010-SBX-0001"


@pytest.fixture
def justice(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(
        client, client_id="ministry-justice", scopes=["linked.birth", "linked.death"]
    )


@pytest.fixture
def transport(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(
        client, client_id="ministry-transport", scopes=["linked.driving_licence"]
    )


def _child(sandbox: Sandbox, name: str = "Nguyễn Gia Bảo", days_old: int = 10) -> Newborn:
    birth = sandbox.today() - dt.timedelta(days=days_old)
    digit = 2 * ((birth.year // 100) - 19)
    return Newborn(
        full_name=name,
        birth_date=birth,
        sex=Sex.MALE,
        citizen_id=f"079{digit}{birth.year % 100:02d}000123",
    )


def _birth(api: vssdk.Client, sandbox: Sandbox, **kw: Any) -> Any:
    return api.procedures.submit_birth(
        registration_number=kw.pop("number", "KS-MED-0001"),
        registered_on=sandbox.today(),
        child=kw.pop("child", None) or _child(sandbox),
        residence=Residence(province_code="79", address="12 Lê Lợi, TP HCM"),
        **{"mother": MOTHER, "birth_certificate_number": BIRTH_CERT, **kw},
    )


def _problem_paths(exc: UnprocessableEntityError) -> dict[str, str | None]:
    assert exc.problem is not None
    return {e.path: e.code for e in exc.problem.errors}


def test_a_birth_link_citing_the_certificate_is_accepted(
    justice: vssdk.Client, sandbox: Sandbox
) -> None:
    case = _birth(justice, sandbox)
    assert case.status is LinkedApplicationStatus.SUBMITTED
    stored = sandbox.store.get("linked_cases", case.id)
    assert stored is not None and stored["submission"]["birth_certificate_number"] == BIRTH_CERT


def test_the_name_may_differ_in_case_and_spacing_only(
    justice: vssdk.Client, sandbox: Sandbox
) -> None:
    assert _birth(justice, sandbox, child=_child(sandbox, "NGUYỄN  GIA BẢO")).id


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"child": "Nguyễn Gia Huy"}, "body.child.full_name"),
        ({"days_old": 9}, "body.child.birth_date"),
        (
            {"mother": Person(full_name="Trần Thị Bình", citizen_id="079190004322")},
            "body.mother.citizen_id",
        ),
        (
            {
                "mother": None,
                "father": Person(full_name="Nguyễn Văn An", citizen_id="079085001234"),
            },
            "body.mother.citizen_id",
        ),
    ],
)
def test_a_mismatch_is_a_422_naming_the_field(
    justice: vssdk.Client, sandbox: Sandbox, change: dict[str, Any], path: str
) -> None:
    kw: dict[str, Any] = {}
    if "child" in change or "days_old" in change:
        kw["child"] = _child(
            sandbox, change.get("child", "Nguyễn Gia Bảo"), change.get("days_old", 10)
        )
    for key in ("mother", "father"):
        if key in change:
            kw[key] = change[key]
    with pytest.raises(UnprocessableEntityError) as info:
        _birth(justice, sandbox, **kw)
    assert _problem_paths(info.value) == {path: "certificate.mismatch"}
    assert sandbox.store.count("linked_cases") == 0


def test_an_unknown_or_revoked_certificate_is_named(
    justice: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    with pytest.raises(UnprocessableEntityError) as info:
        _birth(justice, sandbox, birth_certificate_number="GCS-NOPE-1")
    assert _problem_paths(info.value) == {"body.birth_certificate_number": "certificate.not_found"}
    hospital = organisation_client(client, client_id="79001_BV", scopes=["medical.documents"])
    [cert] = hospital.medical.list("79001", document_number=BIRTH_CERT)
    hospital.medical.revoke("79001", cert.id, reason="ghi sai tên mẹ")
    with pytest.raises(UnprocessableEntityError) as info:
        _birth(justice, sandbox)
    assert _problem_paths(info.value) == {"body.birth_certificate_number": "certificate.revoked"}


def test_without_a_certificate_the_link_works_as_before(
    justice: vssdk.Client, sandbox: Sandbox
) -> None:
    case = _birth(
        justice, sandbox, birth_certificate_number=None, child=_child(sandbox, "Lê Văn Tí")
    )
    assert case.status is LinkedApplicationStatus.SUBMITTED


def test_the_sdk_checks_the_cited_number(justice: vssdk.Client, sandbox: Sandbox) -> None:
    with pytest.raises(InvalidRecord) as info:
        _birth(justice, sandbox, birth_certificate_number="số sai")
    assert info.value.argument == "birth_certificate_number"


def _death(api: vssdk.Client, sandbox: Sandbox, died: dt.date, number: str = DEATH_NOTICE) -> Any:
    return api.procedures.submit_death(
        registration_number="KT-MED-0001",
        registered_on=sandbox.today(),
        deceased=Person(full_name="Phạm Văn Dũng", citizen_id="048058002468"),
        date_of_death=died,
        claimant=Claimant(full_name="Phạm Thị Hoa", citizen_id="048085001111", relationship="con"),
        death_notice_number=number,
    )


def test_a_death_link_citing_the_notice(justice: vssdk.Client, sandbox: Sandbox) -> None:
    died = sandbox.today() - dt.timedelta(days=3)
    with pytest.raises(UnprocessableEntityError) as info:
        _death(justice, sandbox, died - dt.timedelta(days=1))
    assert _problem_paths(info.value) == {"body.date_of_death": "certificate.mismatch"}
    assert _death(justice, sandbox, died).type == "death"


def test_driving_licence_renewal_fit_not_fit_none_found(transport: vssdk.Client) -> None:
    fit = transport.procedures.check_driver_health(
        application_number="GPLX-1",
        citizen_id="079085001234",
        full_name="Nguyễn Văn An",
        licence_class="B",
    )
    assert fit.result is DriverHealthResult.FIT
    assert fit.certificate is not None and fit.certificate.document_number == "KSK-79001-SBX-0001"
    assert fit.certificate.facility_name == "Bệnh viện Đa khoa Sandbox TP Hồ Chí Minh"
    heavier = transport.procedures.check_driver_health(
        application_number="GPLX-2",
        citizen_id="079085001234",
        full_name="Nguyễn Văn An",
        licence_class="C",
    )
    assert heavier.result is DriverHealthResult.NONE_FOUND  # group 3 needs its own exam
    motorbike = transport.procedures.check_driver_health(
        application_number="GPLX-3",
        citizen_id="079085001234",
        full_name="Nguyễn Văn An",
        licence_class="A",
    )
    assert motorbike.result is DriverHealthResult.FIT  # A and B share health group 2
    light = transport.procedures.check_driver_health(
        application_number="GPLX-3b",
        citizen_id="079085001234",
        full_name="Nguyễn Văn An",
        licence_class="A1",
    )
    assert light.result is DriverHealthResult.NONE_FOUND and light.certificate is None
    unfit = transport.procedures.check_driver_health(
        application_number="GPLX-4",
        citizen_id="001092013579",
        full_name="Hoàng Văn Em",
        licence_class="B",
    )
    assert unfit.result is DriverHealthResult.NOT_FIT and "not fit" in unfit.reason


def test_an_expired_certificate_does_not_count(
    transport: vssdk.Client, client: vssdk.Client, sandbox: Sandbox
) -> None:
    today = sandbox.today()
    hospital = organisation_client(client, client_id="79001_BV", scopes=["medical.documents"])
    hospital.medical.submit(
        "79001",
        medical.driver_health_certificate(
            number="KSK-OLD-1", issued_on=today - dt.timedelta(days=400),
            driver=medical.MedicalPatient(full_name="Lê Thị Cúc", citizen_id="001178009876"),
            licence_class="B", examined_on=today - dt.timedelta(days=400), fit=True,
            valid_until=today - dt.timedelta(days=40), signed_by="BS",
        ),
    )  # fmt: skip
    found = transport.procedures.check_driver_health(
        application_number="GPLX-5",
        citizen_id="001178009876",
        full_name="Lê Thị Cúc",
        licence_class="B",
    )
    assert found.result is DriverHealthResult.NONE_FOUND and "only expired" in found.reason


def test_driving_check_validates_and_runs_async(make_aclient: Any, transport: vssdk.Client) -> None:
    with pytest.raises(InvalidRecord) as info:
        transport.procedures.check_driver_health(
            application_number="GPLX-6", citizen_id="079085001234", full_name="A", licence_class="Z"
        )
    assert info.value.argument == "licence_class"

    async def go() -> str:
        async with make_aclient() as base:
            api = await aorganisation_client(
                base, client_id="ministry-transport", scopes=["linked.driving_licence"]
            )
            found = await api.procedures.check_driver_health(
                application_number="GPLX-7",
                citizen_id="079085001234",
                full_name="Nguyễn Văn An",
                licence_class="B",
            )
            return str(found.result)

    assert run(go()) == "fit"
