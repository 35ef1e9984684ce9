"""Eerstelijns geboortecentrum: the randvoorwaarden of hfst. 3, on a two-year contract 2023-2024."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from caresq import Condition, Contract, Kind
from caresq.parameters import day
from caresq.rules import Holds
from caresq_plugins.geboortezorg import facts, shared, themes, two_year
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import GEBOORTECENTRUM_REQUIREMENTS

REQUIREMENT: Final = Kind.REQUIREMENT


def contract(values: Mapping[str, object]) -> Contract:
    """The geboortecentrum contract, new requests starting no earlier than the date in force."""
    return Contract("geboortezorg.geboortecentrum", "Eerstelijns geboortecentrum",
                    two_year.Terms(day(values, p.LATE_OFFERS_FROM)))


GEBOORTECENTRUM: Final = contract(p.DEFAULTS)


def conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of the geboortecentrum contract, in the order the policy lists them."""
    c = GEBOORTECENTRUM_REQUIREMENTS
    return (
        Condition(facts.DRY_CONNECTION_HOSPITAL.id, REQUIREMENT, c,
                  "Een droge verbinding met een ziekenhuis;", Holds(facts.DRY_CONNECTION_HOSPITAL)),
        Condition(facts.COOPERATION_AGREEMENTS.id, REQUIREMENT, c,
                  "Samenwerkingsafspraken met betrokken partijen;",
                  Holds(facts.COOPERATION_AGREEMENTS)),
        Condition(facts.ADMISSION_AT_2_3_CM.id, REQUIREMENT, c,
                  "De zwangere vrouw kan bij 2-3 centimeter ontsluiting terecht;",
                  Holds(facts.ADMISSION_AT_2_3_CM)),
        Condition(facts.INDIVIDUAL_GUIDANCE.id, REQUIREMENT, c,
                  "Individuele begeleiding van de zwangere vrouw gedurende de bevalling;",
                  Holds(facts.INDIVIDUAL_GUIDANCE)),
        shared.office_hours(c),
        shared.vecozo_claims(c),
        *shared.digitalisering(values),
        shared.no_fraud_suspicion(),
        two_year.start_in_contract_year(
            "geboortecentrum", earliest=day(values, p.LATE_OFFERS_FROM)),
        *themes.general_expectations(),
    )
