"""``client.declarations``: employer declarations filed by I-VAN vendors."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.declarations import _operations as ops
from vssdk.declarations._waiting import (
    Progress,
    check_wait,
    report,
    warn_real_time_on_loopback,
)
from vssdk.declarations.errors import DossierWaitTimeout
from vssdk.declarations.models import EmployerDossier
from vssdk.declarations.settlement import BenefitSettlement
from vssdk.sandbox._resource import AsyncSandboxAdmin, SandboxAdmin


class Declarations(SyncArea):
    """Employer declarations filed by I-VAN vendors."""

    __slots__ = ()

    employer = ops.get_employer.sync
    submit = ops.submit.sync
    get = ops.get_dossier.sync
    list = ops.list_dossiers.sync
    contribution_notice = ops.get_contribution_notice.sync
    quote_back_payment = ops.quote_back_payment.sync
    pay_back_payment = ops.pay_back_payment.sync
    back_payment = ops.get_back_payment.sync
    request_refund = ops.request_refund.sync
    refund = ops.get_refund.sync
    confirm_si_book = ops.confirm_si_book.sync
    si_book_confirmation = ops.get_si_book_confirmation.sync
    submit_settlement = ops.submit_settlement.sync
    get_settlement = ops.get_settlement.sync
    list_settlements = ops.list_settlements.sync

    def wait(
        self,
        unit_code: str,
        dossier_id: str,
        *,
        interval: float = 60.0,
        timeout: float = 6 * 3600.0,
        sleep: Callable[[float], object] | None = None,
        progress: Progress | None = None,
        advance_sandbox_clock: bool = False,
    ) -> EmployerDossier:
        """Poll until the dossier is accepted or rejected; raises :class:`DossierWaitTimeout`.

        BHXH has no callbacks (webhooks from the sandbox aside), so this polls every
        ``interval`` seconds, up to ``timeout`` seconds of waiting. Each poll is logged
        (``vssdk`` logger, INFO) and passed to ``progress(dossier, waited_seconds)``.

        Against the sandbox, ``advance_sandbox_clock=True`` moves the sandbox's clock by
        ``interval`` instead of sleeping, so the hours BHXH takes pass at once. Waiting in real
        time on a loopback address logs a warning saying so. ``sleep`` replaces ``time.sleep``.
        """
        check_wait(interval, timeout)
        if advance_sandbox_clock:
            admin = SandboxAdmin(self._engine)
            sleep = lambda seconds: admin.advance_clock(seconds=round(seconds))  # noqa: E731
        waited = 0.0
        dossier = self.get(unit_code, dossier_id)
        report(dossier, waited, progress)
        while not dossier.status.final:
            if waited >= timeout:
                raise DossierWaitTimeout(dossier, waited)
            if sleep is None:
                if waited == 0:
                    warn_real_time_on_loopback(self._engine.options.base_url, dossier_id)
                time.sleep(interval)
            else:
                sleep(interval)
            waited += interval
            dossier = self.get(unit_code, dossier_id)
            report(dossier, waited, progress)
        return dossier

    def wait_settlement(
        self,
        unit_code: str,
        settlement_id: str,
        *,
        interval: float = 600.0,
        timeout: float = 3 * 86400.0,
        sleep: Callable[[float], object] = time.sleep,
        advance_sandbox_clock: bool = False,
    ) -> BenefitSettlement:
        """Poll a 01B-HSB settlement until BHXH has decided every row (then it is paid);
        raises :class:`DossierWaitTimeout`. ``advance_sandbox_clock`` as in :meth:`wait`."""
        check_wait(interval, timeout)
        if advance_sandbox_clock:
            admin = SandboxAdmin(self._engine)
            sleep = lambda seconds: admin.advance_clock(seconds=round(seconds))  # noqa: E731
        waited = 0.0
        settlement = self.get_settlement(unit_code, settlement_id)
        while not settlement.final:
            if waited >= timeout:
                raise DossierWaitTimeout(settlement, waited)
            sleep(interval)
            waited += interval
            settlement = self.get_settlement(unit_code, settlement_id)
        return settlement


class AsyncDeclarations(AsyncArea):
    """Employer declarations filed by I-VAN vendors (async)."""

    __slots__ = ()

    employer = ops.get_employer.aio
    submit = ops.submit.aio
    get = ops.get_dossier.aio
    list = ops.list_dossiers.aio
    contribution_notice = ops.get_contribution_notice.aio
    quote_back_payment = ops.quote_back_payment.aio
    pay_back_payment = ops.pay_back_payment.aio
    back_payment = ops.get_back_payment.aio
    request_refund = ops.request_refund.aio
    refund = ops.get_refund.aio
    confirm_si_book = ops.confirm_si_book.aio
    si_book_confirmation = ops.get_si_book_confirmation.aio
    submit_settlement = ops.submit_settlement.aio
    get_settlement = ops.get_settlement.aio
    list_settlements = ops.list_settlements.aio

    async def wait(
        self,
        unit_code: str,
        dossier_id: str,
        *,
        interval: float = 60.0,
        timeout: float = 6 * 3600.0,
        sleep: Callable[[float], Awaitable[object]] | None = None,
        progress: Progress | None = None,
        advance_sandbox_clock: bool = False,
    ) -> EmployerDossier:
        """Poll until the dossier is accepted or rejected (see :meth:`Declarations.wait`)."""
        check_wait(interval, timeout)
        if advance_sandbox_clock:
            admin = AsyncSandboxAdmin(self._engine)

            async def sleep(seconds: float) -> object:
                return await admin.advance_clock(seconds=round(seconds))

        waited = 0.0
        dossier = await self.get(unit_code, dossier_id)
        report(dossier, waited, progress)
        while not dossier.status.final:
            if waited >= timeout:
                raise DossierWaitTimeout(dossier, waited)
            if sleep is None:
                if waited == 0:
                    warn_real_time_on_loopback(self._engine.options.base_url, dossier_id)
                await asyncio.sleep(interval)
            else:
                await sleep(interval)
            waited += interval
            dossier = await self.get(unit_code, dossier_id)
            report(dossier, waited, progress)
        return dossier

    async def wait_settlement(
        self,
        unit_code: str,
        settlement_id: str,
        *,
        interval: float = 600.0,
        timeout: float = 3 * 86400.0,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> BenefitSettlement:
        """Poll a 01B-HSB settlement until every row is decided (see the sync method)."""
        check_wait(interval, timeout)
        waited = 0.0
        settlement = await self.get_settlement(unit_code, settlement_id)
        while not settlement.final:
            if waited >= timeout:
                raise DossierWaitTimeout(settlement, waited)
            await sleep(interval)
            waited += interval
            settlement = await self.get_settlement(unit_code, settlement_id)
        return settlement
