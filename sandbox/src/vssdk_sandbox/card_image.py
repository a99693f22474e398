"""The health insurance e-card drawn as VssID shows it (PNG): a renderer, not a handler."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def _font(size: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    path = Path(_FONT_PATHS[1 if bold else 0])
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _vn(day: str | None) -> str:
    return "-" if day is None else dt.date.fromisoformat(day).strftime("%d/%m/%Y")


def render_card_png(view: dict[str, Any]) -> bytes:
    """Draw the e-card as VssID shows it (text on the left, the QR code on the right)."""
    import segno
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (720, 420), (235, 244, 252))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 720, 64), fill=(0, 94, 168))
    draw.text((20, 10), "BẢO HIỂM XÃ HỘI VIỆT NAM", font=_font(18, bold=True), fill="white")
    draw.text((20, 36), "THẺ BẢO HIỂM Y TẾ (SANDBOX)", font=_font(16), fill="white")
    facility = view["initial_facility"]
    rows = [
        ("Mã số", view["card_code"]),
        ("Họ và tên", view["full_name"]),
        ("Ngày sinh", _vn(view["birth_date"])),
        ("Giới tính", "Nam" if view["sex"] == "male" else "Nữ"),
        ("Nơi ĐKKCB", f"{facility['code']} - {facility['name']}"[:34]),
        ("Giá trị từ", f"{_vn(view['valid_from'])} đến {_vn(view.get('valid_to'))}"),
        ("Đủ 5 năm", _vn(view.get("five_years_continuous_from"))),
    ]
    y = 84
    for label, value in rows:
        draw.text((20, y), f"{label}:", font=_font(15), fill=(60, 60, 60))
        draw.text((130, y), str(value), font=_font(15, bold=True), fill=(0, 0, 0))
        y += 40
    buffer = io.BytesIO()
    segno.make(view["qr"]["text"], error="m").save(buffer, kind="png", scale=4, border=2)
    buffer.seek(0)
    qr = Image.open(buffer).convert("RGB")
    side = min(220, qr.width)
    image.paste(qr.resize((side, side), Image.Resampling.NEAREST), (720 - side - 24, 110))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
