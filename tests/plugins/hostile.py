"""Plugins with a bug where caresq must contain it: in a rule, in a declaration, in a clash.

All but the clashing ones encode the fictional "Inkoopbeleid Stukzorg 2030" (care type
``stuk``, "broken") with one contract, ``stuk.basis``:

- :data:`RAISING_RULE` - a rule that raises when the provider is registered;
- :data:`EXITING_RULE` - a rule that calls ``sys.exit()`` when the provider is registered;
- :data:`ENDLESS_RULE` - a rule that never returns when the provider is registered;
- :data:`NON_VERDICT_RULE` - a rule that returns a string instead of a Verdict;
- :data:`UNWRITABLE_REASON` - a rule whose Verdict has a reason that is not text;
- :data:`TEXT_OUTCOME` - a rule whose Verdict gives its outcome as text ("met", "unmet");
- :data:`NO_OFFER` - a contract whose terms return None instead of an Offer;
- :data:`RAISING_HOOK` - ``caresq_contracts`` raises;
- :data:`MALFORMED_HOOK` - ``caresq_facts`` returns something that is no Fact;
- :data:`RAISING_CALENDAR` - ``caresq_calendar_events`` raises;
- :data:`FAR_CALENDAR` - ``caresq_calendar_events`` gives an event on 9999-12-31;
- :data:`FACT_CLASH` - declares ``zbc.fte``, which the bundled zbc plugin declares;
- :data:`POLICY_CLASH` - declares the ZBC 2025 policy the bundled zbc plugin declares;
- :data:`MISSPELT_HOOK` - implements a hook that does not exist (``caresq_polices``).

Each is reachable as ``tests.plugins.hostile:NAME``, for an entry point.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from datetime import date
from typing import Any

from attrs import frozen

import caresq
from caresq.calendar import CalendarEvent, DateSpan, Period
from caresq.rules import FactRule, Holds

POLICY = caresq.Policy("stuk", 2030, "Inkoopbeleid Stukzorg 2030")
SECTION = caresq.Citation(POLICY.document, "2", "Stukzorg - voorwaarden")
REGISTERED = caresq.Fact("stuk.registered", caresq.FactType.BOOL, "registration",
                         "Are you registered?")
AUDITED = caresq.Fact("stuk.audited", caresq.FactType.BOOL, "audit", "Were you audited?")
CONTRACT = caresq.Contract("stuk.basis", "Stukzorg", lambda situation: caresq.Offer(
    "regular round", Period.calendar_year(2030), None, SECTION, "Wij contracteren een jaar."))


@frozen
class Exploding(FactRule):
    """Raises on the value true: a plugin's bug that only some profiles meet."""

    def judge(self, value: Any) -> caresq.Verdict:
        if value:
            raise ZeroDivisionError("division by zero")
        return caresq.Verdict(caresq.Outcome.UNMET, "registration: no")


@frozen
class Exiting(FactRule):
    """Calls sys.exit() on the value true: SystemExit, which is no Exception."""

    def judge(self, value: Any) -> caresq.Verdict:
        if value:
            sys.exit("stuk: cannot judge a registered provider")
        return caresq.Verdict(caresq.Outcome.UNMET, "registration: no")


@frozen
class Endless(FactRule):
    """Never returns on the value true: a plugin's endless loop."""

    def judge(self, value: Any) -> caresq.Verdict:
        while value:
            time.sleep(1)
        return caresq.Verdict(caresq.Outcome.UNMET, "registration: no")


@frozen
class Chatty(FactRule):
    """Returns its reason as a plain string, not a Verdict."""

    def judge(self, value: Any) -> caresq.Verdict:
        return "registered, I think"  # type: ignore[return-value]


@frozen
class Unwritable(FactRule):
    """A Verdict whose reason is not text: no exception until the JSON is written."""

    def judge(self, value: Any) -> caresq.Verdict:
        return caresq.Verdict(caresq.Outcome.MET, {"registered": value})  # type: ignore[arg-type]


@frozen
class TextOutcome(FactRule):
    """A Verdict whose outcome is the text "unmet": counted as nothing, it read as met."""

    def judge(self, value: Any) -> caresq.Verdict:
        return caresq.Verdict("met" if value else "unmet", "registration")  # type: ignore[arg-type]


def _condition(rule: caresq.Rule) -> caresq.Condition:
    return caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, SECTION,
                            "De zorgaanbieder is geregistreerd.", rule)


AUDIT = caresq.Condition(AUDITED.id, caresq.Kind.REQUIREMENT, SECTION,
                         "De zorgaanbieder is gecontroleerd.", Holds(AUDITED))


