"""The catalogue: everything the plugins declare, collected and checked once per engine.

Building it calls each declaration hook implementation on its own, so that a clash (two plugins
declaring the same fact or contract id) names both plugins.

Care types have owners: the first plugin that declares a policy of a care type owns it, and
only the owner declares that care type's policies and contracts (another plugin declaring
``Policy("x", 2026)`` for a care type ``x`` it does not own is an error naming both, not a
silent takeover). Any plugin may still add conditions to another's contract through
``caresq_conditions``.

Each rule is probed once, on a situation with no facts that records what it reads: a rule that
reads a fact it does not declare (so the questionnaire would never ask it) is refused here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

import pluggy
from attrs import field, frozen

from caresq.errors import PLUGIN_FAULTS, PluginError
from caresq.facts import EARLIEST_DATE, LATEST_DATE, Fact, FactType, show_value
from caresq.model import Condition, Contract, Kind, Policy, RecordingFacts, Situation
from caresq.parameters import Parameter, apply_overrides
from caresq.profile import Application


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
    #: The plugin that declared the contract (its terms), and each condition by id: a rule
    #: that fails is reported with the plugin it came from.
    plugin: str | None = None
    condition_plugins: Mapping[str, str] = field(factory=dict)

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
    #: Which plugin declared what, for error messages and ``caresq plugins``: keys "fact ID",
    #: "policy CARE_TYPE YEAR", "care type CARE_TYPE" (its owner), "contract ID" and
    #: "condition CONTRACT_ID CONDITION_ID" (:func:`condition_key`).
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


def _each(manager: pluggy.PluginManager, hook: str, kind: type,
          **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """Call every implementation of ``hook`` on its own, yielding (plugin name, item).

    A hook that raises, or returns anything but a sequence of ``kind``, is a PluginError
    naming its plugin, so that the engine can leave that plugin out and keep the others.
    Each implementation gets the arguments it names, as pluggy would pass them: a plugin
    written before an argument was added to a hook keeps working.
    """
    for impl in getattr(manager.hook, hook).get_hookimpls():
        name = impl.plugin_name
        try:
            named = {key: kwargs[key] for key in impl.argnames if key in kwargs}
            items = list(impl.function(**named) or ())
        except PLUGIN_FAULTS as error:  # a plugin's bug: blame the plugin, not the engine
            raise PluginError(f"plugin {name!r}: its {hook} hook raised "
                              f"{type(error).__name__}: {error}", plugin=name) from error
        for item in items:
            if not isinstance(item, kind):
                raise PluginError(f"plugin {name!r}: its {hook} hook returned "
                                  f"{show_value(item)} ({type(item).__name__}), "
                                  f"not a {kind.__name__}", plugin=name)
            problem = _declaration_problem(item)
            if problem is not None:  # else a bare error later, in every command, for everyone
                raise PluginError(f"plugin {name!r}: its {hook} hook returned {problem}",
                                  plugin=name)
            yield name, item


def _declaration_problem(item: object) -> str | None:
    """What is wrong with the fields of a declared Policy or Fact (attrs does not check the
    types its annotations name); None when nothing is."""
    if isinstance(item, Policy):
        year = item.contract_year
        if type(year) is not int or not EARLIEST_DATE.year < year <= LATEST_DATE.year:
            return (f"a Policy whose contract_year is {show_value(year)} "
                    f"({type(year).__name__}), not a year from {EARLIEST_DATE.year + 1} to "
                    f"{LATEST_DATE.year}")
        texts = {"care_type": item.care_type, "document": item.document}
        wrong = [key for key, value in texts.items() if not isinstance(value, str) or not value]
        if wrong:
            return f"a Policy whose {wrong[0]} is {show_value(texts[wrong[0]])}, not a text"
    if isinstance(item, Fact):
        if not isinstance(item.type, FactType):
            return (f"the Fact {show_value(item.id)} whose type is {show_value(item.type)}, "
                    f"not a FactType (e.g. FactType.BOOL)")
        texts = {"id": item.id, "label": item.label, "question": item.question}
        wrong = [key for key, value in texts.items() if not isinstance(value, str)]
        if wrong:
            return f"a Fact whose {wrong[0]} is {show_value(texts[wrong[0]])}, not a text"
    return None


def _claim(owners: dict[str, str], what: str, key: str, plugin: str) -> None:
    label = f"{what} {key}"
    if label in owners:
        other = owners[label]
        who = f"{plugin!r} twice" if other == plugin else f"both {other!r} and {plugin!r}"
        raise PluginError(f"{what} {key!r} is declared by {who}", plugin=plugin)
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
    for plugin, fact in _each(manager, "caresq_facts", Fact):
        _claim(owners, "fact", fact.id, plugin)
        facts[fact.id] = fact
    policies: list[Policy] = []
    for plugin, policy in _each(manager, "caresq_policies", Policy):
        _claim(owners, "policy", f"{policy.care_type} {policy.contract_year}", plugin)
        _own(owners, policy.care_type, plugin, f"policy {policy.care_type} {policy.contract_year}")
        policies.append(policy)
    parameters = _parameters(manager, policies, overrides or {})
    contracts: dict[int, dict[str, ContractSpec]] = {}
    for policy in policies:
        by_id = contracts.setdefault(policy.contract_year, {})
        values = {parameter.id: parameter.value for parameter in parameters[policy]}
        for plugin, contract in _each(manager, "caresq_contracts", Contract, policy=policy,
                                      parameters=values):
            _check_contract(policy, contract, plugin, by_id)
            _own(owners, policy.care_type, plugin, f"contract {contract.id}")
            conditions, declared_by = _conditions(manager, policy, contract, facts, values,
                                                  owners)
            _check_tiers(contract, conditions, plugin)
            by_id[contract.id] = ContractSpec(
                contract, policy, conditions, _questionnaire(conditions),
                any(c.kind is Kind.FACTOR for c in conditions), _optional(conditions),
                plugin=plugin, condition_plugins=declared_by)
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
        for plugin, parameter in _each(manager, "caresq_parameters", Parameter, policy=policy):
            if parameter.id in seen:
                who = (f"{plugin!r} twice" if seen[parameter.id] == plugin
                       else f"both {seen[parameter.id]!r} and {plugin!r}")
                raise PluginError(f"parameter {parameter.id!r} of {policy.care_type} "
                                  f"{policy.contract_year} is declared by {who}", plugin=plugin)
            seen[parameter.id] = plugin
            declared[policy].append(parameter)
    return {policy: tuple(values)
            for policy, values in apply_overrides(declared, overrides).items()}


def condition_key(contract_id: str, condition_id: str) -> str:
    """The key of :attr:`Catalogue.owners` that names who declared a condition of a contract."""
    return f"condition {contract_id} {condition_id}"


def _own(owners: dict[str, str], care_type: str, plugin: str, what: str) -> None:
    """The first plugin to declare a care type owns it; another declaring it is an error."""
    owner = owners.setdefault(f"care type {care_type}", plugin)
    if owner != plugin:
        raise PluginError(
            f"plugin {plugin!r} declares {what}, but care type {care_type!r} belongs to "
            f"plugin {owner!r}: only the owner declares its policies and contracts (another "
            "plugin may add conditions to them through caresq_conditions)", plugin=plugin)


def _check_contract(policy: Policy, contract: Contract, plugin: str,
                    by_id: Mapping[str, ContractSpec]) -> None:
    if contract.care_type != policy.care_type or "." not in contract.id:
        raise PluginError(f"contract {contract.id!r} of plugin {plugin!r} must start with "
                          f"{policy.care_type + '.'!r}", plugin=plugin)
    if contract.id in by_id:
        other = by_id[contract.id].plugin
        who = f"{plugin!r} twice" if other == plugin else f"both {other!r} and {plugin!r}"
        raise PluginError(f"contract {contract.id!r} of {policy.contract_year} is declared by "
                          f"{who}", plugin=plugin)


def _check_tiers(contract: Contract, conditions: Sequence[Condition], plugin: str) -> None:
    """Every factor a declared tier requires is a factor condition of the contract."""
    factors = {c.id for c in conditions if c.kind is Kind.FACTOR}
    for tier in contract.tiers or ():
        missing = [cid for cid in tier.requires if cid not in factors]
        if missing:
            raise PluginError(
                f"tier {tier.name!r} of contract {contract.id} (plugin {plugin!r}) requires "
                f"{', '.join(map(repr, missing))}, which {'is' if len(missing) == 1 else 'are'} "
                f"no factor condition of the contract (its factors: "
                f"{', '.join(sorted(factors)) or 'none'})", plugin=plugin)
        if tier.at_least > len(factors):
            raise PluginError(
                f"tier {tier.name!r} of contract {contract.id} (plugin {plugin!r}) needs "
                f"{tier.at_least} factors met, but the contract has {len(factors)}: it can "
                "never be reached", plugin=plugin)


def _conditions(manager: pluggy.PluginManager, policy: Policy, contract: Contract,
                facts: Mapping[str, Fact],
                values: Mapping[str, object],
                owners: dict[str, str]) -> tuple[tuple[Condition, ...], dict[str, str]]:
    """The contract's conditions, and which plugin declared each (by condition id)."""
    seen: dict[str, str] = {}
    conditions: list[Condition] = []
    for plugin, condition in _each(manager, "caresq_conditions", Condition, policy=policy,
                                   contract=contract, parameters=values):
        if condition.id in seen:
            raise PluginError(f"condition {condition.id!r} of {contract.id} is declared by both "
                              f"{seen[condition.id]!r} and {plugin!r}", plugin=plugin)
        seen[condition.id] = plugin
        for fact in _rule_facts(condition, plugin):
            if facts.get(fact.id) != fact:
                raise PluginError(f"condition {condition.id!r} of {contract.id} ({plugin!r}) "
                                  f"reads fact {fact.id!r}, which no plugin declares as such",
                                  plugin=plugin)
        hidden = undeclared_reads(condition, probe_situation(policy, contract))
        if hidden:
            raise PluginError(undeclared_message(condition, contract.id, plugin, hidden),
                              plugin=plugin)
        owners[condition_key(contract.id, condition.id)] = plugin
        conditions.append(condition)
    return tuple(conditions), seen


