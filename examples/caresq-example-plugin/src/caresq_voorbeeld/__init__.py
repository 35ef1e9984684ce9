"""VOORBEELD - an example caresq plugin for a FICTIONAL policy, "Inkoopbeleid Voorbeeldzorg 2030".

Nothing here is a real procurement policy: the care type ``voorbeeld``, its contracts, its
sentences and its dates are made up to show how a third-party care type is written. The
tutorial in caresq's ``docs/writing-a-plugin.md`` walks through this file from top to bottom.

Two contracts:

- ``voorbeeld.wijkzorg`` - requirements, a deadline, two differentiation factors that raise the
  variant (C, B, A), an expectation and a note;
- ``voorbeeld.nachtzorg`` - night care, which needs 24/7 reachability by phone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final

import caresq
from attrs import frozen
from caresq import Citation, Condition, Contract, Fact, FactType, Kind, Offer, Policy, Situation
from caresq.calendar import CalendarEvent, Deadline, Period, late_start
from caresq.common import EMERGENCY_PHONE_HOURS, PHONE_HOURS, VECOZO_CLAIMS, fraud_suspicion
from caresq.procedure import DoneBy, check_deadline, signed_on, submitted_on
from caresq.rules import AtLeast, Covers, Explains, FactRule, Holds, OneOf, given
from caresq.schedule import ALWAYS, WORKING_DAYS_9_TO_17

__all__ = [
    "caresq_calendar_events",
    "caresq_conditions",
    "caresq_contracts",
    "caresq_facts",
    "caresq_policies",
]

# -- 1. The policy and where its sentences stand --------------------------------------------------

POLICY: Final = Policy("voorbeeld", 2030, "Inkoopbeleid Voorbeeldzorg 2030",
                       source="caresq_voorbeeld:source/inkoopbeleid-voorbeeldzorg-2030.txt")


def cite(chapter: str, section: str) -> Citation:
    """A block of the (fictional) document; every condition cites one."""
    return Citation(POLICY.document, chapter, section)


REQUIREMENTS: Final = cite("3", "Wijkzorg - voorwaarden")
FACTORS: Final = cite("3", "Wijkzorg - differentiatiefactoren")
EXPECTATIONS: Final = cite("3", "Wijkzorg - wat wij verwachten")
NIGHT: Final = cite("4", "Nachtzorg - voorwaarden")
PROCEDURE: Final = cite("5", "Inkoopprocedure en planning")

# -- 2. The facts: the questionnaire ---------------------------------------------------------------

QUALITY_REGISTER: Final = Fact(
    "voorbeeld.quality_register", FactType.BOOL, "quality register",
    "Are all your care workers in the (fictional) Voorbeeld quality register?")
CERTIFICATE: Final = Fact(
    "voorbeeld.certificate", FactType.ENUM, "certificate",
    "Which quality certificate do you hold?", choices=("HKZ", "ISO", "none"))
REGIONS: Final = Fact(
    "voorbeeld.regions", FactType.ENUM_LIST, "regions served",
    "In which of the (fictional) regions do you provide care?",
    choices=("noord", "oost", "zuid", "west"))
CLIENT_SCORE: Final = Fact(
    "voorbeeld.client_score", FactType.FRACTION, "client score",
    "Your client satisfaction score, as a fraction from 0 to 1.")
TRAINS_STUDENTS: Final = Fact(
    "voorbeeld.trains_students", FactType.BOOL, "trains students",
    "Do you offer internships to students in care?")
PUBLISHES_WAITING_TIMES: Final = Fact(
    "voorbeeld.publishes_waiting_times", FactType.BOOL, "published waiting times",
    "Do you publish your waiting times on your website?")
OFFERS_NIGHT_CARE: Final = Fact(
    "voorbeeld.offers_night_care", FactType.BOOL, "night care",
    "Do you visit clients at night (23:00-07:00)?")

FACTS: Final = (QUALITY_REGISTER, CERTIFICATE, REGIONS, CLIENT_SCORE, TRAINS_STUDENTS,
                PUBLISHES_WAITING_TIMES, OFFERS_NIGHT_CARE)

# -- 3. A rule of our own --------------------------------------------------------------------------


@frozen
class ServesAtLeast(FactRule):
    """Met when an enum-list fact names at least ``minimum`` items.

    Built on :class:`caresq.rules.FactRule`, which answers ``unknown`` for a missing fact, so
    this rule only judges stated values - and names them in its reason.
    """

    minimum: int

    def judge(self, value: Any) -> caresq.Verdict:
        shown = ", ".join(value) or "none"
        if len(value) >= self.minimum:
            return caresq.Verdict(caresq.Outcome.MET,
                                  f"{self.fact.label}: {shown}, at least {self.minimum}")
        return caresq.Verdict(caresq.Outcome.UNMET,
                              f"{self.fact.label}: {shown}, fewer than {self.minimum}")


# -- 4. The procedure: dates, route, period --------------------------------------------------------

QUESTIONNAIRE_DEADLINE: Final = Deadline(
    "questionnaire", date(2029, 10, 1), PROCEDURE,
    "U vult de vragenlijst uiterlijk 1 oktober 2029 in.")
SIGNING_DEADLINE: Final = Deadline(
    "signing", date(2029, 11, 15), PROCEDURE,
    "Het contractaanbod moet uiterlijk 15 november 2029 ondertekend zijn.")
YEAR: Final = Period.calendar_year(POLICY.contract_year)


def terms(situation: Situation) -> Offer:
    """Route, period, whether the insurer judges the offer itself, and the deadlines.

    Reading: a questionnaire filled in after 1 October 2029 is not refused; the insurer judges
    it (status ``review``) and the contract starts on the first of the next month.
    """
    application = situation.application
    questionnaire = check_deadline(QUESTIONNAIRE_DEADLINE, application.submitted_on,
                                   situation.on)
    submitted = application.submitted_on
    if submitted is not None and submitted > QUESTIONNAIRE_DEADLINE.due:
        start = late_start(submitted, YEAR.start)
        period = Period(start, YEAR.end) if start <= YEAR.end else None
        return Offer("late request", period, f"questionnaire filled in on {submitted}, after "
                     "1 October 2029: the insurer judges the request", PROCEDURE,
                     "Een late aanvraag beoordelen wij op haar toegevoegde waarde.",
                     (questionnaire,))
    signing = check_deadline(SIGNING_DEADLINE, application.signed_on, situation.on)
    return Offer("regular round", YEAR, None, PROCEDURE,
                 "Wij contracteren voor het kalenderjaar 2030.", (questionnaire, signing))


WIJKZORG: Final = Contract("voorbeeld.wijkzorg", "Voorbeeldzorg in de wijk (fictief)", terms,
                           variants=("C", "B", "A"))
NACHTZORG: Final = Contract("voorbeeld.nachtzorg", "Nachtelijke voorbeeldzorg (fictief)", terms)


def filled_in_late(situation: Situation) -> str | None:
    """Why the questionnaire deadline does not refuse a late questionnaire: the terms judge it."""
    submitted = situation.application.submitted_on
    if submitted is not None and submitted > QUESTIONNAIRE_DEADLINE.due:
        return f"filled in on {submitted}, late: the insurer judges the request"
    return None


# -- 5. The conditions ----------------------------------------------------------------------------


def shared_conditions() -> list[Condition]:
    """What both contracts ask: phone hours, claims via VECOZO, no fraud, signing on time."""
    return [
        Condition(PHONE_HOURS.id, Kind.REQUIREMENT, REQUIREMENTS,
                  "De zorgaanbieder is op werkdagen telefonisch bereikbaar van 09:00 tot "
                  "17:00 uur.",
                  Covers(PHONE_HOURS, WORKING_DAYS_9_TO_17, "working days 09:00-17:00")),
        Condition(VECOZO_CLAIMS.id, Kind.REQUIREMENT, REQUIREMENTS,
                  "Declaraties worden digitaal aangeleverd via VECOZO.", Holds(VECOZO_CLAIMS)),
        fraud_suspicion(PROCEDURE, "Bij een vermoeden van fraude doen wij geen aanbod."),
        # Without a date the questionnaire is open until 1 October 2029, unknown after (R8.6).
        Condition("voorbeeld.questionnaire", Kind.PROCEDURE, PROCEDURE,
                  QUESTIONNAIRE_DEADLINE.text,
                  DoneBy(QUESTIONNAIRE_DEADLINE, submitted_on, "filled in",
                         "the questionnaire is late", applies=filled_in_late)),
        Condition("voorbeeld.signing", Kind.PROCEDURE, PROCEDURE, SIGNING_DEADLINE.text,
                  DoneBy(SIGNING_DEADLINE, signed_on, "signed", "the offer has lapsed")),
    ]


def wijkzorg_conditions() -> list[Condition]:
    """Requirements, two factors (variants C, B, A), an expectation and a note."""
    return [
        Condition(QUALITY_REGISTER.id, Kind.REQUIREMENT, REQUIREMENTS,
                  "Alle zorgverleners staan ingeschreven in het Voorbeeldregister.",
                  Holds(QUALITY_REGISTER)),
        Condition(CERTIFICATE.id, Kind.REQUIREMENT, REQUIREMENTS,
                  "De zorgaanbieder beschikt over een HKZ- of ISO-certificaat.",
                  OneOf(CERTIFICATE, ("HKZ", "ISO"))),
        Condition(REGIONS.id, Kind.REQUIREMENT, REQUIREMENTS,
                  "De zorgaanbieder levert zorg in minimaal twee voorbeeldregio's.",
                  ServesAtLeast(REGIONS, 2)),
        *shared_conditions(),
        Condition(CLIENT_SCORE.id, Kind.FACTOR, FACTORS,
                  "De cliënttevredenheid is minimaal 80%.", AtLeast(CLIENT_SCORE, 0.8),
                  reading="R8.1: inclusive as written: a score of exactly 0.80 meets"),
        Condition(TRAINS_STUDENTS.id, Kind.FACTOR, FACTORS,
                  "De zorgaanbieder biedt stageplaatsen aan.", Holds(TRAINS_STUDENTS)),
        Condition(PUBLISHES_WAITING_TIMES.id, Kind.EXPECTATION, EXPECTATIONS,
                  "Wij verwachten dat u uw wachttijden op uw website publiceert.",
                  Holds(PUBLISHES_WAITING_TIMES)),
        Condition("voorbeeld.night_visits_note", Kind.NOTE, EXPECTATIONS,
                  "Nachtelijke bezoeken vallen onder de aparte overeenkomst Nachtzorg.",
                  Explains(OFFERS_NIGHT_CARE, "night visits need the nachtzorg contract")),
    ]


def nachtzorg_conditions() -> list[Condition]:
    """Night care: it must be offered, and then reachable by phone day and night."""
    return [
        Condition(OFFERS_NIGHT_CARE.id, Kind.REQUIREMENT, NIGHT,
                  "De zorgaanbieder bezoekt cliënten ook 's nachts.", Holds(OFFERS_NIGHT_CARE)),
        Condition(EMERGENCY_PHONE_HOURS.id, Kind.REQUIREMENT, NIGHT,
                  "Wie nachtzorg levert, is 24 uur per dag, 7 dagen per week bereikbaar.",
                  given(OFFERS_NIGHT_CARE,
                        Covers(EMERGENCY_PHONE_HOURS, ALWAYS, "every day 00:00-24:00"))),
        *shared_conditions(),
    ]


# -- 6. The hooks: what caresq calls ---------------------------------------------------------------


@caresq.hookimpl
def caresq_policies() -> Sequence[Policy]:
    return [POLICY]


@caresq.hookimpl
def caresq_facts() -> Sequence[Fact]:
    return FACTS


@caresq.hookimpl
def caresq_contracts(policy: Policy) -> Sequence[Contract]:
    return [WIJKZORG, NACHTZORG] if policy == POLICY else []


@caresq.hookimpl
def caresq_conditions(policy: Policy, contract: Contract) -> Sequence[Condition]:
    if policy != POLICY:
        return []
    if contract == WIJKZORG:
        return wijkzorg_conditions()
    if contract == NACHTZORG:
        return nachtzorg_conditions()
    return []


@caresq.hookimpl
def caresq_calendar_events(policy: Policy) -> Sequence[CalendarEvent]:
    if policy != POLICY:
        return []
    return [QUESTIONNAIRE_DEADLINE.as_event("voorbeeld-2030.questionnaire"),
            SIGNING_DEADLINE.as_event("voorbeeld-2030.signing")]
