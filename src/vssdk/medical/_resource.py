"""``client.medical``: hospitals issue certificates, by REST or the gateway's wire dialect.

The REST methods need organisation credentials with scope ``medical.documents``. The wire
methods: ``raw_send_document`` / ``raw_send_certificates`` send the gateway's form exactly;
``send_wire`` builds the envelope, logs in through the client's
:class:`~vssdk.gateway.GatewayLogin` (token in the form, one retry after ``MaKetQua`` 401) and
returns the reply, raising :class:`~vssdk.medical.WireRefused` on any other code than 200.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.calendar import VN_TZ
from vssdk.errors import ConfigurationError
from vssdk.gateway import GatewayLogin, GatewayToken
from vssdk.medical import _operations as ops
from vssdk.medical.errors import WireRefused
from vssdk.medical.fields import document_spec
from vssdk.medical.models import MedicalDocumentSubmission, MedicalWireForm, MedicalWireReply
from vssdk.medical.validation import check
from vssdk.medical.xml import envelope_to_base64

if TYPE_CHECKING:
    from vssdk.declarations.signing import SigningKey

__all__ = ["AsyncMedical", "Medical"]


def _login(auth: object) -> GatewayLogin:
    if not isinstance(auth, GatewayLogin):
        raise ConfigurationError(
            "send_wire needs a client created with auth=vssdk.gateway.GatewayLogin(...)"
        )
    return auth


def _prepare(
    documents: Sequence[MedicalDocumentSubmission],
    facility_code: str,
    created: dt.date | None,
    key: SigningKey | None,
) -> tuple[str, str, str]:
    """(endpoint, loaiHs, fileBase64Str) for documents of one upload kind."""
    for document in documents:
        check(document)
    day = created or dt.datetime.now(VN_TZ).date()
    payload = envelope_to_base64(ops._facility(facility_code), documents, day, key=key)
    spec = document_spec(documents[0].type)
    return spec.endpoint, spec.loai_hs, payload


def _form(
    login: GatewayLogin, token: GatewayToken, facility: str, loai_hs: str, payload: str
) -> MedicalWireForm:
    return MedicalWireForm(
        maCskcb=ops._facility(facility),
        token=token.access_token,
        id_token=token.id_token,
        username=login.username,
        password=login.password_hash,
        loaiHs=loai_hs,
        fileBase64Str=payload,
    )


def _result(reply: MedicalWireReply) -> MedicalWireReply:
    if reply.MaKetQua != "200":
        raise WireRefused(reply.MaKetQua, reply.ThongDiep)
    return reply


class Medical(SyncArea, ops.MedicalOperations):
    """Medical e-documents issued by health facilities."""

    __slots__ = ()

    def send_wire(
        self,
        documents: Sequence[MedicalDocumentSubmission],
        *,
        facility_code: str,
        created: dt.date | None = None,
        key: SigningKey | None = None,
    ) -> MedicalWireReply:
        """Send certificates of one kind of upload through the gateway's own endpoint; with
        ``key`` the envelope is signed in ``CHUKYDONVI`` (:func:`vssdk.medical.sign_envelope`)."""
        endpoint, loai_hs, payload = _prepare(documents, facility_code, created, key)
        method = (
            self.raw_send_document if endpoint == "guiGiayToDienTu" else self.raw_send_certificates
        )
        login = _login(self._engine.auth)
        for attempt in (1, 2):
            token = login.token(self._engine.send_raw)
            reply = method(_form(login, token, facility_code, loai_hs, payload))
            if reply.MaKetQua == "401" and attempt == 1:
                login.invalidate()
                continue
            break
        return _result(reply)


class AsyncMedical(AsyncArea, ops.MedicalOperations):
    """Medical e-documents issued by health facilities (async)."""

    __slots__ = ()

    async def send_wire(
        self,
        documents: Sequence[MedicalDocumentSubmission],
        *,
        facility_code: str,
        created: dt.date | None = None,
        key: SigningKey | None = None,
    ) -> MedicalWireReply:
        """Send certificates of one kind of upload (see :meth:`Medical.send_wire`)."""
        endpoint, loai_hs, payload = _prepare(documents, facility_code, created, key)
        method = (
            self.raw_send_document if endpoint == "guiGiayToDienTu" else self.raw_send_certificates
        )
        login = _login(self._engine.auth)
        for attempt in (1, 2):
            token = await login.atoken(self._engine.send_raw)
            reply = await method(_form(login, token, facility_code, loai_hs, payload))
            if reply.MaKetQua == "401" and attempt == 1:
                login.invalidate()
                continue
            break
        return _result(reply)
