"""What the citizen handlers share: collections, the signed-in citizen, paging and refusals."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

from vssdk.calendar import (
    month_of,
)
from vssdk_sandbox.kit import (
    Ctx,
    SandboxProblem,
    field_error,
    problem,
)

if TYPE_CHECKING:
    from vssdk_sandbox.app import Sandbox

PEOPLE = "people"
CARDS = "citizen_cards"
PARTICIPATION = "participation"
REGISTRATIONS = "citizen_registrations"
PAYMENTS = "citizen_payments"
APPLICATIONS = "citizen_applications"
NOTIFICATIONS = "citizen_notifications"
POPULATION_RECORDS = "population_records"
EMPLOYER_ACCOUNTS = "employer_accounts"
HOUSEHOLD_GROUP = "GD"
MODE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
REJECT_ACCOUNT = "0000000000"  # documented trigger: a dossier paying to it is rejected
# How long each dossier status lasts on the sandbox clock before the next one.
STATUS_DELAYS: dict[str, tuple[str, dt.timedelta]] = {
    "submitted": ("received", dt.timedelta(hours=1)),
    "received": ("processing", dt.timedelta(days=1)),
    "processing": ("approved", dt.timedelta(days=2)),
    "approved": ("paid", dt.timedelta(days=1)),
}


# --- helpers ---------------------------------------------------------------------------


def subject(ctx: Ctx) -> str:
    return ctx.require_principal().subject


def me(ctx: Ctx) -> dict[str, Any]:
    person = ctx.store.get(PEOPLE, subject(ctx))
    if person is None:
        raise problem(404, "Not Found", detail="no population record for this session's citizen")
    return person


def unprocessable(errors: list[dict[str, Any]], detail: str) -> SandboxProblem:
    return problem(422, "Unprocessable Entity", detail=detail, slug="rule-violated", errors=errors)


def owned(ctx: Ctx, collection: str, key: str, what: str) -> dict[str, Any]:
    doc = ctx.store.get(collection, key)
    if doc is None:
        raise problem(404, "Not Found", detail=f"no {what} {key}", vss_code="404")
    if doc["si_code"] != subject(ctx):
        raise problem(
            403, "Forbidden", detail=f"{what} {key} belongs to another citizen", slug="not-yours"
        )
    return doc


def public(doc: dict[str, Any], *hidden: str) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k not in hidden and v is not None}


def page(
    ctx: Ctx, collection: str, where: dict[str, Any]
) -> tuple[list[dict[str, Any]], str | None]:
    return ctx.store.page(
        collection,
        where={"si_code": subject(ctx), **where},
        cursor=ctx.query.get("cursor"),
        limit=int(ctx.query.get("limit", 50)),
    )


def norm_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def periods_of(store: Any, si_code: str, scheme: str | None = None) -> list[dict[str, Any]]:
    where = {"si_code": si_code} if scheme is None else {"si_code": si_code, "scheme": scheme}
    docs, _ = store.page(PARTICIPATION, where=where, limit=None)
    return list(docs)


def last_month(period: dict[str, Any], today: dt.date) -> str:
    return str(period.get("to_month") or month_of(today))


def open_now(period: dict[str, Any], today: dt.date) -> bool:
    return period.get("to_month") is None or period["to_month"] >= month_of(today)


def covered_elsewhere(card: dict[str, Any] | None, today: dt.date) -> bool:
    if card is None or card["object_group"] == HOUSEHOLD_GROUP:
        return False
    return card.get("valid_to") is None or card["valid_to"] >= today.isoformat()


def refuse(path: str, message: str, rule: str) -> SandboxProblem:
    return unprocessable([field_error(path, message, code=rule)], message)


def notify(
    sandbox: Sandbox,
    si_code: str,
    kind: str,
    title: str,
    body: str,
    related_id: str | None = None,
) -> dict[str, Any]:
    """Send a message to a citizen's VssID inbox and emit ``notification.created``."""
    notification = public(
        {
            "id": sandbox.new_id("ntf"),
            "si_code": si_code,
            "kind": kind,
            "title": title,
            "body": body,
            "created_at": sandbox.now().isoformat(),
            "read": False,
            "related_id": related_id,
        }
    )
    sandbox.store.put(NOTIFICATIONS, notification["id"], notification)
    sandbox.emit(
        "notification.created",
        {"notification_id": notification["id"], "kind": kind, "title": title},
        owner=si_code,
    )
    return notification
