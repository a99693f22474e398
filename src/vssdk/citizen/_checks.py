"""Argument checks shared by the citizen area's operations (pure; raise InvalidArgument)."""

from __future__ import annotations

import enum
from typing import TypeVar

from vssdk.citizen.models import BankAccount
from vssdk.errors import InvalidArgument

E = TypeVar("E", bound=enum.StrEnum)


def check_enum(kind: type[E], value: E | str, argument: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidArgument(argument, f"must be one of {allowed}, got {value!r}") from None


def check_opt_enum(kind: type[E], value: E | str | None, argument: str) -> E | None:
    return None if value is None else check_enum(kind, value, argument)


def check_id(value: str, prefix: str, argument: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not (text.startswith(prefix + "_") and text[len(prefix) + 1 :].isdigit()):
        raise InvalidArgument(argument, f"must look like {prefix}_000001, got {value!r}")
    return text


def check_money(value: int, argument: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(argument, f"must be an int amount in VND, got {type(value).__name__}")
    if value <= 0:
        raise InvalidArgument(argument, "must be a positive amount in VND")
    return value


def check_bank(account: BankAccount) -> BankAccount:
    if not isinstance(account, BankAccount):
        raise InvalidArgument("bank_account", "must be a vssdk.citizen.BankAccount")
    if not account.account_number.isdigit() or not 6 <= len(account.account_number) <= 20:
        raise InvalidArgument("bank_account.account_number", "must be 6 to 20 digits")
    if not account.account_name.strip():
        raise InvalidArgument("bank_account.account_name", "must not be empty")
    return account
