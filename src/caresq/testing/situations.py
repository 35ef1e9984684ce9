"""Situations to call a rule on directly, and the example facts the builder reference uses.

A rule is a function of a :class:`~caresq.Situation`; to try one without an engine or a
profile, build a situation from fact values::

    >>> from caresq.rules import Holds
    >>> Holds(REGISTERED)(situation({"fysio.registered": True})).reason
    'KNGF registration: yes'

Values are given in their inside form (a :class:`datetime.date`, a
:class:`~caresq.schedule.WeeklySchedule`, a tuple for an enum list), as a profile gives them to
rules after reading; :func:`situation` reads JSON-shaped values of the example facts for you.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

from caresq.facts import Fact, FactType
from caresq.model import Situation
from caresq.profile import Application

__all__ = ["EXAMPLE_FACTS", "situation"]

#: A yes/no fact.
REGISTERED: Final = Fact("fysio.registered", FactType.BOOL, "KNGF registration",
                         "Are you registered with the KNGF?")
#: A fraction fact.
SCORE: Final = Fact("fysio.score", FactType.FRACTION, "patient score",
                    "Your patient satisfaction score (fraction 0-1)")
#: An integer fact.
FTE: Final = Fact("fysio.fte", FactType.INTEGER, "fte", "How many fte do you employ?")
#: An enum fact.
CERTIFICATE: Final = Fact("fysio.certificate", FactType.ENUM, "certificate",
                          "Which quality certificate do you hold?",
                          choices=("HKZ", "ISO", "none"))
#: An enum-list fact.
SERVICES: Final = Fact("fysio.services", FactType.ENUM_LIST, "services",
                          "Which services do you offer?",
                          choices=("bekken", "geriatrie", "kinder", "oedeem"))
#: A schedule fact.
PHONE_HOURS: Final = Fact("fysio.phone_hours", FactType.SCHEDULE, "phone hours",
                          "When can patients reach you by phone?")
EMERGENCY_HOURS: Final = Fact("fysio.emergency_hours", FactType.SCHEDULE, "emergency hours",
                              "When can patients reach your emergency line?")
#: Date facts.
STARTED_ON: Final = Fact("fysio.started_on", FactType.DATE, "practice start",
                         "When did the practice start?")
REGISTERED_ON: Final = Fact("fysio.registered_on", FactType.DATE, "registration",
                            "When did you register with the KNGF?")
#: A record the insurer keeps (absent means nothing on record).
FRAUD: Final = Fact("fysio.fraud_suspicion", FactType.BOOL, "fraud suspicion",
                    "Does the insurer have a fraud suspicion on record?")

#: The facts the examples of ``docs/rules-reference.md`` use, by the name they use.
EXAMPLE_FACTS: Final[Mapping[str, Fact]] = {
    "REGISTERED": REGISTERED, "SCORE": SCORE, "FTE": FTE, "CERTIFICATE": CERTIFICATE,
    "SERVICES": SERVICES, "PHONE_HOURS": PHONE_HOURS,
    "EMERGENCY_HOURS": EMERGENCY_HOURS, "STARTED_ON": STARTED_ON,
    "REGISTERED_ON": REGISTERED_ON, "FRAUD": FRAUD,
}
_BY_ID: Final = {fact.id: fact for fact in EXAMPLE_FACTS.values()}


def situation(facts: Mapping[str, object] | None = None, *, agb_code: str = "04000000",
              contract: str = "fysio.basis", submitted_on: date | None = None,
              signed_on: date | None = None, on: date = date(2030, 1, 1)) -> Situation:
    """A situation with these fact values, for calling a rule directly.

    Values of the example facts may be given as JSON (``"2030-01-31"``, ``{"mon": [...]}``)
    and are read as a profile would read them; values of other facts are passed unchanged.
    An absent fact is unknown.
    """
    values = {key: (_BY_ID[key].check(value) if key in _BY_ID else value)
              for key, value in (facts or {}).items() if value is not None}
    return Situation(agb_code, values, Application(contract, submitted_on, signed_on), on)
