"""The kraamzorg rules written out by hand: the yardstick caresq's batch is measured against.

Usage::

    python benchmarks/baseline.py IN.jsonl --on 2023-10-20 [--output OUT.jsonl] [--orjson]

What a competent programmer would write for this one contract, straight through, with the
standard library only and without caresq: read each JSONL line, parse it, check every value
(shape, AGB code, contract, dates, every fact: known id, type, range, schedule syntax; no
NaN, no key given twice), evaluate each kraamzorg condition of Inkoopbeleid Geboortezorg 2024
(the requirements with 24/7 reachability from the union of both phone lines, the two-year
start, the questionnaire and signing deadlines judged on the reference date, the four factors,
the max-max note, the chapter 2 expectations and the notes on them), decide status, variant
and period, and write the same JSON line as ``caresq assess --batch``: every finding with its
citation, Dutch sentence, reason and reading, the offer, the deadlines and the warnings. A bad
line becomes ``{"line": N, "error": {...}}`` (with shorter messages than caresq's).
``run.py`` and ``tests/test_benchmarks.py`` check that the good lines come out byte for byte as
caresq writes them and that the same lines are refused.

Written for this one contract: a profile with an application for another contract, or with a
fact of another contract, is refused here (caresq would assess it).

``--orjson`` parses and writes with orjson instead of the json module (compact: the same JSON,
not the same bytes), to show how much of the time is JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

CONTRACT = "geboortezorg.kraamzorg"
CONTRACT_YEAR = 2024
DOCUMENT = "Inkoopbeleid Geboortezorg 2024"
YEAR_START = date(2024, 1, 1)
PERIOD_END = date(2025, 12, 31)
QUESTIONNAIRE_DUE = date(2023, 10, 15)
SIGNING_DUE = date(2023, 11, 1)
VARIANTS = ("E", "D", "C", "B", "A")
MAX_LINE_BYTES = 16 * 2**20
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def cite(chapter: str, section: str) -> dict[str, str]:
    return {"document": DOCUMENT, "chapter": chapter, "section": section}


REQUIREMENTS = cite("3", "Kraamzorg - randvoorwaarden")
FACTORS = cite("3", "Kraamzorg - differentiatiefactoren")
DIGITAL = cite("3", "Digitalisering - voorwaarden")
PORTAL = cite("4", "VECOZO Zorginkoopportaal")
NO_OFFER = cite("4", "Geen aanbod ontvangen")
PROCEDURE = cite("4", "Kraamzorg")
PLANNING = cite("5", "Planning en bereikbaarheid")
MAX_MAX = cite("3", "Max-max tarief Kraamzorg")
PRINCIPLE_3 = cite("2", "Principe 3: Passende zorg wordt, waar dat kan, zo dicht mogelijk bij "
                        "de patiënt georganiseerd")
SUSTAINABILITY = cite("2", "Verduurzamen van de zorgsector")
DIFFERENTIATION = cite("2", "Gedifferentieerde zorginkoop kraamzorg")

NO_RETROACTIVE = (
    "Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na "
    "1 januari 2024 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van "
    "aanvraag.")
TWO_YEAR = ("Ter verlichting van de administratieve lasten en garantie van de biedt Caresq in "
            "2024 tweejarige zorgovereenkomsten aan voor kraamzorg.")
LATE_TEXT = (NO_RETROACTIVE + " Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen "
             "het zorgaanbod in de regio en vragen u waar nodig om aanvullende documentatie.")
QUESTIONNAIRE_NOTE = "15 October 2023 is a Sunday; the date in the text stands"
NOT_REFUSED = ("R8.3: a questionnaire confirmed after 15 October 2023 is not refused: it "
               "follows 'Geen aanbod ontvangen'")
BOUNDARY = 'R8.1: boundaries are inclusive as written, so "{}" is met at {}'
EXPECTATION = ("G8: a chapter 2 ask of the provider is an expectation with its own fact: "
               "reported, it never changes the status, and the questionnaire marks the fact "
               "optional")
FACTOR_NOTE = ("G9: what a differentiation factor already rewards is a note that names the "
               "factor, not an expectation of its own")

# (condition, kind, citation, sentence, reading) in the order the policy lists them.
CONDITIONS = {
    "bo": ("kraamzorg.bo_geboortezorg_member", "requirement", REQUIREMENTS,
           "Lidmaatschap van Bo Geboortezorg;", None),
    "vsv": ("kraamzorg.all_vsv_in_area", "requirement", REQUIREMENTS,
            "Deelname aan alle Verloskundig Samenwerkingsverbanden in het postcodewerkgebied;",
            None),
    "cert": ("kraamzorg.certificate", "requirement", REQUIREMENTS,
             "In het bezit van een in de branche geldend certificaat van NEN-EN, ISO of HKZ "
             "VV&T onderdeel kraamzorg;", None),
    "lip": ("geboortezorg.uses_lip_or_klim", "requirement", REQUIREMENTS,
            "Hanteren van het Landelijk Indicatie Protocol Kraamzorg (LIP) of de Kraamzorg "
            "Landelijke Indicatie Methodiek (KLIM) zodra deze is ingevoerd;", None),
    "phone": ("common.phone_hours", "requirement", REQUIREMENTS,
              "De zorgaanbieder is op werkdagen telefonisch bereikbaar van 09:00 tot 17:00 uur;",
              "R8.2: met when the union of the stated intervals covers 09:00-17:00 on every "
              "working day (Monday-Friday); a lunch gap fails"),
    "partus": ("kraamzorg.partus_phone_24_7", "requirement", REQUIREMENTS,
               "Voor verlening van partusassistentie is de zorgaanbieder 7 dagen per week, 24 "
               "uur per dag telefonisch bereikbaar;",
               "R8.8: 24/7 reachability is met when common.phone_hours and "
               "common.emergency_phone_hours together cover every day 00:00-24:00 (a regular "
               "line open day and night serves emergencies too); unknown only when what is "
               "stated falls short and a schedule is missing"),
    "claims": ("common.vecozo_claims", "requirement", REQUIREMENTS,
               "Declaraties worden digitaal aangeleverd via VECOZO via de geldende Vektis "
               "standaard.", None),
    "agb": ("kraamzorg.agb_code", "requirement", PORTAL,
            "Wij benaderen alle zorgaanbieders die beschikken over de juiste Vektis registratie "
            "(zie schema) [...] Kraamzorg 33", None),
    "certs": ("common.vecozo_certificates", "requirement", PORTAL,
              "Wij benaderen alle zorgaanbieders die beschikken over [...] de juiste "
              "VECOZO-certificaten", None),
    "mapped": ("digitalisering.care_mapped", "requirement", DIGITAL,
               "U hebt in kaart gebracht welke zorg u vanaf 2024 hybride of digitaal gaat "
               "leveren, en welke zorg wordt afgeschaald;", None),
    "paths": ("digitalisering.digital_care_path_share", "requirement", DIGITAL,
              "Voor tenminste 25% van de zorgpaden en zorgprocessen is een hybride en/of "
              "digitaal zorgpad of zorgproces uitgetekend.",
              BOUNDARY.format("tenminste 25%", "0.25")),
    "patients": ("digitalisering.digital_patient_share", "requirement", DIGITAL,
                 "Minimaal 10% van al uw patiënten ontvangt eind 2024 al een vorm van hybride "
                 "of digitale zorg.",
                 BOUNDARY.format("minimaal 10%", "0.10") + "; the provider states the share it "
                 "will reach by the end of 2024"),
    "fraud": ("common.fraud_suspicion", "procedure", NO_OFFER,
              "Indien er twijfel bestaat over de integriteit van de zorgverlening van de "
              "zorgaanbieder op basis van vermoeden van fraude, is dit ook een reden om geen "
              "zorgovereenkomst aan te bieden.",
              "R3.1: absent means no suspicion on record: the insurer keeps this record, the "
              "provider does not state it"),
    "start": ("kraamzorg.start_in_contract_period", "procedure", NO_OFFER, NO_RETROACTIVE,
              "R8.3: a new request starts on the later of 1 January 2024 and the first of the "
              "month after the request; a request so late that this falls after 2025-12-31 "
              "leaves no start in the contract period"),
    "questionnaire": ("kraamzorg.questionnaire_deadline", "procedure", PLANNING,
                      "Deadline vragenlijst kraamzorg via VECOZO 15 oktober 2023",
                      "R8.3, R8.6: a questionnaire confirmed after 15 October 2023 takes the "
                      "late route (not refused); once the date has passed and the profile "
                      "gives no confirmation date, whether and when it was confirmed is "
                      "unknown"),
    "signing": ("kraamzorg.signing_deadline", "procedure", PLANNING,
                "Uiterste tekendatum zorgovereenkomst kraamzorg 1 november 2023",
                "R8.3: an offer of the regular round signed after 1 November 2023 has lapsed; "
                "the deadline binds only that round. R8.6: once it has passed, no signing date "
                "is unknown. R8.9: existing_contract never overrides a stated signing date"),
    "trains": ("kraamzorg.trains_new_staff", "factor", FACTORS,
               "Er is sprake van een aantoonbare rol in het initieel opleiden van nieuwe "
               "kraamverzorgenden.", None),
    "survey": ("kraamzorg.client_experience_survey", "factor", FACTORS,
               "De kraamzorgaanbieder zet structureel een klantervaringsonderzoek in;", None),
    "zzp": ("kraamzorg.zzp_share", "factor", FACTORS,
            "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;",
            BOUNDARY.format("maximaal 15%", "0.15")),
    "ind18": ("kraamzorg.indicator_18", "factor", FACTORS,
              "De kraamzorgaanbieder scoort minimaal 85% op indicator 18 uit de indicatorenset "
              "Kraamzorg van de Transparantiekalender.",
              BOUNDARY.format("minimaal 85%", "0.85")),
    "maxmax": ("kraamzorg.max_max_tariff", "note", MAX_MAX,
               "Waar het zorg in achterstandswijken betreft, vormt het max-max tarief een "
               "integraal onderdeel van de zorgovereenkomst.", None),
}

# Hfst. 2: what Caresq expects of every provider and of kraamzorg providers, one yes/no fact
# each: fact -> (citation, sentence). Reported with reading G8, they never decide the status.
EXPECTATIONS = {
    "geboortezorg.informs_transformation_plans": (
        cite("2", "Innovatieve zorg"),
        "Wij verwachten dat de zorgaanbieder ons actief informeert over lopende "
        "transformatieplannen indien deze de contractering met Caresq raken."),
    "geboortezorg.labour_saving_measures": (
        cite("2", "Passende zorg"),
        "Caresq verwacht dan ook van zorgaanbieders dat zij hier actief op zullen inzetten en "
        "kansrijke of bewezen initiatieven implementeren."),
    "geboortezorg.informs_care_choice": (
        cite("2", "Principe 2: Passende zorg betekent dat patiënt en zorgverlener samen "
                  "beslissen"),
        "Voor de zorgaanbieder zien wij een belangrijke rol weggelegd om vanuit deskundigheid "
        "de verzekerde te informeren en te helpen bij de zorgkeuze."),
    "geboortezorg.innovative_care": (
        PRINCIPLE_3,
        "Reguliere zorg wordt vervangen door innovatieve vormen van zorg zoals e-health, wat "
        "leidt tot arbeidsbesparing, kostenbesparing en/of verhoging van de kwaliteit van "
        "zorg."),
    "geboortezorg.timely_care": (
        PRINCIPLE_3,
        "De zorgaanbieder zet tijdig zorg in zodat meer intensieve zorg wordt voorkomen en "
        "verplaatsing van zorg plaatsvindt."),
    "geboortezorg.timely_referral": (
        PRINCIPLE_3, "De zorgaanbieder verwijst indien nodig op het juiste moment door."),
    "geboortezorg.gddz_commitment": (
        SUSTAINABILITY,
        "zich committeert aan de doelen van de Green Deal Duurzame zorg 3.0 (GDDZ 3.0) die op "
        "4 november 2022 tussen zorgpartijen is overeengekomen voor de periode tot en met "
        "2026;"),
    "geboortezorg.sustainability_in_strategy": (
        SUSTAINABILITY, "duurzaamheid verankert in de strategie."),
    "geboortezorg.good_handover": (
        cite("2", "Samenwerking"),
        "Hierbij is sprake van veel overdrachtsmomenten en daarom is het van belang dat "
        "zorgaanbieders zorgdragen voor een goede overdracht."),
    "kraamzorg.regional_capacity": (
        cite("2", "Arbeidsmarkt kraamzorg"),
        "Caresq verwacht dat de kraamzorgaanbieders gedurende het gehele jaar gezamenlijk "
        "zorgdragen voor de benodigde capaciteit binnen de regio en elkaar hierin vinden en "
        "ondersteunen."),
    "kraamzorg.uses_survey_outcomes": (
        DIFFERENTIATION,
        "Caresq verwacht dat de kraamzorgaanbieders gebruikmaken van de uitkomsten van een "
        "klantervaringsonderzoek."),
    "kraamzorg.employed_staff": (
        DIFFERENTIATION,
        "Daarnaast vraagt Caresq kraamzorgaanbieders om actief personeel in loondienst in te "
        "zetten."),
}
# Hfst. 2 wishes a factor already rewards: notes naming the factor (always met).
FACTOR_NOTES = (
    ("kraamzorg.training_places_encouraged",
     "Caresq moedigt het beschikbaar stellen van opleidings-plaatsen aan om de instroom van "
     "kraamverzorgenden te bevorderen.",
     "offering training places is rewarded by the differentiation factor "
     "kraamzorg.trains_new_staff (see its finding)"),
    ("kraamzorg.breastfeeding_encouraged",
     "Tevens ziet Caresq graag dat kraamzorgaanbieders het geven van borstvoeding stimuleren, "
     "vanwege het feit dat dit een aantoonbare gezondheidswinst oplevert.",
     "encouraging breastfeeding is rewarded by the differentiation factor "
     "kraamzorg.indicator_18 (see its finding)"),
)

# The facts this contract reads: id -> (type, label).
FACTS = {
    "kraamzorg.bo_geboortezorg_member": ("bool", "Bo Geboortezorg membership"),
    "kraamzorg.all_vsv_in_area": ("bool", "participation in every VSV of the area"),
    "kraamzorg.certificate": ("certificate", "certificate"),
    "geboortezorg.uses_lip_or_klim": ("bool", "use of LIP or KLIM"),
    "common.phone_hours": ("schedule", "phone hours"),
    "kraamzorg.provides_partus_assistance": ("bool", "partus assistance"),
    "common.emergency_phone_hours": ("schedule", "emergency phone hours"),
    "common.vecozo_claims": ("bool", "claims via VECOZO"),
    "common.vecozo_certificates": ("bool", "VECOZO certificates"),
    "digitalisering.care_mapped": ("bool", "map of hybrid and digital care"),
    "digitalisering.digital_care_path_share": ("fraction",
                                               "share of care paths drawn hybrid/digital"),
    "digitalisering.digital_patient_share": ("fraction",
                                             "share of patients in hybrid/digital care"),
    "common.fraud_suspicion": ("bool", "fraud suspicion"),
    "kraamzorg.trains_new_staff": ("bool", "role in training new maternity carers"),
    "kraamzorg.client_experience_survey": ("bool", "structural client experience survey"),
    "kraamzorg.zzp_share": ("fraction", "zzp share"),
    "kraamzorg.indicator_18": ("fraction", "indicator 18 score"),
    "geboortezorg.informs_transformation_plans": ("bool",
                                                  "informs Caresq of transformation plans"),
    "geboortezorg.labour_saving_measures": ("bool", "labour-saving measures"),
    "geboortezorg.informs_care_choice": ("bool", "informs and helps the insured choose care"),
    "geboortezorg.innovative_care": ("bool", "regular care replaced by innovative care"),
    "geboortezorg.timely_care": ("bool", "timely care to prevent more intensive care"),
    "geboortezorg.timely_referral": ("bool", "referral at the right moment"),
    "geboortezorg.gddz_commitment": ("bool", "commitment to the Green Deal Duurzame Zorg 3.0"),
    "geboortezorg.sustainability_in_strategy": ("bool",
                                                "sustainability anchored in the strategy"),
    "geboortezorg.good_handover": ("bool", "good handover between providers"),
    "kraamzorg.regional_capacity": ("bool", "shared care for regional capacity"),
    "kraamzorg.uses_survey_outcomes": ("bool", "use of client experience survey outcomes"),
    "kraamzorg.employed_staff": ("bool", "active deployment of employed staff"),
}
CERTIFICATES = ("NEN-EN", "ISO", "HKZ", "none")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
INTERVAL = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", re.ASCII)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PROFILE_KEYS = {"agb_code", "name", "applications", "facts"}
APPLICATION_KEYS = {"contract", "submitted_on", "signed_on", "existing_contract"}


class Bad(Exception):
    """A line that cannot be assessed; the message says why."""


# -- reading ------------------------------------------------------------------------------------

def no_constant(name: str) -> Any:
    raise Bad(f"{name} is not a JSON number")


def once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise Bad("a key is given twice")
    return obj


DECODER = json.JSONDecoder(parse_constant=no_constant, object_pairs_hook=once)


def read_date(value: Any, path: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise Bad(f"{path}: not a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Bad(f"{path}: not a real date") from None
    if not EARLIEST <= day <= LATEST:
        raise Bad(f"{path}: outside the years 1900 to 2999")
    return day


def read_schedule(value: Any, path: str) -> dict[str, list[tuple[int, int]]]:
    if not isinstance(value, dict):
        raise Bad(f"{path}: not a schedule")
    hours: dict[str, list[tuple[int, int]]] = {}
    for day, entries in value.items():
        if day not in DAYS or not isinstance(entries, list):
            raise Bad(f"{path}: bad day {day!r}")
        intervals = []
        for entry in entries:
            match = INTERVAL.fullmatch(entry.strip()) if isinstance(entry, str) else None
            if match is None:
                raise Bad(f'{path}["{day}"]: {entry!r} is not "HH:MM-HH:MM"')
            h1, m1, h2, m2 = map(int, match.groups())
            start, end = h1 * 60 + m1, h2 * 60 + m2
            if m1 >= 60 or m2 >= 60 or start >= 1440 or end > 1440 or end <= start:
                raise Bad(f'{path}["{day}"]: {entry!r} is not a valid interval')
            intervals.append((start, end))
        hours[day] = merge(intervals)
    return hours


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, with overlapping and touching intervals joined (12:30-17:00 meets 09:00-12:30)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def read_fraction(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Bad(f"{path}: not a number")
    if isinstance(value, int) and abs(value) > 2**53:
        raise Bad(f"{path}: beyond +-2^53")
    number = float(value)
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise Bad(f"{path}: not a fraction in [0, 1]")
    return number + 0.0  # -0.0 is 0


def read_application(raw: Any, path: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not raw.keys() <= APPLICATION_KEYS:
        raise Bad(f"{path}: not an application")
    if raw.get("contract") != CONTRACT:
        raise Bad(f"{path}.contract: not {CONTRACT}")
    existing = raw.get("existing_contract", False)
    if not isinstance(existing, bool):
        raise Bad(f"{path}.existing_contract: not true or false")
    return {"submitted_on": read_date(raw.get("submitted_on"), f"{path}.submitted_on"),
            "signed_on": read_date(raw.get("signed_on"), f"{path}.signed_on"),
            "existing_contract": existing}


def read_profile(data: Any) -> tuple[str | None, str | None, list[dict[str, Any]],
                                     dict[str, Any]]:
    """(agb code, name, applications, facts), every value checked; Bad if anything is off."""
    if not isinstance(data, dict):
        raise Bad("expected a JSON object")
    extra = data.keys() - PROFILE_KEYS
    if extra:
        raise Bad(f"unknown key(s) {', '.join(sorted(extra))}")
    if "agb_code" not in data:
        raise Bad("agb_code: required")
    agb = data["agb_code"]  # null is allowed: the AGB code is then unknown
    if agb is not None and (not isinstance(agb, str) or len(agb) != 8 or not agb.isascii()
                            or not agb.isdigit()):
        raise Bad("agb_code: not an 8-digit AGB code (a string)")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise Bad("name: not a string")
    listed = data.get("applications")
    if not isinstance(listed, list) or not listed:
        raise Bad("applications: expected a list of kraamzorg applications")
    applications = [read_application(raw, f"applications[{i}]") for i, raw in enumerate(listed)]
    facts: dict[str, Any] = {}
    raw_facts = data.get("facts")
    if raw_facts is None:
        raw_facts = {}
    if not isinstance(raw_facts, dict):
        raise Bad("facts: not an object")
    for key, value in raw_facts.items():
        path = f'facts["{key}"]'
        if key not in FACTS:
            raise Bad(f"{path}: unknown fact id")
        if value is None:
            continue
        kind = FACTS[key][0]
        if kind == "bool":
            if not isinstance(value, bool):
                raise Bad(f"{path}: not true or false")
        elif kind == "fraction":
            value = read_fraction(value, path)
        elif kind == "certificate":
            if value not in CERTIFICATES:
                raise Bad(f"{path}: not one of {', '.join(CERTIFICATES)}")
        else:
            value = read_schedule(value, path)
        facts[key] = value
    return agb, name, applications, facts


# -- the rules ----------------------------------------------------------------------------------

Verdict = tuple[str, str]


def shown(value: float) -> str:
    """A fraction as a person writes it: 0.15, 1, 0 (never -0 or 1e-05)."""
    if value == 0:
        return "0"
    if value.is_integer():
        return str(int(value))
    if abs(value) >= 1e-15:
        return format(Decimal(repr(value)), "f")
    return repr(value)


def unknown(key: str) -> Verdict:
    return "unknown", f"{FACTS[key][1]} is not stated ({key})"


def holds(facts: dict[str, Any], key: str) -> Verdict:
    value = facts.get(key)
    if value is None:
        return unknown(key)
    return ("met" if value else "unmet"), f"{FACTS[key][1]}: {'yes' if value else 'no'}"


def at_least(facts: dict[str, Any], key: str, limit: float) -> Verdict:
    value = facts.get(key)
    if value is None:
        return unknown(key)
    if value >= limit:
        return "met", f"{FACTS[key][1]} {shown(value)} is at least {shown(limit)}"
    return "unmet", f"{FACTS[key][1]} {shown(value)} is below the minimum {shown(limit)}"


def clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def gaps(schedule: dict[str, list[tuple[int, int]]], days: tuple[str, ...], start: int,
         stop: int) -> list[str]:
    """What ``schedule`` leaves open of start-stop on each of ``days``, as "mon 12:30-13:00"."""
    missing = []
    for day in days:
        cursor = start
        for begin, end in schedule.get(day, ()):
            if end <= cursor:
                continue
            if begin >= stop:
                break
            if begin > cursor:
                missing.append(f"{day} {clock(cursor)}-{clock(begin)}")
            cursor = max(cursor, end)
        if cursor < stop:
            missing.append(f"{day} {clock(cursor)}-{clock(stop)}")
    return missing


def office_hours(facts: dict[str, Any]) -> Verdict:
    schedule = facts.get("common.phone_hours")
    if schedule is None:
        return unknown("common.phone_hours")
    missing = gaps(schedule, DAYS[:5], 540, 1020)
    if not missing:
        return "met", "phone hours cover working days 09:00-17:00"
    return "unmet", ("phone hours do not cover working days 09:00-17:00 "
                     f"(missing {', '.join(missing)})")


def round_the_clock(facts: dict[str, Any]) -> Verdict:
    """Both phone lines together must cover every hour of the week (R8.8)."""
    lines = ("common.phone_hours", "common.emergency_phone_hours")
    known = [key for key in lines if facts.get(key) is not None]
    names = " and ".join(FACTS[key][1] for key in known)
    union = {day: merge([interval for key in known for interval in facts[key].get(day, ())])
             for day in DAYS}
    missing = gaps(union, DAYS, 0, 1440) if known else ["all"]
    if not missing:
        together = " together" if len(known) > 1 else ""
        return "met", f"{names}{together} cover every day 00:00-24:00"
    if len(known) < 2:
        lacking = ", ".join(f"{FACTS[key][1]} ({key})" for key in lines if key not in known)
        alone = f"{names} alone do not cover every day 00:00-24:00; " if known else ""
        return "unknown", f"{alone}{lacking} not stated"
    return "unmet", ("phone hours and emergency phone hours together do not cover every day "
                     f"00:00-24:00 (missing {', '.join(missing)})")


def partus(facts: dict[str, Any]) -> Verdict:
    """24/7 reachability binds only providers that assist at births."""
    guard, why = holds(facts, "kraamzorg.provides_partus_assistance")
    if guard == "unmet":
        return "not_applicable", why
    inner, because = round_the_clock(facts)
    if guard == "met":
        return inner, f"{why}; {because}"
    if inner == "met":
        return "met", f"{because} (whether or not partus assistance)"
    return "unknown", f"{why}: it decides whether this applies"


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def undated(due: date, verb: str, on: date) -> Verdict:
    """No date for a step: open while the deadline is ahead, unknown once it passed (R8.6)."""
    late = (on - due).days
    if late <= 0:
        return "not_applicable", f"not {verb} yet: the deadline {due.isoformat()} is open"
    return "unknown", (f"the deadline {due.isoformat()} passed {late} day"
                       f"{'s' if late != 1 else ''} ago; the profile does not say whether or "
                       f"when it was {verb} (R8.6)")


def done_by(done: date | None, due: date, verb: str, consequence: str, on: date) -> Verdict:
    if done is None:
        return undated(due, verb, on)
    if done <= due:
        return "met", f"{verb} on {done.isoformat()}, by {due.isoformat()}"
    return "unmet", f"{verb} on {done.isoformat()}, after {due.isoformat()}: {consequence}"


def deadline(name: str, due: date, done: date | None, on: date,
             note: str | None) -> dict[str, Any]:
    return {"name": name, "due": due.isoformat(), "met": None if done is None else done <= due,
            "days_left": (due - on).days if done is None else None, "note": note}


def assess(agb: str | None, facts: dict[str, Any], application: dict[str, Any],
           on: date) -> dict[str, Any]:
    submitted = application["submitted_on"]
    signed = application["signed_on"]
    existing = application["existing_contract"]
    late = submitted is not None and submitted > QUESTIONNAIRE_DUE
    # existing_contract stands in for the dates a holder does not give; a stated late
    # questionnaire keeps the late route all the same (R8.9).
    holder = existing and not late
    verdicts: dict[str, Verdict] = {}
    verdicts["bo"] = holds(facts, "kraamzorg.bo_geboortezorg_member")
    verdicts["vsv"] = holds(facts, "kraamzorg.all_vsv_in_area")
    certificate = facts.get("kraamzorg.certificate")
    if certificate is None:
        verdicts["cert"] = unknown("kraamzorg.certificate")
    elif certificate in ("NEN-EN", "ISO", "HKZ"):
        verdicts["cert"] = "met", f"certificate {certificate} is one of NEN-EN, ISO, HKZ"
    else:
        verdicts["cert"] = "unmet", f"certificate {certificate} is not one of NEN-EN, ISO, HKZ"
    verdicts["lip"] = holds(facts, "geboortezorg.uses_lip_or_klim")
    verdicts["phone"] = office_hours(facts)
    verdicts["partus"] = partus(facts)
    verdicts["claims"] = holds(facts, "common.vecozo_claims")
    if agb is None:
        verdicts["agb"] = "unknown", "the AGB code is not stated (agb_code)"
    elif agb.startswith("33"):
        verdicts["agb"] = "met", f"AGB code {agb} starts with 33 (kraamzorg)"
    else:
        verdicts["agb"] = "unmet", f"AGB code {agb} does not start with 33 (kraamzorg)"
    verdicts["certs"] = holds(facts, "common.vecozo_certificates")
    verdicts["mapped"] = holds(facts, "digitalisering.care_mapped")
    verdicts["paths"] = at_least(facts, "digitalisering.digital_care_path_share", 0.25)
    verdicts["patients"] = at_least(facts, "digitalisering.digital_patient_share", 0.10)
    verdicts["fraud"] = (("unmet", "fraud suspicion on record (common.fraud_suspicion)")
                         if facts.get("common.fraud_suspicion") is True
                         else ("met", "no fraud suspicion on record"))
    start = max(YEAR_START, first_of_next_month(submitted)) if submitted else None
    if existing:
        verdicts["start"] = ("not_applicable",
                             "the provider already holds the contract: no new start")
    elif start is None:
        verdicts["start"] = ("not_applicable",
                             "no request date yet (submitted_on): the start follows the request")
    else:
        assert submitted is not None
        how = f"requested on {submitted.isoformat()}, so the contract starts {start.isoformat()}"
        verdicts["start"] = (("met", f"{how}, by 2025-12-31") if start <= PERIOD_END else
                             ("unmet", f"{how}, after 2025-12-31: no contract can start in the "
                                       "contract period"))
    if late:
        assert submitted is not None
        verdicts["questionnaire"] = (
            "not_applicable", f"confirmed on {submitted.isoformat()}, after 15 October 2023: "
                              "not refused, the request follows 'Geen aanbod ontvangen' (R8.3)")
    elif holder and submitted is None:
        verdicts["questionnaire"] = ("not_applicable", "the provider already holds the "
                                     "2024-2025 contract and states no questionnaire date")
    else:
        verdicts["questionnaire"] = done_by(submitted, QUESTIONNAIRE_DUE, "confirmed",
                                            "the request follows 'Geen aanbod ontvangen'", on)
    if late:
        verdicts["signing"] = ("not_applicable", "a late request is not an offer of the regular "
                                                 "round; its deadline does not bind it")
    elif holder and signed is None:
        verdicts["signing"] = ("not_applicable", "the provider already holds the 2024-2025 "
                                                 "contract and states no signing date")
    else:
        verdicts["signing"] = done_by(signed, SIGNING_DUE, "signed", "the offer has lapsed", on)
    verdicts["trains"] = holds(facts, "kraamzorg.trains_new_staff")
    verdicts["survey"] = holds(facts, "kraamzorg.client_experience_survey")
    zzp = facts.get("kraamzorg.zzp_share")
    if zzp is None:
        verdicts["zzp"] = unknown("kraamzorg.zzp_share")
    elif zzp <= 0.15:
        verdicts["zzp"] = "met", f"zzp share {shown(zzp)} is at most 0.15"
    else:
        verdicts["zzp"] = "unmet", f"zzp share {shown(zzp)} is above the maximum 0.15"
    verdicts["ind18"] = at_least(facts, "kraamzorg.indicator_18", 0.85)
    verdicts["maxmax"] = ("met", "care in disadvantaged neighbourhoods may be claimed at the "
                                 "max-max tariff without further requirements")

    # The offer: route, period, judgement, deadlines.
    period: dict[str, str] | None = {"start": "2024-01-01", "end": "2025-12-31"}
    if holder:  # the deadlines of the dates a holder does state
        offer = {"route": "existing contract", "review": None, "citation": PROCEDURE,
                 "text": TWO_YEAR}
        deadlines = []
        if submitted is not None:
            deadlines.append(deadline("questionnaire", QUESTIONNAIRE_DUE, submitted, on,
                                      QUESTIONNAIRE_NOTE))
        if signed is not None:
            deadlines.append(deadline("signing", SIGNING_DUE, signed, on, None))
    elif late:
        assert submitted is not None
        assert start is not None
        offer = {"route": "late request",
                 "review": f"questionnaire confirmed on {submitted.isoformat()}, after 15 "
                           "October 2023: Caresq judges whether the request adds value in the "
                           f"region ({NOT_REFUSED})",
                 "citation": NO_OFFER, "text": LATE_TEXT}
        period = ({"start": start.isoformat(), "end": "2025-12-31"} if start <= PERIOD_END
                  else None)
        deadlines = [deadline("questionnaire", QUESTIONNAIRE_DUE, submitted, on,
                              QUESTIONNAIRE_NOTE)]
    else:
        offer = {"route": "regular round", "review": None, "citation": PROCEDURE,
                 "text": TWO_YEAR}
        deadlines = [deadline("questionnaire", QUESTIONNAIRE_DUE, submitted, on,
                              QUESTIONNAIRE_NOTE),
                     deadline("signing", SIGNING_DUE, signed, on, None)]
    warnings = []
    if period is not None and on > PERIOD_END:
        warnings.append(f"the reference date {on.isoformat()} lies after the end of the "
                        "contract period (2025-12-31); the status is still judged on the dates "
                        "the profile gives (R8.6)")

    findings = []
    deciding = []
    met = open_factors = 0
    for key, (condition, kind, citation, text, reading) in CONDITIONS.items():
        outcome, reason = verdicts[key]
        findings.append({"condition": condition, "kind": kind, "outcome": outcome,
                         "citation": citation, "text": text, "reason": reason,
                         "reading": reading})
        if kind in ("requirement", "procedure"):
            deciding.append(outcome)
        elif kind == "factor":
            met += outcome == "met"
            open_factors += outcome == "unknown"
    for key, (citation, text) in EXPECTATIONS.items():  # reported, never deciding
        outcome, reason = holds(facts, key)
        findings.append({"condition": key, "kind": "expectation", "outcome": outcome,
                         "citation": citation, "text": text, "reason": reason,
                         "reading": EXPECTATION})
    for condition, text, reason in FACTOR_NOTES:
        findings.append({"condition": condition, "kind": "note", "outcome": "met",
                         "citation": DIFFERENTIATION, "text": text, "reason": reason,
                         "reading": FACTOR_NOTE})
    if "unmet" in deciding:
        status = "ineligible"
    elif "unknown" in deciding:
        status = "incomplete"
    elif offer["review"] is not None:
        status = "review"
    else:
        status = "eligible"
    variant = best = None
    if status != "ineligible":
        variant, best = VARIANTS[min(met, 4)], VARIANTS[min(met + open_factors, 4)]
    return {"contract": CONTRACT, "status": status, "variant": variant,
            "variant_best_case": best, "period": None if status == "ineligible" else period,
            "offer": offer, "findings": findings, "deadlines": deadlines, "warnings": warnings}


def assess_profile(data: Any, on: date) -> dict[str, Any]:
    agb, name, applications, facts = read_profile(data)
    return {"agb_code": agb, "reference_date": on.isoformat(), "contract_year": CONTRACT_YEAR,
            "results": [assess(agb, facts, application, on) for application in applications],
            "name": name}


# -- the batch ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kraamzorg by hand")
    parser.add_argument("source")
    parser.add_argument("--on", type=date.fromisoformat, required=True)
    parser.add_argument("--output", default="-")
    parser.add_argument("--orjson", action="store_true")
    args = parser.parse_args(argv)
    loads: Callable[[bytes], Any]
    if args.orjson:
        import orjson

        def loads(line: bytes) -> Any:
            # orjson keeps the last of a repeated key and reads NaN as nothing: this mode
            # measures JSON speed, not the checks.
            return orjson.loads(line)

        def dumps(value: Any) -> bytes:
            return orjson.dumps(value)  # compact: the same JSON, not the same bytes
    else:
        def loads(line: bytes) -> Any:
            if len(line) > MAX_LINE_BYTES:
                raise Bad("line too long")
            return DECODER.decode(line.decode("utf-8"))  # a BOM or bad UTF-8 is refused

        def dumps(value: Any) -> bytes:
            return json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace")
    source = sys.stdin.buffer if args.source == "-" else open(args.source, "rb")  # noqa: SIM115
    target = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")  # noqa: SIM115
    bad = 0
    with source, target:
        for number, line in enumerate(source, start=1):
            try:
                record = assess_profile(loads(line), args.on)
            except (Bad, ValueError, RecursionError) as error:
                bad += 1
                record = {"line": number, "error": {"type": "ProfileError",
                                                    "errors": [str(error)]}}
            target.write(dumps(record) + b"\n")
    print(f"bad lines: {bad}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
