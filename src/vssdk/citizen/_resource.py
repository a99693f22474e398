"""``client.citizen``: what a citizen sees and does in VssID."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.citizen import _filings as filings
from vssdk.citizen import _operations as ops


class Citizen(SyncArea):
    """What a citizen sees and does in VssID (needs a citizen session of identity level 2)."""

    __slots__ = ()
    profile = ops.get_profile.sync
    card = ops.get_card.sync
    card_image = ops.get_card_image.sync
    participation = ops.list_participation.sync
    participation_summary = ops.get_participation_summary.sync
    benefits = ops.list_benefits.sync
    medical_visits = ops.list_medical_visits.sync
    household = ops.get_household.sync
    register_voluntary_si = ops.register_voluntary_si.sync
    register_household_hi = ops.register_household_hi.sync
    pay = ops.create_payment.sync
    complete_payment = ops.complete_payment.sync
    payment = ops.get_payment.sync
    receipt = ops.get_receipt.sync
    claim_one_time_si = ops.claim_one_time_si.sync
    claim_unemployment_benefit = ops.claim_unemployment_benefit.sync
    application = ops.get_application.sync
    applications = ops.list_applications.sync
    medical_documents = ops.list_medical_documents.sync
    certificate_benefits = ops.list_certificate_benefits.sync
    notifications = filings.list_notifications.sync
    mark_notification_read = filings.mark_notification_read.sync
    contributions = filings.list_contributions.sync
    reissue_card = filings.reissue_card.sync
    change_information = filings.change_information.sync
    claim_pension = filings.claim_pension.sync
    claim_survivor_benefit = filings.claim_survivor_benefit.sync
    claim_occupational_injury = filings.claim_occupational_injury.sync
    claim_hi_reimbursement = filings.claim_hi_reimbursement.sync


class AsyncCitizen(AsyncArea):
    """What a citizen sees and does in VssID (async)."""

    __slots__ = ()
    profile = ops.get_profile.aio
    card = ops.get_card.aio
    card_image = ops.get_card_image.aio
    participation = ops.list_participation.aio
    participation_summary = ops.get_participation_summary.aio
    benefits = ops.list_benefits.aio
    medical_visits = ops.list_medical_visits.aio
    household = ops.get_household.aio
    register_voluntary_si = ops.register_voluntary_si.aio
    register_household_hi = ops.register_household_hi.aio
    pay = ops.create_payment.aio
    complete_payment = ops.complete_payment.aio
    payment = ops.get_payment.aio
    receipt = ops.get_receipt.aio
    claim_one_time_si = ops.claim_one_time_si.aio
    claim_unemployment_benefit = ops.claim_unemployment_benefit.aio
    application = ops.get_application.aio
    applications = ops.list_applications.aio
    medical_documents = ops.list_medical_documents.aio
    certificate_benefits = ops.list_certificate_benefits.aio
    notifications = filings.list_notifications.aio
    mark_notification_read = filings.mark_notification_read.aio
    contributions = filings.list_contributions.aio
    reissue_card = filings.reissue_card.aio
    change_information = filings.change_information.aio
    claim_pension = filings.claim_pension.aio
    claim_survivor_benefit = filings.claim_survivor_benefit.aio
    claim_occupational_injury = filings.claim_occupational_injury.aio
    claim_hi_reimbursement = filings.claim_hi_reimbursement.aio
