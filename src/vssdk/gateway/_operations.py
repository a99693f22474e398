"""Operations of the gateway area: the real gateway's wire calls, exactly as HIS send them.

These are the raw calls (tokens passed explicitly); ``client.gateway.check_card`` and friends
log in through :class:`~vssdk.gateway.GatewayLogin` and return typed results.
"""

from __future__ import annotations

from urllib.parse import urlencode

from vssdk._core.operation import Call, operation
from vssdk.cards.identifiers import parse_facility_code
from vssdk.gateway.models import (
    GatewayCardCheckBody,
    GatewayCardCheckReply,
    GatewayTokenReply,
    GatewayUploadReply,
)

__all__ = ["card_check", "take_token", "upload_check_in", "upload_claim"]

_FORM = "application/x-www-form-urlencoded"


@operation("gatewayTokenTake", "POST", "/api/token/take", response=GatewayTokenReply)
def take_token(username: str, password_hash: str) -> Call:
    """``token/take`` with the account name and the uppercase MD5 of the password."""
    body = urlencode({"username": username, "password": password_hash.upper()}).encode()
    return Call(body=body, content_type=_FORM)


@operation(
    "gatewayCardCheck",
    "POST",
    "/api/egw/KQNhanLichSuKCB2024",
    response=GatewayCardCheckReply,
    request=GatewayCardCheckBody,
)
def card_check(
    body: GatewayCardCheckBody, *, token: str, id_token: str, username: str, password_hash: str
) -> Call:
    """``KQNhanLichSuKCB2024``: token, id_token, username and password hash in the query."""
    return Call(
        query={
            "token": token,
            "id_token": id_token,
            "username": username,
            "password": password_hash,
        },
        body=body,
    )


def _upload(
    kind: str,
    file_b64: str,
    facility_code: str,
    username: str,
    access_token: str,
    token_id: str,
    password_hash: str,
) -> Call:
    facility = parse_facility_code(facility_code).canonical
    form = {
        "username": username,
        "loaiHoSo": kind,
        "maTinh": facility[:2],
        "maCSKCB": facility,
        "fileHSBase64": file_b64,
    }
    return Call(
        body=urlencode(form).encode("ascii"),
        content_type=_FORM,
        headers={"accessToken": access_token, "tokenId": token_id, "passwordHash": password_hash},
    )


@operation("gatewayCheckIn", "POST", "/api/qd130/checkInKcbQd3176", response=GatewayUploadReply)
def upload_check_in(
    file_b64: str,
    *,
    facility_code: str,
    username: str,
    access_token: str,
    token_id: str,
    password_hash: str,
) -> Call:
    """``checkInKcbQd3176`` (``loaiHoSo`` 0) with token headers and the form body."""
    return _upload("0", file_b64, facility_code, username, access_token, token_id, password_hash)


@operation("gatewaySubmitClaim", "POST", "/api/qd130/guiHoSoXmlQD3176", response=GatewayUploadReply)
def upload_claim(
    file_b64: str,
    *,
    facility_code: str,
    username: str,
    access_token: str,
    token_id: str,
    password_hash: str,
) -> Call:
    """``guiHoSoXmlQD3176`` (``loaiHoSo`` 130) with token headers and the form body."""
    return _upload("130", file_b64, facility_code, username, access_token, token_id, password_hash)


@operation(
    "gatewayCheckInQd4750", "POST", "/api/qd130/checkInKcbQd4750", response=GatewayUploadReply
)
def upload_check_in_qd4750(
    file_b64: str,
    *,
    facility_code: str,
    username: str,
    access_token: str,
    token_id: str,
    password_hash: str,
) -> Call:
    """Legacy ``checkInKcbQd4750`` (the QĐ 4750 period's XML0 path), same form and headers."""
    return _upload("0", file_b64, facility_code, username, access_token, token_id, password_hash)


@operation(
    "gatewaySubmitClaimQd4750", "POST", "/api/qd130/guiHoSoXmlQD4750", response=GatewayUploadReply
)
def upload_claim_qd4750(
    file_b64: str,
    *,
    facility_code: str,
    username: str,
    access_token: str,
    token_id: str,
    password_hash: str,
) -> Call:
    """Legacy ``guiHoSoXmlQD4750``: a dossier in the QĐ 4750 layout, same form and headers."""
    return _upload("130", file_b64, facility_code, username, access_token, token_id, password_hash)


@operation(
    "gatewaySubmitClaimQd130", "POST", "/api/qd130/guiHoSoXmlQD130", response=GatewayUploadReply
)
def upload_claim_qd130(
    file_b64: str,
    *,
    facility_code: str,
    username: str,
    access_token: str,
    token_id: str,
    password_hash: str,
) -> Call:
    """Legacy ``guiHoSoXmlQD130``: a dossier in the QĐ 130 layout, same form and headers."""
    return _upload("130", file_b64, facility_code, username, access_token, token_id, password_hash)
