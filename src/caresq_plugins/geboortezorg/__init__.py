"""Geboortezorg: Caresq - Inkoopbeleid Geboortezorg 2024 (contract year 2024).

Registered under the ``caresq.plugins`` entry point ``geboortezorg``.
"""

from __future__ import annotations

from collections.abc import Sequence

from caresq import Condition, Contract, Fact, Policy, hookimpl
from caresq_plugins.geboortezorg import kraamzorg
from caresq_plugins.geboortezorg.facts import FACTS
from caresq_plugins.geboortezorg.policy import POLICY

_CONDITIONS = {
    kraamzorg.KRAAMZORG.id: kraamzorg.kraamzorg_conditions,
    kraamzorg.LIGDAGEN.id: kraamzorg.ligdagen_conditions,
}


@hookimpl
def caresq_policies() -> Sequence[Policy]:
    return [POLICY]


@hookimpl
def caresq_facts() -> Sequence[Fact]:
    return FACTS


@hookimpl
def caresq_contracts(policy: Policy) -> Sequence[Contract]:
    return [kraamzorg.KRAAMZORG, kraamzorg.LIGDAGEN] if policy == POLICY else []


@hookimpl
def caresq_conditions(policy: Policy, contract: Contract) -> Sequence[Condition]:
    build = _CONDITIONS.get(contract.id) if policy == POLICY else None
    return build() if build else []
