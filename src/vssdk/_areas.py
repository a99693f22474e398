"""The service areas: the one list to edit when adding an area.

Each line of :class:`ServiceAreas` names an area's client attribute, its package
(``vssdk.<package>``) and its two classes in ``vssdk.<package>._resource``. Everything else that
enumerates areas is derived from this list: the clients' attributes (this class is their base),
the operation table (``vssdk.<package>._operations``), ``vssdk.<package>`` as a lazy attribute of
``vssdk``, the problem types with their own exception class (``PROBLEM_TYPES`` in
``vssdk.<package>.errors``); the sandbox checks its handler modules against it
(``vssdk_sandbox.handlers.<package>``).

This module stays light: ``import vssdk`` imports it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from vssdk.benefits._resource import AsyncCalculators, Calculators
    from vssdk.cards._resource import AsyncCards, Cards
    from vssdk.citizen._resource import AsyncCitizen, Citizen
    from vssdk.claims._resource import AsyncClaims, Claims
    from vssdk.client import AsyncClient, Client
    from vssdk.declarations._resource import AsyncDeclarations, Declarations
    from vssdk.gateway._resource import AsyncGateway, Gateway
    from vssdk.identity._resource import AsyncIdentity, Identity
    from vssdk.lookups._resource import AsyncLookups, Lookups
    from vssdk.medical._resource import AsyncMedical, Medical
    from vssdk.procedures._resource import AsyncProcedures, Procedures
    from vssdk.sandbox._resource import AsyncSandboxAdmin, SandboxAdmin
    from vssdk.webhooks._resource import AsyncWebhooks, Webhooks

__all__ = ["AREAS", "Area", "ServiceAreas"]

S = TypeVar("S")
A = TypeVar("A")


class Area(Generic[S, A]):
    """A service area. On a client it is the area object bound to the client's engine, built on
    first access and then cached in the instance (a non-data descriptor)."""

    __slots__ = ("async_class", "name", "package", "sync_class")

    def __init__(self, package: str, sync_class: str, async_class: str) -> None:
        self.package = package
        self.sync_class = sync_class
        self.async_class = async_class
        self.name = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @property
    def resource_module(self) -> str:
        return f"vssdk.{self.package}._resource"

    @property
    def operations_module(self) -> str:
        return f"vssdk.{self.package}._operations"

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Area[S, A]: ...
    @overload
    def __get__(self, obj: Client, owner: type[Any]) -> S: ...
    @overload
    def __get__(self, obj: AsyncClient, owner: type[Any]) -> A: ...
    def __get__(self, obj: Client | AsyncClient | None, owner: type[Any]) -> Area[S, A] | S | A:
        if obj is None:
            return self
        module = importlib.import_module(self.resource_module)
        cls = getattr(module, self.async_class if obj._is_async else self.sync_class)
        area: S | A = cls(obj._engine)
        obj.__dict__[self.name] = area  # later reads skip the descriptor
        return area

    def __repr__(self) -> str:
        return f"Area({self.name!r}, package={self.package!r})"


class ServiceAreas:
    """Every service area, in spec order; the base of :class:`~vssdk.Client` and
    :class:`~vssdk.AsyncClient`. Adding an area: one line here (and its typing import above)."""

    sandbox: Area[SandboxAdmin, AsyncSandboxAdmin] = Area(
        "sandbox", "SandboxAdmin", "AsyncSandboxAdmin"
    )
    lookups: Area[Lookups, AsyncLookups] = Area("lookups", "Lookups", "AsyncLookups")
    identity: Area[Identity, AsyncIdentity] = Area("identity", "Identity", "AsyncIdentity")
    cards: Area[Cards, AsyncCards] = Area("cards", "Cards", "AsyncCards")
    claims: Area[Claims, AsyncClaims] = Area("claims", "Claims", "AsyncClaims")
    gateway: Area[Gateway, AsyncGateway] = Area("gateway", "Gateway", "AsyncGateway")
    medical: Area[Medical, AsyncMedical] = Area("medical", "Medical", "AsyncMedical")
    citizen: Area[Citizen, AsyncCitizen] = Area("citizen", "Citizen", "AsyncCitizen")
    calculators: Area[Calculators, AsyncCalculators] = Area(
        "benefits", "Calculators", "AsyncCalculators"
    )
    declarations: Area[Declarations, AsyncDeclarations] = Area(
        "declarations", "Declarations", "AsyncDeclarations"
    )
    procedures: Area[Procedures, AsyncProcedures] = Area(
        "procedures", "Procedures", "AsyncProcedures"
    )
    webhooks: Area[Webhooks, AsyncWebhooks] = Area("webhooks", "Webhooks", "AsyncWebhooks")


AREAS: tuple[Area[Any, Any], ...] = tuple(
    value for value in vars(ServiceAreas).values() if isinstance(value, Area)
)
