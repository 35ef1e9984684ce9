"""The kraamzorg rules written out by hand: the yardstick caresq's batch is measured against.

Usage::

    python benchmarks/baseline.py IN.jsonl --on 2023-10-20 [--output OUT.jsonl] [--orjson]

What a competent programmer would write for this one contract, straight through, with the
standard library only and without caresq: read each JSONL line, parse it, check the values it
uses (shape, AGB code, contract, dates, every fact: known id, type, range, schedule syntax),
evaluate each kraamzorg condition of Inkoopbeleid Geboortezorg 2024 (requirements, the
two-year start, the signing deadline, the four factors, the max-max note), decide status,
variant and period, and write the same JSON line as ``caresq assess --batch``: every finding
with its citation, Dutch sentence, reason and reading, the offer and the deadlines. A bad line
becomes ``{"line": N, "error": {...}}`` (with shorter messages than caresq's). ``run.py``
checks that the good lines come out byte for byte as caresq writes them.

``--orjson`` parses and writes with orjson instead of the json module (compact: the same JSON,
not the same bytes), to show how much of the time is JSON.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

CONTRACT = "geboortezorg.kraamzorg"
DOCUMENT = "Inkoopbeleid Geboortezorg 2024"
YEAR_START = date(2024, 1, 1)
PERIOD_END = date(2025, 12, 31)
QUESTIONNAIRE_DUE = date(2023, 10, 15)
SIGNING_DUE = date(2023, 11, 1)
VARIANTS = ("E", "D", "C", "B", "A")


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

NO_RETROACTIVE = (
    "Wij sluiten geen zorgovereenkomsten met terugwerkende kracht. Contractaanbiedingen na "
    "1 januari 2024 krijgen een ingangsdatum van de eerste van de maand volgend op de maand van "
    "aanvraag.")
TWO_YEAR = ("Ter verlichting van de administratieve lasten en garantie van de biedt Caresq in "
            "2024 tweejarige zorgovereenkomsten aan voor kraamzorg.")
LATE_TEXT = (NO_RETROACTIVE + " Wij beoordelen of uw aanvraag van toegevoegde waarde is binnen "
             "het zorgaanbod in de regio en vragen u waar nodig om aanvullende documentatie.")
QUESTIONNAIRE_NOTE = "15 October 2023 is a Sunday; the date in the text stands"

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
              "met when the union of the stated intervals covers 09:00-17:00 on every working "
              "day (Monday-Friday); a lunch gap fails (SPEC §8.2)"),
    "partus": ("kraamzorg.partus_phone_24_7", "requirement", REQUIREMENTS,
               "Voor verlening van partusassistentie is de zorgaanbieder 7 dagen per week, 24 "
               "uur per dag telefonisch bereikbaar;",
               "24/7 reachability is read from common.emergency_phone_hours, which must cover "
               "every day 00:00-24:00 (SPEC §8.2)"),
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
              '"tenminste 25%" is met at 0.25 (SPEC §8.1)'),
    "patients": ("digitalisering.digital_patient_share", "requirement", DIGITAL,
                 "Minimaal 10% van al uw patiënten ontvangt eind 2024 al een vorm van hybride "
                 "of digitale zorg.",
                 '"minimaal 10%" is met at 0.10; the provider states the share it will reach '
                 "by the end of 2024 (SPEC §8.1)"),
    "fraud": ("common.fraud_suspicion", "procedure", NO_OFFER,
              "Indien er twijfel bestaat over de integriteit van de zorgverlening van de "
              "zorgaanbieder op basis van vermoeden van fraude, is dit ook een reden om geen "
              "zorgovereenkomst aan te bieden.",
              "absent means no suspicion on record: the insurer keeps this record, the provider "
              "does not state it"),
    "start": ("kraamzorg.start_in_contract_period", "procedure", NO_OFFER, NO_RETROACTIVE,
              "a new request starts on the later of 1 January 2024 and the first of the month "
              "after the request (SPEC §8.3); a request so late that this falls after "
              "2025-12-31 leaves no start in the contract period"),
    "signing": ("kraamzorg.signing_deadline", "procedure", PLANNING,
                "Uiterste tekendatum zorgovereenkomst kraamzorg 1 november 2023",
                "an offer of the regular round signed after 1 November 2023 has lapsed; the "
                "deadline binds only that round (SPEC §8.3)"),
    "trains": ("kraamzorg.trains_new_staff", "factor", FACTORS,
               "Er is sprake van een aantoonbare rol in het initieel opleiden van nieuwe "
               "kraamverzorgenden.", None),
    "survey": ("kraamzorg.client_experience_survey", "factor", FACTORS,
               "De kraamzorgaanbieder zet structureel een klantervaringsonderzoek in;", None),
    "zzp": ("kraamzorg.zzp_share", "factor", FACTORS,
            "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;",
            '"maximaal 15%" is met at 0.15 (SPEC §8.1)'),
    "ind18": ("kraamzorg.indicator_18", "factor", FACTORS,
              "De kraamzorgaanbieder scoort minimaal 85% op indicator 18 uit de indicatorenset "
              "Kraamzorg van de Transparantiekalender.",
              '"minimaal 85%" is met at 0.85 (SPEC §8.1)'),
    "maxmax": ("kraamzorg.max_max_tariff", "note", MAX_MAX,
               "Waar het zorg in achterstandswijken betreft, vormt het max-max tarief een "
               "integraal onderdeel van de zorgovereenkomst.", None),
}

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
}
CERTIFICATES = ("NEN-EN", "ISO", "HKZ", "none")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
INTERVAL = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Bad(Exception):
    """A line that cannot be assessed; the message says why."""


# -- reading ------------------------------------------------------------------------------------

def read_date(value: Any, path: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise Bad(f"{path}: not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Bad(f"{path}: not a real date") from None


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
        intervals.sort()
        merged: list[tuple[int, int]] = []
        for start, end in intervals:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        hours[day] = merged
    return hours


def read_profile(data: Any) -> tuple[str, str | None, dict[str, Any], dict[str, Any]]:
    """(agb code, name, application, facts), every value checked; Bad if anything is off."""
    if not isinstance(data, dict):
        raise Bad("expected a JSON object")
    extra = set(data) - {"agb_code", "name", "applications", "facts"}
    if extra:
        raise Bad(f"unknown key(s) {', '.join(sorted(extra))}")
    agb = data.get("agb_code")
    if not isinstance(agb, str) or len(agb) != 8 or not agb.isascii() or not agb.isdigit():
        raise Bad("agb_code: not an 8-digit AGB code (a string)")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise Bad("name: not a string")
    applications = data.get("applications")
    if not isinstance(applications, list) or len(applications) != 1:
        raise Bad("applications: expected one kraamzorg application")
    raw = applications[0]
    if not isinstance(raw, dict) or set(raw) - {"contract", "submitted_on", "signed_on",
                                                "existing_contract"}:
        raise Bad("applications[0]: not an application")
    if raw.get("contract") != CONTRACT:
        raise Bad(f"applications[0].contract: not {CONTRACT}")
    existing = raw.get("existing_contract", False)
    if not isinstance(existing, bool):
        raise Bad("applications[0].existing_contract: not true or false")
    application = {"submitted_on": read_date(raw.get("submitted_on"),
                                             "applications[0].submitted_on"),
                   "signed_on": read_date(raw.get("signed_on"), "applications[0].signed_on"),
                   "existing_contract": existing}
    facts: dict[str, Any] = {}
    raw_facts = data.get("facts") or {}
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
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise Bad(f"{path}: not a number")
            value = float(value)
            if not 0.0 <= value <= 1.0:
                raise Bad(f"{path}: not a fraction in [0, 1]")
        elif kind == "certificate":
            if value not in CERTIFICATES:
                raise Bad(f"{path}: not one of {', '.join(CERTIFICATES)}")
        else:
            value = read_schedule(value, path)
        facts[key] = value
    return agb, name, application, facts


# -- the rules ----------------------------------------------------------------------------------

def unknown(key: str) -> tuple[str, str]:
    return "unknown", f"{FACTS[key][1]} is not stated ({key})"


def holds(facts: dict[str, Any], key: str) -> tuple[str, str]:
    value = facts.get(key)
    if value is None:
        return unknown(key)
    return ("met" if value else "unmet"), f"{FACTS[key][1]}: {'yes' if value else 'no'}"


def at_least(facts: dict[str, Any], key: str, limit: float) -> tuple[str, str]:
    value = facts.get(key)
    if value is None:
        return unknown(key)
    if value >= limit:
        return "met", f"{FACTS[key][1]} {value:g} is at least {limit:g}"
    return "unmet", f"{FACTS[key][1]} {value:g} is below the minimum {limit:g}"


def covers(facts: dict[str, Any], key: str, days: tuple[str, ...], start: int, stop: int,
           label: str) -> tuple[str, str]:
    schedule = facts.get(key)
    if schedule is None:
        return unknown(key)
    gaps = []
    for day in days:
        cursor = start
        for begin, end in schedule.get(day, ()):
            if end <= cursor:
                continue
            if begin >= stop:
                break
            if begin > cursor:
                gaps.append(f"{day} {cursor // 60:02d}:{cursor % 60:02d}-"
                            f"{begin // 60:02d}:{begin % 60:02d}")
            cursor = max(cursor, end)
        if cursor < stop:
            gaps.append(f"{day} {cursor // 60:02d}:{cursor % 60:02d}-"
                        f"{stop // 60:02d}:{stop % 60:02d}")
    name = FACTS[key][1]
    if not gaps:
        return "met", f"{name} cover {label}"
    return "unmet", f"{name} do not cover {label} (missing {', '.join(gaps)})"


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def assess(agb: str, name: str | None, application: dict[str, Any], facts: dict[str, Any],
           on: date) -> dict[str, Any]:
    submitted = application["submitted_on"]
    signed = application["signed_on"]
    existing = application["existing_contract"]
    late = submitted is not None and submitted > QUESTIONNAIRE_DUE
    verdicts: dict[str, tuple[str, str]] = {}
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
    verdicts["phone"] = covers(facts, "common.phone_hours", DAYS[:5], 540, 1020,
                               "working days 09:00-17:00")
    guard, why = holds(facts, "kraamzorg.provides_partus_assistance")
    if guard == "unmet":
        verdicts["partus"] = "not_applicable", why
    else:
        inner, because = covers(facts, "common.emergency_phone_hours", DAYS, 0, 1440,
                                "every day 00:00-24:00")
        if guard == "met":
            verdicts["partus"] = inner, f"{why}; {because}"
        elif inner == "met":
            verdicts["partus"] = "met", f"{because} (whether or not partus assistance)"
        else:
            verdicts["partus"] = "unknown", f"{why}: it decides whether this applies"
    verdicts["claims"] = holds(facts, "common.vecozo_claims")
    verdicts["agb"] = (("met", f"AGB code {agb} starts with 33 (kraamzorg)")
                       if agb.startswith("33") else
                       ("unmet", f"AGB code {agb} does not start with 33 (kraamzorg)"))
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
        how = f"requested on {submitted.isoformat()}, so the contract starts {start.isoformat()}"
        verdicts["start"] = (("met", f"{how}, by 2025-12-31") if start <= PERIOD_END else
                             ("unmet", f"{how}, after 2025-12-31: no contract can start in the "
                                       "contract period"))
    if existing:
        verdicts["signing"] = "not_applicable", "the provider already holds the 2024-2025 contract"
    elif late:
        verdicts["signing"] = ("not_applicable", "a late request is not an offer of the regular "
                                                 "round; its deadline does not bind it")
    elif signed is None:
        verdicts["signing"] = "not_applicable", "not signed yet: the deadline 2023-11-01 is open"
    elif signed <= SIGNING_DUE:
        verdicts["signing"] = "met", f"signed on {signed.isoformat()}, by 2023-11-01"
    else:
        verdicts["signing"] = ("unmet", f"signed on {signed.isoformat()}, after 2023-11-01: "
                                        "the offer has lapsed")
    verdicts["trains"] = holds(facts, "kraamzorg.trains_new_staff")
    verdicts["survey"] = holds(facts, "kraamzorg.client_experience_survey")
    zzp = facts.get("kraamzorg.zzp_share")
    if zzp is None:
        verdicts["zzp"] = unknown("kraamzorg.zzp_share")
    elif zzp <= 0.15:
        verdicts["zzp"] = "met", f"zzp share {zzp:g} is at most 0.15"
    else:
        verdicts["zzp"] = "unmet", f"zzp share {zzp:g} is above the maximum 0.15"
    verdicts["ind18"] = at_least(facts, "kraamzorg.indicator_18", 0.85)
    verdicts["maxmax"] = ("met", "care in disadvantaged neighbourhoods may be claimed at the "
                                 "max-max tariff without further requirements")

    # The offer: route, period, judgement, deadlines.
    period: dict[str, str] | None = {"start": "2024-01-01", "end": "2025-12-31"}
    questionnaire = {"name": "questionnaire", "due": "2023-10-15",
                     "met": None if submitted is None else submitted <= QUESTIONNAIRE_DUE,
                     "days_left": (QUESTIONNAIRE_DUE - on).days if submitted is None else None,
                     "note": QUESTIONNAIRE_NOTE}
    if existing:
        offer = {"route": "existing contract", "review": None, "citation": PROCEDURE,
                 "text": TWO_YEAR}
        deadlines: list[dict[str, Any]] = []
    elif late:
        assert submitted is not None
        assert start is not None
        offer = {"route": "late request",
                 "review": f"questionnaire confirmed on {submitted.isoformat()}, after 15 "
                           "October 2023: Caresq judges whether the request adds value in the "
                           "region (a questionnaire confirmed after 15 October 2023 is not "
                           "refused: it follows 'Geen aanbod ontvangen' (SPEC §8.3))",
                 "citation": NO_OFFER, "text": LATE_TEXT}
        period = ({"start": start.isoformat(), "end": "2025-12-31"} if start <= PERIOD_END
                  else None)
        deadlines = [questionnaire]
    else:
        offer = {"route": "regular round", "review": None, "citation": PROCEDURE,
                 "text": TWO_YEAR}
        deadlines = [questionnaire,
                     {"name": "signing", "due": "2023-11-01",
                      "met": None if signed is None else signed <= SIGNING_DUE,
                      "days_left": (SIGNING_DUE - on).days if signed is None else None,
                      "note": None}]

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
    result = {"contract": CONTRACT, "status": status, "variant": variant,
              "variant_best_case": best, "period": None if status == "ineligible" else period,
              "offer": offer, "findings": findings, "deadlines": deadlines}
    return {"agb_code": agb, "reference_date": on.isoformat(), "contract_year": 2024,
            "results": [result], "name": name}


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

        loads = orjson.loads

        def dumps(value: Any) -> bytes:
            return orjson.dumps(value)  # compact: the same JSON, not the same bytes
    else:
        loads = json.loads

        def dumps(value: Any) -> bytes:
            return json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace")
    source = sys.stdin.buffer if args.source == "-" else open(args.source, "rb")  # noqa: SIM115
    target = sys.stdout.buffer if args.output == "-" else open(args.output, "wb")  # noqa: SIM115
    bad = 0
    with source, target:
        for number, line in enumerate(source, start=1):
            try:
                record = assess(*read_profile(loads(line)), args.on)
            except (Bad, ValueError) as error:
                bad += 1
                record = {"line": number, "error": {"type": "ProfileError",
                                                    "errors": [str(error)]}}
            target.write(dumps(record) + b"\n")
    print(f"bad lines: {bad}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
