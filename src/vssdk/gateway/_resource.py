"""``client.gateway``: the real gateway's wire dialect, raw and typed.

The raw methods (``take_token``, ``raw_card_check``, ``raw_check_in``, ``raw_submit_claim``)
send exactly the gateway's calls. The typed methods log in through the client's
:class:`~vssdk.gateway.GatewayLogin` (cached token, one retry after ``maKetQua`` 401: one I/O-free
step sequence in :mod:`vssdk.gateway._relogin`, driven by both classes) and return the same typed
results as the REST dialect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vssdk._core.operation import AsyncArea, Call, SyncArea
from vssdk.calendar import VN_TZ as _VN_TZ
from vssdk.cards._operations import prepare_check
from vssdk.cards.batch import (
    BatchItem,
    CheckEntry,
    Progress,
    check_entry,
    run_batch,
    run_batch_async,
)
from vssdk.cards.models import CardCheck, CardCheckRequest
from vssdk.claims.dossier import CheckInFile, ClaimDossier
from vssdk.claims.errors import InvalidClaim
from vssdk.claims.legacy import LegacyDossier
from vssdk.claims.validation import validate_check_in
from vssdk.errors import ConfigurationError, InvalidArgument
from vssdk.gateway import _operations as ops
from vssdk.gateway._relogin import Steps, adrive, drive, logged_in
from vssdk.gateway.errors import GatewayRefused
from vssdk.gateway.login import GatewayLogin, GatewayToken
from vssdk.gateway.models import GatewayCardCheckBody, GatewayCardCheckReply, GatewayUploadReply
from vssdk.gateway.wire import (
    GatewayReceipt,
    birth_to_wire,
    card_check_from_wire,
    receipt_from_wire,
)

__all__ = ["AsyncGateway", "Gateway"]


def _login(auth: object) -> GatewayLogin:
    if not isinstance(auth, GatewayLogin):
        raise ConfigurationError(
            "client.gateway needs a client created with auth=vssdk.gateway.GatewayLogin(...)"
        )
    return auth


def _body(request: CardCheckRequest) -> GatewayCardCheckBody:
    return GatewayCardCheckBody(
        maThe=request.lookup.value,
        hoTen=request.full_name,
        ngaySinh=birth_to_wire(request.birth_date),
        hoTenCb=request.operator.name,
        cccdCb=request.operator.citizen_id,
    )


def _claim_file(
    dossier: ClaimDossier | LegacyDossier, created: dt.date | None, validate: bool
) -> str:
    if not isinstance(dossier, ClaimDossier | LegacyDossier):
        raise InvalidArgument("dossier", "must be a vssdk.claims.ClaimDossier or LegacyDossier")
    if validate:
        dossier.check()
    return dossier.to_file(created=created or dt.datetime.now(_VN_TZ).date())


def _check_in_file(file: CheckInFile, validate: bool) -> str:
    if not isinstance(file, CheckInFile):
        raise InvalidArgument("check_in", "must be a vssdk.claims.CheckInFile")
    if validate:
        errors = tuple(i for i in validate_check_in(file.rows) if i.severity == "error")
        if errors:
            raise InvalidClaim(errors)
    return file.to_file()


def _card_check_steps(body: GatewayCardCheckBody) -> Steps[GatewayCardCheckReply]:
    """``KQNhanLichSuKCB2024`` with the login's token in the query, logged in again once on 401."""

    def build(login: GatewayLogin, token: GatewayToken) -> Call:
        return ops.card_check.builder(
            body,
            token=token.access_token,
            id_token=token.id_token,
            username=login.username,
            password_hash=login.password_hash,
        )

    return logged_in(ops.card_check, build)


def _upload_steps(kind: str, facility: str, file_b64: str) -> Steps[GatewayUploadReply]:
    """A check-in (``kind`` "0") or claim upload with the login's token in the headers, logged
    in again once on 401."""
    op = ops.upload_check_in if kind == "0" else ops.upload_claim

    def build(login: GatewayLogin, token: GatewayToken) -> Call:
        return op.builder(
            file_b64,
            facility_code=facility,
            username=login.username,
            access_token=token.access_token,
            token_id=token.id_token,
            password_hash=login.password_hash,
        )

    return logged_in(op, build)


def _receipt(reply: GatewayUploadReply) -> GatewayReceipt:
    if reply.maKetQua != "200":
        raise GatewayRefused(reply.maKetQua, reply.thongDiep)
    return receipt_from_wire(reply)


