# ruff: noqa: N815  (attribute names are the gateway's own wire names)
"""Models of the gateway's wire dialect, field names exactly as the gateway sends them."""

from __future__ import annotations

import attrs

from vssdk._core.model import Model

__all__ = [
    "GatewayApiKey",
    "GatewayCardCheckBody",
    "GatewayCardCheckReply",
    "GatewayPreviousCheck",
    "GatewayTokenReply",
    "GatewayUploadReply",
    "GatewayVisit",
]


@attrs.frozen(slots=True, repr=False)
class GatewayApiKey(Model):
    """``APIKey`` of ``token/take``; ``expires_in`` is an ISO timestamp kept as sent."""

    access_token: str
    id_token: str
    token_type: str
    username: str
    expires_in: str

    def __repr__(self) -> str:
        return f"GatewayApiKey(username={self.username!r}, expires_in={self.expires_in!r})"


@attrs.frozen(slots=True)
class GatewayTokenReply(Model):
    """Reply of ``POST /api/token/take``."""

    maKetQua: str
    APIKey: GatewayApiKey | None = None
    thongDiep: str | None = None


@attrs.frozen(slots=True)
class GatewayCardCheckBody(Model):
    """Body of ``KQNhanLichSuKCB2024``: patient and checking staff member."""

    maThe: str
    hoTen: str
    ngaySinh: str
    hoTenCb: str
    cccdCb: str


@attrs.frozen(slots=True)
class GatewayVisit(Model):
    """One entry of ``dsLichSuKCB2018`` (times ``yyyyMMddHHmm``). Older endpoints send
    ``maHoSo`` as a JSON number; it is read as sent and converted to text."""

    maHoSo: str | int | None
    maCSKCB: str | None
    ngayVao: str | None
    ngayRa: str | None = None
    tenBenh: str | None = None
    tinhTrang: str | None = None
    kqDieuTri: str | None = None
    lyDoVV: str | None = None


@attrs.frozen(slots=True)
class GatewayPreviousCheck(Model):
    """One entry of ``dsLichSuKT2018``."""

    userKT: str | None
    thoiGianKT: str | None
    thongBao: str | None = None
    maLoi: str | None = None


@attrs.frozen(slots=True)
class GatewayCardCheckReply(Model):
    """Reply of ``KQNhanLichSuKCB2024`` (dates ``dd/MM/yyyy``). The gateway sends ``null``
    for absent strings and for empty history lists; both read as absent."""

    maKetQua: str
    ghiChu: str | None = None
    maThe: str | None = None
    hoTen: str | None = None
    ngaySinh: str | None = None
    gioiTinh: str | None = None
    diaChi: str | None = None
    maDKBD: str | None = None
    cqBHXH: str | None = None
    gtTheTu: str | None = None
    gtTheDen: str | None = None
    maKV: str | None = None
    ngayDu5Nam: str | None = None
    maSoBHXH: str | None = None
    maTheCu: str | None = None
    maTheMoi: str | None = None
    gtTheTuMoi: str | None = None
    gtTheDenMoi: str | None = None
    maDKBDMoi: str | None = None
    tenDKBDMoi: str | None = None
    dsLichSuKCB2018: tuple[GatewayVisit, ...] | None = None
    dsLichSuKT2018: tuple[GatewayPreviousCheck, ...] | None = None


@attrs.frozen(slots=True)
class GatewayUploadReply(Model):
    """Reply of the QĐ 3176 uploads; keep ``maGiaoDich``."""

    maKetQua: str
    maGiaoDich: str | None = None
    thoiGianTiepNhan: str | None = None
    thongDiep: str | None = None
