"""Deliberately broken plugins: each gets one thing wrong that the conformance suite must catch.

All encode the fictional "Inkoopbeleid Kapotzorg 2030" (care type ``kapot``, "broken") with one
contract, ``kapot.basis``, and differ only in their conditions or facts:

- :data:`UNCITED` - conditions citing documents other than their policy;
- :data:`NONDETERMINISTIC` - a rule whose outcome flips from one call to the next;
- :data:`ELIGIBLE_ON_UNKNOWN` - a rule that says met when its fact is missing;
- :data:`CRASHING` - a rule that raises on a valid value (a score of 0);
- :data:`UNWRITABLE` - a rule whose reason is not text, so the assessment is no JSON;
- :data:`CLASHING` - declares a fact id the bundled zbc plugin already declares;
- :data:`HIDDEN_READ` - a rule that reads a fact it does not declare (caught at load);
- :data:`HIDDEN_READ_LATER` - a rule that reads an undeclared fact only once its own fact is
  true (caught by the ``fact_reads`` check on generated profiles);
- :data:`BAD_CITATION` - builds a condition with ``citation=None`` in its conditions hook;
- :data:`TAKEOVER` - declares a zbc policy and the ``zbc.msz`` contract of the bundled plugin.
- :data:`OVERDUE` - lists a signing deadline in its offer but no procedure condition judges it,
  so a deadline passed without a date leaves the contract eligible;
- :data:`MISQUOTED` - declares its source text (``source/kapotzorg-2030.txt``) and quotes a
  sentence that does not stand in it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Any

from attrs import frozen

import caresq
from caresq.calendar import Deadline, Period
from caresq.procedure import check_deadline
from caresq.rules import AtLeast, FactRule, Holds

POLICY = caresq.Policy("kapot", 2030, "Inkoopbeleid Kapotzorg 2030")
SECTION = caresq.Citation(POLICY.document, "3", "Kapotzorg - voorwaarden")
REGISTERED = caresq.Fact("kapot.registered", caresq.FactType.BOOL, "registration",
                         "Are you registered?")
SCORE = caresq.Fact("kapot.score", caresq.FactType.FRACTION, "score",
                    "Your client score (fraction 0-1)")
FACTS = (REGISTERED, SCORE)


def terms(situation: caresq.Situation) -> caresq.Offer:
    return caresq.Offer("regular round", Period.calendar_year(2030), None, SECTION,
                        "Wij contracteren voor één jaar.")


CONTRACT = caresq.Contract("kapot.basis", "Kapotzorg", terms)


def registered(citation: caresq.Citation = SECTION,
               text: str = "De zorgaanbieder is geregistreerd.") -> caresq.Condition:
    return caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, citation, text,
                            Holds(REGISTERED))


@frozen
class Plugin:
    """A kapotzorg plugin with the given conditions (and facts)."""

    name: str
    conditions: tuple[caresq.Condition, ...]
    facts: tuple[caresq.Fact, ...] = FACTS
    policy: caresq.Policy = POLICY

    @caresq.hookimpl
    def caresq_policies(self) -> Sequence[caresq.Policy]:
        return [self.policy]

    @caresq.hookimpl
    def caresq_facts(self) -> Sequence[caresq.Fact]:
        return self.facts

    @caresq.hookimpl
    def caresq_contracts(self, policy: caresq.Policy) -> Sequence[caresq.Contract]:
        return [CONTRACT] if policy == self.policy else []

    @caresq.hookimpl
    def caresq_conditions(self, policy: caresq.Policy,
                          contract: caresq.Contract) -> Sequence[caresq.Condition]:
        return self.conditions if contract == CONTRACT else []


# -- the faults -----------------------------------------------------------------------------------


@frozen
class Flipping(FactRule):
    """Met on every other call, whatever the value: state kept between assessments."""

    calls: itertools.count[int]

    def judge(self, value: Any) -> caresq.Verdict:
        if next(self.calls) % 2:
            return caresq.Verdict(caresq.Outcome.MET, f"{self.fact.label} {value}: fine")
        return caresq.Verdict(caresq.Outcome.UNMET, f"{self.fact.label} {value}: not fine")


@frozen
class MetWhenMissing:
    """Says met when the fact is missing: "no answer is a good answer"."""

    fact: caresq.Fact

    @property
    def facts(self) -> tuple[caresq.Fact, ...]:
        return (self.fact,)

    def __call__(self, situation: caresq.Situation) -> caresq.Verdict:
        value = situation.facts.get(self.fact.id)
        if value is None or value:
            return caresq.Verdict(caresq.Outcome.MET, f"{self.fact.label}: assumed yes")
        return caresq.Verdict(caresq.Outcome.UNMET, f"{self.fact.label}: no")


@frozen
class Inverse(FactRule):
    """Divides by the score: raises ZeroDivisionError on the valid value 0."""

    def judge(self, value: Any) -> caresq.Verdict:
        ratio = 1 / value
        return caresq.Verdict(caresq.Outcome.MET if ratio < 2 else caresq.Outcome.UNMET,
                              f"{self.fact.label} ratio {ratio:g}")


@frozen
class DateReason(FactRule):
    """Gives a reason that is not text (the value itself), which JSON cannot write."""

    def judge(self, value: Any) -> caresq.Verdict:
        return caresq.Verdict(caresq.Outcome.MET, {"score": value})  # type: ignore[arg-type]


UNCITED = Plugin("uncited", (
    registered(caresq.Citation("Inkoopbeleid Kapotzorg 2029", "3", "Kapotzorg - voorwaarden")),
    caresq.Condition(SCORE.id, caresq.Kind.EXPECTATION,
                     caresq.Citation("Inkoopbeleid Elders 2030", "3", "Elders"),
                     "Wij verwachten een score.", AtLeast(SCORE, 0.5)),
))
NONDETERMINISTIC = Plugin("nondeterministic", (
    registered(),
    caresq.Condition(SCORE.id, caresq.Kind.REQUIREMENT, SECTION,
                     "De score is voldoende.", Flipping(SCORE, itertools.count())),
))
ELIGIBLE_ON_UNKNOWN = Plugin("eligible_on_unknown", (
    caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, SECTION,
                     "De zorgaanbieder is geregistreerd.", MetWhenMissing(REGISTERED)),
))
CRASHING = Plugin("crashing", (
    registered(),
    caresq.Condition(SCORE.id, caresq.Kind.FACTOR, SECTION, "De score is hoog.",
                     Inverse(SCORE)),
))
UNWRITABLE = Plugin("unwritable", (
    registered(),
    caresq.Condition(SCORE.id, caresq.Kind.EXPECTATION, SECTION, "Wij verwachten een score.",
                     DateReason(SCORE)),
))
#: ``zbc.fte`` belongs to the bundled zbc plugin.
ZBC_FTE = caresq.Fact("zbc.fte", caresq.FactType.INTEGER, "fte", "How many fte?")
CLASHING = Plugin("clashing", (registered(),), facts=(*FACTS, ZBC_FTE))
#: The same policy, with its text shipped beside this module.
SOURCED = caresq.Policy("kapot", 2030, POLICY.document,
                        source="tests.plugins:source/kapotzorg-2030.txt")
MISQUOTED = Plugin("misquoted", (
    registered(text="De zorgaanbieder is altijd geregistreerd."),
), policy=SOURCED)
#: Quotes as the source has it: the quotes check passes.
WELL_QUOTED = Plugin("well_quoted", (registered(),), policy=SOURCED)


SIGNING = Deadline("signing", date(2029, 11, 1), SECTION, "Ondertekenen uiterlijk 1 november 2029.")


def overdue_terms(situation: caresq.Situation) -> caresq.Offer:
    signed = check_deadline(SIGNING, situation.application.signed_on, situation.on)
    return caresq.Offer("regular round", Period.calendar_year(2030), None, SECTION,
                        "Wij contracteren voor één jaar.", (signed,))


OVERDUE_CONTRACT = caresq.Contract("kapot.basis", "Kapotzorg", overdue_terms)


@frozen
class OverduePlugin(Plugin):
    """The kapotzorg plugin whose contract lists a deadline nothing judges."""

    @caresq.hookimpl
    def caresq_contracts(self, policy: caresq.Policy) -> Sequence[caresq.Contract]:
        return [OVERDUE_CONTRACT] if policy == self.policy else []

    @caresq.hookimpl
    def caresq_conditions(self, policy: caresq.Policy,
                          contract: caresq.Contract) -> Sequence[caresq.Condition]:
        return self.conditions if contract == OVERDUE_CONTRACT else []


OVERDUE = OverduePlugin("overdue", (registered(),))


@frozen
class PeeksAtScore(FactRule):
    """Declares only its own fact, but reads the score too (always, or once its fact is true)."""

    always: bool = True

    def judge(self, value: Any) -> caresq.Verdict:
        return caresq.Verdict(caresq.Outcome.MET if value else caresq.Outcome.UNMET,
                              f"{self.fact.label}: {value}")

    def __call__(self, situation: caresq.Situation) -> caresq.Verdict:
        if self.always or situation.facts.get(self.fact.id):
            situation.facts.get(SCORE.id)
        return super().__call__(situation)


HIDDEN_READ = Plugin("hidden_read", (
    caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, SECTION,
                     "De zorgaanbieder is geregistreerd.", PeeksAtScore(REGISTERED)),
))
HIDDEN_READ_LATER = Plugin("hidden_read_later", (
    caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, SECTION,
                     "De zorgaanbieder is geregistreerd.",
                     PeeksAtScore(REGISTERED, always=False)),
))


@frozen
class BadCitationPlugin(Plugin):
    """Builds its conditions when asked, one of them with no citation at all."""

    @caresq.hookimpl
    def caresq_conditions(self, policy: caresq.Policy,
                          contract: caresq.Contract) -> Sequence[caresq.Condition]:
        if contract != CONTRACT:
            return []
        return [registered(),
                caresq.Condition(SCORE.id, caresq.Kind.REQUIREMENT,
                                 None,  # type: ignore[arg-type]
                                 "De score is voldoende.", AtLeast(SCORE, 0.5))]


BAD_CITATION = BadCitationPlugin("bad_citation", ())
#: The bundled zbc plugin's care type and contract id, declared by another plugin.
ZBC_2026 = caresq.Policy("zbc", 2026, "Inkoopbeleid Kapotzorg 2030")
ZBC_MSZ = caresq.Contract("zbc.msz", "Overgenomen", terms)


@frozen
class TakeoverPlugin(Plugin):
    """Declares a later zbc policy with ``zbc.msz``: it would become the default year."""

    @caresq.hookimpl
    def caresq_policies(self) -> Sequence[caresq.Policy]:
        return [ZBC_2026]

    @caresq.hookimpl
    def caresq_contracts(self, policy: caresq.Policy) -> Sequence[caresq.Contract]:
        return [ZBC_MSZ] if policy == ZBC_2026 else []

    @caresq.hookimpl
    def caresq_conditions(self, policy: caresq.Policy,
                          contract: caresq.Contract) -> Sequence[caresq.Condition]:
        return [registered()] if contract == ZBC_MSZ else []


TAKEOVER = TakeoverPlugin("takeover", ())
