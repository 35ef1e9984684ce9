"""The dated lines of hfst. 4 and 5 as procurement-calendar events.

Left out because they are relative, not dated: the kraamzorg contract offer ("Na bevestiging van
vragenlijst"), the offer of the toeslag and integrale geboortezorg ("Inkoopproces start nadat wij
uw complete aanvraag hebben ontvangen") and the reply to e-mail within 5 working days.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from attrs import evolve

from caresq.calendar import CalendarEvent, DateSpan, non_working_day_note, parse_policy_date
from caresq.parameters import day
from caresq_plugins.geboortezorg import igo, kraamzorg
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import (
    IGO_PROCEDURE,
    NO_OFFER_RECEIVED,
    NO_RETROACTIVE_TEXT,
    PLANNING,
    TWO_YEAR_CONTRACTS,
)

#: Prefix of every event key: "<care type>-<contract year>".
KEY: Final = "geboortezorg-2024"


def _titled(event: CalendarEvent, title: str) -> CalendarEvent:
    """A deadline event with a title that says whose deadline it is."""
    return evolve(event, title=title)


def _noted(event: CalendarEvent) -> CalendarEvent:
    """A one-day event with a note when its day is a weekend or holiday (R6.1)."""
    day_note = non_working_day_note(event.span.first) if event.span.is_exact else None
    if day_note is None or day_note in (event.note or ""):
        return event
    return evolve(event, note=f"{event.note}; {day_note}" if event.note else day_note)


def events(values: Mapping[str, object] = p.DEFAULTS) -> tuple[CalendarEvent, ...]:
    """Every dated line of hfst. 4 and 5, with stable keys, with the dates in force."""
    return tuple(_noted(event) for event in (
        CalendarEvent(
            f"{KEY}.kraamzorg.questionnaire-offer", "kraamzorg questionnaire offered via VECOZO",
            parse_policy_date("begin september 2023"), "window", PLANNING,
            "Aanbieding vragenlijst kraamzorg via VECOZO Begin september 2023"),
        _titled(kraamzorg.questionnaire_deadline(values).as_event(
            f"{KEY}.kraamzorg.questionnaire-deadline"), "kraamzorg questionnaire deadline"),
        _titled(kraamzorg.signing_deadline(values).as_event(f"{KEY}.kraamzorg.signing-deadline"),
                "kraamzorg signing deadline"),
        CalendarEvent(
            f"{KEY}.publication", "contracted providers published on zorgzoeker and website",
            DateSpan.on(day(values, p.PUBLICATION_FROM)), "milestone", PLANNING,
            "Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website Vanaf 12 "
            "november 2023",
            note="from this day on ('vanaf'); the text gives no end"),
        _titled(igo.registration_deadline(values).as_event(
            f"{KEY}.integrale_geboortezorg.registration-deadline"),
            "integrale geboortezorg registration deadline"),
        CalendarEvent(
            f"{KEY}.integrale_geboortezorg.agreements-aim", "aim: IGO agreements concluded",
            DateSpan.on(date(2023, 12, 31)), "milestone", IGO_PROCEDURE,
            "Wij streven ernaar de afspraken in 2023 af te ronden.",
            note="an aim, not a deadline: the agreements are meant to be done within 2023"),
        CalendarEvent(
            f"{KEY}.two_year.tariff-annex", "new 2024 tariff annex for the two-year contracts",
            DateSpan(date(2023, 10, 1), date(2023, 10, 31)),
            "window", TWO_YEAR_CONTRACTS,
            "In oktober ontvangt u wel een nieuwe tariefbijlage voor 2024.",
            note="'oktober' without a year: October 2023, before the 2024 contract year"),
        CalendarEvent(
            f"{KEY}.late-offers-start", "offers after this day start on the first of the next "
            "month", DateSpan.on(day(values, p.LATE_OFFERS_FROM)), "milestone", NO_OFFER_RECEIVED,
            NO_RETROACTIVE_TEXT),
    ))
