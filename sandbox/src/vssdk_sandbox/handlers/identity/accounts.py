"""Identity area: accounts, passwords, lockout, devices and OTP challenges."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from vssdk.contract import mask
from vssdk_sandbox.handlers.identity.common import (
    ACCOUNTS,
    DEVICES,
    LOCK_SECONDS,
    MAX_FAILURES,
    OTP_CHALLENGES,
    OTP_OUTBOX,
    OTP_TTL,
    iso_time,
    oauth_error,
    sim_now,
)
from vssdk_sandbox.kit import Ctx, SandboxProblem
from vssdk_sandbox.security import (
    TOKEN_FAMILIES,
    revoke_family,
)
from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

if TYPE_CHECKING:
    pass


def find_person(ctx: Ctx, login: str) -> dict[str, Any] | None:
    login = login.strip()
    person = ctx.store.get("people", login) if login else None
    if person is None and len(login) == 12 and login.isdigit():
        found = ctx.store.find("people", citizen_id=login)
        person = found[0] if found else None
    return person


def get_account(ctx: Ctx, si_code: str) -> dict[str, Any]:
    doc = ctx.store.get(ACCOUNTS, si_code)
    if doc is None:
        doc = {
            "si_code": si_code,
            "phone": "09" + si_code[-8:],
            "max_level": 2,
            "failed_password": 0,
            "failed_otp": 0,
            "locked_until": 0,
            "active_device": None,
        }
        ctx.store.put(ACCOUNTS, si_code, doc)
    return doc


def check_not_locked(ctx: Ctx, account: Mapping[str, Any]) -> None:
    if account.get("locked_until", 0) > sim_now(ctx):
        raise oauth_error(
            403,
            "account_locked",
            "too many failed attempts; the account is locked",
            slug="account-locked",
            locked_until=iso_time(ctx.sandbox, int(account["locked_until"])),
        )


def _fail(ctx: Ctx, account: dict[str, Any], counter: str) -> bool:
    """Count a failure; True when the account just locked."""
    failures = int(account.get(counter, 0)) + 1
    account[counter] = failures
    locked = failures >= MAX_FAILURES
    if locked:
        account["locked_until"] = sim_now(ctx) + LOCK_SECONDS
        account[counter] = 0
    ctx.store.put(ACCOUNTS, account["si_code"], account)
    return locked


def check_password(ctx: Ctx, login: str, password: str) -> dict[str, Any]:
    """The person for an SI code + password; counts failures and locks the account."""
    person = find_person(ctx, login)
    if person is None or not person.get("alive", True):
        raise oauth_error(400, "invalid_grant", "unknown SI code or wrong password")
    account = get_account(ctx, person["si_code"])
    check_not_locked(ctx, account)
    if not hmac.compare_digest(password.encode(), SANDBOX_PASSWORD.encode()):
        if _fail(ctx, account, "failed_password"):
            check_not_locked(ctx, account)
        raise oauth_error(400, "invalid_grant", "unknown SI code or wrong password")
    if account.get("failed_password"):
        account["failed_password"] = 0
        ctx.store.put(ACCOUNTS, account["si_code"], account)
    return person


def requested_level(acr_values: str | None, default: int = 2) -> int:
    if not acr_values:
        return default
    levels = [int(v[3:]) for v in acr_values.split() if v in ("loa1", "loa2")]
    if not levels:
        raise oauth_error(400, "invalid_request", "acr_values must be loa1 or loa2")
    return max(levels)


def touch_device(ctx: Ctx, si_code: str, device_id: str) -> None:
    key = f"{si_code}:{device_id}"
    now = ctx.sandbox.now().isoformat()
    doc = ctx.store.get(DEVICES, key) or {
        "si_code": si_code,
        "device_id": device_id,
        "first_seen": now,
    }
    doc["last_login"] = now
    ctx.store.put(DEVICES, key, doc)


def needs_otp(ctx: Ctx, account: dict[str, Any], device_id: str) -> bool:
    active = account.get("active_device")
    if active is None:
        account["active_device"] = device_id
        ctx.store.put(ACCOUNTS, account["si_code"], account)
    return active is not None and active != device_id


def new_challenge(
    ctx: Ctx, account: Mapping[str, Any], device_id: str, pending: dict[str, Any]
) -> dict[str, Any]:
    challenge_id = ctx.sandbox.new_id("otp")
    code = f"{secrets.randbelow(10**6):06d}"
    expires = sim_now(ctx) + OTP_TTL
    sent_to = mask(str(account["phone"]))
    doc = {
        "challenge_id": challenge_id,
        "si_code": account["si_code"],
        "device_id": device_id,
        "code_sha256": hashlib.sha256(code.encode()).hexdigest(),
        "expires_at": expires,
        "attempts": 0,
        "pending": pending,
        "sent_to": sent_to,
    }
    ctx.store.put(OTP_CHALLENGES, challenge_id, doc)
    ctx.store.put(
        OTP_OUTBOX,
        challenge_id,
        {
            "challenge_id": challenge_id,
            "si_code": account["si_code"],
            "device_id": device_id,
            "sent_to": sent_to,
            "code": code,
            "sent_at": ctx.sandbox.now().isoformat(),
            "purpose": "new-device-login",
        },
    )
    return doc


def otp_required(ctx: Ctx, challenge: Mapping[str, Any]) -> SandboxProblem:
    return oauth_error(
        403,
        "otp_required",
        "this account is active on another device; enter the OTP sent to the registered phone",
        slug="otp-required",
        challenge_id=challenge["challenge_id"],
        device_id=challenge["device_id"],
        sent_to=challenge["sent_to"],
        expires_at=iso_time(ctx.sandbox, int(challenge["expires_at"])),
    )


def complete_otp(ctx: Ctx, challenge_id: str, code: str) -> dict[str, Any]:
    """Check an OTP; on success move the account to the new device and return the pending step."""
    challenge = ctx.store.get(OTP_CHALLENGES, challenge_id)
    if challenge is None or challenge["expires_at"] < sim_now(ctx):
        raise oauth_error(
            400, "invalid_otp", "unknown or expired OTP challenge", slug="invalid-otp"
        )
    account = get_account(ctx, challenge["si_code"])
    check_not_locked(ctx, account)
    digest = hashlib.sha256(code.strip().encode()).hexdigest()
    if not hmac.compare_digest(digest, challenge["code_sha256"]):
        challenge["attempts"] += 1
        ctx.store.put(OTP_CHALLENGES, challenge_id, challenge)
        if _fail(ctx, account, "failed_otp"):
            ctx.store.delete(OTP_CHALLENGES, challenge_id)
            check_not_locked(ctx, account)
        raise oauth_error(400, "invalid_otp", "wrong OTP", slug="invalid-otp")
    ctx.store.delete(OTP_CHALLENGES, challenge_id)
    old = account.get("active_device")
    if old and old != challenge["device_id"]:
        for family in ctx.store.find(TOKEN_FAMILIES, si_code=account["si_code"], device_id=old):
            revoke_family(ctx.sandbox, family["family"], "device-replaced")
    account["active_device"] = challenge["device_id"]
    account["failed_otp"] = 0
    ctx.store.put(ACCOUNTS, account["si_code"], account)
    pending: dict[str, Any] = challenge["pending"]
    return pending
