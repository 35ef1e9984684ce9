"""Kraamzorg and ligdagen: requirements, the four differentiation factors, variants A-E, and
the procedure (questionnaire by 15 October 2023, signing by 1 November 2023, two-year period)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import frozen

from caresq import Condition, Contract, Kind, Offer, Outcome, Situation
from caresq.calendar import Deadline, Period, english_date, late_start
from caresq.common import EMERGENCY_PHONE_HOURS, VECOZO_CERTIFICATES
from caresq.parameters import day, number, show_fraction
from caresq.procedure import DoneBy, check_deadline, signed_on
from caresq.rules import AgbPrefix, Always, AtLeast, AtMost, Covers, Holds, OneOf, given
from caresq.schedule import ALWAYS
from caresq_plugins.geboortezorg import facts, shared, two_year
from caresq_plugins.geboortezorg import parameters as p
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



def questionnaire_deadline(values: Mapping[str, object]) -> Deadline:
    """The questionnaire deadline in force (``kraamzorg.questionnaire_deadline``)."""
    return Deadline("questionnaire", day(values, p.QUESTIONNAIRE_DEADLINE), PLANNING,
                    "Deadline vragenlijst kraamzorg via VECOZO 15 oktober 2023")


def signing_deadline(values: Mapping[str, object]) -> Deadline:
    """The signing deadline in force (``kraamzorg.signing_deadline``)."""
    return Deadline("signing", day(values, p.SIGNING_DEADLINE), PLANNING,
                    "Uiterste tekendatum zorgovereenkomst kraamzorg 1 november 2023")


QUESTIONNAIRE_DEADLINE: Final = questionnaire_deadline(p.DEFAULTS)
SIGNING_DEADLINE: Final = signing_deadline(p.DEFAULTS)

TWO_YEAR_TEXT: Final = (
    "Ter verlichting van de administratieve lasten en garantie van de biedt Caresq in 2024 "
    "tweejarige zorgovereenkomsten aan voor kraamzorg.")
LATE_REVIEW_TEXT: Final = (
    NO_RETROACTIVE_TEXT + " Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen het "
    "zorgaanbod in de regio en vragen u waar nodig om aanvullende documentatie.")


def late_reading(questionnaire: Deadline) -> str:
    """The reading for a questionnaire after ``questionnaire``'s day, with the date in force."""
    return (f"a questionnaire confirmed after {english_date(questionnaire.due)} is not refused: "
            "it follows 'Geen aanbod ontvangen' (SPEC §8.3)")


@frozen
class Terms:
    """Route, period, judgement and deadlines of a kraamzorg (or ligdagen) application."""

    questionnaire: Deadline
    signing: Deadline

    def is_late(self, situation: Situation) -> bool:
        """Whether the questionnaire was confirmed after its deadline."""
        submitted = situation.application.submitted_on
        return submitted is not None and submitted > self.questionnaire.due

    def signing_exemption(self, situation: Situation) -> str | None:
        """Why the signing deadline does not bind this application; None when it does."""
        if situation.application.existing_contract:
            return "the provider already holds the 2024-2025 contract"
        if self.is_late(situation):
            return ("a late request is not an offer of the regular round; its deadline does "
                    "not bind it")
        return None

    def __call__(self, situation: Situation) -> Offer:
        application = situation.application
        if application.existing_contract:
            return Offer("existing contract", PERIOD, None, KRAAMZORG_PROCEDURE, TWO_YEAR_TEXT)
        questionnaire = check_deadline(self.questionnaire, application.submitted_on,
                                       situation.on)
        if self.is_late(situation):
            assert application.submitted_on is not None
            start = late_start(application.submitted_on, YEAR_START)
            review = (f"questionnaire confirmed on {application.submitted_on.isoformat()}, after "
                      f"{english_date(self.questionnaire.due)}: Caresq judges whether the "
                      f"request adds value in the region ({late_reading(self.questionnaire)})")
            # A request so late that the first start falls after the period has no period.
            period = Period(start, PERIOD.end) if start <= PERIOD.end else None
            return Offer("late request", period, review, NO_OFFER_RECEIVED,
                         LATE_REVIEW_TEXT, (questionnaire,))
        signing = check_deadline(self.signing, application.signed_on, situation.on)
        return Offer("regular round", PERIOD, None, KRAAMZORG_PROCEDURE, TWO_YEAR_TEXT,
                     (questionnaire, signing))


def terms_in_force(values: Mapping[str, object]) -> Terms:
    """The kraamzorg terms with the deadlines and dates in force."""
    return Terms(questionnaire_deadline(values), signing_deadline(values))


def contracts(values: Mapping[str, object]) -> tuple[Contract, Contract]:
    """Kraamzorg and ligdagen, with the terms in force."""
    terms = terms_in_force(values)
    return (Contract("geboortezorg.kraamzorg", "Kraamzorg", terms, VARIANTS),
            Contract("geboortezorg.ligdagen", "Ligdagen (kraamzorg)", terms))


KRAAMZORG, LIGDAGEN = contracts(p.DEFAULTS)
LATE_READING: Final = late_reading(QUESTIONNAIRE_DEADLINE)


def general_requirements(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """The "algemene voorwaarden" of kraamzorg, which ligdagen shares."""
    c = KRAAMZORG_REQUIREMENTS
    terms = terms_in_force(values)
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
        *shared.digitalisering(values),
        shared.no_fraud_suspicion(),
        two_year.start_in_contract_year("kraamzorg", PERIOD.end, "start_in_contract_period"),
        Condition("kraamzorg.signing_deadline", PROCEDURE, PLANNING,
                  terms.signing.text,
                  DoneBy(terms.signing, signed_on, "signed", "the offer has lapsed",
                         terms.signing_exemption),
                  reading=f"an offer of the regular round signed after "
                          f"{english_date(terms.signing.due)} has lapsed; the deadline binds "
                          "only that round (SPEC §8.3)"),
    )


def factors(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """The four differentiation factors, with the thresholds in force."""
    max_zzp = number(values, p.MAX_ZZP_SHARE)
    min_18 = number(values, p.MIN_INDICATOR_18)
    return (

    Condition(facts.TRAINS_NEW_STAFF.id, FACTOR, KRAAMZORG_FACTORS,
              "Er is sprake van een aantoonbare rol in het initieel opleiden van nieuwe "
              "kraamverzorgenden.", Holds(facts.TRAINS_NEW_STAFF)),
    Condition(facts.CLIENT_EXPERIENCE_SURVEY.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder zet structureel een klantervaringsonderzoek in;",
              Holds(facts.CLIENT_EXPERIENCE_SURVEY)),
    Condition(facts.ZZP_SHARE.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;",
              AtMost(facts.ZZP_SHARE, max_zzp),
              reading=f'"maximaal 15%" is met at {show_fraction(max_zzp)} (SPEC §8.1)'),
    Condition(facts.INDICATOR_18.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder scoort minimaal 85% op indicator 18 uit de indicatorenset "
              "Kraamzorg van de Transparantiekalender.",
              AtLeast(facts.INDICATOR_18, min_18),
              reading=f'"minimaal 85%" is met at {show_fraction(min_18)} (SPEC §8.1)'),
    )


FACTORS: Final = factors()

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


def kraamzorg_conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of the kraamzorg contract, in the order the policy lists them."""
    return (*general_requirements(values), *factors(values), MAX_MAX_NOTE)


def ligdagen_conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Ligdagen: the kraamzorg requirements (not the factors) and offering ligdagen."""
    return (OFFERS_LIGDAGEN, *general_requirements(values))
