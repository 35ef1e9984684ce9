"""The benchmark's yardsticks stay true to caresq, so their figures keep meaning what they say.

``benchmarks/baseline.py`` (the validating script) must write caresq's bytes for every line
caresq assesses and refuse the lines caresq refuses; ``benchmarks/lean.py`` (the quickest
script, a smaller result) must reach caresq's decisions. Both run as the scripts they are, on
generated lines and on a few written to reach the corners of the rules. Nothing here times
anything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from caresq.cli import main as caresq_main

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
KRAAMZORG = "geboortezorg.kraamzorg"
WORKDAYS = ("mon", "tue", "wed", "thu", "fri")
DAYS = (*WORKDAYS, "sat", "sun")


def _profile(**changes: Any) -> dict[str, Any]:
    """A kraamzorg profile of the regular round meeting every requirement, with ``changes``:
    ``facts`` merged into its facts, ``application`` into its application, others replaced."""
    facts: dict[str, Any] = {
        "kraamzorg.bo_geboortezorg_member": True, "kraamzorg.all_vsv_in_area": True,
        "kraamzorg.certificate": "HKZ", "geboortezorg.uses_lip_or_klim": True,
        "common.phone_hours": {day: ["09:00-17:00"] for day in WORKDAYS},
        "kraamzorg.provides_partus_assistance": True,
        "common.emergency_phone_hours": {day: ["00:00-24:00"] for day in DAYS},
        "common.vecozo_claims": True, "common.vecozo_certificates": True,
        "digitalisering.care_mapped": True, "digitalisering.digital_care_path_share": 0.25,
        "digitalisering.digital_patient_share": 0.1, "kraamzorg.trains_new_staff": True,
        "kraamzorg.zzp_share": 0.15, "kraamzorg.indicator_18": 0.85}
    facts.update(changes.pop("facts", {}))
    application = {"contract": KRAAMZORG, "submitted_on": "2023-10-01"}
    application.update(changes.pop("application", {}))
    return {"agb_code": "33123456", "name": "Kraamzorg Één", "applications": [application],
            "facts": facts} | changes


#: Lines for the corners the generator seldom or never reaches.
WRITTEN = [json.dumps(profile, ensure_ascii=False) for profile in (
    _profile(),
    _profile(agb_code=None),
    _profile(application={"existing_contract": True}),
    _profile(application={"existing_contract": True, "signed_on": "2023-11-05"}),
    _profile(application={"existing_contract": True, "submitted_on": "2023-12-05"}),
    _profile(application={"submitted_on": "2025-12-15"}),
    _profile(application={"submitted_on": None}),
    _profile(facts={"geboortezorg.informs_care_choice": True, "kraamzorg.employed_staff": False,
                    "kraamzorg.zzp_share": 1, "kraamzorg.indicator_18": 0.8500001,
                    "digitalisering.digital_care_path_share": 1e-07}),
    _profile(facts={"common.phone_hours": {"mon": ["08:00-20:00"]},
                    "common.emergency_phone_hours": {"mon": ["00:00-08:00", "20:00-24:00"]}}),
    _profile(facts={"common.phone_hours": {day: ["00:00-24:00"] for day in DAYS},
                    "common.emergency_phone_hours": None}),
    _profile(facts={"common.emergency_phone_hours": None}),
    _profile(facts={"kraamzorg.provides_partus_assistance": None}),
    _profile(facts={"common.fraud_suspicion": True, "kraamzorg.certificate": "none"}),
)] + [
    "\ufeff" + json.dumps(_profile()),
    json.dumps(_profile()).replace('"kraamzorg.zzp_share": 0.15', '"kraamzorg.zzp_share": NaN'),
    json.dumps(_profile()).replace('"name": ', '"name": "A", "name": '),
    json.dumps(_profile(application={"submitted_on": "1899-12-31"})),
    json.dumps(_profile(facts={"common.phone_hours": {"mon": ["24:00-24:00"]}})),
    json.dumps(_profile(application={"existing_contract": None})),
]


def _generated(count: int, seed: int) -> list[str]:
    done = subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), str(count), "--seed",
                           str(seed), "--broken", "0.05"],
                          check=True, capture_output=True, text=True)
    return done.stdout.splitlines()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("yardsticks") / "in.jsonl"
    path.write_text("\n".join([*_generated(200, seed=11), *WRITTEN]) + "\n", encoding="utf-8")
    return path


def _caresq(source: Path, on: str) -> list[bytes]:
    target = source.with_name(f"caresq-{on}.jsonl")
    caresq_main(["assess", "--batch", str(source), "--on", on, "--output", str(target)])
    return target.read_bytes().splitlines()


def _script(name: str, source: Path, on: str) -> list[bytes]:
    target = source.with_name(f"{name}-{on}.jsonl")
    subprocess.run([sys.executable, str(BENCHMARKS / f"{name}.py"), str(source), "--on", on,
                    "--output", str(target)], capture_output=True, check=False)
    return target.read_bytes().splitlines()


def _refused(line: bytes) -> bool:
    return line.startswith(b'{"line": ')


#: Before the questionnaire deadline; between it and the signing deadline; after both (a
#: profile without the dates is then unknown); after the contract period (warnings).
DATES = ("2023-10-01", "2023-10-20", "2024-02-01", "2026-03-01")


@pytest.mark.parametrize("on", DATES)
def test_the_validating_baseline_writes_caresqs_bytes_and_refuses_what_caresq_refuses(
        source: Path, on: str) -> None:
    theirs, ours = _caresq(source, on), _script("baseline", source, on)
    assert len(ours) == len(theirs) == 200 + len(WRITTEN)
    for number, (mine, line) in enumerate(zip(ours, theirs, strict=True), 1):
        assert _refused(mine) == _refused(line), f"line {number}: {line[:120]!r}"
        if not _refused(line):
            assert mine == line, f"line {number}"
    refused = sum(map(_refused, theirs))
    assert 6 <= refused < len(theirs) / 2  # both kinds of line were compared


@pytest.mark.parametrize("on", DATES)
def test_the_lean_script_decides_as_caresq_on_every_line_caresq_assesses(
        source: Path, on: str) -> None:
    theirs, ours = _caresq(source, on), _script("lean", source, on)
    assert len(ours) == len(theirs)
    seen = set()
    for number, (mine, line) in enumerate(zip(ours, theirs, strict=True), 1):
        if _refused(line):
            continue
        record, result = json.loads(mine), json.loads(line)["results"][0]
        decided = {key: result[key] for key in ("status", "variant", "variant_best_case",
                                                "period")}
        assert {key: record.get(key) for key in decided} == decided, f"line {number}"
        assert len(record["findings"]) == 18
        seen.add(result["status"])
    assert {"ineligible", "incomplete"} <= seen  # the decisions compared were not all alike
