"""The procurement calendar of the ZBC policy: every dated line of chapters 4 and 5.

Keys are stable ("zbc-2025.msz.<what>") so an exported calendar updates in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from caresq.calendar import CalendarEvent, DateSpan, parse_policy_date
from caresq.parameters import day
from caresq_plugins.zbc.parameters import (
    DEFAULTS,
    PUBLICATION_FROM,
    registration_deadline,
    signing_deadline,
)
from caresq_plugins.zbc.policy import (
    CONTRACT_PERIOD,
    NO_NEW_CONTRACTS_TEXT,
    NO_OFFER_RECEIVED,
    OFFER_TEXT,
    PLANNING,
    PRICE_LIST_TEXT,
    PUBLICATION_TEXT,
)

PREFIX: Final = "zbc-2025.msz"


def events(values: Mapping[str, object] = DEFAULTS) -> tuple[CalendarEvent, ...]:
    """The dated lines, in the order the policy gives them, with the dates in force."""
    return (
        registration_deadline(values).as_event(f"{PREFIX}.registration-deadline"),
        CalendarEvent(f"{PREFIX}.contract-offer", "Aanbieding zorgovereenkomst via VECOZO",
                      parse_policy_date("eind september 2024"), "window", PLANNING, OFFER_TEXT,
                      'reading R6.1: "eind september" is 21-30 September'),
        CalendarEvent(f"{PREFIX}.price-list-offer", "Aanbieding prijslijst via VECOZO",
                      parse_policy_date("eind september 2024"), "window", PLANNING,
                      PRICE_LIST_TEXT, 'reading R6.1: "eind september" is 21-30 September'),
        signing_deadline(values).as_event(f"{PREFIX}.signing-deadline"),
        CalendarEvent(f"{PREFIX}.publication",
                      "Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website",
                      DateSpan.on(day(values, PUBLICATION_FROM)), "milestone", PLANNING,
                      PUBLICATION_TEXT, "from this day on"),
        CalendarEvent(f"{PREFIX}.no-new-contracts", "Geen nieuwe zorgovereenkomsten",
                      DateSpan(CONTRACT_PERIOD.start, CONTRACT_PERIOD.end), "window",
                      NO_OFFER_RECEIVED, NO_NEW_CONTRACTS_TEXT,
                      "the contract year: no new ZBC contracts are concluded"),
    )
