"""Geboortezorg: Caresq - Inkoopbeleid Geboortezorg 2024 (contract year 2024).

Registered under the ``caresq.plugins`` entry point ``geboortezorg``. The module itself is the
plugin. Its numbers and dates are policy parameters
(:mod:`caresq_plugins.geboortezorg.parameters`); override any of them on the engine::

    from caresq import Engine

    engine = Engine.default(parameters={"prenatale.max_diagnostic_ultrasounds": 3,
                                        "kraamzorg.max_zzp_share": 0.20})

A configured :class:`GeboortezorgPlugin` (``GeboortezorgPlugin(max_diagnostic_ultrasounds=3)``)
declares its own value for the one parameter the text leaves open.

Contracts: verloskunde, toeslag_bereikbaarheid, prenatale_screening, kraamzorg, ligdagen,
geboortecentrum, integrale_geboortezorg.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Final

from attrs import field, frozen
from attrs.validators import ge, instance_of, optional

from caresq import Condition, Contract, Fact, Parameter, Policy, hookimpl
from caresq.calendar import CalendarEvent
from caresq_plugins.geboortezorg import (
    geboortecentrum,
    igo,
    kraamzorg,
    parameters,
    planning,
    prenatale,
    toeslag,
    verloskunde,
)
from caresq_plugins.geboortezorg.facts import FACTS
from caresq_plugins.geboortezorg.policy import POLICY

__all__ = ["CONTRACTS", "PLUGIN", "GeboortezorgPlugin"]

#: Every contract of the policy, in the order the policy presents them.
CONTRACTS: Final = (
    verloskunde.VERLOSKUNDE,
    toeslag.TOESLAG_BEREIKBAARHEID,
    prenatale.PRENATALE_SCREENING,
    kraamzorg.KRAAMZORG,
    kraamzorg.LIGDAGEN,
    geboortecentrum.GEBOORTECENTRUM,
    igo.INTEGRALE_GEBOORTEZORG,
)


@frozen
class GeboortezorgPlugin:
    """The geboortezorg plugin with its policy parameters; the module is the unconfigured one."""

    #: ``prenatale.max_diagnostic_ultrasounds``: the maximum of diagnostic ultrasounds per
    #: pregnancy. The policy names a maximum without its value, so it stays ``None`` (and the
    #: note says it is not given) until someone who knows it sets it.
    max_diagnostic_ultrasounds: int | None = field(
        default=None, validator=optional([instance_of(int), ge(0)]))
    #: The name the engine registers the plugin under.
    name: str = "caresq_plugins.geboortezorg"

    @hookimpl
    def caresq_policies(self) -> Sequence[Policy]:
        return [POLICY]

    @hookimpl
    def caresq_facts(self) -> Sequence[Fact]:
        return FACTS

    @hookimpl
    def caresq_parameters(self, policy: Policy) -> Sequence[Parameter]:
        return parameters.declared(self.max_diagnostic_ultrasounds) if policy == POLICY else ()

    @hookimpl
    def caresq_contracts(self, policy: Policy,
                         parameters: Mapping[str, object]) -> Sequence[Contract]:
        if policy != POLICY:
            return ()
        return (verloskunde.contract(parameters), toeslag.contract(parameters),
                prenatale.contract(parameters), *kraamzorg.contracts(parameters),
                geboortecentrum.contract(parameters), igo.contract(parameters))

    @hookimpl
    def caresq_conditions(self, policy: Policy, contract: Contract,
                          parameters: Mapping[str, object]) -> Sequence[Condition]:
        build = _BUILDERS.get(contract.id) if policy == POLICY else None
        return build(parameters) if build else ()

    @hookimpl
    def caresq_calendar_events(self, policy: Policy,
                               parameters: Mapping[str, object]) -> Sequence[CalendarEvent]:
        return planning.events(parameters) if policy == POLICY else ()


#: How each contract's conditions are built from the parameter values in force.
_BUILDERS: Final[Mapping[str, Callable[[Mapping[str, object]], Sequence[Condition]]]] = {
    verloskunde.VERLOSKUNDE.id: verloskunde.conditions,
    toeslag.TOESLAG_BEREIKBAARHEID.id: toeslag.conditions,
    prenatale.PRENATALE_SCREENING.id: prenatale.conditions,
    kraamzorg.KRAAMZORG.id: kraamzorg.kraamzorg_conditions,
    kraamzorg.LIGDAGEN.id: kraamzorg.ligdagen_conditions,
    geboortecentrum.GEBOORTECENTRUM.id: geboortecentrum.conditions,
    igo.INTEGRALE_GEBOORTEZORG.id: igo.conditions,
}


#: The unconfigured plugin the module-level hooks delegate to.
PLUGIN: Final = GeboortezorgPlugin()


@hookimpl
def caresq_policies() -> Sequence[Policy]:
    return PLUGIN.caresq_policies()


@hookimpl
def caresq_facts() -> Sequence[Fact]:
    return PLUGIN.caresq_facts()


@hookimpl
def caresq_parameters(policy: Policy) -> Sequence[Parameter]:
    return PLUGIN.caresq_parameters(policy)


@hookimpl
def caresq_contracts(policy: Policy, parameters: Mapping[str, object]) -> Sequence[Contract]:
    return PLUGIN.caresq_contracts(policy, parameters)


@hookimpl
def caresq_conditions(policy: Policy, contract: Contract,
                      parameters: Mapping[str, object]) -> Sequence[Condition]:
    return PLUGIN.caresq_conditions(policy, contract, parameters)


@hookimpl
def caresq_calendar_events(policy: Policy,
                           parameters: Mapping[str, object]) -> Sequence[CalendarEvent]:
    return PLUGIN.caresq_calendar_events(policy, parameters)
