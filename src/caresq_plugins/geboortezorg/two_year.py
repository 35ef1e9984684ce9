"""The two-year contracts 2023-2024 (verloskunde, prenatale screening, geboortecentrum).

Hfst. 4, "Tweejarige zorgovereenkomsten 2023-2024": these contracts were closed in 2023 and run
on in 2024, so a holder gets no new questionnaire or contract. A provider that did not accept
the 2023 offer follows "Geen aanbod ontvangen" (R8.3): Caresq judges the request (status
``review``) and the contract starts on the later of 1 January 2024 and the first of the month
after the request, never retroactively, and ends on 31 December 2024.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from attrs import frozen

from caresq import (
    Condition,
    Fact,
    Kind,
    Offer,
    Outcome,
    Situation,
    Verdict,
    by_application,
    reads_application,
)
from caresq.calendar import Period, english_date, late_start
from caresq_plugins.geboortezorg.policy import (
    NO_OFFER_RECEIVED,
    NO_RETROACTIVE_TEXT,
    NOT_ACCEPTED_TEXT,
    REVIEW_TEXT,
    TWO_YEAR_CONTRACTS,
    TWO_YEAR_TEXT,
    YEAR_START,
)

#: "Caresq heeft in 2023 tweejarige zorgovereenkomsten gesloten ... lopen door in 2024."
PERIOD: Final = Period.years(2023, 2)
#: The last day a new request can run to: the end of contract year 2024.
YEAR_END: Final = PERIOD.end

#: Three sentences from two blocks; "[...]" marks where the text in between is left out.
NEW_REQUEST_TEXT: Final = f"{NOT_ACCEPTED_TEXT} [...] {NO_RETROACTIVE_TEXT} [...] {REVIEW_TEXT}"


def _start(situation: Situation, earliest: date = YEAR_START) -> tuple[date, str]:
    """The start of a new request (never before ``earliest``), and how it was found."""
    requested = situation.application.submitted_on
    if requested is None:
        return earliest, ("no request date given (submitted_on): the start is taken as "
                          f"{earliest.isoformat()}; a later request starts on the first of the "
                          "month after it")
    start = late_start(requested, earliest)
    return start, (f"requested on {requested.isoformat()}, so the contract starts "
                   f"{start.isoformat()}")


@by_application
@frozen
class Terms:
    """Route, period and judgement of a two-year contract (R8.3)."""

    #: The earliest start of a new request (``geboortezorg.late_offers_from``).
    earliest: date

    def __call__(self, situation: Situation) -> Offer:
        if situation.application.existing_contract:
            return Offer("existing contract", PERIOD, None, TWO_YEAR_CONTRACTS, TWO_YEAR_TEXT)
        start, how = _start(situation, self.earliest)
        period = Period(start, YEAR_END) if start <= YEAR_END else None
        review = (f"new request ({how}): Caresq judges whether it adds value in the region "
                  "(R8.3)")
        return Offer("new request", period, review, NO_OFFER_RECEIVED, NEW_REQUEST_TEXT)


#: The terms with the start the text gives.
terms: Final = Terms(YEAR_START)


@reads_application("existing_contract", "submitted_on")
@frozen
class StartsInContractYear:
    """A new request must leave a start by ``last``: no retroactive contract, none after it."""

    #: The last day of the contract period, e.g. 31 December 2024.
    last: date
    #: The earliest start of a new request.
    earliest: date = YEAR_START

    @property
    def facts(self) -> tuple[Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        if situation.application.existing_contract:
            return Verdict(Outcome.NOT_APPLICABLE,
                           "the provider already holds the contract: no new start")
        if situation.application.submitted_on is None:
            return Verdict(Outcome.NOT_APPLICABLE,
                           "no request date yet (submitted_on): the start follows the request")
        start, how = _start(situation, self.earliest)
        last = self.last.isoformat()
        if start <= self.last:
            return Verdict(Outcome.MET, f"{how}, by {last}")
        return Verdict(Outcome.UNMET, f"{how}, after {last}: no contract can start in the "
                                      "contract period")


def start_in_contract_year(contract: str, last: date = YEAR_END,
                           name: str = "start_in_contract_year",
                           earliest: date = YEAR_START) -> Condition:
    """The procedure condition ``<contract>.<name>``: a new request must leave a start by
    ``last``, the end of the contract period."""
    return Condition(
        f"{contract}.{name}", Kind.PROCEDURE, NO_OFFER_RECEIVED,
        NO_RETROACTIVE_TEXT, StartsInContractYear(last, earliest),
        reading=f"R8.3: a new request starts on the later of {english_date(earliest)} and the "
                f"first of the month after the request; a request so late that this falls after "
                f"{last.isoformat()} leaves no start in the contract period")
