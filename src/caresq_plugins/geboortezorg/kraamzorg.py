"""Kraamzorg and ligdagen: requirements, the four differentiation factors, variants A-E, and
the procedure (questionnaire by 15 October 2023, signing by 1 November 2023, two-year period)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from attrs import frozen

from caresq import (
    Condition,
    Contract,
    DeadlineCheck,
    Kind,
    Offer,
    Outcome,
    Situation,
    by_application,
    reads_application,
)
from caresq.calendar import Deadline, Period, english_date, late_start
from caresq.common import VECOZO_CERTIFICATES
from caresq.parameters import day, number, show_fraction
from caresq.procedure import DoneBy, check_deadline, signed_on, submitted_on
from caresq.rules import AgbPrefix, Always, AtLeast, AtMost, Holds, OneOf, given
from caresq_plugins.geboortezorg import facts, shared, themes, two_year
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
    return (f"R8.3: a questionnaire confirmed after {english_date(questionnaire.due)} is not "
            "refused: it follows 'Geen aanbod ontvangen'")


@by_application  # it and its methods read the application and the reference date only
@frozen
class Terms:
    """Route, period, judgement and deadlines of a kraamzorg (or ligdagen) application."""

    questionnaire: Deadline
    signing: Deadline
    #: The earliest start of a late request (``geboortezorg.late_offers_from``).
    late_offers_from: date = YEAR_START

    def is_late(self, situation: Situation) -> bool:
        """Whether the questionnaire was confirmed after its deadline."""
        # A stated late questionnaire keeps the late route, existing_contract or not (R8.9).
        submitted = situation.application.submitted_on
        return submitted is not None and submitted > self.questionnaire.due

    def holds_contract(self, situation: Situation) -> bool:
        """existing_contract, standing in for the dates the profile does not give (R8.9)."""
        return situation.application.existing_contract and not self.is_late(situation)

    def signing_exemption(self, situation: Situation) -> str | None:
        """Why the signing deadline does not bind this application; None when it does."""
        if self.is_late(situation):
            return ("a late request is not an offer of the regular round; its deadline does "
                    "not bind it")
        if self.holds_contract(situation) and situation.application.signed_on is None:
            return ("the provider already holds the 2024-2025 contract and states no signing "
                    "date")
        return None

    @reads_application("submitted_on", "existing_contract")  # is_late, holds_contract
    def questionnaire_exemption(self, situation: Situation) -> str | None:
        """Why the questionnaire deadline does not bind this application; None when it does."""
        if self.is_late(situation):
            return (f"confirmed on {situation.application.submitted_on}, after "
                    f"{english_date(self.questionnaire.due)}: not refused, the request follows "
                    "'Geen aanbod ontvangen' (R8.3)")
        if self.holds_contract(situation) and situation.application.submitted_on is None:
            return ("the provider already holds the 2024-2025 contract and states no "
                    "questionnaire date")
        return None

    def stated_deadlines(self, situation: Situation) -> tuple[DeadlineCheck, ...]:
        """For a contract holder, the deadlines of the dates the profile does state (R8.9)."""
        application = situation.application
        stated = ((self.questionnaire, application.submitted_on),
                  (self.signing, application.signed_on))
        return tuple(check_deadline(deadline, done, situation.on)
                     for deadline, done in stated if done is not None)

    def __call__(self, situation: Situation) -> Offer:
        application = situation.application
        if self.holds_contract(situation):
            return Offer("existing contract", PERIOD, None, KRAAMZORG_PROCEDURE, TWO_YEAR_TEXT,
                         self.stated_deadlines(situation))
        questionnaire = check_deadline(self.questionnaire, application.submitted_on,
                                       situation.on)
        if self.is_late(situation):
            assert application.submitted_on is not None
            start = late_start(application.submitted_on, self.late_offers_from)
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
    return Terms(questionnaire_deadline(values), signing_deadline(values),
                 day(values, p.LATE_OFFERS_FROM))


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
            given(facts.PROVIDES_PARTUS_ASSISTANCE, shared.ROUND_THE_CLOCK_RULE)),
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
        two_year.start_in_contract_year("kraamzorg", PERIOD.end, "start_in_contract_period",
                                        terms.late_offers_from),
        Condition("kraamzorg.questionnaire_deadline", PROCEDURE, PLANNING,
                  terms.questionnaire.text,
                  DoneBy(terms.questionnaire, submitted_on, "confirmed",
                         "the request follows 'Geen aanbod ontvangen'",
                         terms.questionnaire_exemption),
                  reading="R8.3, R8.6: a questionnaire confirmed after "
                          f"{english_date(terms.questionnaire.due)} takes the late route (not "
                          "refused); once the date has passed and the profile gives no "
                          "confirmation date, whether and when it was confirmed is unknown"),
        Condition("kraamzorg.signing_deadline", PROCEDURE, PLANNING,
                  terms.signing.text,
                  DoneBy(terms.signing, signed_on, "signed", "the offer has lapsed",
                         terms.signing_exemption),
                  reading="R8.3: an offer of the regular round signed after "
                          f"{english_date(terms.signing.due)} has lapsed; the deadline binds "
                          "only that round. R8.6: once it has passed, no signing date is "
                          "unknown. R8.9: existing_contract never overrides a stated signing "
                          "date"),
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
              reading='R8.1: boundaries are inclusive as written, so "maximaal 15%" is met at '
                      f"{show_fraction(max_zzp)}"),
    Condition(facts.INDICATOR_18.id, FACTOR, KRAAMZORG_FACTORS,
              "De kraamzorgaanbieder scoort minimaal 85% op indicator 18 uit de indicatorenset "
              "Kraamzorg van de Transparantiekalender.",
              AtLeast(facts.INDICATOR_18, min_18),
              reading='R8.1: boundaries are inclusive as written, so "minimaal 85%" is met at '
                      f"{show_fraction(min_18)}"),
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
    reading="G1: ligdagen requires that the provider offers ligdagen (kraamzorg.offers_ligdagen)")


def kraamzorg_conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of the kraamzorg contract, in the order the policy lists them."""
    return (*general_requirements(values), *factors(values), MAX_MAX_NOTE,
            *themes.general_expectations(), *themes.kraamzorg_expectations(),
            *themes.kraamzorg_factor_notes())


def ligdagen_conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Ligdagen: the kraamzorg requirements (not the factors), offering ligdagen, and the
    chapter 2 expectations of kraamzorg providers."""
    return (OFFERS_LIGDAGEN, *general_requirements(values), *themes.general_expectations(),
            *themes.kraamzorg_expectations())
