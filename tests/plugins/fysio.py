"""A tiny care type, defined entirely outside caresq: proves a plugin needs no core change.

Fictional policy "Inkoopbeleid Fysiotherapie 2030" with one contract and two conditions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import caresq
from caresq.calendar import CalendarEvent, DateSpan, Period
from caresq.rules import AtLeast, Holds

POLICY = caresq.Policy("fysio", 2030, "Inkoopbeleid Fysiotherapie 2030")
SIGNING_DUE = date(2029, 11, 1)
SECTION = caresq.Citation(POLICY.document, "3", "Fysiotherapie - voorwaarden")

REGISTERED = caresq.Fact("fysio.kngf_registered", caresq.FactType.BOOL, "KNGF registration",
                         "Are you registered with the KNGF?")
SCORE = caresq.Fact("fysio.patient_score", caresq.FactType.FRACTION, "patient score",
                    "Your patient satisfaction score (fraction 0-1)")


def terms(situation: caresq.Situation) -> caresq.Offer:
    return caresq.Offer("regular round", Period.calendar_year(2030), None, SECTION,
                        "Wij contracteren voor één jaar.")


CONTRACT = caresq.Contract("fysio.basis", "Fysiotherapie", terms)


@caresq.hookimpl
def caresq_policies() -> Sequence[caresq.Policy]:
    return [POLICY]


@caresq.hookimpl
def caresq_facts() -> Sequence[caresq.Fact]:
    return [REGISTERED, SCORE]


@caresq.hookimpl
def caresq_contracts(policy: caresq.Policy) -> Sequence[caresq.Contract]:
    return [CONTRACT] if policy == POLICY else []


@caresq.hookimpl
def caresq_conditions(policy: caresq.Policy,
                      contract: caresq.Contract) -> Sequence[caresq.Condition]:
    if contract != CONTRACT:
        return []
    return [
        caresq.Condition(REGISTERED.id, caresq.Kind.REQUIREMENT, SECTION,
                         "De fysiotherapeut is ingeschreven bij het KNGF.", Holds(REGISTERED)),
        caresq.Condition(SCORE.id, caresq.Kind.EXPECTATION, SECTION,
                         "Wij verwachten een patiënttevredenheid van minimaal 80%.",
                         AtLeast(SCORE, 0.8)),
    ]


@caresq.hookimpl
def caresq_calendar_events(policy: caresq.Policy) -> Sequence[CalendarEvent]:
    if policy != POLICY:
        return []
    return [CalendarEvent("fysio-2030.signing", "Uiterste tekendatum",
                          DateSpan.on(SIGNING_DUE), "deadline", SECTION,
                          "Uiterste tekendatum 1 november 2029")]
