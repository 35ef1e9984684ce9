"""The catalogue: everything the plugins declare, collected and checked once per engine.

Building it calls each declaration hook implementation on its own, so that a clash (two plugins
declaring the same fact or contract id) names both plugins.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import pluggy
from attrs import field, frozen

from caresq.errors import PluginError
from caresq.facts import Fact
from caresq.model import Condition, Contract, Kind, Policy
from caresq.parameters import Parameter, apply_overrides


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
    #: The parameters of each policy, with the values in force, in declaration order.
    parameters: Mapping[Policy, tuple[Parameter, ...]] = field(factory=dict)
    #: The overrides the values in force come from (id -> checked value).
    overrides: Mapping[str, object] = field(factory=dict)

    def values(self, policy: Policy) -> Mapping[str, object]:
        """The values in force of ``policy``'s parameters, by id."""
        return {parameter.id: parameter.value for parameter in self.parameters.get(policy, ())}

    @property
    def years(self) -> tuple[int, ...]:
        """The contract years some policy covers, ascending."""
        return tuple(sorted({policy.contract_year for policy in self.policies}))

    @property
    def contract_ids(self) -> frozenset[str]:
        """Every contract id of every year."""
        return frozenset(cid for by_id in self.contracts.values() for cid in by_id)


def _each(manager: pluggy.PluginManager, hook: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """Call every implementation of ``hook`` on its own, yielding (plugin name, item).

    Each implementation gets the arguments it names, as pluggy would pass them: a plugin
    written before an argument was added to a hook keeps working.
    """
    for impl in getattr(manager.hook, hook).get_hookimpls():
        named = {name: kwargs[name] for name in impl.argnames if name in kwargs}
        for item in impl.function(**named) or ():
            yield impl.plugin_name, item


def _claim(owners: dict[str, str], what: str, key: str, plugin: str) -> None:
    label = f"{what} {key}"
    if label in owners:
        other = owners[label]
        who = f"{plugin!r} twice" if other == plugin else f"both {other!r} and {plugin!r}"
        raise PluginError(f"{what} {key!r} is declared by {who}")
    owners[label] = plugin


def build_catalogue(manager: pluggy.PluginManager,
                    overrides: Mapping[str, object] | None = None) -> Catalogue:
    """Collect and check every declaration; raise PluginError on a clash or a dangling fact.

    ``overrides`` (parameter id -> value) are checked against the declared parameters (a
    :class:`~caresq.parameters.ParameterError` names a bad one) and put in force before any
    contract is declared.
    """
    owners: dict[str, str] = {}
    facts: dict[str, Fact] = {}
    for plugin, fact in _each(manager, "caresq_facts"):
        _claim(owners, "fact", fact.id, plugin)
        facts[fact.id] = fact
    policies: list[Policy] = []
    for plugin, policy in _each(manager, "caresq_policies"):
        _claim(owners, "policy", f"{policy.care_type} {policy.contract_year}", plugin)
        policies.append(policy)
    parameters = _parameters(manager, policies, overrides or {})
    contracts: dict[int, dict[str, ContractSpec]] = {}
    for policy in policies:
        by_id = contracts.setdefault(policy.contract_year, {})
        values = {parameter.id: parameter.value for parameter in parameters[policy]}
        for plugin, contract in _each(manager, "caresq_contracts", policy=policy,
                                      parameters=values):
            _check_contract(policy, contract, plugin, by_id)
            conditions = _conditions(manager, policy, contract, facts, values)
            by_id[contract.id] = ContractSpec(
                contract, policy, conditions, _questionnaire(conditions),
                any(c.kind is Kind.FACTOR for c in conditions), _optional(conditions))
            owners[f"contract {contract.id}"] = plugin
    checked = {parameter.id: parameter.value for policy in policies
               for parameter in parameters[policy] if parameter.id in (overrides or {})}
    return Catalogue(tuple(policies), facts, contracts, owners, parameters, checked)


def _parameters(manager: pluggy.PluginManager, policies: Sequence[Policy],
                overrides: Mapping[str, object]) -> dict[Policy, tuple[Parameter, ...]]:
    """Every policy's parameters, unique per policy, with ``overrides`` in force."""
    declared: dict[Policy, list[Parameter]] = {}
    for policy in policies:
        seen: dict[str, str] = {}
        declared[policy] = []
        for plugin, parameter in _each(manager, "caresq_parameters", policy=policy):
            if not isinstance(parameter, Parameter):
                raise PluginError(f"plugin {plugin!r} declares a parameter that is not a "
                                  f"caresq.Parameter: {type(parameter).__name__}")
            if parameter.id in seen:
                who = (f"{plugin!r} twice" if seen[parameter.id] == plugin
                       else f"both {seen[parameter.id]!r} and {plugin!r}")
                raise PluginError(f"parameter {parameter.id!r} of {policy.care_type} "
                                  f"{policy.contract_year} is declared by {who}")
            seen[parameter.id] = plugin
            declared[policy].append(parameter)
    return {policy: tuple(values)
            for policy, values in apply_overrides(declared, overrides).items()}


def _check_contract(policy: Policy, contract: Contract, plugin: str,
                    by_id: Mapping[str, ContractSpec]) -> None:
    if contract.care_type != policy.care_type or "." not in contract.id:
        raise PluginError(f"contract {contract.id!r} of plugin {plugin!r} must start with "
                          f"{policy.care_type + '.'!r}")
    if contract.id in by_id:
        raise PluginError(f"contract {contract.id!r} is declared twice for {policy.contract_year}")


def _conditions(manager: pluggy.PluginManager, policy: Policy, contract: Contract,
                facts: Mapping[str, Fact],
                values: Mapping[str, object]) -> tuple[Condition, ...]:
    seen: dict[str, str] = {}
    conditions: list[Condition] = []
    for plugin, condition in _each(manager, "caresq_conditions", policy=policy, contract=contract,
                                   parameters=values):
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
