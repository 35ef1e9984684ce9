"""Integrale geboortezorg: an IGO of all five parties, registered by 1 August 2023, one year.

The randvoorwaarden of hfst. 3, the quality requirements of the mono-disciplinary contracts, and
the registration of hfst. 4 with its seven documents. Tariffs are negotiated ("Samen met u gaan
wij op zoek naar passende tarieven"), so a complete, timely IGO is ``review`` (R8.4).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from attrs import frozen

from caresq import Condition, Contract, Kind, Offer, Situation
from caresq.calendar import Deadline, Period, english_date
from caresq.parameters import day
from caresq.procedure import DoneBy, check_deadline, submitted_on
from caresq.rules import Complete, Holds, IncludesAll
from caresq_plugins.geboortezorg import facts, shared, themes
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import (
    CONTRACT_YEAR,
    IGO_INTRO,
    IGO_PROCEDURE,
    IGO_REQUIREMENTS,
    KRAAMZORG_PROCEDURE,
)

REQUIREMENT, PROCEDURE = Kind.REQUIREMENT, Kind.PROCEDURE

#: "Integrale geboortezorg wordt vooralsnog voor één jaar gecontracteerd."
PERIOD: Final = Period.calendar_year(CONTRACT_YEAR)
ONE_YEAR_TEXT: Final = (
    "Integrale geboortezorg wordt vooralsnog voor \u00e9\u00e9n jaar gecontracteerd.")
TARIFF_TEXT: Final = (
    "Wij sluiten aan bij de afspraken die een regio met de preferente zorgverzekeraar maakt. Wij "
    "volgen de afspraken in beginsel op inhoud. Samen met u gaan wij op zoek naar passende "
    "tarieven.")
REGISTRATION_TEXT: Final = (
    "Mocht u het voornemen hebben om geboortezorg in 2024 middels integrale bekostiging aan te "
    "bieden, dan kunt u zich tot uiterlijk 1 augustus 2023 melden via zorginkoop@caresq.nl.")
DOCUMENTS_TEXT: Final = "Bij de aanmelding stuurt u het volgende mee:"



def registration_deadline(values: Mapping[str, object]) -> Deadline:
    """The registration deadline in force (``igo.registration_deadline``)."""
    return Deadline("registration", day(values, p.IGO_REGISTRATION_DEADLINE), IGO_PROCEDURE,
                    REGISTRATION_TEXT)


REGISTRATION_DEADLINE: Final = registration_deadline(p.DEFAULTS)


@frozen
class Terms:
    """One year 2024, always judged by Caresq (tariffs are negotiated); registration deadline."""

    registration: Deadline

    def __call__(self, situation: Situation) -> Offer:
        registration = check_deadline(self.registration, situation.application.submitted_on,
                                      situation.on)
        return Offer("registration", PERIOD,
                     "integral tariffs are negotiated with the region: Caresq judges the offer "
                     "(R8.4)",
                     KRAAMZORG_PROCEDURE, f"{ONE_YEAR_TEXT} [...] {TARIFF_TEXT}", (registration,))


def contract(values: Mapping[str, object]) -> Contract:
    """The IGO contract with the registration deadline in force."""
    return Contract("geboortezorg.integrale_geboortezorg", "Integrale geboortezorg",
                    Terms(registration_deadline(values)))


INTEGRALE_GEBOORTEZORG: Final = contract(p.DEFAULTS)


def conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of the IGO contract: hfst. 3 first, then the registration of hfst. 4."""
    c = IGO_REQUIREMENTS
    deadline = registration_deadline(values)
    return (
        Condition(facts.IGO_ORGANISED.id, REQUIREMENT, c,
                  "De zorgaanbieders geboortezorg in de regio hebben zich georganiseerd in een "
                  "nieuwe Integrale Geboortezorg Organisatie (IGO);", Holds(facts.IGO_ORGANISED)),
        Condition(facts.IGO_PARTIES.id, REQUIREMENT, c,
                  "Alle partijen, te weten eerste- en tweedelijns verloskundigen, kraamzorg, "
                  "gynaecologen en het ziekenhuis, zijn in de IGO vertegenwoordigd;",
                  IncludesAll(facts.IGO_PARTIES, facts.IGO_PARTY_CHOICES)),
        Condition(facts.IGO_COST_NOT_ABOVE_MONO.id, REQUIREMENT, c,
                  "In de overgang naar integrale bekostiging dienen de kosten van een bevalling "
                  "niet hoger te zijn dan een bevalling die monodisciplinair is bekostigd;",
                  Holds(facts.IGO_COST_NOT_ABOVE_MONO)),
        shared.vecozo_claims(c, "Declaraties worden digitaal aangeleverd via VECOZO via de "
                                "geldende Vektis standaard;"),
        Condition(facts.IGO_CLEAN_DOUBLE_FUNDING.id, REQUIREMENT, c,
                  "Daar waar integrale bekostiging impact heeft op de reguliere bekostiging, "
                  "zoals afspraken met het ziekenhuis op basis van contractwaardes, zijn de "
                  "aangesloten zorgaanbieders bereid de reguliere afspraak te schonen van dubbele "
                  "bekostiging.", Holds(facts.IGO_CLEAN_DOUBLE_FUNDING)),
        Condition(facts.IGO_MEMBERS_QUALITY.id, REQUIREMENT, IGO_INTRO,
                  "Van toepassing op integrale geboortezorg zijn ook de kwaliteitseisen zoals "
                  "hierboven omschreven onder kraamzorg, verloskundige zorg en prenatale "
                  "screening en geboortecentra.", Holds(facts.IGO_MEMBERS_QUALITY),
                  reading="G4: asked as one statement about the IGO's members; their own contracts "
                          "check the individual requirements"),
        *shared.digitalisering(values),
        shared.no_fraud_suspicion(),
        Condition("integrale_geboortezorg.registration_deadline", PROCEDURE, IGO_PROCEDURE,
                  REGISTRATION_TEXT,
                  DoneBy(deadline, submitted_on, "registered",
                         "too late to contract integral funding for 2024"),
                  reading=f"R8.4: a registration after {english_date(deadline.due)} is "
                          "refused. R8.6: without a date the deadline is open until it has "
                          "passed, then unknown"),
        Condition(facts.IGO_DOCUMENTS.id, PROCEDURE, IGO_PROCEDURE, DOCUMENTS_TEXT,
                  Complete(facts.IGO_DOCUMENTS, facts.IGO_DOCUMENT_CHOICES,
                           "the process starts once the complete request is in"),
                  reading="R8.4: the seven documents listed under this sentence; a list that "
                          "misses one leaves the request incomplete, not refused: 'Inkoopproces "
                          "start nadat wij uw complete aanvraag hebben ontvangen' (hfst. 5)"),
        *themes.general_expectations(),
    )
