"""Errors of the rules engine."""

from __future__ import annotations

import datetime as dt

from vssdk.errors import InvalidArgument, VssdkError

__all__ = ["ParameterDataError", "RuleInputError", "StaleParameters"]


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


class StaleParameters(UserWarning):
    """A rule used a parameter series past the date to which it is known good (its last review).

    ``series`` names the parameter, ``horizon`` is its ``known_good_until`` date and ``on`` the
    date it was used for. The value may have been superseded since (a new decree): check it.
    Results carry these in ``.warnings``; they are also issued through :mod:`warnings`.
    """

    def __init__(self, series: str, horizon: dt.date, on: dt.date) -> None:
        self.series = series
        self.horizon = horizon
        self.on = on
        super().__init__(
            f"{series}: parameter data known good until {horizon.isoformat()} (last review); "
            f"used for {on.isoformat()}, a later change may not be in the data"
        )

    def __reduce__(self) -> tuple[type[StaleParameters], tuple[str, dt.date, dt.date]]:
        return type(self), (self.series, self.horizon, self.on)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StaleParameters) and (self.series, self.horizon, self.on) == (
            other.series,
            other.horizon,
            other.on,
        )

    def __hash__(self) -> int:
        return hash((self.series, self.horizon, self.on))
