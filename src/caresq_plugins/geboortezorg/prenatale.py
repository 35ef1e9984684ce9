"""Prenatale screening: the randvoorwaarden of hfst. 3, on a two-year contract 2023-2024.

Two things stand out. The KNOV register requirement was dropped in 2024, so it is neither
asked nor checked; a note says so. And the policy caps diagnostic ultrasounds per pregnancy
without giving the number: ``prenatale.max_diagnostic_ultrasounds`` is a policy parameter,
``None`` until configured (see :class:`caresq_plugins.geboortezorg.GeboortezorgPlugin`), and
never invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from caresq import Condition, Contract, Kind, Outcome
from caresq.parameters import day, optional_integer
from caresq.rules import Always, Holds
from caresq_plugins.geboortezorg import facts, shared, themes, two_year
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import CHANGES, MAX_ULTRASOUNDS, PRENATALE_REQUIREMENTS

REQUIREMENT: Final = Kind.REQUIREMENT
#: The parameter's name, as the policy reference spells it (G6).
MAX_ULTRASOUNDS_PARAMETER: Final = p.MAX_DIAGNOSTIC_ULTRASOUNDS


def contract(values: Mapping[str, object]) -> Contract:
    """The prenatale_screening contract, new requests starting no earlier than the date in force."""
    return Contract("geboortezorg.prenatale_screening", "Prenatale screening",
                    two_year.Terms(day(values, p.LATE_OFFERS_FROM)))


PRENATALE_SCREENING: Final = contract(p.DEFAULTS)

KNOV_DROPPED_TEXT: Final = (
    "In hoofdstuk 3 is de voorwaarde 'Inschrijving in het relevante register van de "
    "KNOV' voor zorgaanbieders van Prenatale screening komen te vervallen.")
MAX_ULTRASOUNDS_TEXT: Final = (
    "Door een maximum aantal voor specifieke diagnose echo's per zwangerschap te hanteren, "
    "stimuleren wij de zorgaanbieder tot gepast gebruik binnen de prenatale screening.")


def max_ultrasounds_note(maximum: int | None) -> Condition:
    """The note on the maximum number of diagnostic ultrasounds, with its value when configured.

    A note never decides. Without a configured value its outcome is unknown: the maximum
    exists, and the text does not say what it is.
    """
    if maximum is None:
        rule = Always(Outcome.UNKNOWN,
                      "a maximum of diagnostic ultrasounds per pregnancy applies; the policy text "
                      f"does not give it ({MAX_ULTRASOUNDS_PARAMETER} is not configured)")
    else:
        rule = Always(Outcome.MET,
                      f"at most {maximum} diagnostic ultrasounds per pregnancy "
                      f"({MAX_ULTRASOUNDS_PARAMETER} = {maximum})")
    return Condition("prenatale_screening.max_diagnostic_ultrasounds", Kind.NOTE,
                     MAX_ULTRASOUNDS, MAX_ULTRASOUNDS_TEXT, rule,
                     reading="G6: the text names a maximum but not its value: it is a policy "
                             "parameter set by configuration, never a profile fact")


KNOV_DROPPED_NOTE: Final = Condition(
    "prenatale_screening.knov_register_dropped", Kind.NOTE, CHANGES, KNOV_DROPPED_TEXT,
    Always(Outcome.NOT_APPLICABLE,
           "the KNOV register requirement was dropped in 2024: it is not asked"),
    reading="G7: the 2023 requirement 'Inschrijving in het relevante register van de KNOV' no "
            "longer applies to prenatale screening; no fact asks it")


def conditions(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """Every condition of the prenatale screening contract, in the order the policy lists them."""
    c = PRENATALE_REQUIREMENTS
    return (
        shared.lip_or_klim(c),
        Condition(facts.PRENATALE_BEN_REGISTER.id, REQUIREMENT, c,
                  "Inschrijving in het relevante register van BEN;",
                  Holds(facts.PRENATALE_BEN_REGISTER)),
        Condition(facts.NATIONAL_QUALITY_REQUIREMENTS.id, REQUIREMENT, c,
                  "Hanteren van de landelijke kwaliteitseisen die gesteld worden aan het bieden "
                  "van counseling en het handelen van de echoscopist zoals vastgesteld door de "
                  "co\u00f6rdinatiecommissie prenatale screening bij het uitvoeren van prenatale "
                  "screening;", Holds(facts.NATIONAL_QUALITY_REQUIREMENTS)),
        Condition(facts.REGIONAL_CENTRE_AGREEMENT.id, REQUIREMENT, c,
                  "Heeft een overeenkomst met \u00e9\u00e9n van de Regionale Centra voor "
                  "prenatale screening voor het uitvoeren van de SEO en/of NT-meting en/of "
                  "counseling;", Holds(facts.REGIONAL_CENTRE_AGREEMENT)),
        shared.perined(c),
        shared.perinatal_audit(c),
        shared.office_hours(c),
        shared.vecozo_claims(c),
        *shared.digitalisering(values),
        shared.no_fraud_suspicion(),
        two_year.start_in_contract_year(
            "prenatale_screening", earliest=day(values, p.LATE_OFFERS_FROM)),
        KNOV_DROPPED_NOTE,
        max_ultrasounds_note(optional_integer(values, MAX_ULTRASOUNDS_PARAMETER)),
        *themes.general_expectations(),
    )
