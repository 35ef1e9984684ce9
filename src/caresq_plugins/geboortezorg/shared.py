"""Conditions several birth-care contracts share (hfst. 3), built once per citing block.

The same sentence stands in several blocks of chapter 3 (each contract's randvoorwaarden list
repeats it), so each builder takes the block to cite.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from caresq import Citation, Condition, Kind
from caresq.common import EMERGENCY_PHONE_HOURS, PHONE_HOURS, VECOZO_CLAIMS, fraud_suspicion
from caresq.model import Rule
from caresq.parameters import number, show_fraction
from caresq.rules import AtLeast, Covers, CoversTogether, Holds
from caresq.schedule import ALWAYS, WORKING_DAYS_9_TO_17
from caresq_plugins.geboortezorg import facts
from caresq_plugins.geboortezorg import parameters as p
from caresq_plugins.geboortezorg.policy import DIGITALISERING, FRAUD_TEXT, NO_OFFER_RECEIVED

REQUIREMENT: Final = Kind.REQUIREMENT

LIP_KLIM_TEXT: Final = (
    "Hanteren van het Landelijk Indicatie Protocol Kraamzorg (LIP) of de Kraamzorg Landelijke "
    "Indicatie Methodiek (KLIM) zodra deze is ingevoerd;")
PHONE_TEXT: Final = (
    "De zorgaanbieder is op werkdagen telefonisch bereikbaar van 09:00 tot 17:00 uur;")
VECOZO_TEXT: Final = (
    "Declaraties worden digitaal aangeleverd via VECOZO via de geldende Vektis standaard.")
PERINED_TEXT: Final = "Deelname aan het relevante onderdeel van Perined;"
PERINATAL_AUDIT_TEXT: Final = "Deelname aan de Perinatale audit;"

PHONE_READING: Final = (
    "R8.2: met when the union of the stated intervals covers 09:00-17:00 on every working day "
    "(Monday-Friday); a lunch gap fails")
ROUND_THE_CLOCK_READING: Final = (
    "R8.8: 24/7 reachability is met when common.phone_hours and common.emergency_phone_hours "
    "together cover every day 00:00-24:00 (a regular line open day and night serves "
    "emergencies too); unknown only when what is stated falls short and a schedule is missing")

#: The two lines together must cover every hour of the week (R8.8).
ROUND_THE_CLOCK_RULE: Final = CoversTogether(PHONE_HOURS, EMERGENCY_PHONE_HOURS, ALWAYS,
                                             "every day 00:00-24:00")


def lip_or_klim(citation: Citation) -> Condition:
    """LIP/KLIM: verloskunde, prenatale screening, kraamzorg, ligdagen."""
    return Condition(facts.USES_LIP_OR_KLIM.id, REQUIREMENT, citation, LIP_KLIM_TEXT,
                     Holds(facts.USES_LIP_OR_KLIM))


def office_hours(citation: Citation, text: str = PHONE_TEXT) -> Condition:
    """Phone 09:00-17:00 on working days: all contracts but the toeslag and IGO."""
    return Condition(PHONE_HOURS.id, REQUIREMENT, citation, text,
                     Covers(PHONE_HOURS, WORKING_DAYS_9_TO_17, "working days 09:00-17:00"),
                     reading=PHONE_READING)


def round_the_clock(condition_id: str, citation: Citation, text: str,
                    rule: Rule | None = None) -> Condition:
    """24/7 reachability by phone, on its own or behind a guard (partus assistance)."""
    return Condition(condition_id, REQUIREMENT, citation, text, rule or ROUND_THE_CLOCK_RULE,
                     reading=ROUND_THE_CLOCK_READING)


def vecozo_claims(citation: Citation, text: str = VECOZO_TEXT) -> Condition:
    """Claims via VECOZO: every contract but the toeslag."""
    return Condition(VECOZO_CLAIMS.id, REQUIREMENT, citation, text, Holds(VECOZO_CLAIMS))


def perined(citation: Citation) -> Condition:
    """Perined: verloskunde and prenatale screening."""
    return Condition(facts.PERINED.id, REQUIREMENT, citation, PERINED_TEXT, Holds(facts.PERINED))


def perinatal_audit(citation: Citation) -> Condition:
    """The perinatal audit: verloskunde and prenatale screening."""
    return Condition(facts.PERINATAL_AUDIT.id, REQUIREMENT, citation, PERINATAL_AUDIT_TEXT,
                     Holds(facts.PERINATAL_AUDIT))


def digitalisering(values: Mapping[str, object] = p.DEFAULTS) -> tuple[Condition, ...]:
    """The three digitalisation conditions: every contract but the toeslag."""
    care_paths = number(values, p.MIN_CARE_PATH_SHARE)
    patients = number(values, p.MIN_PATIENT_SHARE)
    return (
        Condition(facts.CARE_MAPPED.id, REQUIREMENT, DIGITALISERING,
                  "U hebt in kaart gebracht welke zorg u vanaf 2024 hybride of digitaal gaat "
                  "leveren, en welke zorg wordt afgeschaald;",
                  Holds(facts.CARE_MAPPED)),
        Condition(facts.DIGITAL_CARE_PATH_SHARE.id, REQUIREMENT, DIGITALISERING,
                  "Voor tenminste 25% van de zorgpaden en zorgprocessen is een hybride en/of "
                  "digitaal zorgpad of zorgproces uitgetekend.",
                  AtLeast(facts.DIGITAL_CARE_PATH_SHARE, care_paths),
                  reading='R8.1: boundaries are inclusive as written, so "tenminste 25%" is '
                          f"met at {show_fraction(care_paths)}"),
        Condition(facts.DIGITAL_PATIENT_SHARE.id, REQUIREMENT, DIGITALISERING,
                  "Minimaal 10% van al uw patiënten ontvangt eind 2024 al een vorm van hybride "
                  "of digitale zorg.",
                  AtLeast(facts.DIGITAL_PATIENT_SHARE, patients),
                  reading='R8.1: boundaries are inclusive as written, so "minimaal 10%" is met '
                          f"at {show_fraction(patients)}; the provider states the share it will "
                          "reach by the end of 2024"),
    )


def no_fraud_suspicion() -> Condition:
    """Fraud suspicion refuses every contract (hfst. 4, Geen aanbod ontvangen)."""
    return fraud_suspicion(NO_OFFER_RECEIVED, FRAUD_TEXT)
