"""ZBC: Caresq - Inkoopbeleid Zelfstandige behandelcentra 2025, versie 1-4-2024.

One contract, ``zbc.msz`` (medisch-specialistische zorg by an independent treatment centre),
for contract year 2025. Registered under the ``caresq.plugins`` entry point ``zbc``; it uses
nothing of caresq but its public protocol and rule builders.

- :mod:`~caresq_plugins.zbc.policy`: the document, its cited blocks and dated lines;
- :mod:`~caresq_plugins.zbc.facts`: the questionnaire;
- :mod:`~caresq_plugins.zbc.rules`: rule builders the core does not have;
- :mod:`~caresq_plugins.zbc.msz`: the conditions and the offer;
- :mod:`~caresq_plugins.zbc.planning`: the procurement calendar.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from caresq import Condition, Contract, Fact, Parameter, Policy, hookimpl
from caresq.calendar import CalendarEvent
from caresq_plugins.zbc import msz, parameters, planning
from caresq_plugins.zbc.facts import FACTS
from caresq_plugins.zbc.policy import POLICY

__all__ = [
    "caresq_calendar_events",
    "caresq_conditions",
    "caresq_contracts",
    "caresq_facts",
    "caresq_parameters",
    "caresq_policies",
]


@hookimpl
def caresq_policies() -> Sequence[Policy]:
    return [POLICY]


@hookimpl
def caresq_facts() -> Sequence[Fact]:
    return FACTS


@hookimpl
def caresq_parameters(policy: Policy) -> Sequence[Parameter]:
    return parameters.declared() if policy == POLICY else []


@hookimpl
def caresq_contracts(policy: Policy, parameters: Mapping[str, object]) -> Sequence[Contract]:
    return [msz.contract(parameters)] if policy == POLICY else []


@hookimpl
def caresq_conditions(policy: Policy, contract: Contract,
                      parameters: Mapping[str, object]) -> Sequence[Condition]:
    if policy == POLICY and contract.id == msz.MSZ.id:
        return msz.msz_conditions(parameters)
    return []


@hookimpl
def caresq_calendar_events(policy: Policy,
                           parameters: Mapping[str, object]) -> Sequence[CalendarEvent]:
    return planning.events(parameters) if policy == POLICY else []
