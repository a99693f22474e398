"""vssdk.claims: claim data sent by health facilities (QĐ 130/4750/3176).

Typed rows for XML0–XML3 (:class:`CheckIn`, :class:`Summary`, :class:`DrugLine`,
:class:`ServiceLine`), a :class:`ClaimDossier` that totals, validates (every issue names table,
row and field) and serialises to the ``GIAMDINHHS`` envelope, and the hardened reverse path.
"""

from __future__ import annotations

from vssdk.claims.dossier import CheckInFile, ClaimDossier
from vssdk.claims.envelope import (
    Envelope,
    build_envelope,
    decode_file,
    encode_file,
    parse_envelope,
)
from vssdk.claims.errors import ClaimIssue, InvalidClaim, InvalidClaimXml
from vssdk.claims.fields import round_amount
from vssdk.claims.models import (
    CheckInReceipt,
    ClaimAmounts,
    ClaimAssessment,
    ClaimRuleError,
    ClaimStatus,
    ClaimSubmission,
)
from vssdk.claims.standards import (
    DEFAULT_STANDARD,
    Standard,
    TableSpec,
    code_list,
    standard,
    standard_for,
)
from vssdk.claims.tables import CheckIn, DrugLine, Row, ServiceLine, Summary, line_shares
from vssdk.claims.validation import validate_check_in, validate_dossier
from vssdk.claims.xml import parse_table, parse_xml, table_to_xml

__all__ = [
    "DEFAULT_STANDARD",
    "CheckIn",
    "CheckInFile",
    "CheckInReceipt",
    "ClaimAmounts",
    "ClaimAssessment",
    "ClaimDossier",
    "ClaimIssue",
    "ClaimRuleError",
    "ClaimStatus",
    "ClaimSubmission",
    "DrugLine",
    "Envelope",
    "InvalidClaim",
    "InvalidClaimXml",
    "Row",
    "ServiceLine",
    "Standard",
    "Summary",
    "TableSpec",
    "build_envelope",
    "code_list",
    "decode_file",
    "encode_file",
    "line_shares",
    "parse_envelope",
    "parse_table",
    "parse_xml",
    "round_amount",
    "standard",
    "standard_for",
    "table_to_xml",
    "validate_check_in",
    "validate_dossier",
]