@frozen
class Stuk:
    """The stukzorg plugin, with a given rule for registration, or a faulty hook."""

    name: str
    rule: caresq.Rule | None = None
    fail_contracts: bool = False
    facts_result: object = (REGISTERED, AUDITED)
    fail_calendar: bool = False
    contract: caresq.Contract = CONTRACT
    events: Sequence[object] = ()

    @caresq.hookimpl
    def caresq_policies(self) -> Sequence[caresq.Policy]:
        return [POLICY]

    @caresq.hookimpl
    def caresq_facts(self) -> Sequence[caresq.Fact]:
        return self.facts_result  # type: ignore[return-value]

    @caresq.hookimpl
    def caresq_contracts(self, policy: caresq.Policy) -> Sequence[caresq.Contract]:
        if self.fail_contracts:
            raise RuntimeError("contracts table missing")
        return [self.contract] if policy == POLICY else []

    @caresq.hookimpl
    def caresq_calendar_events(self, policy: caresq.Policy) -> Sequence[object]:
        if self.fail_calendar and policy == POLICY:
            raise KeyError("2030-13-01")
        return list(self.events) if policy == POLICY else []

    @caresq.hookimpl
    def caresq_conditions(self, policy: caresq.Policy,
                          contract: caresq.Contract) -> Sequence[caresq.Condition]:
        if contract != self.contract:
            return []
        return [AUDIT, *([_condition(self.rule)] if self.rule is not None else [])]


RAISING_RULE = Stuk("raising_rule", Exploding(REGISTERED))
EXITING_RULE = Stuk("exiting_rule", Exiting(REGISTERED))
ENDLESS_RULE = Stuk("endless_rule", Endless(REGISTERED))
NON_VERDICT_RULE = Stuk("non_verdict_rule", Chatty(REGISTERED))
UNWRITABLE_REASON = Stuk("unwritable_reason", Unwritable(REGISTERED))
TEXT_OUTCOME = Stuk("text_outcome", TextOutcome(REGISTERED))
NO_OFFER = Stuk("no_offer", Holds(REGISTERED), contract=caresq.Contract(
    "stuk.basis", "Stukzorg", lambda situation: None))  # type: ignore[arg-type, return-value]
RAISING_HOOK = Stuk("raising_hook", Holds(REGISTERED), fail_contracts=True)
MALFORMED_HOOK = Stuk("malformed_hook", Holds(REGISTERED), facts_result=[REGISTERED, 42])
RAISING_CALENDAR = Stuk("raising_calendar", Holds(REGISTERED), fail_calendar=True)
FAR_CALENDAR = Stuk("far_calendar", Holds(REGISTERED), events=(CalendarEvent(
    "stuk.far", "Ver weg", DateSpan.on(date(9999, 12, 31)), "deadline", SECTION,
    "Uiterste datum 31 december 9999"),))


@frozen
class FactClash:
    """Declares the bundled zbc plugin's ``zbc.fte`` as its own."""

    @caresq.hookimpl
    def caresq_facts(self) -> Sequence[caresq.Fact]:
        return [caresq.Fact("zbc.fte", caresq.FactType.INTEGER, "fte", "How many fte?")]


@frozen
class PolicyClash:
    """Declares the ZBC 2025 policy, which the bundled zbc plugin declares."""

    @caresq.hookimpl
    def caresq_policies(self) -> Sequence[caresq.Policy]:
        return [caresq.Policy("zbc", 2025, "Inkoopbeleid ZBC's 2025 (kopie)")]


@frozen
class YearAsText:
    """Declares a policy whose contract year is the text "2030"."""

    @caresq.hookimpl
    def caresq_policies(self) -> Sequence[caresq.Policy]:
        return [caresq.Policy("tekst", "2030", "Inkoopbeleid Tekst 2030")]  # type: ignore[arg-type]


@frozen
class TypeAsText:
    """Declares a fact whose type is the text "bool", not FactType.BOOL."""

    @caresq.hookimpl
    def caresq_facts(self) -> Sequence[caresq.Fact]:
        return [caresq.Fact("tekst.ja", "bool", "yes", "Yes?")]  # type: ignore[arg-type]


class MisspeltHook:
    """Implements ``caresq_polices``: a hook no specification knows."""

    @caresq.hookimpl
    def caresq_polices(self) -> Sequence[caresq.Policy]:
        return [POLICY]


FACT_CLASH = FactClash()
YEAR_AS_TEXT = YearAsText()
TYPE_AS_TEXT = TypeAsText()
MISSPELT_HOOK = MisspeltHook()
POLICY_CLASH = PolicyClash()
