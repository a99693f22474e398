"""vssdk.claims: claim data sent by health facilities (QĐ 130/4750/3176).

Typed rows for XML0–XML3 (:class:`CheckIn`, :class:`Summary`, :class:`DrugLine`,
:class:`ServiceLine`), :class:`TableRow` for XML4–XML15, a :class:`ClaimDossier` that keeps every
table, totals, validates (every issue names table, row and field, with a severity) and
serialises to the ``GIAMDINHHS`` envelope, and the hardened, liberal reverse path.
"""

from __future__ import annotations

from vssdk.claims.dossier import CheckInFile, ClaimDossier, RawTable, Table, choose_standard
from vssdk.claims.envelope import (
    Envelope,
    build_envelope,
    decode_file,
    encode_file,
    parse_envelope,
)
from vssdk.claims.errors import ClaimIssue, InvalidClaim, InvalidClaimXml, Severity
from vssdk.claims.fields import PartialDate, round_amount
from vssdk.claims.legacy import LegacyDossier, read_dossier
from vssdk.claims.models import (
    CheckInReceipt,
    ClaimAmounts,
    ClaimAssessment,
    ClaimCheck,
    ClaimCheckName,
    ClaimCheckStatus,
    ClaimFeedback,
    ClaimRuleError,
    ClaimStatus,
    ClaimSubmission,
    ClaimWithdrawal,
)
from vssdk.claims.standards import (
    DEFAULT_STANDARD,
    Standard,
    TableSpec,
    code_list,
    standard,
    standard_for,
    standards,
)
from vssdk.claims.tables import (
    CheckIn,
    DrugLine,
    Row,
    ServiceLine,
    Summary,
    TableRow,
    line_shares,
)
from vssdk.claims.validation import (
    ROUNDING_STEP,
    validate_check_in,
    validate_dossier,
    validate_tables,
)
from vssdk.claims.xml import parse_table, parse_xml, table_to_xml

__all__ = [
    "DEFAULT_STANDARD",
    "ROUNDING_STEP",
    "CheckIn",
    "CheckInFile",
    "CheckInReceipt",
    "ClaimAmounts",
    "ClaimAssessment",
    "ClaimCheck",
    "ClaimCheckName",
    "ClaimCheckStatus",
    "ClaimDossier",
    "ClaimFeedback",
    "ClaimIssue",
    "ClaimRuleError",
    "ClaimStatus",
    "ClaimSubmission",
    "ClaimWithdrawal",
    "DrugLine",
    "Envelope",
    "InvalidClaim",
    "InvalidClaimXml",
    "LegacyDossier",
    "PartialDate",
    "RawTable",
    "Row",
    "ServiceLine",
    "Severity",
    "Standard",
    "Summary",
    "Table",
    "TableRow",
    "TableSpec",
    "build_envelope",
    "choose_standard",
    "code_list",
    "decode_file",
    "encode_file",
    "line_shares",
    "parse_envelope",
    "parse_table",
    "parse_xml",
    "read_dossier",
    "round_amount",
    "standard",
    "standard_for",
    "standards",
    "table_to_xml",
    "validate_check_in",
    "validate_dossier",
    "validate_tables",
]
