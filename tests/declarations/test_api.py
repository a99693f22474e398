"""client.declarations end to end against the sandbox: submit, lifecycle, notice, errors."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import vssdk
from tests.conftest import run
from tests.declarations import _factories as f
from vssdk.declarations import (
    D02LT,
    DeclarationInvalid,
    Dossier,
    DossierWaitTimeout,
    Employer,
    Month,
    PlanCode,
    SignedFile,
)
from vssdk.declarations.models import DossierStatus
from vssdk.errors import (
    AuthenticationError,
    InvalidArgument,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import aorganisation_client, organisation_client

UNIT = "SBX001A"
SBX = Employer(unit_code=UNIT, name="Công ty TNHH Phần mềm Sandbox", agency_code="07906", region=1)


@pytest.fixture
def vendor(client: vssdk.Client) -> vssdk.Client:
    # client_secret: a private_key_jwt assertion is stamped with real time and the sandbox clock
    # is advanced here (see the report)
    return organisation_client(client, client_id="ivan-sbx-basic")


def _d02(period: Month, rows: int = 3, **row_changes: Any) -> D02LT:
    return D02LT(
        employer=SBX,
        period=period,
        rows=tuple(f.d02_row(i, from_month=period, **row_changes) for i in range(1, rows + 1)),
    )


def _period(sandbox: Sandbox) -> Month:
    return Month.of(sandbox.today())


def _clock(vendor: vssdk.Client) -> Callable[[float], None]:
    def sleep(seconds: float) -> None:
        vendor.sandbox.advance_clock(seconds=int(seconds))

    return sleep


def _unchecked(form: D02LT, key: Any) -> Dossier:
    """A dossier that skips the local check (to see the sandbox's own rule check)."""
    from vssdk.declarations import sign_form

    return Dossier(UNIT, "600", form.period, (SignedFile("D02-LT", sign_form(form, key)),))


def test_employer_profile(vendor: vssdk.Client) -> None:
    profile = vendor.declarations.employer("sbx001a")
    assert profile.unit_code == UNIT
    assert profile.region == 1
    assert profile.agency_code == "07906"
    with pytest.raises(NotFoundError):
        vendor.declarations.employer("NOPE999")


def test_submit_follow_to_acceptance_and_read_the_notice(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    period = _period(sandbox)
    dossier = Dossier.prepare(_d02(period), key=f.shared_key("a"))
    submitted = vendor.declarations.submit(dossier)
    assert submitted.status is DossierStatus.SUBMITTED
    assert submitted.unit_code == UNIT
    assert submitted.period == str(period)
    assert submitted.files[0].rows == 3
    assert submitted.files[0].signer_fingerprint == f.shared_key("a").fingerprint
    assert submitted.dossier_number is None

    vendor.sandbox.advance_clock(minutes=5)
    received = vendor.declarations.get(UNIT, submitted.id)
    assert received.status is DossierStatus.RECEIVED
    assert received.dossier_number is not None
    assert received.dossier_number.endswith(f"/{sandbox.today().year}/07906")
    assert received.appointment_date is not None

    vendor.sandbox.advance_clock(hours=1)
    assert vendor.declarations.get(UNIT, submitted.id).status is DossierStatus.PROCESSING

    final = vendor.declarations.wait(UNIT, submitted.id, interval=1800, sleep=_clock(vendor))
    assert final.status is DossierStatus.ACCEPTED
    assert [c.status for c in final.status_history] == [
        DossierStatus.SUBMITTED,
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.ACCEPTED,
    ]
    assert final.errors == ()
    assert final.documents[0].kind == "contribution_notice"

    notice = vendor.declarations.contribution_notice(UNIT, submitted.id)
    assert notice.employees == 3
    assert notice.total == 3 * 3_200_000
    assert notice.employee_total == 3 * 1_050_000
    assert sum(line.total for line in notice.funds) == notice.total


def test_rule_violations_reject_the_dossier_with_reasons_per_row(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    period = _period(sandbox)
    form = _d02(period)
    form = attrs.evolve(
        form,
        rows=(form.rows[0], attrs.evolve(form.rows[1], salary=1_000_000), form.rows[2]),
    )
    with pytest.raises(DeclarationInvalid):
        Dossier.prepare(form, key=f.shared_key("a"))  # caught locally first
    submitted = vendor.declarations.submit(_unchecked(form, f.shared_key("a")))
    final = vendor.declarations.wait(UNIT, submitted.id, interval=3600, sleep=_clock(vendor))
    assert final.status is DossierStatus.REJECTED
    assert [(e.form_code, e.row, e.field, e.rule) for e in final.errors] == [
        ("D02-LT", 2, "salary", "salary.below_minimum")
    ]
    assert final.documents == ()
    with pytest.raises(NotFoundError):
        vendor.declarations.contribution_notice(UNIT, submitted.id)


def test_tampered_file_is_refused_at_submission(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    dossier = Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
    content = dossier.files[0].content.replace(b"10000000", b"10000001", 1)
    tampered = attrs.evolve(dossier, files=(SignedFile("D02-LT", content),))
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.submit(tampered)
    assert info.value.errors[0].code == "signature.invalid"
    assert info.value.errors[0].path == "body.files[0].content_base64"
    assert list(vendor.declarations.list(UNIT)) == []


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<ToKhai/>", "signature.invalid"),
        (b"<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "file.unreadable"),
    ],
)
def test_unsigned_or_unsafe_files_are_refused(
    vendor: vssdk.Client, sandbox: Sandbox, content: bytes, code: str
) -> None:
    dossier = Dossier(UNIT, "600", _period(sandbox), (SignedFile("D02-LT", content),))
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.submit(dossier)
    assert info.value.errors[0].code == code


def test_file_for_another_unit_or_period_or_form_is_refused(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    period = _period(sandbox)
    key = f.shared_key("a")
    other_unit = attrs.evolve(_d02(period), employer=attrs.evolve(SBX, unit_code="SBX002B"))
    cases = [
        (
            Dossier(UNIT, "600", period, (SignedFile("D02-LT", _sign(other_unit, key)),)),
            "file.unit",
        ),
        (
            Dossier(UNIT, "600", period.add(-1), (SignedFile("D02-LT", _sign(_d02(period), key)),)),
            "file.period",
        ),
        (
            Dossier(UNIT, "600", period, (SignedFile("D05-TS", _sign(_d02(period), key)),)),
            "file.form_code",
        ),
    ]
    for dossier, code in cases:
        with pytest.raises(UnprocessableEntityError) as info:
            vendor.declarations.submit(dossier)
        assert info.value.errors[0].code == code


def _sign(form: D02LT, key: Any) -> bytes:
    from vssdk.declarations import sign_form

    return sign_form(form, key)


def test_retried_submission_creates_one_dossier(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    dossier = Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
    first = vendor.declarations.submit(dossier, idempotency_key="ivan-run-0001")
    again = vendor.declarations.submit(dossier, idempotency_key="ivan-run-0001")
    assert again.id == first.id
    # a resend without the key (a crashed vendor process) is recognised by its content
    resent = vendor.declarations.submit(dossier)
    assert resent.id == first.id
    assert [d.id for d in vendor.declarations.list(UNIT)] == [first.id]


def test_list_filters_by_status_and_period(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    period = _period(sandbox)
    one = vendor.declarations.submit(Dossier.prepare(_d02(period, rows=1), key=f.shared_key("a")))
    two = vendor.declarations.submit(Dossier.prepare(_d02(period, rows=2), key=f.shared_key("a")))
    assert [d.id for d in vendor.declarations.list(UNIT, limit=1)] == [one.id, two.id]
    assert [d.id for d in vendor.declarations.list(UNIT, status="submitted")] == [one.id, two.id]
    assert list(vendor.declarations.list(UNIT, status=DossierStatus.ACCEPTED)) == []
    assert list(vendor.declarations.list(UNIT, period=period.add(-1))) == []
    with pytest.raises(InvalidArgument):
        vendor.declarations.list(UNIT, status="done")


def test_other_vendor_cannot_see_the_dossier(client: vssdk.Client, sandbox: Sandbox) -> None:
    vendor = organisation_client(client, client_id="ivan-sbx")
    other = organisation_client(client, client_id="ivan-sbx-basic")
    submitted = vendor.declarations.submit(
        Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
    )
    with pytest.raises(NotFoundError):
        other.declarations.get(UNIT, submitted.id)
    assert list(other.declarations.list(UNIT)) == []


def test_credentials_and_scope_are_required(client: vssdk.Client) -> None:
    with pytest.raises(AuthenticationError):
        client.declarations.employer(UNIT)
    hospital = organisation_client(client, client_id="01001_BV", scopes=["hi.card_check"])
    with pytest.raises(PermissionDeniedError):
        hospital.declarations.employer(UNIT)


def test_wait_times_out_with_the_last_status(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    submitted = vendor.declarations.submit(
        Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
    )
    slept: list[float] = []
    with pytest.raises(DossierWaitTimeout) as info:
        vendor.declarations.wait(UNIT, submitted.id, interval=10, timeout=30, sleep=slept.append)
    assert slept == [10, 10, 10]
    assert info.value.dossier.status is DossierStatus.SUBMITTED  # type: ignore[attr-defined]
    with pytest.raises(InvalidArgument):
        vendor.declarations.wait(UNIT, submitted.id, interval=0)


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.declarations.employer("x"), "unit_code"),
        (lambda c: c.declarations.get(UNIT, "../etc"), "dossier_id"),
        (lambda c: c.declarations.submit(b"<ToKhai/>"), "dossier"),
        (lambda c: c.declarations.list(UNIT, period="2026-11"), "period"),
    ],
)
def test_bad_arguments_raise_before_sending(
    vendor: vssdk.Client, call: Callable[[vssdk.Client], Any], argument: str
) -> None:
    with pytest.raises(InvalidArgument) as info:
        call(vendor)
    assert info.value.argument == argument


def test_prepare_checks_unit_period_and_forms() -> None:
    key = f.shared_key("a")
    with pytest.raises(InvalidArgument, match="at least one"):
        Dossier.prepare(key=key)
    with pytest.raises(InvalidArgument) as info:
        Dossier.prepare(f.tk1(), key=key)
    assert info.value.argument == "unit_code"
    with pytest.raises(InvalidArgument) as info:
        Dossier.prepare(f.tk1(), key=key, unit_code=UNIT)
    assert info.value.argument == "period"
    other = attrs.evolve(f.d02(), employer=attrs.evolve(f.EMPLOYER, unit_code="OTHER01"))
    with pytest.raises(InvalidArgument, match="for unit"):
        Dossier.prepare(f.d02(), other, key=key)
    with pytest.raises(InvalidArgument, match="for 12/2026"):
        Dossier.prepare(f.d02(), f.d02(period=f.PERIOD.add(1)), key=key)
    both = Dossier.prepare(f.d02(), f.tk1(), key=key)
    assert [x.form_code for x in both.files] == ["D02-LT", "TK1-TS"]
    assert (both.unit_code, both.procedure_code, both.period) == ("TZH490L", "600", f.PERIOD)
    assert "bytes>" in repr(both.files[0])


def test_submitted_body_carries_base64_of_the_signed_file(sandbox: Sandbox) -> None:
    from vssdk.declarations import _operations as ops

    dossier = Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
    call = ops.submit.builder(dossier)
    assert call.path_params == {"unit_code": UNIT}
    assert base64.b64decode(call.body.files[0].content_base64) == dossier.files[0].content


def test_async_client_follows_a_dossier(make_aclient: Any, sandbox: Sandbox) -> None:
    async def scenario() -> tuple[DossierStatus, int]:
        async with make_aclient() as aclient:
            vendor = await aorganisation_client(aclient, client_id="ivan-sbx-basic")
            profile = await vendor.declarations.employer(UNIT)
            dossier = Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
            submitted = await vendor.declarations.submit(dossier)

            async def sleep(seconds: float) -> None:
                await vendor.sandbox.advance_clock(seconds=int(seconds))

            final = await vendor.declarations.wait(UNIT, submitted.id, interval=3600, sleep=sleep)
            notice = await vendor.declarations.contribution_notice(UNIT, submitted.id)
            page = await vendor.declarations.list(UNIT)
            assert [d.id async for d in page] == [submitted.id]
            assert (await vendor.declarations.get(UNIT, submitted.id)).id == submitted.id
            assert profile.region == 1
            return final.status, notice.total

    assert run(scenario()) == (DossierStatus.ACCEPTED, 3 * 3_200_000)


def test_lifecycle_events_go_to_the_vendor(vendor: vssdk.Client, sandbox: Sandbox) -> None:
    submitted = vendor.declarations.submit(
        Dossier.prepare(_d02(_period(sandbox)), key=f.shared_key("a"))
    )
    vendor.sandbox.advance_clock(hours=6)
    events = [e for e in sandbox.store.find("events") if e["data"].get("dossier_id")]
    assert [(e["type"], e["data"]["status"]) for e in events] == [
        ("dossier.received", "received"),
        ("dossier.completed", "accepted"),
    ]
    assert {e["owner"] for e in events} == {"ivan-sbx-basic"}
    assert all(e["data"]["dossier_id"] == submitted.id for e in events)


def test_sandbox_checks_decreases_and_adjustments_against_its_register(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    period = _period(sandbox)
    form = D02LT(
        employer=SBX,
        period=period,
        rows=(
            # a participant of SBX001A, as registered: fine
            f.d02_row(
                1,
                full_name="Nguyễn Văn An",
                si_code="7901234567",
                plan=PlanCode.GH,
                salary=None,
                from_month=period,
            ),
            # nobody BHXH knows at this unit
            f.d02_row(2, si_code="7999999999", plan=PlanCode.DC, from_month=period),
            # the right SI code under another name
            f.d02_row(
                3,
                full_name="Trần Thị Bính",
                si_code="7901234568",
                plan=PlanCode.DC,
                from_month=period,
            ),
            # new participants are not looked up
            f.d02_row(4, from_month=period),
        ),
    )
    submitted = vendor.declarations.submit(Dossier.prepare(form, key=f.shared_key("a")))
    final = vendor.declarations.wait(UNIT, submitted.id, interval=3600, sleep=_clock(vendor))
    assert final.status is DossierStatus.REJECTED
    assert [(e.row, e.field, e.rule) for e in final.errors] == [
        (2, "si_code", "register.not_participant"),
        (3, "full_name", "register.name_mismatch"),
    ]
    assert "7999999999" not in final.errors[0].message


def test_name_match_ignores_case_spacing_and_unicode_form(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    import unicodedata

    period = _period(sandbox)
    name = unicodedata.normalize("NFD", "  NGUYỄN   văn an ")
    form = D02LT(
        employer=SBX,
        period=period,
        rows=(
            f.d02_row(1, full_name=name, si_code="7901234567", plan=PlanCode.DC, from_month=period),
        ),
    )
    submitted = vendor.declarations.submit(Dossier.prepare(form, key=f.shared_key("a")))
    final = vendor.declarations.wait(UNIT, submitted.id, interval=3600, sleep=_clock(vendor))
    assert final.status is DossierStatus.ACCEPTED


def test_file_that_is_not_base64_is_refused(
    vendor: vssdk.Client, sandbox_app: Any, sandbox: Sandbox
) -> None:
    from tests.conftest import IN_PROCESS_URL, InProcessHTTP

    assert vendor.auth is not None and vendor.auth.tokens is not None
    http = InProcessHTTP(sandbox_app, base_url=IN_PROCESS_URL)
    reply = http.post(
        f"/employers/{UNIT}/dossiers",
        json={
            "procedure_code": "600",
            "period": str(_period(sandbox)),
            "files": [{"form_code": "D02-LT", "content_base64": "abc"}],
        },
        headers={"Authorization": f"Bearer {vendor.auth.tokens.access_token}"},
    )
    http.close()
    assert reply.status_code == 422
    assert reply.json()["errors"][0]["code"] == "file.encoding"


def _registration_dossier(sandbox: Sandbox, key: Any, **changes: Any) -> Dossier:
    today = sandbox.today()
    form = f.registration(
        unit_code=UNIT,
        certificate_serial=format(key.certificate.serial_number, "X"),
        certificate_valid_from=dt.date(2026, 1, 1),
        certificate_valid_to=dt.date(2028, 12, 31),
        start_date=today,
        **changes,
    )
    return Dossier.prepare(form, key=key, period=Month.of(today))


def test_registered_certificate_is_the_only_one_accepted_afterwards(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    key_a, key_b = f.shared_key("a"), f.shared_key("b")
    period = _period(sandbox)
    # before any registration, any certificate signs
    assert vendor.declarations.submit(Dossier.prepare(_d02(period, rows=1), key=key_b)).id
    registered = vendor.declarations.submit(_registration_dossier(sandbox, key_a))
    final = vendor.declarations.wait(UNIT, registered.id, interval=3600, sleep=_clock(vendor))
    assert final.status is DossierStatus.ACCEPTED
    assert final.files[0].form_code == "DK-GD"

    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.submit(Dossier.prepare(_d02(period, rows=2), key=key_b))
    assert info.value.errors[0].code == "signature.unregistered_certificate"
    ok = vendor.declarations.submit(Dossier.prepare(_d02(period, rows=2), key=key_a))
    assert ok.status is DossierStatus.SUBMITTED

    # stopping e-transactions removes the registration
    stop = vendor.declarations.submit(_registration_dossier(sandbox, key_a, kind="3"))
    vendor.declarations.wait(UNIT, stop.id, interval=3600, sleep=_clock(vendor))
    assert vendor.declarations.submit(Dossier.prepare(_d02(period, rows=3), key=key_b)).id


def test_registration_signed_with_another_certificate_is_rejected(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    from vssdk.declarations import form_from_xml

    dossier = _registration_dossier(sandbox, f.shared_key("a"))  # declares certificate a

    form = form_from_xml(dossier.files[0].content)
    resigned = Dossier.prepare(form, key=f.shared_key("b"), period=dossier.period)
    submitted = vendor.declarations.submit(resigned)
    final = vendor.declarations.wait(UNIT, submitted.id, interval=3600, sleep=_clock(vendor))
    assert final.status is DossierStatus.REJECTED
    assert [e.rule for e in final.errors] == ["registration.certificate_mismatch"]
