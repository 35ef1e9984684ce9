"""Geboortezorg: Caresq - Inkoopbeleid Geboortezorg 2024 (contract year 2024).

Registered under the ``caresq.plugins`` entry point ``geboortezorg``. The module itself is the
plugin, with every policy parameter left unset. To set one, register a configured
:class:`GeboortezorgPlugin` instead of the module::

    from caresq import Engine
    from caresq_plugins.geboortezorg import GeboortezorgPlugin

    engine = Engine(plugins=[GeboortezorgPlugin(max_diagnostic_ultrasounds=3)])

Contracts: verloskunde, toeslag_bereikbaarheid, prenatale_screening, kraamzorg, ligdagen,
geboortecentrum, integrale_geboortezorg.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from attrs import field, frozen
from attrs.validators import ge, instance_of, optional

from caresq import Condition, Contract, Fact, Policy, hookimpl
from caresq.calendar import CalendarEvent
from caresq_plugins.geboortezorg import (
    geboortecentrum,
    igo,
    kraamzorg,
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

    def _builders(self) -> dict[str, Callable[[], Sequence[Condition]]]:
        return {
            verloskunde.VERLOSKUNDE.id: verloskunde.conditions,
            toeslag.TOESLAG_BEREIKBAARHEID.id: toeslag.conditions,
            prenatale.PRENATALE_SCREENING.id:
                lambda: prenatale.conditions(self.max_diagnostic_ultrasounds),
            kraamzorg.KRAAMZORG.id: kraamzorg.kraamzorg_conditions,
            kraamzorg.LIGDAGEN.id: kraamzorg.ligdagen_conditions,
            geboortecentrum.GEBOORTECENTRUM.id: geboortecentrum.conditions,
            igo.INTEGRALE_GEBOORTEZORG.id: igo.conditions,
        }

    @hookimpl
    def caresq_policies(self) -> Sequence[Policy]:
        return [POLICY]

    @hookimpl
    def caresq_facts(self) -> Sequence[Fact]:
        return FACTS

    @hookimpl
    def caresq_contracts(self, policy: Policy) -> Sequence[Contract]:
        return CONTRACTS if policy == POLICY else ()

    @hookimpl
    def caresq_conditions(self, policy: Policy, contract: Contract) -> Sequence[Condition]:
        build = self._builders().get(contract.id) if policy == POLICY else None
        return build() if build else ()

    @hookimpl
    def caresq_calendar_events(self, policy: Policy) -> Sequence[CalendarEvent]:
        return planning.events() if policy == POLICY else ()


#: The unconfigured plugin the module-level hooks delegate to.
PLUGIN: Final = GeboortezorgPlugin()


@hookimpl
def caresq_policies() -> Sequence[Policy]:
    return PLUGIN.caresq_policies()


@hookimpl
def caresq_facts() -> Sequence[Fact]:
    return PLUGIN.caresq_facts()


@hookimpl
def caresq_contracts(policy: Policy) -> Sequence[Contract]:
    return PLUGIN.caresq_contracts(policy)


@hookimpl
def caresq_conditions(policy: Policy, contract: Contract) -> Sequence[Condition]:
    return PLUGIN.caresq_conditions(policy, contract)


@hookimpl
def caresq_calendar_events(policy: Policy) -> Sequence[CalendarEvent]:
    return PLUGIN.caresq_calendar_events(policy)
