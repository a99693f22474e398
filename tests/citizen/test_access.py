"""Only the signed-in citizen's data, at identity level 2; idempotent submissions; SDK checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

import vssdk
from tests.citizen._support import FORMER_WORKER, VOLUNTARY, WORKER, citizen_token
from tests.conftest import IN_PROCESS_URL, run
from vssdk._core.auth import BearerToken
from vssdk.citizen import BankAccount
from vssdk.errors import InvalidArgument
from vssdk_sandbox.app import Sandbox

Login = Callable[..., vssdk.Client]
ACCOUNT = BankAccount("VCB", "0123456789", "DO THI GIANG")


def test_another_citizens_payment_and_dossier_are_forbidden(login: Login) -> None:
    owner = login(VOLUNTARY).citizen
    payment = owner.pay(owner.register_voluntary_si(1_500_000, "monthly").id)
    app = login(FORMER_WORKER).citizen.claim_one_time_si("left_si_12_months", ACCOUNT)
    other = login(WORKER).citizen
    for call in (
        lambda: other.payment(payment.id),
        lambda: other.receipt(payment.id),
        lambda: other.complete_payment(payment.id),
        lambda: other.application(app.id),
    ):
        with pytest.raises(vssdk.PermissionDeniedError):
            call()
    assert list(other.applications()) == []
    with pytest.raises(vssdk.PermissionDeniedError):
        other.pay(payment.registration_id)


def test_unknown_ids_are_404(login: Login) -> None:
    citizen = login(WORKER).citizen
    with pytest.raises(vssdk.NotFoundError):
        citizen.application("app_999999")
    with pytest.raises(vssdk.NotFoundError):
        citizen.payment("pay_999999")
    with pytest.raises(vssdk.NotFoundError):
        citizen.pay("reg_999999")


def test_identity_level_scope_and_principal_are_enforced(
    login: Login, client: vssdk.Client
) -> None:
    with pytest.raises(vssdk.PermissionDeniedError) as low:
        login(WORKER, level=1).citizen.card()
    assert "identity level" in (low.value.detail or "")
    with pytest.raises(vssdk.PermissionDeniedError):
        login(WORKER, scopes=("openid", "citizen.read")).citizen.register_voluntary_si(
            1_500_000, "monthly"
        )
    with pytest.raises(vssdk.PermissionDeniedError):
        login(WORKER, kind="organisation").citizen.profile()
    with pytest.raises(vssdk.AuthenticationError):
        client.citizen.participation_summary()


def test_the_same_idempotency_key_returns_the_same_dossier(login: Login, sandbox: Sandbox) -> None:
    citizen = login(FORMER_WORKER).citizen
    first = citizen.claim_one_time_si("left_si_12_months", ACCOUNT, idempotency_key="claim-0001")
    again = citizen.claim_one_time_si("left_si_12_months", ACCOUNT, idempotency_key="claim-0001")
    assert again == first
    assert sandbox.store.count("citizen_applications") == 1
    with pytest.raises(vssdk.ConflictError):
        citizen.claim_one_time_si("emigrating", ACCOUNT, idempotency_key="claim-0001")


class _DropFirstReply(httpx.AsyncBaseTransport):
    """Delivers every request, but loses the reply to the first POST (a dropped connection)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.posts: list[str | None] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        await response.aread()
        if request.method == "POST":
            self.posts.append(request.headers.get("idempotency-key"))
            if len(self.posts) == 1:
                raise httpx.ReadError("connection reset by peer", request=request)
        return response


def test_a_retry_after_a_dropped_reply_creates_exactly_one_dossier(
    sandbox_app: object, sandbox: Sandbox
) -> None:
    token = citizen_token(sandbox, FORMER_WORKER)
    transport = _DropFirstReply(httpx.ASGITransport(app=sandbox_app))  # type: ignore[arg-type]

    async def go() -> str:
        async with vssdk.AsyncClient(
            IN_PROCESS_URL, transport=transport, auth=BearerToken(token), max_retries=2
        ) as aclient:
            app = await aclient.citizen.claim_one_time_si("left_si_12_months", ACCOUNT)
            return app.id

    app_id = run(go())
    assert len(transport.posts) == 2 and transport.posts[0] == transport.posts[1] is not None
    assert [a["id"] for a in sandbox.store.find("citizen_applications")] == [app_id]


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.register_voluntary_si(1_500_000.0, "monthly"), "monthly_income"),
        (lambda c: c.register_voluntary_si(True, "monthly"), "monthly_income"),
        (lambda c: c.register_voluntary_si(1_500_000, "weekly"), "payment_mode"),
        (lambda c: c.register_household_hi([], months=12), "members"),
        (lambda c: c.register_household_hi([("12345", "A B")]), "members[0].si_code"),
        (
            lambda c: c.register_household_hi([(VOLUNTARY, "A"), (VOLUNTARY, "A")]),
            "members[1].si_code",
        ),
        (lambda c: c.register_household_hi([(VOLUNTARY, "A")], months=5), "months"),
        (lambda c: c.pay("pay_000001"), "registration_id"),
        (lambda c: c.complete_payment("pay_000001", outcome="maybe"), "outcome"),
        (lambda c: c.claim_one_time_si("bored", ACCOUNT), "ground"),
        (
            lambda c: c.claim_one_time_si("emigrating", BankAccount("VCB", "12ab", "X")),
            "bank_account.account_number",
        ),
        (lambda c: c.claim_unemployment_benefit("2026-01-01", ACCOUNT), "termination_date"),
        (lambda c: c.application("42"), "application_id"),
        (lambda c: c.participation(scheme="pension"), "scheme"),
    ],
)
def test_bad_arguments_raise_before_anything_is_sent(
    call: Callable[[object], object], argument: str
) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"sent {request.url}")

    offline = vssdk.Client(IN_PROCESS_URL, transport=httpx.MockTransport(refuse))
    with offline, pytest.raises(InvalidArgument) as info:
        call(offline.citizen)
    assert info.value.argument == argument


def test_termination_date_must_be_a_date_not_a_datetime() -> None:
    from vssdk.citizen._operations import claim_unemployment_benefit

    with pytest.raises(InvalidArgument):
        claim_unemployment_benefit.builder(dt.datetime(2026, 1, 1), ACCOUNT)
