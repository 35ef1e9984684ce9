"""The numbers and dates of Inkoopbeleid Geboortezorg 2024, declared as policy parameters.

This is the one place their values are written; rules, terms and the calendar read them from
the values in force (``parameters`` of the declaration hooks), so ``--set ID=VALUE`` and
``Engine.default(parameters={...})`` reach every finding, reason, deadline and calendar line.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from caresq import Parameter
from caresq_plugins.geboortezorg.policy import (
    DIGITALISERING,
    IGO_PROCEDURE,
    KRAAMZORG_FACTORS,
    MAX_ULTRASOUNDS,
    NO_OFFER_RECEIVED,
    NO_RETROACTIVE_TEXT,
    PLANNING,
    TOESLAG,
)

MAX_ZZP_SHARE: Final = "kraamzorg.max_zzp_share"
MIN_INDICATOR_18: Final = "kraamzorg.min_indicator_18"
MIN_CARE_PATH_SHARE: Final = "digitalisering.min_care_path_share"
MIN_PATIENT_SHARE: Final = "digitalisering.min_patient_share"
QUESTIONNAIRE_DEADLINE: Final = "kraamzorg.questionnaire_deadline"
SIGNING_DEADLINE: Final = "kraamzorg.signing_deadline"
IGO_REGISTRATION_DEADLINE: Final = "igo.registration_deadline"
LATE_OFFERS_FROM: Final = "geboortezorg.late_offers_from"
PUBLICATION_FROM: Final = "geboortezorg.publication_from"
TOESLAG_SEND_WITHIN_MONTHS: Final = "toeslag.send_within_months"
MAX_DIAGNOSTIC_ULTRASOUNDS: Final = "prenatale.max_diagnostic_ultrasounds"

INCLUSIVE: Final = "inclusive as written (R8.1)"


def declared(max_diagnostic_ultrasounds: int | None = None) -> tuple[Parameter, ...]:
    """Every parameter of the policy with the value the text gives (None where it gives none)."""
    return (
        Parameter(MAX_ZZP_SHARE, "fraction", 0.15, KRAAMZORG_FACTORS,
                  "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;",
                  "maximum zzp share", INCLUSIVE),
        Parameter(MIN_INDICATOR_18, "fraction", 0.85, KRAAMZORG_FACTORS,
                  "De kraamzorgaanbieder scoort minimaal 85% op indicator 18 uit de "
                  "indicatorenset Kraamzorg van de Transparantiekalender.",
                  "minimum score on indicator 18", INCLUSIVE),
        Parameter(MIN_CARE_PATH_SHARE, "fraction", 0.25, DIGITALISERING,
                  "Voor tenminste 25% van de zorgpaden en zorgprocessen is een hybride en/of "
                  "digitaal zorgpad of zorgproces uitgetekend.",
                  "minimum share of care paths drawn up digitally", INCLUSIVE),
        Parameter(MIN_PATIENT_SHARE, "fraction", 0.10, DIGITALISERING,
                  "Minimaal 10% van al uw patiënten ontvangt eind 2024 al een vorm van hybride "
                  "of digitale zorg.", "minimum share of patients in digital care", INCLUSIVE),
        Parameter(QUESTIONNAIRE_DEADLINE, "date", date(2023, 10, 15), PLANNING,
                  "Deadline vragenlijst kraamzorg via VECOZO 15 oktober 2023",
                  "kraamzorg questionnaire deadline",
                  "inclusive, end of day Europe/Amsterdam; a later questionnaire follows "
                  "'Geen aanbod ontvangen' (R8.3)"),
        Parameter(SIGNING_DEADLINE, "date", date(2023, 11, 1), PLANNING,
                  "Uiterste tekendatum zorgovereenkomst kraamzorg 1 november 2023",
                  "kraamzorg signing deadline",
                  "binds only offers of the regular round (R8.3)"),
        Parameter(IGO_REGISTRATION_DEADLINE, "date", date(2023, 8, 1), IGO_PROCEDURE,
                  "Mocht u het voornemen hebben om geboortezorg in 2024 middels integrale "
                  "bekostiging aan te bieden, dan kunt u zich tot uiterlijk 1 augustus 2023 "
                  "melden via zorginkoop@caresq.nl.",
                  "integrale geboortezorg registration deadline", "inclusive (R8.4)"),
        Parameter(LATE_OFFERS_FROM, "date", date(2024, 1, 1), NO_OFFER_RECEIVED,
                  NO_RETROACTIVE_TEXT, "earliest start of an offer made outside the round",
                  "a late offer starts on the later of this day and the first of the month "
                  "after the request, never retroactively (R8.3)"),
        Parameter(PUBLICATION_FROM, "date", date(2023, 11, 12), PLANNING,
                  "Publicatie gecontracteerde zorgaanbieders op zorgzoeker en website Vanaf 12 "
                  "november 2023", "publication of the contracted providers, from",
                  "a calendar line: it decides no assessment"),
        Parameter(TOESLAG_SEND_WITHIN_MONTHS, "integer", 1, TOESLAG,
                  "Graag ontvangen wij binnen een maand, nadat de afspraken met de preferente "
                  "zorgverzekeraar zijn gemaakt, de aanvullende afspraken via "
                  "zorginkoop@caresq.nl.",
                  "months to send the toeslag agreement",
                  "inclusive; the month's end clips (R8.3)"),
        Parameter(MAX_DIAGNOSTIC_ULTRASOUNDS, "integer", max_diagnostic_ultrasounds,
                  MAX_ULTRASOUNDS,
                  "Door een maximum aantal voor specifieke diagnose echo's per zwangerschap te "
                  "hanteren, stimuleren wij de zorgaanbieder tot gepast gebruik binnen de "
                  "prenatale screening.",
                  "maximum diagnostic ultrasounds per pregnancy",
                  "the text names a maximum but not its value: unset until configured, never "
                  "invented"),
    )


#: The values the text gives, for code that builds the policy without an engine.
DEFAULTS: Final[Mapping[str, object]] = {p.id: p.value for p in declared()}
