"""Errors of the rules engine."""

from __future__ import annotations

from vssdk.errors import InvalidArgument, VssdkError

__all__ = ["ParameterDataError", "RuleInputError"]


class RuleInputError(InvalidArgument):
    """An input a rule cannot accept (``.argument`` names it; the message names rule and limit).

    Ineligibility that the law defines is *not* an error: it is a result with ``eligible=False``.
    """


class ParameterDataError(VssdkError):
    """A parameter data file is invalid (gap, overlap, missing citation, wrong type ...)."""

    def __init__(self, source: str, parameter: str, reason: str) -> None:
        self.source = source
        self.parameter = parameter
        self.reason = reason
        super().__init__(f"{source}: parameter {parameter!r}: {reason}")
