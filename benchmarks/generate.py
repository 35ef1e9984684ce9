"""Seeded generator of realistic kraamzorg profiles, one JSON object per line (JSONL).

Usage::

    python benchmarks/generate.py 100000 --seed 7 --output /tmp/kraamzorg-100k.jsonl

Most lines are well-formed kraamzorg applications. About 4% of the facts are left out or set to
null (unknown), phone schedules come from a small pool (as real providers' hours repeat) with
the odd hand-typed variant, and a share of lines (``--broken``, default 2%) is broken in the
ways real input breaks: truncated JSON, a value out of range, a misspelt fact id, a bad
schedule, a number for the AGB code, a missing key, an unknown contract, and the odd blank line.
The same seed always gives the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any, TextIO

CONTRACT = "geboortezorg.kraamzorg"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAYS = DAYS[:5]

#: Office hours as providers state them; most cover 09:00-17:00 on working days, some do not.
OFFICE_HOURS: tuple[dict[str, list[str]], ...] = (
    {day: ["09:00-17:00"] for day in WEEKDAYS},
    {day: ["08:30-17:30"] for day in WEEKDAYS},
    {day: ["08:00-12:30", "12:30-17:00"] for day in WEEKDAYS},
    {day: ["08:00-18:00"] for day in WEEKDAYS} | {"sat": ["10:00-12:00"]},
    {day: ["08:30-17:00"] for day in WEEKDAYS},
    {day: ["09:00-12:30", "13:00-17:00"] for day in WEEKDAYS},  # lunch gap: not covered
    {day: ["8:30-17:00"] for day in WEEKDAYS},
    {"mon": ["08:30-12:30", "12:30-17:30"], "tue": ["08:30-17:30"], "wed": ["08:30-17:30"],
     "thu": ["08:30-17:30"], "fri": ["08:30-17:00"]},
)
#: Emergency and birth lines: usually 24/7, sometimes with a hole.
EMERGENCY_HOURS: tuple[dict[str, list[str]], ...] = (
    {day: ["00:00-24:00"] for day in DAYS},
    {day: ["00:00-24:00"] for day in DAYS},
    {day: ["00:00-12:00", "12:00-24:00"] for day in DAYS},
    {day: ["00:00-24:00"] for day in DAYS},
    {day: ["00:00-24:00"] for day in DAYS[:6]} | {"sun": ["08:00-24:00"]},
)
CERTIFICATES = ("HKZ", "HKZ", "HKZ", "ISO", "ISO", "NEN-EN", "NEN-EN", "none")
NAMES = ("De Ooievaar", "Kraamzorg 't Hoekje", "Mama Zorg", "Kraamhulp Één", "Zuidzorg",
         "De Wieg", "Kraambureau Noord", "Geboortezorg Oost", "Kraam & Co", "Babyzorg Ülke")

#: Yes/no facts with the chance a provider answers yes: requirements nearly always hold,
#: factors are a real choice.
BOOL_FACTS = (
    ("kraamzorg.bo_geboortezorg_member", 0.98), ("kraamzorg.all_vsv_in_area", 0.97),
    ("geboortezorg.uses_lip_or_klim", 0.99), ("kraamzorg.provides_partus_assistance", 0.8),
    ("common.vecozo_claims", 0.99), ("common.vecozo_certificates", 0.99),
    ("digitalisering.care_mapped", 0.95), ("kraamzorg.trains_new_staff", 0.6),
    ("kraamzorg.client_experience_survey", 0.7),
)


def _maybe(rng: random.Random, facts: dict[str, Any], key: str, value: object,
           unknown: float) -> None:
    """Set ``key``, or leave it unknown: absent (two thirds) or null (one third)."""
    roll = rng.random()
    if roll >= unknown:
        facts[key] = value
    elif roll < unknown / 3:
        facts[key] = None


def _day(rng: random.Random, first: date, last: date) -> str:
    return (first + timedelta(days=rng.randrange((last - first).days + 1))).isoformat()


def _schedule(rng: random.Random, pool: tuple[dict[str, list[str]], ...]) -> dict[str, Any]:
    schedule = rng.choice(pool)
    if rng.random() < 0.05:  # the odd hand-typed schedule, unlike any other
        start = rng.choice(("07:30", "08:00", "08:45", "09:00", "09:15"))
        end = rng.choice(("16:30", "17:00", "17:30", "18:00"))
        schedule = {day: [f"{start}-{end}"] for day in rng.sample(DAYS, rng.randint(4, 7))}
    return schedule


def profile(rng: random.Random, unknown: float = 0.04) -> dict[str, Any]:
    """One well-formed kraamzorg profile; a share ``unknown`` of its facts is unknown."""
    facts: dict[str, Any] = {}
    for key, yes in BOOL_FACTS:
        _maybe(rng, facts, key, rng.random() < yes, unknown)
    _maybe(rng, facts, "kraamzorg.certificate", rng.choice(CERTIFICATES), unknown)
    _maybe(rng, facts, "common.phone_hours", _schedule(rng, OFFICE_HOURS), unknown)
    _maybe(rng, facts, "common.emergency_phone_hours", _schedule(rng, EMERGENCY_HOURS), unknown)
    _maybe(rng, facts, "digitalisering.digital_care_path_share",
           round(rng.uniform(0.2, 0.7), 2), unknown)
    _maybe(rng, facts, "digitalisering.digital_patient_share",
           round(rng.uniform(0.08, 0.5), 3), unknown)
    _maybe(rng, facts, "kraamzorg.zzp_share", round(rng.uniform(0.0, 0.3), 2), unknown)
    _maybe(rng, facts, "kraamzorg.indicator_18", round(rng.uniform(0.6, 1.0), 2), unknown)
    if rng.random() < 0.01:
        facts["common.fraud_suspicion"] = True
    submitted = (None if rng.random() < 0.08 else
                 _day(rng, date(2023, 9, 1), date(2023, 10, 15)) if rng.random() < 0.85 else
                 _day(rng, date(2023, 10, 16), date(2025, 12, 31)))
    signed = None if rng.random() < 0.5 else _day(rng, date(2023, 10, 1), date(2023, 11, 10))
    application = {"contract": CONTRACT, "submitted_on": submitted, "signed_on": signed,
                   "existing_contract": rng.random() < 0.1}
    prefix = "33" if rng.random() < 0.96 else rng.choice(("01", "02", "30", "31"))
    data: dict[str, Any] = {"agb_code": f"{prefix}{rng.randrange(10**6):06d}"}
    if rng.random() < 0.9:
        data["name"] = f"{rng.choice(NAMES)} {rng.randrange(1, 500)}"
    data["applications"] = [application]
    data["facts"] = facts
    return data


def _truncated(rng: random.Random, data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text[: rng.randrange(1, len(text) - 1)]


def _set(key: str, value: object) -> Callable[[random.Random, dict[str, Any]], str]:
    def breaker(rng: random.Random, data: dict[str, Any]) -> str:
        data["facts"][key] = value
        return json.dumps(data, ensure_ascii=False)
    return breaker


def _top(key: str, value: object) -> Callable[[random.Random, dict[str, Any]], str]:
    def breaker(rng: random.Random, data: dict[str, Any]) -> str:
        if value is KeyError:
            data.pop(key, None)
        else:
            data[key] = value
        return json.dumps(data, ensure_ascii=False)
    return breaker


def _contract(rng: random.Random, data: dict[str, Any]) -> str:
    data["applications"][0]["contract"] = "geboortezorg.kraam"
    return json.dumps(data, ensure_ascii=False)


#: The ways a line breaks, each equally likely among the broken lines.
BREAKERS: tuple[Callable[[random.Random, dict[str, Any]], str], ...] = (
    _truncated,
    _set("kraamzorg.zzp_share", 1.7),
    _set("kraamzorg.zzp_shar", 0.1),
    _set("common.phone_hours", {"mon": ["9-17"], "tue": ["09:00-17:00"]}),
    _set("kraamzorg.certificate", "ISO9001"),
    _set("kraamzorg.trains_new_staff", "yes"),
    _top("agb_code", 33012345),
    _top("applications", KeyError),
    _top("website", "https://example.org"),
    _contract,
    lambda rng, data: "",  # a blank line
)


def lines(count: int, seed: int = 7, broken: float = 0.02,
          unknown: float = 0.04) -> Iterator[str]:
    """``count`` JSONL lines (without newlines), the same for the same arguments."""
    rng = random.Random(seed)
    for _ in range(count):
        data = profile(rng, unknown)
        if rng.random() < broken:
            yield rng.choice(BREAKERS)(rng, data)
        else:
            yield json.dumps(data, ensure_ascii=False)


def write(target: TextIO, count: int, seed: int = 7, broken: float = 0.02,
          unknown: float = 0.04) -> None:
    """Write ``count`` lines to ``target``."""
    for line in lines(count, seed, broken, unknown):
        target.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("count", type=int, help="number of lines")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--broken", type=float, default=0.02, help="share of broken lines")
    parser.add_argument("--unknown", type=float, default=0.04, help="share of unknown facts")
    parser.add_argument("--output", default="-", help="file to write, or - (default)")
    args = parser.parse_args(argv)
    if args.output == "-":
        write(sys.stdout, args.count, args.seed, args.broken, args.unknown)
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            write(handle, args.count, args.seed, args.broken, args.unknown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