class Gateway(SyncArea):
    """The real assessment gateway's own wire protocol."""

    __slots__ = ()
    take_token = ops.take_token.sync
    raw_card_check = ops.card_check.sync
    raw_check_in = ops.upload_check_in.sync
    raw_submit_claim = ops.upload_claim.sync
    raw_check_in_qd4750 = ops.upload_check_in_qd4750.sync
    raw_submit_claim_qd4750 = ops.upload_claim_qd4750.sync
    raw_submit_claim_qd130 = ops.upload_claim_qd130.sync

    def _token(self) -> tuple[GatewayLogin, GatewayToken]:
        login = _login(self._engine.auth)
        return login, login.token(self._engine.send_raw)

    def check_card(
        self,
        card_code: str | None = None,
        *,
        citizen_id: str | None = None,
        si_code: str | None = None,
        full_name: str,
        birth_date: dt.date | int | str,
        operator_name: str,
        operator_id: str,
    ) -> CardCheck:
        """Card check through ``KQNhanLichSuKCB2024``; the same typed result as REST."""
        body = _body(
            prepare_check(
                card_code=card_code,
                citizen_id=citizen_id,
                si_code=si_code,
                full_name=full_name,
                birth_date=birth_date,
                operator_name=operator_name,
                operator_id=operator_id,
            )
        )
        reply = drive(_card_check_steps(body), self._token, self._engine.invoke)
        return card_check_from_wire(reply)

    def check_many(
        self,
        entries: Iterable[CheckEntry],
        *,
        operator_name: str,
        operator_id: str,
        progress: Progress | None = None,
    ) -> list[BatchItem]:
        """Check several patients in turn; each item holds a result or that entry's error.

        ``progress(done, total)`` is called after each entry.
        """
        staff = {"operator_name": operator_name, "operator_id": operator_id}
        return run_batch(
            entries, lambda entry: check_entry(self.check_card, entry, **staff), progress=progress
        )

    def _upload(self, kind: str, facility: str, file_b64: str) -> GatewayReceipt:
        steps = _upload_steps(kind, facility, file_b64)
        return _receipt(drive(steps, self._token, self._engine.invoke))

    def submit_claim(
        self,
        dossier: ClaimDossier | LegacyDossier,
        *,
        created: dt.date | None = None,
        validate: bool = True,
    ) -> GatewayReceipt:
        """``guiHoSoXmlQD3176``; returns the receipt or raises :class:`GatewayRefused`."""
        return self._upload("130", dossier.facility_code, _claim_file(dossier, created, validate))

    def check_in(self, check_in: CheckInFile, *, validate: bool = True) -> GatewayReceipt:
        """``checkInKcbQd3176``; returns the receipt or raises :class:`GatewayRefused`."""
        file_b64 = _check_in_file(check_in, validate)
        return self._upload("0", check_in.rows[0].ma_cskcb, file_b64)


class AsyncGateway(AsyncArea):
    """The real assessment gateway's own wire protocol (async)."""

    __slots__ = ()
    take_token = ops.take_token.aio
    raw_card_check = ops.card_check.aio
    raw_check_in = ops.upload_check_in.aio
    raw_submit_claim = ops.upload_claim.aio
    raw_check_in_qd4750 = ops.upload_check_in_qd4750.aio
    raw_submit_claim_qd4750 = ops.upload_claim_qd4750.aio
    raw_submit_claim_qd130 = ops.upload_claim_qd130.aio

    async def _token(self) -> tuple[GatewayLogin, GatewayToken]:
        login = _login(self._engine.auth)
        return login, await login.atoken(self._engine.send_raw)

    async def check_card(
        self,
        card_code: str | None = None,
        *,
        citizen_id: str | None = None,
        si_code: str | None = None,
        full_name: str,
        birth_date: dt.date | int | str,
        operator_name: str,
        operator_id: str,
    ) -> CardCheck:
        """Card check through ``KQNhanLichSuKCB2024``; the same typed result as REST."""
        body = _body(
            prepare_check(
                card_code=card_code,
                citizen_id=citizen_id,
                si_code=si_code,
                full_name=full_name,
                birth_date=birth_date,
                operator_name=operator_name,
                operator_id=operator_id,
            )
        )
        reply = await adrive(_card_check_steps(body), self._token, self._engine.invoke)
        return card_check_from_wire(reply)

    async def check_many(
        self,
        entries: Iterable[CheckEntry],
        *,
        operator_name: str,
        operator_id: str,
        concurrency: int = 8,
        progress: Progress | None = None,
    ) -> list[BatchItem]:
        """Check several patients, at most ``concurrency`` at a time; one bad entry never sinks
        the batch (its item carries the error); items keep the input order. A 429 that outlasts
        the client's retries pauses the whole batch for the server's ``Retry-After``.
        ``progress(done, total)`` is called after each entry.
        """
        staff = {"operator_name": operator_name, "operator_id": operator_id}

        async def one(entry: CheckEntry) -> CardCheck:
            return await check_entry(self.check_card, entry, **staff)

        return await run_batch_async(entries, one, concurrency=concurrency, progress=progress)

    async def _upload(self, kind: str, facility: str, file_b64: str) -> GatewayReceipt:
        steps = _upload_steps(kind, facility, file_b64)
        return _receipt(await adrive(steps, self._token, self._engine.invoke))

    async def submit_claim(
        self,
        dossier: ClaimDossier | LegacyDossier,
        *,
        created: dt.date | None = None,
        validate: bool = True,
    ) -> GatewayReceipt:
        """``guiHoSoXmlQD3176``; returns the receipt or raises :class:`GatewayRefused`."""
        file_b64 = _claim_file(dossier, created, validate)
        return await self._upload("130", dossier.facility_code, file_b64)

    async def check_in(self, check_in: CheckInFile, *, validate: bool = True) -> GatewayReceipt:
        """``checkInKcbQd3176``; returns the receipt or raises :class:`GatewayRefused`."""
        file_b64 = _check_in_file(check_in, validate)
        return await self._upload("0", check_in.rows[0].ma_cskcb, file_b64)
