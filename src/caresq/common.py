"""The facts every care type shares (the "common" facts), declared once by caresq itself.

They are registered as the built-in plugin ``caresq.common`` through the same hook third
parties use, so a clash with a plugin that declares ``common.vecozo_claims`` again is caught.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from caresq.facts import Fact, FactType
from caresq.hookspecs import hookimpl
from caresq.model import Citation, Condition, Kind
from caresq.rules import NoRecord

VECOZO_CLAIMS: Final = Fact(
    "common.vecozo_claims", FactType.BOOL, "claims via VECOZO",
    "Do you submit claims digitally via VECOZO, in the applicable Vektis standard?")
VECOZO_CERTIFICATES: Final = Fact(
    "common.vecozo_certificates", FactType.BOOL, "VECOZO certificates",
    "Do you hold the required VECOZO certificates?")
PHONE_HOURS: Final = Fact(
    "common.phone_hours", FactType.SCHEDULE, "phone hours",
    "When are you reachable by phone? (weekly schedule, Europe/Amsterdam time)")
EMERGENCY_PHONE_HOURS: Final = Fact(
    "common.emergency_phone_hours", FactType.SCHEDULE, "emergency phone hours",
    "When are you reachable by phone for emergencies and births? (weekly schedule)")
FRAUD_SUSPICION: Final = Fact(
    "common.fraud_suspicion", FactType.BOOL, "fraud suspicion",
    "Insurer's record, not the provider's statement: is fraud suspected? Absent means no.",
    changeable=False)

FACTS: Final = (VECOZO_CLAIMS, VECOZO_CERTIFICATES, PHONE_HOURS, EMERGENCY_PHONE_HOURS,
                FRAUD_SUSPICION)


def fraud_suspicion(citation: Citation, text: str) -> Condition:
    """The procedure every policy has: a suspicion of fraud is a reason to offer no contract.

    ``common.fraud_suspicion`` is the insurer's record: absent means nothing on record, so this
    condition is met unless the record says true.
    """
    return Condition(
        id=FRAUD_SUSPICION.id, kind=Kind.PROCEDURE, citation=citation, text=text,
        rule=NoRecord(FRAUD_SUSPICION, "fraud suspicion on record (common.fraud_suspicion)"),
        reading="R3.1: absent means no suspicion on record: the insurer keeps this record, "
                "the provider does not state it")


@hookimpl
def caresq_facts() -> Sequence[Fact]:
    return FACTS
