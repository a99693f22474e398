"""vssdk.cards: BHYT card checks at reception and card identifiers.

Card checks (``client.cards.check``, ``check_many``) return :class:`CardCheck`. Pure identifier
parsing (:func:`parse_card_code`, :func:`parse_si_code`,
:func:`parse_citizen_id`, :func:`parse_facility_code`), the versioned code lists they use, and the
card-check result codes (:class:`ResultCode`).
"""

from __future__ import annotations

from vssdk.cards.batch import BatchItem, CheckEntry
from vssdk.cards.codes import (
    BenefitLevel,
    CodeListInfo,
    LevelPeriod,
    ObjectGroup,
    Province,
    benefit_level,
    benefit_levels,
    code_list_info,
    object_group,
    object_groups,
    province,
    provinces,
    successor_province,
)
from vssdk.cards.errors import (
    InvalidCardCode,
    InvalidCitizenId,
    InvalidFacilityCode,
    InvalidIdentifier,
    InvalidSiCode,
)
from vssdk.cards.identifiers import (
    CardCode,
    CitizenId,
    FacilityCode,
    Sex,
    SiCode,
    parse_card_code,
    parse_citizen_id,
    parse_facility_code,
    parse_lookup_key,
    parse_si_code,
)
from vssdk.cards.models import (
    CardCheck,
    CardCheckOperator,
    CardCheckRequest,
    CardCheckWarning,
    CardInfo,
    CardLookup,
    CardPreviousCheck,
    CardVisit,
    NewCard,
)
from vssdk.cards.result_codes import CheckAction, ResultCode

__all__ = [
    "BatchItem",
    "BenefitLevel",
    "CardCheck",
    "CardCheckOperator",
    "CardCheckRequest",
    "CardCheckWarning",
    "CardCode",
    "CardInfo",
    "CardLookup",
    "CardPreviousCheck",
    "CardVisit",
    "CheckAction",
    "CheckEntry",
    "CitizenId",
    "CodeListInfo",
    "FacilityCode",
    "InvalidCardCode",
    "InvalidCitizenId",
    "InvalidFacilityCode",
    "InvalidIdentifier",
    "InvalidSiCode",
    "LevelPeriod",
    "NewCard",
    "ObjectGroup",
    "Province",
    "ResultCode",
    "Sex",
    "SiCode",
    "benefit_level",
    "benefit_levels",
    "code_list_info",
    "object_group",
    "object_groups",
    "parse_card_code",
    "parse_citizen_id",
    "parse_facility_code",
    "parse_lookup_key",
    "parse_si_code",
    "province",
    "provinces",
    "successor_province",
]
