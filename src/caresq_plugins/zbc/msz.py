"""The MSZ contract of the ZBC policy: requirements (hfst. 3 and 4), expectations and notes
(hfst. 2 and 3), the procedure (hfst. 4 and 5) and how the offer is decided (R8.5)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import frozen

from caresq import Condition, Contract, Kind, Offer, Situation
from caresq.calendar import Deadline, english_date
from caresq.common import VECOZO_CERTIFICATES, VECOZO_CLAIMS, fraud_suspicion
from caresq.parameters import number, show
from caresq.procedure import DoneBy, check_deadline, signed_on
from caresq.rules import Above, Explains, Holds, IncludesAny, given
from caresq_plugins.zbc import facts, themes
from caresq_plugins.zbc import parameters as p
from caresq_plugins.zbc.policy import (
    APPROACH_TEXT,
    CONDITIONS,
    CONTRACT_PERIOD,
    CONTRACT_YEAR_START,
    EXPENSIVE_DRUGS,
    FRAUD_TEXT,
    MSR_AUTHORISATION,
    MULTI_YEAR,
    MULTI_YEAR_TEXT,
    NO_NEW_CONTRACTS_TEXT,
    NO_OFFER_RECEIVED,
    PLANNING,
    PREM,
    REGISTRATION_TEXT,
    SUSTAINABILITY,
    TAILORED_OFFER,
    VECOZO_PORTAL,
    WAITING_LISTS,
)
from caresq_plugins.zbc.rules import Approached, BeforeContractYear, RegisteredBy

REQUIREMENT, EXPECTATION, PROCEDURE, NOTE = (
    Kind.REQUIREMENT, Kind.EXPECTATION, Kind.PROCEDURE, Kind.NOTE)

#: Why every new ZBC offer is the insurer's judgement (status ``review``).
REVIEW: Final = (
    "a tailored offer on revenue, price, care offered, region, other providers in the region, "
    f"quality and client experiences ({TAILORED_OFFER}; R8.5)")


@frozen
class Terms:
    """Route, period, judgement and deadlines of a zbc.msz application (R8.5)."""

    registration: Deadline
    signing: Deadline

    def __call__(self, situation: Situation) -> Offer:
        application = situation.application
        if application.existing_contract:
            return Offer("existing contract", CONTRACT_PERIOD, None, MULTI_YEAR,
                         MULTI_YEAR_TEXT)
        submitted = application.submitted_on
        if submitted is not None and submitted >= CONTRACT_YEAR_START:
            return Offer("request during the contract year", None, None, NO_OFFER_RECEIVED,
                         NO_NEW_CONTRACTS_TEXT)
        signing = check_deadline(self.signing, application.signed_on, situation.on)
        registration = check_deadline(self.registration, application.submitted_on,
                                      situation.on)
        held = situation.facts.get(facts.CONTRACT_2024.id)
        if held is True:
            return Offer("approached (2024 contract)", CONTRACT_PERIOD, REVIEW, VECOZO_PORTAL,
                         APPROACH_TEXT, (signing,))
        if held is False and registration.met is False:
            return Offer("late registration", None, None, NO_OFFER_RECEIVED, REGISTRATION_TEXT,
                         (registration,))
        route = "registered interest" if held is False else "route unknown (zbc.contract_2024)"
        return Offer(route, CONTRACT_PERIOD, REVIEW, NO_OFFER_RECEIVED, REGISTRATION_TEXT,
                     (registration, signing))


def contract(values: Mapping[str, object]) -> Contract:
    """The zbc.msz contract with the deadlines in force."""
    return Contract("zbc.msz", "Medisch specialistische zorg (ZBC)",
                    Terms(p.registration_deadline(values), p.signing_deadline(values)))


MSZ: Final = contract(p.DEFAULTS)


def _requirement(fact_rule: Holds, text: str, reading: str | None = None) -> Condition:
    return Condition(fact_rule.fact.id, REQUIREMENT, CONDITIONS, text, fact_rule, reading)


EFFORT_READING: Final = (
    'Z1: "spant zich in" is an obligation of effort: met when the provider states it makes that '
    "effort")

#: "die beschikken over de juiste Vektis registratie, de juiste VECOZO-certificaten" (hfst. 4).
APPROACH_READING: Final = (
    "Z3: hfst. 4 approaches only providers with the right Vektis registration and VECOZO "
    "certificates: both are requirements of zbc.msz, for every route")

REQUIREMENTS: Final = (
    _requirement(Holds(facts.PROFESSIONAL_STANDARDS),
                 "Alle geleverde zorg voldoet minimaal aan de laatste eisen, standaarden en "
                 "normen van de beroepsgroep, aan de eisen van de Inspectie Gezondheidszorg en "
                 "Jeugd (IGJ) en zijn in lijn met de standpunten van Zorginstituut Nederland;"),
    _requirement(Holds(facts.EVIDENCE_BASED_PROGRAMMES),
                 "De instelling heeft behandelprogramma's die voldoen aan de laatste "
                 "wetenschappelijke inzichten;"),
    _requirement(Holds(facts.IGJ_BASISSET),
                 "De instelling voldoet, voor de van toepassing zijnde delen, aan de 'Basisset "
                 "Medische Specialistische Zorg Kwaliteitsindicatoren' van de IGJ;",
                 "Z10: the provider answers for the parts of the Basisset that apply to it"),
    _requirement(Holds(facts.BIG_RGS_REGISTERED),
                 "Het volledige medische personeel van de instelling beschikt over een "
                 "BIG-registratie, waarvan de medisch specialisten zijn geregistreerd in het "
                 "specialiteitenregister van de Registratiecommissie Geneeskundig Specialisten "
                 "(RGS);"),
    _requirement(Holds(facts.QUALITY_REGISTER),
                 "Het volledig medisch personeel staat, indien van toepassing, geregistreerd in "
                 "het betreffende kwaliteitsregister;",
                 'Z11: "indien van toepassing": one yes/no answer, yes when every staff member a '
                 "quality register applies to is in it (also yes when none applies)"),
    _requirement(Holds(facts.QUALITY_MARK),
                 "De instelling beschikt over en handelt naar een voor de zorgsoort passend "
                 "kwaliteitskeurmerk/ accreditatie;"),
    _requirement(Holds(facts.ZN_DIGITAL_GOALS),
                 "De zorgaanbieder spant zich in om de algemene ZN-doelstellingen met betrekking "
                 "tot digitalisering te behalen;", EFFORT_READING),
    Condition(facts.DIGITAL_CARE_GOALS.id, REQUIREMENT, CONDITIONS,
              "De zorgaanbieder maakt gebruik van digitale zorg teneinde één of meer van de "
              "volgende doelen te bereiken: vergroten van het arbeidspotentieel, besparen van "
              "kosten, verbeteren van de toegankelijkheid of verbeteren van de kwaliteit van zorg;",
              IncludesAny(facts.DIGITAL_CARE_GOALS, facts.DIGITAL_CARE_GOAL_CHOICES),
              reading='Z2: "één of meer": met when the list names at least one of the four goals; '
                      "an empty list (no digital care for these goals) is unmet"),
    _requirement(Holds(VECOZO_CLAIMS),
                 "Declaraties worden digitaal aangeleverd via VECOZO via de geldende Vektis "
                 "standaard;"),
    _requirement(Holds(facts.SATISFACTION_MONITORING),
                 "De instelling spant zich in om de klanttevredenheid te monitoren, te evalueren "
                 "en de uitkomsten op te nemen in de verbetercyclus.", EFFORT_READING),
    Condition(facts.VEKTIS_REGISTRATION.id, REQUIREMENT, VECOZO_PORTAL,
              "We benaderen alle zorgaanbieders [...] die beschikken over de juiste Vektis "
              "registratie", Holds(facts.VEKTIS_REGISTRATION), APPROACH_READING),
    Condition(VECOZO_CERTIFICATES.id, REQUIREMENT, VECOZO_PORTAL,
              "We benaderen alle zorgaanbieders [...] die beschikken over [...] de juiste "
              "VECOZO-certificaten", Holds(VECOZO_CERTIFICATES), APPROACH_READING),
)

def mobility_plan(values: Mapping[str, object]) -> Condition:
    """The mobility-plan expectation, with the fte threshold in force."""
    fte = number(values, p.MOBILITY_PLAN_MIN_FTE)
    return Condition(
        facts.MOBILITY_PLAN.id, EXPECTATION, SUSTAINABILITY,
        "Conform GDDZ 3.0 (art. 4.2.e.) een mobiliteitsplan heeft opgesteld gericht op het "
        "terugdringen van de CO2-emissie t.g.v. vervoersbewegingen van medewerkers (alleen "
        "zorgaanbieder met meer dan 100 fte).",
        given(Above(facts.FTE, fte), Holds(facts.MOBILITY_PLAN)),
        reading=f'R8.1: "meer dan 100 fte" means fte > {show(fte)}: not applicable at '
                f"{show(fte)} fte or fewer")


def registration_condition(values: Mapping[str, object]) -> Condition:
    """The registration deadline for providers without a 2024 contract, in force."""
    registration = p.registration_deadline(values)
    return Condition(
        "zbc.registration_deadline", PROCEDURE, NO_OFFER_RECEIVED, REGISTRATION_TEXT,
        RegisteredBy(facts.CONTRACT_2024, registration),
        reading="R8.5: without a 2024 contract, interest registered (submitted_on) after "
                f"{english_date(registration.due)} is refused. R8.6: no date leaves the "
                "deadline open until it has passed, then unknown")


def _nothing_to_sign(situation: Situation) -> str | None:
    if situation.application.existing_contract:
        return "the multi-year contract runs on: nothing to sign"
    return None


def signing_condition(values: Mapping[str, object]) -> Condition:
    """The signing deadline, in force."""
    signing = p.signing_deadline(values)
    return Condition(
        "zbc.signing_deadline", PROCEDURE, PLANNING, signing.text,
        DoneBy(signing, signed_on, "signed", "the offer has lapsed", _nothing_to_sign),
        reading=f"R8.5: an offer signed after {english_date(signing.due)} has lapsed. R8.6: "
                "no signing date leaves the deadline open until it has passed, then unknown")


#: The conditions that read parameters, by id: rebuilt with the values in force.
_IN_FORCE: Final = {facts.MOBILITY_PLAN.id: mobility_plan,
                    "zbc.registration_deadline": registration_condition,
                    "zbc.signing_deadline": signing_condition}

EXPECTATIONS: Final = (
    Condition(facts.GDDZ_COMMITMENT.id, EXPECTATION, SUSTAINABILITY,
              "Zich committeert aan de doelen van de Green Deal Duurzame Zorg 3.0 die op "
              "4 november 2022 tussen zorgpartijen is overeengekomen voor de periode tot en met "
              "2026. Wij bedoelen met commitment dat de zich committerende zorgaanbieder zich in "
              "beleid en handelen aantoonbaar en uitlegbaar richt op het realiseren van de "
              "doelstellingen van de GDDZ 3.0;", Holds(facts.GDDZ_COMMITMENT)),
    Condition(facts.SUSTAINABILITY_IN_STRATEGY.id, EXPECTATION, SUSTAINABILITY,
              "Duurzaamheid verankert in de strategie. Van kleinere zorgaanbieders verwachten we "
              "aandacht voor duurzaamheid in plannen en ontwikkelingen;",
              Holds(facts.SUSTAINABILITY_IN_STRATEGY),
              reading="Z4: one answer: for a smaller provider, attention to sustainability in its "
                      "plans and developments counts as yes"),
    Condition(facts.ANNUAL_REPORT_SUSTAINABILITY.id, EXPECTATION, SUSTAINABILITY,
              "In geval zij verplicht is een jaarverslag te maken, hierin ook rapporteert over de "
              "duurzaamheidsprestaties van de organisatie (voor zo ver beschikbaar) en hoe die "
              "zich verhouden tot doelen en ambities van de organisatie (voor zo ver bepaald);",
              given(facts.ANNUAL_REPORT_REQUIRED, Holds(facts.ANNUAL_REPORT_SUSTAINABILITY)),
              reading="Z5: only a provider obliged to publish an annual report is expected to "
                      "report on sustainability in it (an arrow: not applicable otherwise)"),
    mobility_plan(p.DEFAULTS),
    Condition(facts.PUBLISHES_WAITING_TIMES.id, EXPECTATION, WAITING_LISTS,
              "Om de verzekerden inzicht te geven in de actuele wachttijden voor hun intake en/of "
              "behandeling, publiceren zorgaanbieders eventuele wachttijden bij de praktijk of "
              "instelling (per locatie) op de website.", Holds(facts.PUBLISHES_WAITING_TIMES),
              reading="Z6: written as what providers do, in chapter 2: an expectation, not a "
                      "requirement; it never changes the status"),
    Condition(facts.USES_PREM.id, EXPECTATION, PREM,
              "Daarom verwacht Caresq dat zorgaanbieders gebruikmaken van het landelijk "
              "ingevoerde klantervaringsonderzoek PREM (Patient Related Experience Measures).",
              Holds(facts.USES_PREM),
              reading="Z7: weighed in contracting, but an expectation: it never changes the "
                      "status"),
)

NOTES: Final = (
    Condition(facts.USES_EXPENSIVE_DRUGS.id, NOTE, EXPENSIVE_DRUGS,
              "Voor 2025 maken wij dan ook graag afspraken op basis van nacalculatie op "
              "gerealiseerde inkoopprijzen.",
              Explains(facts.USES_EXPENSIVE_DRUGS,
                       "expensive drugs are agreed on post-calculation on realised purchase "
                       "prices, with no profit on them")),
    Condition(facts.PROVIDES_MSR.id, NOTE, MSR_AUTHORISATION,
              "Levert u medisch specialistische revalidatiezorg? Dan moet er voor het ingaan van "
              "een vervolg DBC toestemming worden aangevraagd door het revalidatiecentrum namens "
              "de verzekerde wanneer de verzekerde gebruik maakt van medisch specialistische "
              "revalidatiezorg.",
              Explains(facts.PROVIDES_MSR,
                       "a follow-up DBC needs prior authorisation, requested on the insured's "
                       "behalf")),
)

#: A running multi-year contract (``existing_contract``) is not a new offer: the approach,
#: registration, contract-year and signing rules below are not applicable to it (R8.5).
PROCEDURE_CONDITIONS: Final = (
    Condition(facts.CONTRACT_2024.id, PROCEDURE, VECOZO_PORTAL, APPROACH_TEXT,
              Approached(facts.CONTRACT_2024),
              reading="R8.5: a 2024 contract holder is approached without registering interest; "
                      "not stated leaves the procedure unknown"),
    registration_condition(p.DEFAULTS),
    Condition("zbc.no_new_contracts", PROCEDURE, NO_OFFER_RECEIVED, NO_NEW_CONTRACTS_TEXT,
              BeforeContractYear(CONTRACT_YEAR_START),
              reading="R8.5: a request (submitted_on) dated in 2025 or later is refused, even "
                      "from a 2024 contract holder; a running multi-year contract is no new "
                      "contract"),
    signing_condition(p.DEFAULTS),
    fraud_suspicion(NO_OFFER_RECEIVED, FRAUD_TEXT),
)


def msz_conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of zbc.msz: requirements, procedure, expectations, notes; those that
    read a parameter with the value in force."""
    return tuple(_IN_FORCE[condition.id](values) if condition.id in _IN_FORCE else condition
                 for condition in (*REQUIREMENTS, *PROCEDURE_CONDITIONS, *EXPECTATIONS,
                                   *themes.expectations(), *NOTES))
