"""Kraamzorg and ligdagen: requirements, the four differentiation factors, variants A-E, and
the procedure (questionnaire by 15 October 2023, signing by 1 November 2023, two-year period)."""

from __future__ import annotations

from datetime import date
from typing import Final

from caresq import Condition, Contract, Kind, Offer, Outcome, Situation, by_application
from caresq.calendar import Deadline, Period, late_start
from caresq.common import EMERGENCY_PHONE_HOURS, VECOZO_CERTIFICATES
from caresq.procedure import DoneBy, check_deadline, signed_on
from caresq.rules import AgbPrefix, Always, AtLeast, AtMost, Covers, Holds, OneOf, given
from caresq.schedule import ALWAYS
from caresq_plugins.geboortezorg import facts, shared, two_year
from caresq_plugins.geboortezorg.policy import (
    KRAAMZORG_FACTORS,
    KRAAMZORG_PROCEDURE,
    KRAAMZORG_REQUIREMENTS,
    MAX_MAX_TARIFF,
    NO_OFFER_RECEIVED,
    NO_RETROACTIVE_TEXT,
    PLANNING,
    VECOZO_PORTAL,
    YEAR_START,
    cite,
)

REQUIREMENT, FACTOR, PROCEDURE, NOTE = Kind.REQUIREMENT, Kind.FACTOR, Kind.PROCEDURE, Kind.NOTE

#: Variant by number of factors met: "Zorgovereenkomst E Voldoet aan de algemene voorwaarden"
#: ... "Zorgovereenkomst A Voldoet aan de algemene voorwaarden en vier differentiatiefactoren".
VARIANTS: Final = ("E", "D", "C", "B", "A")
#: Kraamzorg runs 2024-2025: "biedt Caresq in 2024 tweejarige zorgovereenkomsten aan".
PERIOD: Final = Period.years(2024, 2)

QUESTIONNAIRE_DEADLINE: Final = Deadline(
    "questionnaire", date(2023, 10, 15), PLANNING,
    "Deadline vragenlijst kraamzorg via VECOZO 15 oktober 2023")
SIGNING_DEADLINE: Final = Deadline(
    "signing", date(2023, 11, 1), PLANNING,
    "Uiterste tekendatum zorgovereenkomst kraamzorg 1 november 2023")

TWO_YEAR_TEXT: Final = (
    "Ter verlichting van de administratieve lasten en garantie van de biedt Caresq in 2024 "
    "tweejarige zorgovereenkomsten aan voor kraamzorg.")
LATE_REVIEW_TEXT: Final = (
    NO_RETROACTIVE_TEXT + " Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen het "
    "zorgaanbod in de regio en vragen u waar nodig om aanvullende documentatie.")
LATE_READING: Final = (
    "a questionnaire confirmed after 15 October 2023 is not refused: it follows 'Geen aanbod "
    "ontvangen' (SPEC §8.3)")


@by_application
def _is_late(situation: Situation) -> bool:
    submitted = situation.application.submitted_on
    return submitted is not None and submitted > QUESTIONNAIRE_DEADLINE.due


@by_application
def _signing_exemption(situation: Situation) -> str | None:
    if situation.application.existing_contract:
        return "the provider already holds the 2024-2025 contract"
    if _is_late(situation):
        return "a late request is not an offer of the regular round; its deadline does not bind it"
    return None


@by_application
def terms(situation: Situation) -> Offer:
    """Route, period, judgement and deadlines of a kraamzorg (or ligdagen) application."""
    application = situation.application
    if application.existing_contract:
        return Offer("existing contract", PERIOD, None, KRAAMZORG_PROCEDURE, TWO_YEAR_TEXT)
    questionnaire = check_deadline(QUESTIONNAIRE_DEADLINE, application.submitted_on, situation.on)
    if _is_late(situation):
        assert application.submitted_on is not None
        start = late_start(application.submitted_on, YEAR_START)
        review = (f"questionnaire confirmed on {application.submitted_on.isoformat()}, after "
                  f"15 October 2023: Caresq judges whether the request adds value in the region "
                  f"({LATE_READING})")
        # A request so late that the first start falls after the period has no period at all.
        period = Period(start, PERIOD.end) if start <= PERIOD.end else None
        return Offer("late request", period, review, NO_OFFER_RECEIVED,
                     LATE_REVIEW_TEXT, (questionnaire,))
    signing = check_deadline(SIGNING_DEADLINE, application.signed_on, situation.on)
    return Offer("regular round", PERIOD, None, KRAAMZORG_PROCEDURE, TWO_YEAR_TEXT,
                 (questionnaire, signing))


KRAAMZORG: Final = Contract("geboortezorg.kraamzorg", "Kraamzorg", terms, VARIANTS)
LIGDAGEN: Final = Contract("geboortezorg.ligdagen", "Ligdagen (kraamzorg)", terms)


