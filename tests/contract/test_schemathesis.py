"""schemathesis against the sandbox, in-process, for every operation in the spec.

Positive and negative cases: the sandbox must never fail with a server error, must answer with
documented statuses and content types, and replies must match the schemas.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from tests.contract._support import spec
from vssdk.sandbox.app import Sandbox, SandboxConfig, create_app

_SANDBOX = Sandbox(SandboxConfig())
schema = schemathesis.openapi.from_dict(spec())
schema.app = create_app(sandbox=_SANDBOX)


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_sandbox_conforms_to_the_spec(case: schemathesis.Case) -> None:
    case.call_and_validate()
