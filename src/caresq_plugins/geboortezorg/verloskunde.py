"""Verloskundige zorg: the randvoorwaarden of hfst. 3, on a two-year contract 2023-2024.

External version, ultrasound and CTG bind only a practice that does that work (G3):
not applicable when it does not, unknown while we do not know.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from caresq import Condition, Contract, Kind
from caresq.common import EMERGENCY_PHONE_HOURS
from caresq.parameters import day
from caresq.rules import Holds, given
from caresq_plugins.geboortezorg import facts, shared, themes, two_year
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import VERLOSKUNDE_REQUIREMENTS

REQUIREMENT: Final = Kind.REQUIREMENT


def contract(values: Mapping[str, object]) -> Contract:
    """The verloskunde contract, new requests starting no earlier than the date in force."""
    return Contract("geboortezorg.verloskunde", "Verloskundige zorg",
                    two_year.Terms(day(values, p.LATE_OFFERS_FROM)))


VERLOSKUNDE: Final = contract(p.DEFAULTS)

CTG_STANDARD: Final = (
    "zoals beschreven in de professionele standaard 'Antenaal CTG in de eerslijns "
    "verloskundigenpraktijk'")
ONLY_WHEN: Final = "G3: binds only a practice that {work}: not applicable otherwise"


def conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of the verloskunde contract, in the order the policy lists them."""
    c = VERLOSKUNDE_REQUIREMENTS
    return (
        shared.lip_or_klim(c),
        Condition(facts.USES_VADEMECUM.id, REQUIREMENT, c,
                  "Hanteren van het Verloskundig Vademecum;", Holds(facts.USES_VADEMECUM)),
        Condition(facts.KNOV_QUALITY_REGISTER.id, REQUIREMENT, c,
                  "Inschrijving in het Landelijk Kwaliteitsregister Verloskunde van de "
                  "Koninklijke Nederlandse Organisatie van Verloskundigen (KNOV);",
                  Holds(facts.KNOV_QUALITY_REGISTER)),
        Condition(facts.KNOV_VERSION_REGISTER.id, REQUIREMENT, c,
                  "Inschrijving in het betreffende register van de KNOV voor de uitvoering van de "
                  "verloskundige versie;",
                  given(facts.PERFORMS_EXTERNAL_VERSION, Holds(facts.KNOV_VERSION_REGISTER)),
                  reading="G2: 'verloskundige versie' is the external cephalic version. "
                          + ONLY_WHEN.format(work="performs it")),
        Condition(facts.VERLOSKUNDE_BEN_REGISTER.id, REQUIREMENT, c,
                  "Inschrijving in het relevante register van de Beroepsgroep Echoscopisten "
                  "Nederland(BEN) voor de uitvoering van echo's;",
                  given(facts.PERFORMS_ULTRASOUND, Holds(facts.VERLOSKUNDE_BEN_REGISTER)),
                  reading=ONLY_WHEN.format(work="performs ultrasounds")),
        Condition(facts.KNOV_CTG_REGISTER.id, REQUIREMENT, c,
                  "Inschrijving in het register antenataal CTG in de eerstelijn van de KNOV voor "
                  "de uitvoering van CTG;",
                  given(facts.PERFORMS_CTG, Holds(facts.KNOV_CTG_REGISTER)),
                  reading=ONLY_WHEN.format(work="performs antenatal CTG")),
        Condition(facts.VSV_CTG_AGREEMENTS.id, REQUIREMENT, c,
                  "Binnen het Verloskundig Samenwerkingsverband (VSV) samenwerkingsafspraken met "
                  f"gynaecologen over het verrichten van een CTG {CTG_STANDARD};",
                  given(facts.PERFORMS_CTG, Holds(facts.VSV_CTG_AGREEMENTS)),
                  reading=ONLY_WHEN.format(work="performs antenatal CTG")),
        Condition(facts.CTG_TRAINING.id, REQUIREMENT, c,
                  f"Voldoen aan de opleidings- en of bijscholingseisen {CTG_STANDARD} voor de "
                  "uitvoering van CTG;",
                  given(facts.PERFORMS_CTG, Holds(facts.CTG_TRAINING)),
                  reading=ONLY_WHEN.format(work="performs antenatal CTG")),
        shared.perined(c),
        shared.perinatal_audit(c),
        Condition(facts.VSV_PARTICIPATION.id, REQUIREMENT, c,
                  "Deelname of vertegenwoordiging in een VSV;", Holds(facts.VSV_PARTICIPATION)),
        shared.office_hours(c, "De zorgaanbieder is op werkdagen telefonisch bereikbaar van "
                               "09:00 tot 17:00 uur."),
        shared.round_the_clock(
            EMERGENCY_PHONE_HOURS.id, c,
            "Daarnaast is de zorgaanbieder 24 uur per dag, 7 dagen in de week telefonisch "
            "bereikbaar voor spoedgevallen;"),
        shared.vecozo_claims(c),
        *shared.digitalisering(values),
        shared.no_fraud_suspicion(),
        two_year.start_in_contract_year(
            "verloskunde", earliest=day(values, p.LATE_OFFERS_FROM)),
        *themes.general_expectations(),
    )
