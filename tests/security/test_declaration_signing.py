"""F2, F3, F18: a unit's registered signing certificate is its certificate, not its serial.

After a DK-GD registers certificate A for a unit, nothing signed with another key is accepted:
not a self-made certificate copying A's (public) serial number, not a change or stop of the
registration filed by someone else, not after A's own validity ends (whatever dates the DK-GD
declares), and never with an RSA key under 2048 bits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

import vssdk
from tests.declarations import _factories as f
from vssdk.declarations import D02LT, Dossier, Employer, Month, SigningKey
from vssdk.declarations.models import DossierStatus
from vssdk.errors import UnprocessableEntityError
from vssdk_sandbox.app import Sandbox
from vssdk_sandbox.testing import organisation_client

UNIT = "SBX001A"
SBX = Employer(unit_code=UNIT, name="Công ty TNHH Phần mềm Sandbox", agency_code="07906", region=1)


def _key(
    label: str,
    *,
    serial: int | None = None,
    bits: int = 2048,
    not_before: dt.datetime = dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    days: int = 3 * 365,
) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, label)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + dt.timedelta(days=days))
        .sign(private, hashes.SHA256())
    )
    if bits >= 2048:
        return SigningKey(private, cert)
    weak = object.__new__(SigningKey)  # SigningKey refuses to sign with it; an attacker would not
    for field, value in (("private_key", private), ("certificate", cert), ("chain", ())):
        object.__setattr__(weak, field, value)
    return weak


@pytest.fixture
def vendor(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(client, client_id="ivan-sbx-basic")


@pytest.fixture
def other_vendor(client: vssdk.Client) -> vssdk.Client:
    return organisation_client(client, client_id="ivan-sbx-basic")


def _clock(vendor: vssdk.Client) -> Callable[[float], None]:
    def sleep(seconds: float) -> None:
        vendor.sandbox.advance_clock(seconds=int(seconds))

    return sleep


def _d02(sandbox: Sandbox, key: SigningKey, rows: int = 1) -> Dossier:
    period = Month.of(sandbox.today())
    form = D02LT(
        employer=SBX,
        period=period,
        rows=tuple(f.d02_row(i + 1, from_month=period) for i in range(rows)),
    )
    return Dossier.prepare(form, key=key)


def _registration(sandbox: Sandbox, key: SigningKey, declares: SigningKey, **kw: Any) -> Dossier:
    form = f.registration(
        unit_code=UNIT,
        certificate_serial=format(declares.certificate.serial_number, "X"),
        certificate_valid_from=dt.date(2026, 1, 1),
        certificate_valid_to=dt.date(2028, 12, 31),
        start_date=sandbox.today(),
        **kw,
    )
    return Dossier.prepare(form, key=key, period=Month.of(sandbox.today()))


def _register(vendor: vssdk.Client, dossier: Dossier) -> DossierStatus:
    submitted = vendor.declarations.submit(dossier)
    final = vendor.declarations.wait(UNIT, submitted.id, interval=3600, sleep=_clock(vendor))
    return final.status


def _refused_code(vendor: vssdk.Client, dossier: Dossier) -> str:
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.submit(dossier)
    return str(info.value.errors[0].code)


@pytest.fixture
def key_a() -> SigningKey:
    return f.shared_key("a")


def test_copied_serial_number_does_not_make_a_registered_certificate(
    vendor: vssdk.Client, sandbox: Sandbox, key_a: SigningKey
) -> None:
    assert _register(vendor, _registration(sandbox, key_a, key_a)) is DossierStatus.ACCEPTED
    forged = _key("attacker copying the serial", serial=key_a.certificate.serial_number)
    code = _refused_code(vendor, _d02(sandbox, forged))
    assert code == "signature.unregistered_certificate"
    assert vendor.declarations.submit(_d02(sandbox, key_a, rows=2)).id


def test_change_of_registered_certificate_needs_the_registered_certificate(
    vendor: vssdk.Client, other_vendor: vssdk.Client, sandbox: Sandbox, key_a: SigningKey
) -> None:
    assert _register(vendor, _registration(sandbox, key_a, key_a)) is DossierStatus.ACCEPTED
    key_d = _key("another vendor's key")
    takeover = _registration(sandbox, key_d, key_d, kind="2")
    assert _refused_code(other_vendor, takeover) == "signature.unregistered_certificate"
    # the unit's certificate still signs, the attacker's does not
    assert vendor.declarations.submit(_d02(sandbox, key_a, rows=2)).id
    assert _refused_code(other_vendor, _d02(sandbox, key_d, rows=3)) == (
        "signature.unregistered_certificate"
    )


def test_legitimate_change_carries_both_the_old_and_the_new_signature(
    vendor: vssdk.Client, sandbox: Sandbox, key_a: SigningKey
) -> None:
    assert _register(vendor, _registration(sandbox, key_a, key_a)) is DossierStatus.ACCEPTED
    key_b = _key("renewed certificate")
    by_old = _registration(sandbox, key_a, key_b, kind="2")
    by_new = _registration(sandbox, key_b, key_b, kind="2")
    change = attrs.evolve(by_new, files=by_old.files + by_new.files)
    assert _register(vendor, change) is DossierStatus.ACCEPTED
    assert vendor.declarations.submit(_d02(sandbox, key_b, rows=2)).id
    assert _refused_code(vendor, _d02(sandbox, key_a, rows=3)) == (
        "signature.unregistered_certificate"
    )


def test_stop_of_registration_needs_the_registered_certificate(
    vendor: vssdk.Client, other_vendor: vssdk.Client, sandbox: Sandbox, key_a: SigningKey
) -> None:
    assert _register(vendor, _registration(sandbox, key_a, key_a)) is DossierStatus.ACCEPTED
    stranger = _key("stranger")
    stop = _registration(sandbox, stranger, key_a, kind="3")
    assert _refused_code(other_vendor, stop) == "signature.unregistered_certificate"
    assert _refused_code(other_vendor, _d02(sandbox, stranger)) == (
        "signature.unregistered_certificate"
    )


def test_registered_validity_comes_from_the_certificate_not_the_declared_dates(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    # signxml checks a certificate against the real clock, the sandbox against its own: the
    # certificate is valid now and ends tomorrow (real time); its DK-GD declares it to 2028.
    now = dt.datetime.now(dt.UTC)
    short = _key("short-lived certificate", not_before=now - dt.timedelta(days=30), days=31)
    assert _register(vendor, _registration(sandbox, short, short)) is DossierStatus.ACCEPTED
    ends = short.certificate.not_valid_after_utc.date()
    vendor.sandbox.advance_clock(seconds=(max(0, (ends - sandbox.today()).days) + 10) * 86400)
    assert _refused_code(vendor, _d02(sandbox, short)) == "signature.certificate_expired"


def test_rsa_key_under_2048_bits_is_refused_on_verification(
    vendor: vssdk.Client, sandbox: Sandbox
) -> None:
    from vssdk.declarations import sign_form

    weak = _key("weak 1024-bit signer", bits=1024)
    period = Month.of(sandbox.today())
    form = D02LT(employer=SBX, period=period, rows=(f.d02_row(1, from_month=period),))
    good = Dossier.prepare(form, key=f.shared_key("a"))
    signed = attrs.evolve(good.files[0], content=sign_form(form, weak))
    assert _refused_code(vendor, attrs.evolve(good, files=(signed,))) == "signature.invalid"


# --- F25 and F13: what a dossier may declare ---------------------------------------------------


def test_declaration_period_far_in_the_future_is_refused(
    vendor: vssdk.Client, sandbox: Sandbox, key_a: SigningKey
) -> None:
    far = Month(9999, 12)
    form = D02LT(employer=SBX, period=far, rows=(f.d02_row(1, from_month=far),))
    with pytest.raises(UnprocessableEntityError) as info:
        vendor.declarations.submit(Dossier.prepare(form, key=key_a))
    assert info.value.errors[0].path == "body.period"
    soon = Month.of(sandbox.today()).add(1)
    form = D02LT(employer=SBX, period=soon, rows=(f.d02_row(1, from_month=soon),))
    assert vendor.declarations.submit(Dossier.prepare(form, key=key_a)).id


def test_salary_with_5000_digits_is_unreadable_not_a_500(
    vendor: vssdk.Client, sandbox: Sandbox, key_a: SigningKey
) -> None:
    from vssdk.declarations import form_to_xml, sign_xml

    period = Month.of(sandbox.today())
    form = D02LT(employer=SBX, period=period, rows=(f.d02_row(1, from_month=period),))
    good = Dossier.prepare(form, key=key_a)
    xml = form_to_xml(form).replace(b">10000000<", b">" + b"9" * 5000 + b"<", 1)
    assert b"9" * 5000 in xml
    signed = attrs.evolve(good.files[0], content=sign_xml(xml, key_a))
    assert _refused_code(vendor, attrs.evolve(good, files=(signed,))) == "file.unreadable"
