"""The assessment protocol: every hook a care-type plugin can implement.

A plugin is a module or object with functions marked ``@caresq.hookimpl`` whose names match the
specifications below. All hooks are optional. Declaration hooks are called once, when an
:class:`~caresq.Engine` is built; nothing here runs per profile.

Example, a plugin module registered under the ``caresq.plugins`` entry-point group::

    import caresq

    POLICY = caresq.Policy("huisartsenzorg", 2025, "Inkoopbeleid Huisartsenzorg 2025")

    @caresq.hookimpl
    def caresq_policies():
        return [POLICY]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from caresq.calendar import CalendarEvent
    from caresq.facts import Fact
    from caresq.model import Condition, Contract, Policy
    from caresq.parameters import Parameter

hookspec = pluggy.HookspecMarker("caresq")
#: Marks a function of a plugin as the implementation of the hook of the same name.
hookimpl = pluggy.HookimplMarker("caresq")

# -- declarations: the policy, its contracts and questionnaire ----------------------------------


@hookspec
def caresq_policies() -> Sequence[Policy]:
    """Declare the policies this plugin encodes: one per care type and contract year.

    Called once when the engine is built. Each :class:`~caresq.Policy` names its care type (the
    prefix of its contract ids), its contract year and the document title used in citations.
    The first plugin to declare a policy of a care type owns that care type: another plugin
    declaring a policy of it is an error at load, naming both plugins.
    A policy may declare its ``source``: the document's text shipped as package data
    (``"package:path"``, e.g. ``"caresq_fysio:source/inkoopbeleid-fysio-2025.txt"``); the
    conformance suite (:func:`caresq.testing.check_plugin`, check ``quotes``) then checks that
    every sentence the plugin's conditions and calendar events quote stands in that text.

    :return: The policies; an empty sequence (or ``None``) when the plugin encodes none.
    """


@hookspec
def caresq_facts() -> Sequence[Fact]:
    """Declare the facts (questionnaire entries) this plugin asks.

    Called once when the engine is built. Fact ids are global: two plugins declaring the same id
    is an error at load, naming both. The ``common.*`` facts are declared by caresq itself.

    :return: The facts, in questionnaire order.
    """


@hookspec
def caresq_parameters(policy: Policy) -> Sequence[Parameter]:
    """Declare the numbers and dates of ``policy`` that rules read: thresholds, deadlines.

    Called once per declared policy when the engine is built, before its contracts. Each
    :class:`~caresq.Parameter` carries its id, type, value, citation and Dutch sentence; a
    value the text does not give is ``None``. Overrides (``Engine.default(parameters=...)``,
    ``--set ID=VALUE``) are checked against the declared type, and the values in force reach
    :func:`caresq_contracts`, :func:`caresq_conditions` and :func:`caresq_calendar_events` as
    their ``parameters`` argument. Parameter ids must be unique within a policy.

    :param policy: One of the policies declared through :func:`caresq_policies`.
    :return: The parameters; empty when ``policy`` is not yours.
    """


@hookspec
def caresq_contracts(policy: Policy, parameters: Mapping[str, object]) -> Sequence[Contract]:
    """Declare the contracts of ``policy`` this plugin offers.

    Called once per declared policy (of any plugin) when the engine is built. Return the
    contracts for a policy of your own care type and nothing for others. Each contract id must
    start with ``policy.care_type`` and a dot; declaring a contract of a care type another
    plugin owns is an error at load, naming both plugins.

    :param policy: One of the policies declared through :func:`caresq_policies`.
    :param parameters: The values in force of the policy's parameters, by id (optional: a
        hook implementation that does not name it is called without it).
    :return: The contracts; empty when ``policy`` is not yours.
    """


@hookspec
def caresq_conditions(policy: Policy, contract: Contract,
                      parameters: Mapping[str, object]) -> Sequence[Condition]:
    """Declare the conditions of ``contract`` under ``policy``.

    Called once per contract when the engine is built. Every plugin is asked, so a plugin may
    add conditions to another plugin's contract (the way to extend a care type it does not
    own); condition ids must stay unique within a contract. Every fact a condition's rule
    reads must be in the rule's ``facts`` and declared through :func:`caresq_facts`: each rule
    is run once on an empty profile that records its reads, and an undeclared read is an error
    at load. Rules take their thresholds and dates from ``parameters``, never from literals,
    so that an override reaches them.

    :param policy: The policy the contract belongs to.
    :param contract: The contract, as declared through :func:`caresq_contracts`.
    :param parameters: The values in force of the policy's parameters, by id (optional).
    :return: The conditions, in the order the policy lists them.
    """


@hookspec
def caresq_calendar_events(policy: Policy,
                           parameters: Mapping[str, object]) -> Sequence[CalendarEvent]:
    """Declare the dated lines of ``policy``: deadlines, offer windows, publication dates.

    Called when a procurement calendar is asked for (``caresq calendar``), never per profile.

    :param policy: One of the declared policies.
    :param parameters: The values in force of the policy's parameters, by id (optional).
    :return: The events of that policy; empty when ``policy`` is not yours.
    """
