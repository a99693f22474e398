"""vssdk.declarations: employer declarations filed by I-VAN vendors.

Typed forms (:class:`D02LT`, :class:`TK1TS`, :class:`TK3TS`, :class:`D03TS`, :class:`D05TS`,
:class:`ETransactionRegistration`), BHXH's validation rules reporting every violation
(:func:`validate`, :func:`check`), the monthly contributions of a D02-LT (:func:`contributions`),
the XML file (:func:`form_to_xml`, :func:`form_from_xml`) and its XMLDSig signature
(:func:`sign_form`, :func:`verify_xml`, :func:`load_pkcs12`). See ``docs/declarations.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vssdk.declarations._month import Month
from vssdk.declarations.amounts import FundTotals, RowContribution, Schedule, contributions
from vssdk.declarations.codes import (
    ChangeKind,
    ContractType,
    DatePrecision,
    PaymentMode,
    PlanCode,
    PlanRule,
    Relationship,
    UnitKind,
    UnitPaymentMode,
    VoluntaryPlanCode,
    WireSex,
    plan_rule,
)
from vssdk.declarations.errors import (
    DeclarationInvalid,
    DossierWaitTimeout,
    MalformedDeclarationFile,
    SignatureInvalid,
    SigningKeyError,
    UnsafeXml,
    Violation,
)
from vssdk.declarations.forms import (
    D02LT,
    D03TS,
    D05TS,
    TK1TS,
    TK3TS,
    D02Row,
    D03Row,
    D05Row,
    Employer,
    ETransactionRegistration,
    Form,
    HouseholdMember,
    RegistrationKind,
)
from vssdk.declarations.hsb import (
    HSB01B,
    HSBRegime,
    HSBRow,
    SignedSettlement,
    check_hsb,
    hsb_from_xml,
    hsb_to_xml,
    validate_hsb,
    verify_hsb,
)
from vssdk.declarations.settlement import (
    BenefitSettlement,
    SettlementRow,
    SettlementRowStatus,
    SettlementStatus,
)
from vssdk.declarations.validation import check, validate
from vssdk.declarations.xmlfile import form_from_xml, form_to_xml, parse_xml

if TYPE_CHECKING:  # loaded on first use by __getattr__ below
    from vssdk.declarations.dossier import Dossier, SignedFile
    from vssdk.declarations.signing import (
        SigningKey,
        VerifiedFile,
        load_pkcs12,
        sign_form,
        sign_xml,
        verify_xml,
    )

__all__ = [
    "D02LT",
    "D03TS",
    "D05TS",
    "HSB01B",
    "TK1TS",
    "TK3TS",
    "BenefitSettlement",
    "ChangeKind",
    "ContractType",
    "D02Row",
    "D03Row",
    "D05Row",
    "DatePrecision",
    "DeclarationInvalid",
    "Dossier",
    "DossierWaitTimeout",
    "ETransactionRegistration",
    "Employer",
    "Form",
    "FundTotals",
    "HSBRegime",
    "HSBRow",
    "HouseholdMember",
    "MalformedDeclarationFile",
    "Month",
    "PaymentMode",
    "PlanCode",
    "PlanRule",
    "RegistrationKind",
    "Relationship",
    "RowContribution",
    "Schedule",
    "SettlementRow",
    "SettlementRowStatus",
    "SettlementStatus",
    "SignatureInvalid",
    "SignedFile",
    "SignedSettlement",
    "SigningKey",
    "SigningKeyError",
    "UnitKind",
    "UnitPaymentMode",
    "UnsafeXml",
    "VerifiedFile",
    "Violation",
    "VoluntaryPlanCode",
    "WireSex",
    "check",
    "check_hsb",
    "contributions",
    "form_from_xml",
    "form_to_xml",
    "hsb_from_xml",
    "hsb_to_xml",
    "load_pkcs12",
    "parse_xml",
    "plan_rule",
    "sign_form",
    "sign_xml",
    "validate",
    "validate_hsb",
    "verify_hsb",
    "verify_xml",
]

_SIGNING = frozenset(
    {"SigningKey", "VerifiedFile", "load_pkcs12", "sign_form", "sign_xml", "verify_xml"}
)
_DOSSIER = frozenset({"Dossier", "SignedFile"})


def __getattr__(name: str) -> object:
    # signxml and cryptography load only when signing is used (keeps `import vssdk` light).
    if name in _SIGNING:
        from vssdk.declarations import signing

        return getattr(signing, name)
    if name in _DOSSIER:
        from vssdk.declarations import dossier

        return getattr(dossier, name)
    raise AttributeError(f"module 'vssdk.declarations' has no attribute {name!r}")
