"""schemathesis against the sandbox, in-process, for every operation in the spec.

Positive and negative cases: the sandbox must never fail with a server error, must answer with
documented statuses, content types and headers, replies must match the schemas, and requests
that break the schema must be rejected. Secured operations get a real token for the kind of
caller they declare (a level-2 citizen, or a seeded organisation holding the scope), obtained
through the sandbox's own authorization server.

One check is left out: ``positive_data_acceptance``. Business rules the schema cannot express
(a salary floor that depends on date and region, a person who must exist in the population
records, a record number already used) rightly answer 404/409/422 to schema-valid input. The
gateway's wire dialect (``x-vss-wire-dialect``) also skips ``negative_data_rejection`` and
``missing_required_header``: like the real gateway, it answers malformed requests and missing
tokens with HTTP 200 and a ``maKetQua`` code.
"""

from __future__ import annotations

import functools
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    missing_required_header,
    negative_data_rejection,
    positive_data_acceptance,
)

import vssdk
from tests.conftest import IN_PROCESS_URL, InProcessHTTP
from tests.contract._support import spec
from vssdk._core.auth import Auth, Requirement
from vssdk.contract import all_operations
from vssdk_sandbox.app import Sandbox, SandboxConfig, create_app

_SANDBOX = Sandbox(SandboxConfig())
_APP = create_app(sandbox=_SANDBOX)
schema = schemathesis.openapi.from_dict(spec())
schema.app = _APP

CITIZEN = "7901234567"


@functools.cache
def _client() -> vssdk.Client:
    return vssdk.Client(IN_PROCESS_URL, http_client=InProcessHTTP(_APP, base_url=IN_PROCESS_URL))


@functools.cache
def _auth_for(principal: str, scope: str | None) -> Auth:
    from vssdk_sandbox.seeds.identity import SANDBOX_CLIENTS
    from vssdk_sandbox.testing import organisation_credentials

    if principal == "citizen":
        from vssdk.identity.password import PasswordLogin
        from vssdk_sandbox.seeds.people import SANDBOX_PASSWORD

        return PasswordLogin(
            CITIZEN, SANDBOX_PASSWORD, device_id="schemathesis", level=2, base_url=IN_PROCESS_URL
        )
    holder = next(
        c["client_id"]
        for c in SANDBOX_CLIENTS
        if c["kind"] == "organisation" and (scope is None or scope in c["scopes"])
    )
    return organisation_credentials(IN_PROCESS_URL, holder, [scope] if scope else [])


@functools.cache
def _bearer(operation_id: str) -> str | None:
    op = all_operations().get(operation_id)
    if op is None or op.principal == "none":
        return None
    principal = "organisation" if op.principal == "any" else op.principal
    auth = _auth_for(principal, op.scope)
    requirement = Requirement(op.operation_id, principal, op.scope, op.identity_level)
    engine = _client()._engine
    headers = auth.headers(requirement, engine.send_raw)
    return headers.get("authorization")


@schema.auth()
class SandboxTokens:
    """A token per operation, for the kind of caller the operation declares."""

    def get(self, case: Any, context: Any) -> str:
        return "per-operation"

    def set(self, case: Any, data: str, context: Any) -> None:
        operation_id = case.operation.definition.raw.get("operationId", "")
        bearer = _bearer(operation_id)
        if bearer is not None:
            case.headers = {**(case.headers or {}), "Authorization": bearer}


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_sandbox_conforms_to_the_spec(case: schemathesis.Case) -> None:
    excluded: list[Any] = [positive_data_acceptance]
    if case.operation.definition.raw.get("x-vss-wire-dialect"):
        excluded += [negative_data_rejection, missing_required_header]
    case.call_and_validate(excluded_checks=excluded)