def general_requirements() -> tuple[Condition, ...]:
    """The "algemene voorwaarden" of kraamzorg, which ligdagen shares."""
    c = KRAAMZORG_REQUIREMENTS
    return (
        Condition(facts.BO_GEBOORTEZORG_MEMBER.id, REQUIREMENT, c,
                  "Lidmaatschap van Bo Geboortezorg;", Holds(facts.BO_GEBOORTEZORG_MEMBER)),
        Condition(facts.ALL_VSV_IN_AREA.id, REQUIREMENT, c,
                  "Deelname aan alle Verloskundig Samenwerkingsverbanden in het "
                  "postcodewerkgebied;", Holds(facts.ALL_VSV_IN_AREA)),
        Condition(facts.CERTIFICATE.id, REQUIREMENT, c,
                  "In het bezit van een in de branche geldend certificaat van NEN-EN, ISO of HKZ "
                  "VV&T onderdeel kraamzorg;",
                  OneOf(facts.CERTIFICATE, ("NEN-EN", "ISO", "HKZ"))),
        shared.lip_or_klim(c),
        shared.office_hours(c),
        shared.round_the_clock(
            "kraamzorg.partus_phone_24_7", c,
            "Voor verlening van partusassistentie is de zorgaanbieder 7 dagen per week, 24 uur "
            "per dag telefonisch bereikbaar;",
            given(facts.PROVIDES_PARTUS_ASSISTANCE,
                  Covers(EMERGENCY_PHONE_HOURS, ALWAYS, "every day 00:00-24:00"))),
        shared.vecozo_claims(c),
        Condition("kraamzorg.agb_code", REQUIREMENT, VECOZO_PORTAL,
                  "Wij benaderen alle zorgaanbieders die beschikken over de juiste Vektis "
                  "registratie (zie schema) [...] Kraamzorg 33",
                  AgbPrefix("33", "kraamzorg")),
        Condition(VECOZO_CERTIFICATES.id, REQUIREMENT, VECOZO_PORTAL,
                  "Wij benaderen alle zorgaanbieders die beschikken over [...] de juiste "
                  "VECOZO-certificaten", Holds(VECOZO_CERTIFICATES)),
        *shared.digitalisering(),
        shared.no_fraud_suspicion(),
        two_year.start_in_contract_year("kraamzorg", PERIOD.end, "start_in_contract_period"),
        Condition("kraamzorg.signing_deadline", PROCEDURE, PLANNING,
                  SIGNING_DEADLINE.text,
                  DoneBy(SIGNING_DEADLINE, signed_on, "signed", "the offer has lapsed",
                         _signing_exemption),
                  reading="an offer of the regular round signed after 1 November 2023 has "
                          "lapsed; the deadline binds only that round (SPEC §8.3)"),
    )


FACTORS: Final = (
    Condition(facts.TRAINS_NEW_STAFF.id, FACTOR, KRAAMZORG_FACTORS,
              "Er is sprake van een aantoonbare rol in het initieel opleiden van nieuwe "
              "kraamverzorgenden.", Holds(facts.TRAINS_NEW_STAFF)),
    Condition(facts.CLIENT_EXPERIENCE_SURVEY.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder zet structureel een klantervaringsonderzoek in;",
              Holds(facts.CLIENT_EXPERIENCE_SURVEY)),
    Condition(facts.ZZP_SHARE.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;",
              AtMost(facts.ZZP_SHARE, 0.15),
              reading='"maximaal 15%" is met at 0.15 (SPEC §8.1)'),
    Condition(facts.INDICATOR_18.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder scoort minimaal 85% op indicator 18 uit de indicatorenset "
              "Kraamzorg van de Transparantiekalender.",
              AtLeast(facts.INDICATOR_18, 0.85),
              reading='"minimaal 85%" is met at 0.85 (SPEC §8.1)'),
)

MAX_MAX_NOTE: Final = Condition(
    "kraamzorg.max_max_tariff", NOTE, MAX_MAX_TARIFF,
    "Waar het zorg in achterstandswijken betreft, vormt het max-max tarief een integraal "
    "onderdeel van de zorgovereenkomst.",
    Always(Outcome.MET, "care in disadvantaged neighbourhoods may be claimed at the max-max "
                        "tariff without further requirements"))

OFFERS_LIGDAGEN: Final = Condition(
    facts.OFFERS_LIGDAGEN.id, REQUIREMENT,
    cite("3", "Aanvullende voorwaarden bij aanbod ligdagen (kraamzorg)"),
    "Voor deze zorg gelden dezelfde algemene voorwaarden als voor de zorgovereenkomst "
    "Kraamzorg worden gesteld.", Holds(facts.OFFERS_LIGDAGEN),
    reading="ligdagen requires that the provider offers ligdagen (SPEC §4)")


def kraamzorg_conditions() -> tuple[Condition, ...]:
    """Every condition of the kraamzorg contract, in the order the policy lists them."""
    return (*general_requirements(), *FACTORS, MAX_MAX_NOTE)


def ligdagen_conditions() -> tuple[Condition, ...]:
    """Ligdagen: the kraamzorg requirements (not the factors) and offering ligdagen."""
    return (OFFERS_LIGDAGEN, *general_requirements())
