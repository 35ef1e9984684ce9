"""Toeslag verminderde bereikbaarheid en beschikbaarheid: a surcharge judged on its own facts.

Caresq takes over, for 2024, what a midwifery practice agreed with its preferred insurer about
reduced hospital accessibility, provided the agreement reaches Caresq within one month after it
was made (R8.3). The phone, VECOZO and digitalisation conditions do not apply: it is a
surcharge on the verloskunde contract, judged on its own facts. One rule judges the sending date
for both the finding and the deadline line, so the two always agree (R8.10).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from attrs import frozen

from caresq import Condition, Contract, DeadlineCheck, Kind, Offer, Outcome, Situation
from caresq.calendar import Deadline, Period, within_months
from caresq.parameters import integer
from caresq.procedure import check_deadline
from caresq.rules import Always, OnOrBefore, WithinMonthsAfter
from caresq_plugins.geboortezorg import facts, shared
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import CONTRACT_YEAR, TOESLAG

#: "... nemen wij deze afspraken in 2024 in beginsel over": the 2024 calendar year.
PERIOD: Final = Period.calendar_year(CONTRACT_YEAR)
#: "Graag ontvangen wij binnen een maand, nadat de afspraken ... zijn gemaakt, ..."
SEND_WITHIN_MONTHS: Final = integer(p.DEFAULTS, p.TOESLAG_SEND_WITHIN_MONTHS)

TAKE_OVER_TEXT: Final = (
    "Op het moment dat u met uw preferente zorgverzekeraar aanvullende afspraken heeft gemaakt "
    "over de module voor verminderde bereikbaarheid en beschikbaarheid, nemen wij deze afspraken "
    "in 2024 in beginsel over.")
SEND_TEXT: Final = (
    "Graag ontvangen wij binnen een maand, nadat de afspraken met de preferente "
    "zorgverzekeraar zijn gemaakt, de aanvullende afspraken via zorginkoop@caresq.nl.")
TEMPORARY_TEXT: Final = "Caresq gaat ervan uit dat deze toeslag van tijdelijke aard is."


def send_deadline(agreed_on: date, months: int = SEND_WITHIN_MONTHS) -> Deadline:
    """The last day the agreement of ``agreed_on`` can reach Caresq (month-end clips)."""
    return Deadline("send agreement", within_months(agreed_on, months), TOESLAG, SEND_TEXT)


def sent_in_time(months: int = SEND_WITHIN_MONTHS) -> WithinMonthsAfter:
    """The one rule that judges the sending date: the finding and the deadline line both use it."""
    return WithinMonthsAfter(facts.SENT_TO_CARESQ_ON, facts.PREFERRED_INSURER_AGREEMENT_ON,
                             months)


SENT_IN_TIME: Final = sent_in_time()


@frozen
class Terms:
    """The toeslag runs for 2024 on its own facts; the sending deadline is listed once known."""

    #: The rule that judges the sending date, with the months in force.
    sent_in_time: WithinMonthsAfter

    def send_check(self, agreed_on: date, situation: Situation) -> DeadlineCheck:
        """The deadline line of the sending date, agreeing with the finding on it (R8.10)."""
        sent_on = situation.facts.get(facts.SENT_TO_CARESQ_ON.id)
        deadline = send_deadline(agreed_on, self.sent_in_time.months)
        if not isinstance(sent_on, date):
            return check_deadline(deadline, None, situation.on)
        verdict = self.sent_in_time(situation)
        if verdict.outcome is Outcome.UNKNOWN:  # the dates contradict each other
            return DeadlineCheck(deadline.name, deadline.due, None, None,
                                 f"unknown: {verdict.reason} (R8.10)")
        return check_deadline(deadline, sent_on, situation.on)

    def __call__(self, situation: Situation) -> Offer:
        agreed_on = situation.facts.get(facts.PREFERRED_INSURER_AGREEMENT_ON.id)
        deadlines: tuple[DeadlineCheck, ...] = ()
        if isinstance(agreed_on, date):
            deadlines = (self.send_check(agreed_on, situation),)
        return Offer("agreement with the preferred insurer", PERIOD, None, TOESLAG,
                     TAKE_OVER_TEXT, deadlines)


def contract(values: Mapping[str, object]) -> Contract:
    """The toeslag with the sending window in force."""
    return Contract("geboortezorg.toeslag_bereikbaarheid",
                    "Toeslag verminderde bereikbaarheid en beschikbaarheid",
                    Terms(sent_in_time(integer(values, p.TOESLAG_SEND_WITHIN_MONTHS))))


TOESLAG_BEREIKBAARHEID: Final = contract(p.DEFAULTS)


def conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """The toeslag's conditions: the agreement, sent in time; fraud; a note that it is temporary."""
    months = integer(values, p.TOESLAG_SEND_WITHIN_MONTHS)
    return (
        Condition(facts.PREFERRED_INSURER_AGREEMENT_ON.id, Kind.REQUIREMENT, TOESLAG,
                  TAKE_OVER_TEXT,
                  OnOrBefore(facts.PREFERRED_INSURER_AGREEMENT_ON, PERIOD.end,
                                   "Caresq takes over agreements for 2024 only"),
                  reading="R8.3: the toeslag is judged on its own facts; the agreement exists "
                          "when the profile dates it, and one dated after 2024 cannot be taken "
                          "over 'in 2024'"),
        Condition("toeslag_bereikbaarheid.sent_within_one_month", Kind.REQUIREMENT, TOESLAG,
                  SEND_TEXT,
                  sent_in_time(months),
                  reading="R6.2: 'binnen een maand' is inclusive and clips at the month's end: "
                          "an agreement of 31 January 2024 is due by 29 February 2024; a later "
                          "sending refuses the toeslag (R8.3). R8.10: a sending dated before the "
                          "agreement contradicts it: unknown here and in the deadline line"),
        shared.no_fraud_suspicion(),
        Condition("toeslag_bereikbaarheid.temporary", Kind.NOTE, TOESLAG, TEMPORARY_TEXT,
                  Always(Outcome.MET, "the toeslag is expected to be temporary: it is taken "
                                      "over for 2024 only")),
    )
