"""The lean yardstick: the quickest kraamzorg script a competent programmer would write.

Usage::

    python benchmarks/lean.py IN.jsonl --on 2023-10-20 [--output OUT.jsonl]

The same kraamzorg rules as ``baseline.py`` (Inkoopbeleid Geboortezorg 2024), straight
through, standard library only, and nothing more: it trusts its input (a line it cannot read
becomes ``{"line": N, "error": "..."}``, whatever the reason), evaluates 18 findings (the
validating baseline's requirements, procedures and factors, with the two VECOZO checks folded
into one and the questionnaire and signing deadlines into one; no max-max note, no chapter 2
expectations or notes), and writes a smaller result with ``json.dumps``: each finding with its
condition, kind, outcome, reason, a short citation and the policy sentence cut to 80
characters, about 5.4 KB a line. What it writes is not caresq's output; it is the floor of the
work, for comparison. Its decisions are caresq's all the same: the same status, variant, best
case and period on every kraamzorg line caresq assesses (24/7 from the union of both phone
lines; a deadline without a date open until it passes, then unknown; a stated late
questionnaire takes the late route), which ``run.py`` and ``tests/test_benchmarks.py`` check.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

QUESTIONNAIRE_DUE = date(2023, 10, 15)
SIGNING_DUE = date(2023, 11, 1)
YEAR_START = date(2024, 1, 1)
PERIOD_END = date(2025, 12, 31)
VARIANTS = ("E", "D", "C", "B", "A")
WORKDAYS = ("mon", "tue", "wed", "thu", "fri")
DAYS = (*WORKDAYS, "sat", "sun")

# condition -> (kind, citation, sentence), in policy order
CONDITIONS = {
    "kraamzorg.bo_geboortezorg_member": ("requirement", "hfst. 3, randvoorwaarden",
                                         "Lidmaatschap van Bo Geboortezorg;"),
    "kraamzorg.all_vsv_in_area": ("requirement", "hfst. 3, randvoorwaarden",
                                  "Deelname aan alle Verloskundig Samenwerkingsverbanden in het "
                                  "postcodewerkgebied;"),
    "kraamzorg.certificate": ("requirement", "hfst. 3, randvoorwaarden",
                              "In het bezit van een in de branche geldend certificaat van NEN-EN, "
                              "ISO of HKZ VV&T onderdeel kraamzorg;"),
    "geboortezorg.uses_lip_or_klim": ("requirement", "hfst. 3, randvoorwaarden",
                                      "Hanteren van het Landelijk Indicatie Protocol Kraamzorg "
                                      "(LIP) of de KLIM;"),
    "common.phone_hours": ("requirement", "hfst. 3, randvoorwaarden",
                           "De zorgaanbieder is op werkdagen telefonisch bereikbaar van 09:00 "
                           "tot 17:00 uur;"),
    "kraamzorg.partus_phone_24_7": ("requirement", "hfst. 3, randvoorwaarden",
                                    "Voor partusassistentie 7 dagen per week, 24 uur per dag "
                                    "telefonisch bereikbaar;"),
    "common.vecozo": ("requirement", "hfst. 3, randvoorwaarden",
                      "Declaraties digitaal via VECOZO; de juiste VECOZO-certificaten."),
    "kraamzorg.agb_code": ("requirement", "hfst. 4, VECOZO Zorginkoopportaal",
                           "De juiste Vektis registratie: Kraamzorg 33"),
    "digitalisering.care_mapped": ("requirement", "hfst. 3, Digitalisering",
                                   "U hebt in kaart gebracht welke zorg u vanaf 2024 hybride of "
                                   "digitaal gaat leveren;"),
    "digitalisering.digital_care_path_share": ("requirement", "hfst. 3, Digitalisering",
                                               "Voor tenminste 25% van de zorgpaden is een "
                                               "hybride of digitaal zorgpad uitgetekend."),
    "digitalisering.digital_patient_share": ("requirement", "hfst. 3, Digitalisering",
                                             "Minimaal 10% van uw patienten ontvangt eind 2024 "
                                             "hybride of digitale zorg."),
    "common.fraud_suspicion": ("procedure", "hfst. 4, Geen aanbod ontvangen",
                               "Twijfel over de integriteit op basis van vermoeden van fraude."),
    "kraamzorg.start_in_contract_period": ("procedure", "hfst. 4, Geen aanbod ontvangen",
                                           "Geen zorgovereenkomsten met terugwerkende kracht."),
    "kraamzorg.deadlines": ("procedure", "hfst. 5, Planning",
                            "Vragenlijst uiterlijk 15 oktober 2023; tekenen uiterlijk 1 november "
                            "2023"),
    "kraamzorg.trains_new_staff": ("factor", "hfst. 3, differentiatiefactoren",
                                   "Een aantoonbare rol in het initieel opleiden van nieuwe "
                                   "kraamverzorgenden."),
    "kraamzorg.client_experience_survey": ("factor", "hfst. 3, differentiatiefactoren",
                                           "Structureel een klantervaringsonderzoek;"),
    "kraamzorg.zzp_share": ("factor", "hfst. 3, differentiatiefactoren",
                            "Maximaal 15% zzp'ers;"),
    "kraamzorg.indicator_18": ("factor", "hfst. 3, differentiatiefactoren",
                               "Minimaal 85% op indicator 18 van de Transparantiekalender."),
}


def minutes(text: str) -> int:
    hours, _, mins = text.strip().partition(":")
    return int(hours) * 60 + int(mins)


def covers(schedules: list[dict[str, list[str]]], days: tuple[str, ...], start: int,
           stop: int) -> bool:
    """Whether the stated schedules together cover start-stop on each of ``days``."""
    for day in days:
        spans = sorted((minutes(a), minutes(b)) for schedule in schedules
                       for a, _, b in (entry.partition("-") for entry in schedule.get(day, [])))
        cursor = start
        for begin, end in spans:
            if begin > cursor:
                break
            cursor = max(cursor, end)
        if cursor < stop:
            return False
    return True


def yes(facts: dict[str, Any], key: str) -> str:
    value = facts.get(key)
    return "unknown" if value is None else "met" if value else "unmet"


def by(done: date | None, due: date, on: date) -> str:
    """A deadline: met or unmet on its date; without one open until due, then unknown."""
    if done is None:
        return "not_applicable" if on <= due else "unknown"
    return "met" if done <= due else "unmet"


def assess(profile: dict[str, Any], on: date) -> dict[str, Any]:
    facts = profile.get("facts") or {}
    application = profile["applications"][0]
    submitted = application.get("submitted_on")
    submitted = date.fromisoformat(submitted) if submitted else None
    signed = application.get("signed_on")
    signed = date.fromisoformat(signed) if signed else None
    existing = application.get("existing_contract", False)
    late = submitted is not None and submitted > QUESTIONNAIRE_DUE
    holder = existing and not late  # a stated late questionnaire takes the late route
    agb = profile["agb_code"]

    out: dict[str, tuple[str, str]] = {}
    for key in ("kraamzorg.bo_geboortezorg_member", "kraamzorg.all_vsv_in_area",
                "geboortezorg.uses_lip_or_klim", "digitalisering.care_mapped",
                "kraamzorg.trains_new_staff", "kraamzorg.client_experience_survey"):
        out[key] = yes(facts, key), f"{key}: {facts.get(key)}"
    certificate = facts.get("kraamzorg.certificate")
    out["kraamzorg.certificate"] = ("unknown" if certificate is None else
                                    "met" if certificate in ("NEN-EN", "ISO", "HKZ") else
                                    "unmet"), f"certificate {certificate}"
    office = facts.get("common.phone_hours")
    out["common.phone_hours"] = ("unknown" if office is None else
                                 "met" if covers([office], WORKDAYS, 540, 1020) else "unmet",
                                 "phone hours against working days 09:00-17:00")
    # 24/7: both lines together; unknown only when what is stated falls short.
    lines = [schedule for schedule in (office, facts.get("common.emergency_phone_hours"))
             if schedule is not None]
    emergency = ("met" if lines and covers(lines, DAYS, 0, 1440) else
                 "unmet" if len(lines) == 2 else "unknown")
    partus = yes(facts, "kraamzorg.provides_partus_assistance")
    out["kraamzorg.partus_phone_24_7"] = ("not_applicable" if partus == "unmet" else
                                          emergency if partus == "met" else
                                          "met" if emergency == "met" else "unknown",
                                          f"partus assistance {partus}, 24/7 lines {emergency}")
    claims = yes(facts, "common.vecozo_claims")
    certs = yes(facts, "common.vecozo_certificates")
    out["common.vecozo"] = ("met" if claims == certs == "met" else
                            "unmet" if "unmet" in (claims, certs) else "unknown",
                            f"claims {claims}, certificates {certs}")
    out["kraamzorg.agb_code"] = ("unknown" if agb is None else
                                 "met" if agb.startswith("33") else "unmet", f"AGB code {agb}")
    for key, limit in (("digitalisering.digital_care_path_share", 0.25),
                       ("digitalisering.digital_patient_share", 0.10),
                       ("kraamzorg.indicator_18", 0.85)):
        value = facts.get(key)
        out[key] = ("unknown" if value is None else "met" if value >= limit else "unmet",
                    f"{value} against at least {limit}")
    zzp = facts.get("kraamzorg.zzp_share")
    out["kraamzorg.zzp_share"] = ("unknown" if zzp is None else "met" if zzp <= 0.15 else
                                  "unmet", f"zzp share {zzp} against at most 0.15")
    out["common.fraud_suspicion"] = ("unmet" if facts.get("common.fraud_suspicion") is True
                                     else "met", "fraud suspicion on record")
    start = YEAR_START
    if submitted is not None and submitted >= YEAR_START:
        start = date(submitted.year + submitted.month // 12, submitted.month % 12 + 1, 1)
    out["kraamzorg.start_in_contract_period"] = (
        "not_applicable" if existing or submitted is None else
        "met" if start <= PERIOD_END else "unmet", f"starts {start.isoformat()}")
    # Both deadlines in one finding, the worse outcome counting.
    questionnaire = ("not_applicable" if late or (holder and submitted is None) else
                     by(submitted, QUESTIONNAIRE_DUE, on))
    signing = ("not_applicable" if late or (holder and signed is None) else
               by(signed, SIGNING_DUE, on))
    both = (questionnaire, signing)
    out["kraamzorg.deadlines"] = ("unmet" if "unmet" in both else
                                  "unknown" if "unknown" in both else
                                  "met" if "met" in both else "not_applicable",
                                  f"questionnaire {questionnaire}, signing {signing}")

    findings = []
    status = "eligible"
    met = maybe = 0
    for key, (kind, citation, text) in CONDITIONS.items():
        outcome, reason = out[key]
        findings.append({"condition": key, "kind": kind, "outcome": outcome, "reason": reason,
                         "citation": f"Inkoopbeleid Geboortezorg 2024, {citation}",
                         "text": text[:80]})
        if kind == "factor":
            met += outcome == "met"
            maybe += outcome == "unknown"
        elif outcome == "unmet":
            status = "ineligible"
        elif outcome == "unknown" and status != "ineligible":
            status = "incomplete"
    if status == "eligible" and late:
        status = "review"
    route = "existing contract" if holder else "late request" if late else "regular round"
    return {
        "agb_code": agb, "name": profile.get("name"), "reference_date": on.isoformat(),
        "contract": "geboortezorg.kraamzorg", "status": status, "route": route,
        "variant": None if status == "ineligible" else VARIANTS[min(met, 4)],
        "variant_best_case": None if status == "ineligible" else VARIANTS[min(met + maybe, 4)],
        "period": None if status == "ineligible" or start > PERIOD_END else
        {"start": (start if late else YEAR_START).isoformat(), "end": PERIOD_END.isoformat()},
        "questionnaire_days_left": (QUESTIONNAIRE_DUE - on).days if submitted is None else None,
        "findings": findings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kraamzorg, the lean way")
    parser.add_argument("source")
    parser.add_argument("--on", type=date.fromisoformat, required=True)
    parser.add_argument("--output", default="-")
    args = parser.parse_args(argv)
    source = sys.stdin.buffer if args.source == "-" else open(args.source, "rb")  # noqa: SIM115
    target = (sys.stdout if args.output == "-" else  # a lone surrogate is written escaped
              open(args.output, "w", encoding="utf-8", errors="backslashreplace"))  # noqa: SIM115
    with source, target:
        for number, line in enumerate(source, start=1):
            try:
                record = assess(json.loads(line), args.on)
            except Exception as error:  # a lean script trusts its input: any failure is a bad line
                record = {"line": number, "error": repr(error)}
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