def _rule_facts(condition: Condition, plugin: str) -> tuple[Fact, ...]:
    """The facts a condition's rule reads; a rule that cannot say is its plugin's fault."""
    try:
        read = tuple(condition.rule.facts)
    except PLUGIN_FAULTS as error:
        raise PluginError(f"plugin {plugin!r}: the rule of condition {condition.id!r} cannot "
                          f"say which facts it reads ({type(error).__name__}: {error})",
                          plugin=plugin) from error
    if not all(isinstance(fact, Fact) for fact in read):
        raise PluginError(f"plugin {plugin!r}: the rule of condition {condition.id!r} reads "
                          f"something that is not a Fact", plugin=plugin)
    return read


def probe_situation(policy: Policy, contract: Contract,
                    facts: Mapping[str, object] | None = None) -> Situation:
    """A situation for ``contract`` that records which facts are read (all unknown by default)."""
    return Situation("00000000", RecordingFacts(facts), Application(contract.id),
                     date(policy.contract_year, 1, 1))


def undeclared_reads(condition: Condition, situation: Situation) -> list[str]:
    """The ids of facts the condition's rule reads on ``situation`` but does not declare.

    ``situation.facts`` must be a :class:`~caresq.model.RecordingFacts`. A rule that raises is
    left to the checks that run it on real profiles; what it read before raising still counts.
    """
    recorder = situation.facts
    assert isinstance(recorder, RecordingFacts)
    # A failing rule is reported where it is assessed (the kit's no_exceptions check).
    with contextlib.suppress(Exception):
        condition.rule(situation)
    declared = {fact.id for fact in condition.rule.facts}
    return [fact_id for fact_id in recorder.read if fact_id not in declared]


def undeclared_message(condition: Condition, contract_id: str, plugin: str,
                       hidden: Sequence[str]) -> str:
    """What is wrong with a rule that reads undeclared facts, naming plugin and condition."""
    declared = ", ".join(fact.id for fact in condition.rule.facts) or "none"
    return (f"condition {condition.id!r} of {contract_id} (plugin {plugin!r}) reads fact "
            f"{', '.join(map(repr, hidden))} without declaring it in its rule's facts "
            f"(declared: {declared}); the questionnaire would never ask it")


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
