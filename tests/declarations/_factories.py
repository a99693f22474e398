"""Builders of valid forms and throw-away RSA keys/certificates for the declarations tests."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from vssdk.declarations import (
    D02LT,
    D03TS,
    D05TS,
    TK1TS,
    D02Row,
    D03Row,
    D05Row,
    Employer,
    ETransactionRegistration,
    HouseholdMember,
    Month,
    PaymentMode,
    PlanCode,
    Relationship,
    VoluntaryPlanCode,
    WireSex,
)
from vssdk.declarations.signing import SigningKey

PERIOD = Month(2026, 11)
EMPLOYER = Employer(
    unit_code="TZH490L",
    name="Công ty TNHH Sen Vàng",
    agency_code="07906",
    region=1,
    tax_code="0312345678",
)


def si_code(n: int) -> str:
    """A well-formed 10-digit SI code, distinct for each n."""
    return f"79{n:08d}"


def citizen_id(n: int) -> str:
    """A well-formed 12-digit citizen ID (Hà Nội, 20th-century male), distinct for each n."""
    return f"0010{90 + n % 10}{n:06d}"[:12]


def d02_row(n: int = 1, **changes: Any) -> D02Row:
    """A valid new-participant row (TM) for the period, 10,000,000 VND."""
    row = D02Row(
        full_name=f"Nguyễn Văn {n}",
        si_code=si_code(n),
        citizen_id=None,
        plan=PlanCode.TM,
        from_month=PERIOD,
        position="Kỹ sư",
        salary=10_000_000,
    )
    return attrs.evolve(row, **changes)


def d02(rows: int = 3, **changes: Any) -> D02LT:
    """A valid D02-LT with ``rows`` new participants."""
    form = D02LT(
        employer=EMPLOYER, period=PERIOD, rows=tuple(d02_row(i) for i in range(1, rows + 1))
    )
    return attrs.evolve(form, **changes)


def tk1(**changes: Any) -> TK1TS:
    """A valid TK1-TS with one household member."""
    form = TK1TS(
        full_name="Trần Thị Bình",
        birth_date=dt.date(1990, 5, 17),
        sex=WireSex.FEMALE,
        citizen_id="001190012345",
        declared_on=dt.date(2026, 11, 2),
        si_code="7912345678",
        phone="0912345678",
        members=(
            HouseholdMember(
                full_name="Trần Văn Cường",
                relationship=Relationship.HEAD,
                birth_date=dt.date(1960, 1, 1),
                sex=WireSex.MALE,
                citizen_id="001060012345",
            ),
        ),
    )
    return attrs.evolve(form, **changes)


def d03_row(n: int = 1, **changes: Any) -> D03Row:
    row = D03Row(
        full_name=f"Lê Văn {n}",
        plan=VoluntaryPlanCode.TM,
        birth_date=dt.date(2008, 3, 4),
        sex=WireSex.MALE,
        si_code=si_code(n),
        card_from=dt.date(2026, 12, 1),
        card_to=dt.date(2027, 11, 30),
        funding_source="HSSV",
    )
    return attrs.evolve(row, **changes)


def d03(**changes: Any) -> D03TS:
    form = D03TS(employer=EMPLOYER, period=PERIOD, rows=(d03_row(1), d03_row(2)))
    return attrs.evolve(form, **changes)


def d05_row(n: int = 1, **changes: Any) -> D05Row:
    row = D05Row(
        full_name=f"Phạm Thị {n}",
        plan=VoluntaryPlanCode.TM,
        from_month=PERIOD,
        si_code=si_code(n),
        monthly_income=5_000_000,
        payment_mode=PaymentMode.QUARTERLY,
    )
    return attrs.evolve(row, **changes)


def d05(**changes: Any) -> D05TS:
    form = D05TS(employer=EMPLOYER, period=PERIOD, rows=(d05_row(1), d05_row(2)))
    return attrs.evolve(form, **changes)


def registration(**changes: Any) -> ETransactionRegistration:
    form = ETransactionRegistration(
        unit_code="TZH490L",
        name="Công ty TNHH Sen Vàng",
        tax_code="0312345678",
        agency_code="07906",
        contact_name="Đỗ Minh",
        email="ketoan@senvang.vn",
        phone="0281234567",
        certificate_serial="540101A1B2C3",
        certificate_valid_from=dt.date(2026, 1, 1),
        certificate_valid_to=dt.date(2028, 12, 31),
        start_date=dt.date(2026, 12, 1),
        ivan_code="IVAN01",
    )
    return attrs.evolve(form, **changes)


def make_key(common_name: str = "Sen Vang Co Ltd", bits: int = 2048) -> SigningKey:
    """A fresh RSA key and a self-signed certificate (never stored on disk)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=3 * 365))
        .sign(key, hashes.SHA256())
    )
    return SigningKey(key, cert)


@functools.cache
def shared_key(label: str = "a") -> SigningKey:
    """A key generated once per test session per label (RSA generation is slow-ish)."""
    return make_key(f"Test signer {label}")
