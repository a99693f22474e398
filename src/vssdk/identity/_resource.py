"""``client.identity``: login, tokens, devices and the OpenID Connect endpoints."""

from __future__ import annotations

from vssdk._core.operation import AsyncArea, SyncArea
from vssdk.identity import _operations as ops


class Identity(SyncArea):
    """Login, tokens, devices and the OpenID Connect endpoints."""

    __slots__ = ()

    discovery = ops.discovery.sync
    jwks = ops.jwks.sync
    authorize_page = ops.authorize_page.sync
    submit_authorization = ops.submit_authorization.sync
    token = ops.token.sync
    revoke = ops.revoke.sync
    introspect = ops.introspect.sync
    userinfo = ops.userinfo.sync
    verify_otp = ops.verify_otp.sync
    devices = ops.devices.sync
    otp_outbox = ops.otp_outbox.sync


class AsyncIdentity(AsyncArea):
    """Login, tokens, devices and the OpenID Connect endpoints (async)."""

    __slots__ = ()

    discovery = ops.discovery.aio
    jwks = ops.jwks.aio
    authorize_page = ops.authorize_page.aio
    submit_authorization = ops.submit_authorization.aio
    token = ops.token.aio
    revoke = ops.revoke.aio
    introspect = ops.introspect.aio
    userinfo = ops.userinfo.aio
    verify_otp = ops.verify_otp.aio
    devices = ops.devices.aio
    otp_outbox = ops.otp_outbox.aio
