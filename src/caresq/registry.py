"""The catalogue: everything the plugins declare, collected and checked once per engine.

Building it calls each declaration hook implementation on its own, so that a clash (two plugins
declaring the same fact or contract id) names both plugins.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pluggy
from attrs import frozen

from caresq.errors import PluginError
from caresq.facts import Fact
from caresq.model import Condition, Contract, Kind, Policy


@frozen
class ContractSpec:
    """A contract with everything the engine needs to assess it, prepared once."""

    contract: Contract
    policy: Policy
    conditions: tuple[Condition, ...]
    #: The facts the conditions read, in questionnaire order, without repeats.
    questionnaire: tuple[Fact, ...]
    #: Whether any condition is a factor (only then is a variant computed).
    has_factors: bool
    #: Ids of the facts only expectations and notes read: the questionnaire marks them
    #: optional, since no answer changes the status or the variant.
    optional: frozenset[str] = frozenset()

    def is_optional(self, fact: Fact) -> bool:
        """Whether the questionnaire may leave ``fact`` out without changing any outcome."""
        return fact.id in self.optional


@frozen
class Catalogue:
    """Every policy, contract and fact the registered plugins declare."""

    policies: tuple[Policy, ...]
    facts: Mapping[str, Fact]
    #: contract year -> contract id -> prepared contract.
    contracts: Mapping[int, Mapping[str, ContractSpec]]
    #: Which plugin declared what, for error messages and ``caresq plugins``.
    owners: Mapping[str, str]

    @property
    def years(self) -> tuple[int, ...]:
        """The contract years some policy covers, ascending."""
        return tuple(sorted({policy.contract_year for policy in self.policies}))

    @property
    def contract_ids(self) -> frozenset[str]:
        """Every contract id of every year."""
        return frozenset(cid for by_id in self.contracts.values() for cid in by_id)


def _each(manager: pluggy.PluginManager, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """Call every implementation of ``hook`` on its own, yielding (plugin name, item)."""
    for impl in getattr(manager.hook, hook).get_hookimpls():
        for item in impl.function(**kwargs) or ():
            yield impl.plugin_name, item


def _claim(owners: dict[str, str], what: str, key: str, plugin: str) -> None:
    label = f"{what} {key}"
    if label in owners:
        other = owners[label]
        who = f"{plugin!r} twice" if other == plugin else f"both {other!r} and {plugin!r}"
        raise PluginError(f"{what} {key!r} is declared by {who}")
    owners[label] = plugin


def build_catalogue(manager: pluggy.PluginManager) -> Catalogue:
    """Collect and check every declaration; raise PluginError on a clash or a dangling fact."""
    owners: dict[str, str] = {}
    facts: dict[str, Fact] = {}
    for plugin, fact in _each(manager, "caresq_facts"):
        _claim(owners, "fact", fact.id, plugin)
        facts[fact.id] = fact
    policies: list[Policy] = []
    for plugin, policy in _each(manager, "caresq_policies"):
        _claim(owners, "policy", f"{policy.care_type} {policy.contract_year}", plugin)
        policies.append(policy)
    contracts: dict[int, dict[str, ContractSpec]] = {}
    for policy in policies:
        by_id = contracts.setdefault(policy.contract_year, {})
        for plugin, contract in _each(manager, "caresq_contracts", policy=policy):
            _check_contract(policy, contract, plugin, by_id)
            conditions = _conditions(manager, policy, contract, facts)
            by_id[contract.id] = ContractSpec(
                contract, policy, conditions, _questionnaire(conditions),
                any(c.kind is Kind.FACTOR for c in conditions), _optional(conditions))
            owners[f"contract {contract.id}"] = plugin
    return Catalogue(tuple(policies), facts, contracts, owners)


def _check_contract(policy: Policy, contract: Contract, plugin: str,
                    by_id: Mapping[str, ContractSpec]) -> None:
    if contract.care_type != policy.care_type or "." not in contract.id:
        raise PluginError(f"contract {contract.id!r} of plugin {plugin!r} must start with "
                          f"{policy.care_type + '.'!r}")
    if contract.id in by_id:
        raise PluginError(f"contract {contract.id!r} is declared twice for {policy.contract_year}")


def _conditions(manager: pluggy.PluginManager, policy: Policy, contract: Contract,
                facts: Mapping[str, Fact]) -> tuple[Condition, ...]:
    seen: dict[str, str] = {}
    conditions: list[Condition] = []
    for plugin, condition in _each(manager, "caresq_conditions", policy=policy, contract=contract):
        if condition.id in seen:
            raise PluginError(f"condition {condition.id!r} of {contract.id} is declared by both "
                              f"{seen[condition.id]!r} and {plugin!r}")
        seen[condition.id] = plugin
        for fact in condition.rule.facts:
            if facts.get(fact.id) != fact:
                raise PluginError(f"condition {condition.id!r} of {contract.id} ({plugin!r}) "
                                  f"reads fact {fact.id!r}, which no plugin declares as such")
        conditions.append(condition)
    return tuple(conditions)


def _questionnaire(conditions: Sequence[Condition]) -> tuple[Fact, ...]:
    ordered: dict[str, Fact] = {}
    for condition in conditions:
        for fact in condition.rule.facts:
            ordered.setdefault(fact.id, fact)
    return tuple(ordered.values())


def _optional(conditions: Sequence[Condition]) -> frozenset[str]:
    """The facts no requirement, procedure or factor reads."""
    read = {fact.id for condition in conditions for fact in condition.rule.facts}
    deciding = {fact.id for condition in conditions
                if condition.kind not in (Kind.EXPECTATION, Kind.NOTE)
                for fact in condition.rule.facts}
    return frozenset(read - deciding)
