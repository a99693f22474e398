"""Hypothesis strategies for every form (any content the XML layout must carry unchanged)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from vssdk.declarations import (
    D02LT,
    D03TS,
    D05TS,
    TK1TS,
    ContractType,
    D02Row,
    D03Row,
    D05Row,
    DatePrecision,
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

# Characters XML 1.0 can carry (no C0 controls except tab/newline/CR, no surrogates, no FFFE/FFFF),
# Vietnamese letters included; whitespace at the ends must survive too.
_xml_char = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    exclude_characters="\ufffe\uffff",
) | st.sampled_from("\t\n\r ")
text = st.text(_xml_char, max_size=20)
opt_text = st.none() | text
money = st.integers(min_value=0, max_value=10**12)
months = st.builds(Month, st.integers(2016, 2030), st.integers(1, 12))
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
opt_dates = st.none() | dates
digits = st.text("0123456789", min_size=0, max_size=14)

employers = st.builds(
    Employer,
    unit_code=text,
    name=text,
    agency_code=text,
    region=st.integers(0, 99),
    tax_code=opt_text,
)

d02_rows = st.builds(
    D02Row,
    full_name=text,
    plan=st.sampled_from(PlanCode),
    from_month=months,
    si_code=st.none() | digits,
    citizen_id=st.none() | digits,
    to_month=st.none() | months,
    position=opt_text,
    salary=st.none() | money,
    position_allowance=money,
    seniority_allowance=money,
    professional_seniority_allowance=money,
    salary_allowance=money,
    other_supplements=money,
    contract_type=st.none() | st.sampled_from(ContractType),
    region=st.none() | st.integers(0, 9),
    has_book=st.booleans(),
    charge_interest=st.booleans(),
    note=opt_text,
)
d02_forms = st.builds(
    D02LT,
    employer=employers,
    period=months,
    rows=st.lists(d02_rows, max_size=4).map(tuple),
    batch=st.integers(1, 99),
)

members = st.builds(
    HouseholdMember,
    full_name=text,
    relationship=st.sampled_from(Relationship),
    birth_date=dates,
    sex=st.sampled_from(WireSex),
    citizen_id=st.none() | digits,
    birth_date_precision=st.sampled_from(DatePrecision),
)
tk1_forms = st.builds(
    TK1TS,
    full_name=text,
    birth_date=dates,
    sex=st.sampled_from(WireSex),
    citizen_id=digits,
    declared_on=dates,
    birth_date_precision=st.sampled_from(DatePrecision),
    si_code=st.none() | digits,
    nationality=text,
    ethnicity=opt_text,
    birth_registration_place=opt_text,
    residence_address=opt_text,
    overseas_address=opt_text,
    phone=opt_text,
    change_request=opt_text,
    members=st.lists(members, max_size=3).map(tuple),
)

d03_rows = st.builds(
    D03Row,
    full_name=text,
    plan=st.sampled_from(VoluntaryPlanCode),
    birth_date=dates,
    sex=st.sampled_from(WireSex),
    si_code=st.none() | digits,
    citizen_id=st.none() | digits,
    card_from=opt_dates,
    card_to=opt_dates,
    funding_source=opt_text,
    note=opt_text,
)
d03_forms = st.builds(
    D03TS, employer=employers, period=months, rows=st.lists(d03_rows, max_size=3).map(tuple)
)

d05_rows = st.builds(
    D05Row,
    full_name=text,
    plan=st.sampled_from(VoluntaryPlanCode),
    from_month=months,
    si_code=st.none() | digits,
    citizen_id=st.none() | digits,
    monthly_income=st.none() | money,
    payment_mode=st.none() | st.sampled_from(PaymentMode),
    advance_years=st.none() | st.integers(0, 99),
    state_support=money,
    note=opt_text,
)
d05_forms = st.builds(
    D05TS, employer=employers, period=months, rows=st.lists(d05_rows, max_size=3).map(tuple)
)

registrations = st.builds(
    ETransactionRegistration,
    unit_code=text,
    name=text,
    tax_code=text,
    agency_code=text,
    contact_name=text,
    email=text,
    phone=text,
    certificate_serial=text,
    certificate_valid_from=dates,
    certificate_valid_to=dates,
    start_date=dates,
    kind=text,
    ivan_code=opt_text,
    address=opt_text,
)

any_form = d02_forms | tk1_forms | d03_forms | d05_forms | registrations
