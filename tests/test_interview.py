"""``caresq interview`` driven through a pipe, as a script or a test harness drives it."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Final

import pytest

import caresq
from caresq.interview import parse_answer
from tests.geboortezorg_helpers import ON

#: How a provider that meets everything answers each kraamzorg question, as typed text.
MEETING: Final = {
    "kraamzorg.bo_geboortezorg_member": "yes",
    "kraamzorg.all_vsv_in_area": "ja",
    "kraamzorg.certificate": "HKZ",
    "geboortezorg.uses_lip_or_klim": "yes",
    "common.phone_hours": "mon-fri 08:30-17:30",
    "kraamzorg.provides_partus_assistance": "yes",
    "common.emergency_phone_hours": "24/7",
    "common.vecozo_claims": "yes",
    "common.vecozo_certificates": "yes",
    "digitalisering.care_mapped": "yes",
    "digitalisering.digital_care_path_share": "30%",
    "digitalisering.digital_patient_share": "0.12",
    "kraamzorg.trains_new_staff": "yes",
    "kraamzorg.client_experience_survey": "yes",
    "kraamzorg.zzp_share": "0.1",
    "kraamzorg.indicator_18": "0.9",
}
COMMAND: Final = [sys.executable, "-m", "caresq", "interview", "geboortezorg.kraamzorg",
                  "--on", ON.isoformat()]


def answer_each_question(process: subprocess.Popen[str]) -> tuple[list[str], list[str]]:
    """Answer the questions as they come, reading the fact id of each; give one bad answer."""
    assert process.stdin is not None
    assert process.stdout is not None
    asked: list[str] = []
    transcript: list[str] = []
    rejected = False
    process.stdin.write("1234\n33012345\n")  # a bad AGB code is asked again
    process.stdin.flush()
    for line in process.stdout:
        transcript.append(line)
        header = line.strip().split(" (")[0]
        if header in MEETING and line.startswith(header):
            if header == "kraamzorg.zzp_share" and not rejected:
                answer, rejected = "1.7", True  # out of range: the reader's message, re-asked
            else:
                answer = MEETING[header]
                asked.append(header)
            process.stdin.write(answer + "\n")
            process.stdin.flush()
    process.stdin.close()
    return asked, transcript


def test_an_interview_through_a_pipe_reaches_a_settled_outcome_that_assess_confirms(
        tmp_path: Path, engine: caresq.Engine) -> None:
    output = tmp_path / "profile.json"
    with subprocess.Popen([*COMMAND, "--output", str(output)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as process:
        watchdog = threading.Timer(120, process.kill)
        watchdog.start()
        asked, transcript = answer_each_question(process)
        code = process.wait()
        watchdog.cancel()
    text = "".join(transcript)
    assert code == 0, text
    assert 'agb_code: "1234" is not an 8-digit AGB code' in text
    assert 'facts["kraamzorg.zzp_share"]: 1.7 is not a fraction in [0, 1]' in text
    assert '"Lidmaatschap van Bo Geboortezorg;"' in text
    assert "Settled: no question left" in text
    assert asked[0] == "kraamzorg.bo_geboortezorg_member"  # what can refuse it comes first
    assert asked.index("kraamzorg.trains_new_staff") > asked.index("common.vecozo_claims")
    assert len(asked) == len(set(asked))
    result = engine.assess(json.loads(output.read_text()), on=ON).results[0]
    assert (result.status, result.variant) == (caresq.Status.ELIGIBLE, "A")
    assessed = subprocess.run([sys.executable, "-m", "caresq", "assess", str(output), "--on",
                               ON.isoformat()], capture_output=True, text=True, check=True)
    assert "geboortezorg.kraamzorg: ELIGIBLE, variant A" in assessed.stdout


def test_an_interview_ends_cleanly_when_the_input_ends(tmp_path: Path) -> None:
    finished = subprocess.run(COMMAND, input="33012345\nno\n", capture_output=True, text=True,
                              timeout=120)
    assert finished.returncode == 0
    assert "Traceback" not in finished.stderr
    profile = json.loads(finished.stdout)  # the profile alone on standard output
    assert profile["facts"] == {"kraamzorg.bo_geboortezorg_member": False}
    assert "Settled" in finished.stderr  # not a member: refused whatever else is answered


def test_an_interview_without_answers_writes_no_profile() -> None:
    finished = subprocess.run(COMMAND, input="", capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0
    assert finished.stdout == ""
    assert "no profile written" in finished.stderr


def test_an_interview_starts_from_a_profile_and_asks_only_what_is_left(tmp_path: Path) -> None:
    start = tmp_path / "start.json"
    start.write_text(json.dumps({
        "agb_code": "33012345", "applications": [{"contract": "geboortezorg.kraamzorg"}],
        "facts": {"kraamzorg.bo_geboortezorg_member": True, "kraamzorg.all_vsv_in_area": True}}))
    finished = subprocess.run([*COMMAND, "--profile", str(start)], input="skip\n",
                              capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0
    assert "kraamzorg.bo_geboortezorg_member (" not in finished.stderr
    assert finished.stderr.count("kraamzorg.certificate (enum") == 1  # skipped, not asked again


def test_answers_are_read_as_a_person_types_them(engine: caresq.Engine) -> None:
    facts = engine.facts
    assert parse_answer(facts["kraamzorg.zzp_share"], "15%") == 0.15
    assert parse_answer(facts["kraamzorg.zzp_share"], " 0.2 ") == 0.2
    assert parse_answer(facts["common.vecozo_claims"], "Ja") is True
    assert parse_answer(facts["common.vecozo_claims"], "nee") is False
    assert parse_answer(facts["igo.parties"], "kraamzorg, hospital") == ["kraamzorg", "hospital"]
    assert parse_answer(facts["common.phone_hours"], "mon-fri 09:00-17:00; sat 10:00-12:00") == {
        **{day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
        "sat": ["10:00-12:00"]}
    assert parse_answer(facts["common.emergency_phone_hours"], "24/7")["sun"] == ["00:00-24:00"]
    assert parse_answer(facts["kraamzorg.certificate"], "HKZ") == "HKZ"


@pytest.mark.parametrize("typed", ["1_5%", "١٥%", "+15%", "inf%", "nan%", "15 %%"])
def test_a_percentage_is_read_as_json_reads_its_number(engine: caresq.Engine, typed: str) -> None:
    # float() would read "1_5" as 15 and "١٥" as 15; the text goes to the reader, which
    # names it as not a number.
    share = engine.facts["kraamzorg.zzp_share"]
    assert parse_answer(share, typed) == typed
    with pytest.raises(caresq.ProfileError, match="is not a number"):
        engine.read_profile({"agb_code": None, "applications": [
            {"contract": "geboortezorg.kraamzorg"}], "facts": {share.id: typed}})


def test_an_interview_asks_only_what_matters_to_its_contract(engine: caresq.Engine) -> None:
    data = {"agb_code": "33012345",
            "applications": [{"contract": "geboortezorg.kraamzorg"},
                             {"contract": "geboortezorg.verloskunde", "existing_contract": True}]}
    interview = engine.interview("geboortezorg.verloskunde", data, on=ON)
    asked = set()
    while (question := interview.question) is not None:
        asked.add(question.fact)
        interview.skip(question.fact)
    verloskunde = set(engine.contract("geboortezorg.verloskunde").questionnaire)
    assert asked
    assert asked <= {fact.id for fact in verloskunde}
    assert "kraamzorg.certificate" not in asked


def test_a_bad_answer_is_refused_with_the_profile_readers_message(
        engine: caresq.Engine) -> None:
    interview = engine.interview("geboortezorg.kraamzorg", agb_code="33012345", on=ON)
    with pytest.raises(caresq.ProfileError) as refused:
        interview.answer("kraamzorg.certificate", "BSI")
    assert refused.value.errors == (
        'facts["kraamzorg.certificate"]: "BSI" is not one of NEN-EN, ISO, HKZ, none',)
    assert "kraamzorg.certificate" not in interview.profile_json()["facts"]
    interview.answer("kraamzorg.certificate", "none")
    assert interview.settled  # no certificate: refused whatever else is answered
