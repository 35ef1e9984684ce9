"""The numbers and dates of Inkoopbeleid Zelfstandige behandelcentra 2025, as parameters.

This is the one place their values are written; the conditions, the offer and the calendar
read them from the values in force (``parameters`` of the declaration hooks).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from caresq import Parameter
from caresq.calendar import Deadline
from caresq.parameters import day
from caresq_plugins.zbc.policy import (
    NO_OFFER_RECEIVED,
    PLANNING,
    PUBLICATION_TEXT,
    REGISTRATION_TEXT,
    SIGNING_TEXT,
    SUSTAINABILITY,
)

MOBILITY_PLAN_MIN_FTE: Final = "zbc.mobility_plan_min_fte"
REGISTRATION_DEADLINE: Final = "zbc.registration_deadline"
SIGNING_DEADLINE: Final = "zbc.signing_deadline"
PUBLICATION_FROM: Final = "zbc.publication_from"


def declared() -> tuple[Parameter, ...]:
    """Every parameter of the policy, with the value the text gives."""
    return (
        Parameter(MOBILITY_PLAN_MIN_FTE, "number", 100, SUSTAINABILITY,
                  "Conform GDDZ 3.0 (art. 4.2.e.) een mobiliteitsplan heeft opgesteld gericht op "
                  "het terugdringen van de CO2-emissie t.g.v. vervoersbewegingen van medewerkers "
                  "(alleen zorgaanbieder met meer dan 100 fte).",
                  "fte above which a mobility plan is expected",
                  '"meer dan 100 fte": more than the value, not equal to it (R8.1)'),
        Parameter(REGISTRATION_DEADLINE, "date", date(2024, 9, 1), NO_OFFER_RECEIVED,
                  REGISTRATION_TEXT, "registration of interest deadline",
                  "inclusive; binds providers without a 2024 contract (R8.5)"),
        Parameter(SIGNING_DEADLINE, "date", date(2024, 11, 11), PLANNING, SIGNING_TEXT,
                  "signing deadline", "inclusive; a later signature has lapsed (R8.5)"),
        Parameter(PUBLICATION_FROM, "date", date(2024, 11, 12), PLANNING, PUBLICATION_TEXT,
                  "publication of the contracted providers, from",
                  "a calendar line: it decides no assessment"),
    )


#: The values the text gives, for code that builds the policy without an engine.
DEFAULTS: Final[Mapping[str, object]] = {p.id: p.value for p in declared()}


def registration_deadline(values: Mapping[str, object]) -> Deadline:
    """The registration deadline in force (``zbc.registration_deadline``)."""
    return Deadline("registration", day(values, REGISTRATION_DEADLINE), NO_OFFER_RECEIVED,
                    REGISTRATION_TEXT)


def signing_deadline(values: Mapping[str, object]) -> Deadline:
    """The signing deadline in force (``zbc.signing_deadline``)."""
    return Deadline("signing", day(values, SIGNING_DEADLINE), PLANNING, SIGNING_TEXT)
