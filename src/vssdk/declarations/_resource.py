"""``client.declarations``: employer declarations filed by I-VAN vendors."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.declarations import _operations as ops
from vssdk.declarations.errors import DossierWaitTimeout
from vssdk.declarations.models import EmployerDossier
from vssdk.errors import InvalidArgument


def _check_wait(interval: float, timeout: float) -> None:
    if not interval > 0:
        raise InvalidArgument("interval", f"must be positive, got {interval}")
    if not timeout >= 0:
        raise InvalidArgument("timeout", f"must not be negative, got {timeout}")


class Declarations(SyncArea):
    """Employer declarations filed by I-VAN vendors."""

    __slots__ = ()

    employer = ops.get_employer.sync
    submit = ops.submit.sync
    get = ops.get_dossier.sync
    list = ops.list_dossiers.sync
    contribution_notice = ops.get_contribution_notice.sync

    def wait(
        self,
        unit_code: str,
        dossier_id: str,
        *,
        interval: float = 60.0,
        timeout: float = 6 * 3600.0,
        sleep: Callable[[float], object] = time.sleep,
    ) -> EmployerDossier:
        """Poll until the dossier is accepted or rejected; raises :class:`DossierWaitTimeout`.

        BHXH has no callbacks (webhooks from the sandbox aside), so this polls every
        ``interval`` seconds; ``sleep`` is replaceable (tests advance the sandbox clock instead).
        """
        _check_wait(interval, timeout)
        waited = 0.0
        dossier = self.get(unit_code, dossier_id)
        while not dossier.status.final:
            if waited >= timeout:
                raise DossierWaitTimeout(dossier, waited)
            sleep(interval)
            waited += interval
            dossier = self.get(unit_code, dossier_id)
        return dossier


class AsyncDeclarations(AsyncArea):
    """Employer declarations filed by I-VAN vendors (async)."""

    __slots__ = ()

    employer = ops.get_employer.aio
    submit = ops.submit.aio
    get = ops.get_dossier.aio
    list = ops.list_dossiers.aio
    contribution_notice = ops.get_contribution_notice.aio

    async def wait(
        self,
        unit_code: str,
        dossier_id: str,
        *,
        interval: float = 60.0,
        timeout: float = 6 * 3600.0,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> EmployerDossier:
        """Poll until the dossier is accepted or rejected (see :meth:`Declarations.wait`)."""
        _check_wait(interval, timeout)
        waited = 0.0
        dossier = await self.get(unit_code, dossier_id)
        while not dossier.status.final:
            if waited >= timeout:
                raise DossierWaitTimeout(dossier, waited)
            await sleep(interval)
            waited += interval
            dossier = await self.get(unit_code, dossier_id)
        return dossier
