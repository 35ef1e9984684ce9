"""Bad input: every problem named by its path, exit code 2, never a traceback (SPEC §3)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.profile import profile_to_json

GOOD = {
    "agb_code": "33012345",
    "name": "Kraamzorg De Ooievaar B.V.",
    "applications": [{"contract": "geboortezorg.kraamzorg", "submitted_on": "2023-10-02",
                      "signed_on": None, "existing_contract": False}],
    "facts": {"kraamzorg.bo_geboortezorg_member": True, "kraamzorg.zzp_share": 0.12},
}


def _with(**changes: object) -> dict[str, object]:
    profile = json.loads(json.dumps(GOOD))
    profile.update(changes)
    return profile


def _facts(**facts: object) -> dict[str, object]:
    return _with(facts={key.replace("__", "."): value for key, value in facts.items()})


# (case, profile text, every expected "path: message" fragment)
BAD_INPUTS = [
    ("not JSON", "{agb_code: 1}", ["not valid JSON (line 1 column 2)"]),
    ("empty file", "", ["empty input"]),
    ("blank file", "  \n", ["empty input"]),
    ("array instead of object", "[1, 2]", ["expected a JSON object, got an array"]),
    ("very deep nesting", "[" * 100_000 + "]" * 100_000, ["nested too deeply"]),
    ("deep value in a fact", json.dumps(_facts(kraamzorg__zzp_share=[[[[[[[0.1]]]]]]])),
     ['facts["kraamzorg.zzp_share"]: an array is not a number']),
    ("NaN", json.dumps(GOOD).replace("0.12", "NaN"), ["NaN is not a JSON number"]),
    ("impossible date",
     json.dumps(_with(applications=[{"contract": "geboortezorg.kraamzorg",
                                     "submitted_on": "2023-02-30"}])),
     ['applications[0].submitted_on: "2023-02-30" is not a real date']),
    ("date in another format",
     json.dumps(_with(applications=[{"contract": "geboortezorg.kraamzorg",
                                     "signed_on": "02-10-2023"}])),
     ['applications[0].signed_on: "02-10-2023" is not a date (YYYY-MM-DD)']),
    ("fraction out of range", json.dumps(_facts(kraamzorg__zzp_share=1.7)),
     ['facts["kraamzorg.zzp_share"]: 1.7 is not a fraction in [0, 1]']),
    ("wrong type", json.dumps(_facts(kraamzorg__bo_geboortezorg_member="yes")),
     ['facts["kraamzorg.bo_geboortezorg_member"]: "yes" is not true or false']),
    ("enum outside its choices", json.dumps(_facts(kraamzorg__certificate="ISO 9001")),
     ['facts["kraamzorg.certificate"]: "ISO 9001" is not one of NEN-EN, ISO, HKZ, none']),
    ("unknown fact id", json.dumps(_facts(kraamzorg__zzp_shar=0.1)),
     ['facts["kraamzorg.zzp_shar"]: unknown fact id; did you mean "kraamzorg.zzp_share"?']),
    ("unknown contract id",
     json.dumps(_with(applications=[{"contract": "geboortezorg.kraamzorgg"}])),
     ['applications[0].contract: "geboortezorg.kraamzorgg" is not a known contract']),
    ("unknown top-level key", json.dumps(_with(provider="x")),
     ["unknown key(s) provider; allowed: agb_code, name, applications, facts"]),
    ("unknown application key",
     json.dumps(_with(applications=[{"contract": "geboortezorg.kraamzorg", "signed": None}])),
     ["applications[0]: unknown key(s) signed"]),
    ("AGB code as a number", json.dumps(_with(agb_code=33012345)),
     ["agb_code: 33012345 is not an 8-digit AGB code (a string)"]),
    ("no applications", json.dumps(_with(applications=[])),
     ["applications: must name at least one application"]),
    ("applications as a string", json.dumps(_with(applications="kraamzorg")),
     ['applications: "kraamzorg" is not a list of applications']),
    ("missing agb_code", json.dumps({"applications": GOOD["applications"]}),
     ["agb_code: required"]),
    ("a schedule that ends before it starts",
     json.dumps(_facts(common__phone_hours={"mon": ["17:00-09:00"]})),
     ['facts["common.phone_hours"]["mon"][0]: ']),
    ("several errors at once",
     json.dumps({"agb_code": "123", "applications": [{"contract": "x.y", "submitted_on": 5}],
                 "extra": 1, "facts": {"kraamzorg.zzp_share": -0.1, "nope": True}}),
     ["agb_code: ", "applications[0].contract: ", "applications[0].submitted_on: ",
      "unknown key(s) extra", 'facts["kraamzorg.zzp_share"]: -0.1 is not a fraction',
      'facts["nope"]: unknown fact id']),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_a_profile_error_naming_every_problem(
        engine: caresq.Engine, text: str, expected: list[str]) -> None:
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile_json(text)
    for fragment in expected:
        assert any(fragment in line for line in caught.value.errors), caught.value.errors
    assert len(caught.value.errors) >= len(expected)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_the_command_line_prints_every_problem_and_exits_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str,
        expected: list[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["assess", str(path), "--on", "2023-10-20"])
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.out == ""
    for fragment in expected:
        assert fragment in captured.err


def test_a_missing_file_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["assess", "does/not/exist.json"])
    assert exit_.value.code == 2
    assert "no such file: does/not/exist.json" in capsys.readouterr().err


def test_an_unknown_year_exits_2_naming_the_years(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["assess", str(path), "--year", "2031"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "no policy for contract year 2031" in err
    assert "2024" in err


def test_a_bad_reference_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["assess", "-", "--on", "2023-13-01"])
    assert exit_.value.code == 2
    assert "is not a real date" in capsys.readouterr().err


def test_a_null_fact_is_unknown_not_false(engine: caresq.Engine) -> None:
    profile = engine.read_profile(_facts(kraamzorg__bo_geboortezorg_member=None))
    assert "kraamzorg.bo_geboortezorg_member" not in profile.facts
    finding = next(f for f in engine.assess(profile, on=date(2023, 10, 20)).results[0].findings
                   if f.condition == "kraamzorg.bo_geboortezorg_member")
    assert finding.outcome is caresq.Outcome.UNKNOWN


def test_a_profile_survives_a_json_round_trip(engine: caresq.Engine) -> None:
    profile = engine.read_profile(_facts(
        common__phone_hours={"mon": ["09:00-12:30", "12:30-17:00"]},
        kraamzorg__certificate="HKZ", kraamzorg__zzp_share=0.15))
    again = engine.read_profile(json.loads(json.dumps(profile_to_json(profile, engine.facts))))
    assert again == profile


def test_a_python_mapping_is_read_like_json(engine: caresq.Engine) -> None:
    assessment = engine.assess(GOOD, on=date(2023, 10, 20))
    assert assessment.agb_code == "33012345"
    assert assessment.reference_date == date(2023, 10, 20)


@pytest.mark.parametrize(("text", "message"), [
    ("null", "expected a JSON object, got null"),
    ('{"agb_code": "33012345", "applications": null}',
     "applications: null is not a list of applications"),
    ('{"agb_code": "33012345", "applications": [{"contract": "geboortezorg.kraamzorg", '
     '"existing_contract": null}]}',
     "applications[0].existing_contract: null is not true or false"),
])
def test_a_null_is_named_as_the_profile_writes_it(text: str, message: str) -> None:
    with pytest.raises(caresq.ProfileError) as caught:
        caresq.Engine.default().read_profile_json(text)
    assert caught.value.errors == (message,)
