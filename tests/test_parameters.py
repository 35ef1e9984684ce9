"""Policy parameters: declared as data, overridable, checked, and shown in force."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import caresq
from caresq.cli import main
from tests.plugins import fysio, yearly

SPEC_PARAMETERS = {
    "kraamzorg.max_zzp_share": ("fraction", 0.15),
    "kraamzorg.min_indicator_18": ("fraction", 0.85),
    "digitalisering.min_care_path_share": ("fraction", 0.25),
    "digitalisering.min_patient_share": ("fraction", 0.10),
    "zbc.mobility_plan_min_fte": ("number", 100),
    "kraamzorg.questionnaire_deadline": ("date", date(2023, 10, 15)),
    "kraamzorg.signing_deadline": ("date", date(2023, 11, 1)),
    "igo.registration_deadline": ("date", date(2023, 8, 1)),
    "zbc.registration_deadline": ("date", date(2024, 9, 1)),
    "zbc.signing_deadline": ("date", date(2024, 11, 11)),
    "prenatale.max_diagnostic_ultrasounds": ("integer", None),
    # beyond the list: every date of the policy
    "geboortezorg.late_offers_from": ("date", date(2024, 1, 1)),
    "geboortezorg.publication_from": ("date", date(2023, 11, 12)),
    "toeslag.send_within_months": ("integer", 1),
    "zbc.publication_from": ("date", date(2024, 11, 12)),
}


def kraamzorg(**facts: object) -> dict[str, object]:
    return {"agb_code": "33012345",
            "applications": [{"contract": "geboortezorg.kraamzorg",
                              "submitted_on": "2023-10-02"}],
            "facts": facts}


def finding(assessment: caresq.Assessment, condition: str) -> caresq.Finding:
    return next(f for f in assessment.results[0].findings if f.condition == condition)


def test_the_bundled_plugins_declare_every_listed_parameter_with_its_value(
        engine: caresq.Engine) -> None:
    declared = {p.id: p for p in engine.parameters()}
    for pid, (kind, value) in SPEC_PARAMETERS.items():
        assert declared[pid].type == kind
        assert declared[pid].value == value
        assert declared[pid].text
        assert declared[pid].citation.document.startswith("Inkoopbeleid")


def test_parameters_of_one_care_type(engine: caresq.Engine) -> None:
    ids = {p.id for p in engine.parameters("zbc")}
    assert ids == {"zbc.mobility_plan_min_fte", "zbc.registration_deadline",
                   "zbc.signing_deadline", "zbc.publication_from"}
    with pytest.raises(caresq.PolicyNotFound, match="fysio"):
        caresq.Engine(plugins=[fysio]).parameters("nonexistent")


def test_an_override_reaches_the_rule_and_the_reason_shows_the_value_in_force(
        engine: caresq.Engine) -> None:
    profile = kraamzorg(**{"kraamzorg.zzp_share": 0.18})
    before = finding(engine.assess(profile, on=date(2023, 10, 20)), "kraamzorg.zzp_share")
    changed = caresq.Engine.default(parameters={"kraamzorg.max_zzp_share": 0.20})
    after = finding(changed.assess(profile, on=date(2023, 10, 20)), "kraamzorg.zzp_share")
    assert before.outcome is caresq.Outcome.UNMET
    assert "0.15" in before.reason
    assert after.outcome is caresq.Outcome.MET
    assert after.reason == "zzp share 0.18 is at most 0.2"
    assert "0.20" in (after.reading or "")


def test_with_parameters_never_changes_the_baseline(engine: caresq.Engine) -> None:
    profile = kraamzorg(**{"kraamzorg.indicator_18": 0.87})
    print_before = engine.fingerprint("geboortezorg.kraamzorg")
    first = engine.assess(profile, on=date(2023, 10, 20))
    stricter = engine.with_parameters({"kraamzorg.min_indicator_18": 0.90})
    assert finding(stricter.assess(profile, on=date(2023, 10, 20)),
                   "kraamzorg.indicator_18").outcome is caresq.Outcome.UNMET
    assert engine.assess(profile, on=date(2023, 10, 20)) == first
    assert engine.overrides == {}
    assert stricter.overrides == {"kraamzorg.min_indicator_18": 0.90}
    assert engine.fingerprint("geboortezorg.kraamzorg") == print_before
    assert stricter.contract("geboortezorg.kraamzorg") != engine.contract("geboortezorg.kraamzorg")


def test_with_parameters_adds_to_the_overrides_already_in_force(engine: caresq.Engine) -> None:
    both = engine.with_parameters({"kraamzorg.max_zzp_share": 0.2}).with_parameters(
        {"zbc.mobility_plan_min_fte": "150"})
    assert both.overrides == {"kraamzorg.max_zzp_share": 0.2, "zbc.mobility_plan_min_fte": 150.0}


def test_a_date_parameter_moves_the_late_route(engine: caresq.Engine) -> None:
    late = kraamzorg()
    late["applications"] = [{"contract": "geboortezorg.kraamzorg", "submitted_on": "2023-10-20"}]
    assert engine.assess(late, on=date(2023, 10, 25)).results[0].offer.route == "late request"
    later = engine.with_parameters({"kraamzorg.questionnaire_deadline": "2023-10-31"})
    result = later.assess(late, on=date(2023, 10, 25)).results[0]
    assert result.offer.route == "regular round"
    assert result.deadlines[0].due == date(2023, 10, 31)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"kraamzorg.max_zzp": 0.2}, "kraamzorg.max_zzp: no policy declares it; did you mean "
                                 "kraamzorg.max_zzp_share?"),
    ({"kraamzorg.max_zzp_share": 1.2}, "kraamzorg.max_zzp_share: 1.2 is not a fraction"),
    ({"kraamzorg.max_zzp_share": True}, "kraamzorg.max_zzp_share: true is not a fraction"),
    ({"kraamzorg.max_zzp_share": "much"}, 'kraamzorg.max_zzp_share: "much" is not a fraction'),
    ({"kraamzorg.signing_deadline": "2023-02-30"}, "kraamzorg.signing_deadline: "
                                                   '"2023-02-30" is not a real date'),
    ({"prenatale.max_diagnostic_ultrasounds": 2.5}, "prenatale.max_diagnostic_ultrasounds: "
                                                    "2.5 is not a whole number"),
    ({"zbc.mobility_plan_min_fte": float("nan")}, "zbc.mobility_plan_min_fte: NaN is not a "
                                                  "finite number"),
])
def test_a_bad_override_is_an_error_naming_the_parameter(overrides: dict[str, object],
                                                         message: str) -> None:
    with pytest.raises(caresq.ParameterError) as raised:
        caresq.Engine.default(parameters=overrides)
    assert message in str(raised.value)
    assert raised.value.parameter == next(iter(overrides))


def test_the_value_the_text_does_not_give_can_be_set(engine: caresq.Engine) -> None:
    note = "prenatale_screening.max_diagnostic_ultrasounds"
    profile = {"agb_code": "30012345", "applications": [
        {"contract": "geboortezorg.prenatale_screening", "existing_contract": True}]}
    unset = finding(engine.assess(profile, on=date(2024, 3, 1)), note)
    assert unset.outcome is caresq.Outcome.UNKNOWN
    three = engine.with_parameters({"prenatale.max_diagnostic_ultrasounds": "3"})
    assert "at most 3 diagnostic ultrasounds" in finding(
        three.assess(profile, on=date(2024, 3, 1)), note).reason


def test_a_plugin_without_the_parameters_argument_keeps_working() -> None:
    engine = caresq.Engine(plugins=[fysio, yearly])
    assert engine.contract("fysio.basis").conditions
    assert [p.id for p in engine.parameters("wijk")] == [yearly.MIN_SCORE] * 2


def test_a_parameter_declared_twice_in_a_policy_names_both_plugins() -> None:
    class Again:
        name = "again"

        @caresq.hookimpl
        def caresq_parameters(self, policy: caresq.Policy) -> list[caresq.Parameter]:
            return yearly.caresq_parameters(policy)

    with pytest.raises(caresq.PluginError, match="declared by both"):
        caresq.Engine(plugins=[yearly, Again()])


def test_a_declared_value_of_the_wrong_type_is_a_plugin_error() -> None:
    with pytest.raises(caresq.PluginError, match="declares a bad value"):
        caresq.Parameter("x.share", "fraction", 2.0, yearly._section(yearly.POLICIES[2030]),
                         "Zin.", "share")


# -- the command line ------------------------------------------------------------------------


def test_caresq_parameters_lists_them_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parameters", "--format", "json", "--set",
                 "kraamzorg.max_zzp_share=0.20"]) == 0
    listed = {item["id"]: item for item in json.loads(capsys.readouterr().out)}
    assert set(SPEC_PARAMETERS) <= set(listed)
    assert listed["kraamzorg.max_zzp_share"]["value"] == 0.2
    assert listed["kraamzorg.max_zzp_share"]["overridden"] is True
    assert listed["kraamzorg.signing_deadline"]["value"] == "2023-11-01"
    assert listed["zbc.signing_deadline"]["policy"]["contract_year"] == 2025


def test_caresq_parameters_as_text_for_one_care_type(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parameters", "--care-type", "zbc"]) == 0
    out = capsys.readouterr().out
    assert "zbc.mobility_plan_min_fte = 100 (number)" in out
    assert "kraamzorg" not in out


@pytest.mark.parametrize("argv", [
    ["assess", "examples/kraamzorg.json", "--set", "kraamzorg.nope=1"],
    ["assess", "examples/kraamzorg.json", "--set", "kraamzorg.max_zzp_share=2"],
    ["calendar", "--care-type", "zbc", "--year", "2025", "--set", "zbc.signing_deadline=soon"],
    ["parameters", "--set", "zbc.mobility_plan_min_fte=many"],
])
def test_a_bad_set_is_exit_2_naming_the_id(argv: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(argv)
    assert ended.value.code == 2
    wrong = next(a for a in argv if "=" in a).partition("=")[0]
    assert f"parameter {wrong}" in capsys.readouterr().err


def test_set_without_an_equals_sign_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["parameters", "--set", "kraamzorg.max_zzp_share"])
    assert ended.value.code == 2
    assert "is not ID=VALUE" in capsys.readouterr().err


def test_assess_with_set_shows_the_value_in_force(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "profile.json"
    source.write_text(json.dumps(kraamzorg(**{"kraamzorg.indicator_18": 0.95})), "utf-8")
    assert main(["assess", str(source), "--on", "2023-10-20", "--format", "json",
                 "--set", "kraamzorg.min_indicator_18=0.99"]) == 0
    result = json.loads(capsys.readouterr().out)["results"][0]
    reason = next(f["reason"] for f in result["findings"]
                  if f["condition"] == "kraamzorg.indicator_18")
    assert reason == "indicator 18 score 0.95 is below the minimum 0.99"


def test_the_earliest_late_start_moves_every_new_request(engine: caresq.Engine) -> None:
    profile = {"agb_code": "30012345", "applications": [
        {"contract": "geboortezorg.verloskunde", "submitted_on": "2023-11-20"}]}
    plain = engine.assess(profile, on=date(2023, 11, 25)).results[0]
    later = engine.with_parameters({"geboortezorg.late_offers_from": "2024-03-01"}).assess(
        profile, on=date(2023, 11, 25)).results[0]
    assert plain.period is not None
    assert plain.period.start == date(2024, 1, 1)
    assert later.period is not None
    assert later.period.start == date(2024, 3, 1)
    assert "the later of 1 March 2024" in next(
        f.reading or "" for f in later.findings
        if f.condition == "verloskunde.start_in_contract_year")


def test_calendar_with_set_moves_the_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--care-type", "zbc", "--year", "2025", "--format", "json",
                 "--set", "zbc.signing_deadline=2024-11-20"]) == 0
    events = {e["key"]: e for e in json.loads(capsys.readouterr().out)}
    assert events["zbc-2025.msz.signing-deadline"]["first"] == "2024-11-20"


def test_batch_with_set_in_worker_processes(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(kraamzorg(**{"kraamzorg.zzp_share": 0.18})) + "\n",
                      encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        assert main(["assess", "--batch", str(source), "--output", str(target), "--on",
                     "2023-10-20", "--jobs", jobs, "--set", "kraamzorg.max_zzp_share=0.2"]) == 0
        outputs.append(target.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert "zzp share 0.18 is at most 0.2" in outputs[0]


@settings(max_examples=25)
@given(limit=st.floats(0, 1), share=st.floats(0, 1))
def test_the_factor_follows_any_maximum_in_force_and_the_baseline_stays(
        engine: caresq.Engine, limit: float, share: float) -> None:
    profile = kraamzorg(**{"kraamzorg.zzp_share": share})
    before = engine.assess(profile, on=date(2023, 10, 20))
    changed = engine.with_parameters({"kraamzorg.max_zzp_share": limit})
    met = finding(changed.assess(profile, on=date(2023, 10, 20)),
                  "kraamzorg.zzp_share").outcome is caresq.Outcome.MET
    assert met == (share <= limit)
    assert engine.assess(profile, on=date(2023, 10, 20)) == before
    assert (changed.fingerprint("geboortezorg.kraamzorg")
            == engine.fingerprint("geboortezorg.kraamzorg")) == (limit == 0.15)


@pytest.mark.parametrize(("parameter", "value"), [
    ("kraamzorg.max_zzp_share", 10**400), ("kraamzorg.max_zzp_share", 1e23),
    ("zbc.mobility_plan_min_fte", 10**20),
    ("zbc.mobility_plan_min_fte", "99999999999999999999999")])
def test_a_number_beyond_2_to_the_53_is_refused_naming_the_parameter(
        engine: caresq.Engine, parameter: str, value: object) -> None:
    # float() of 10**400 overflowed; a record holding such a value could not be replayed
    with pytest.raises(caresq.CaresqError, match=f"parameter {parameter}: .* is beyond \\+-2\\^53"):
        engine.with_parameters({parameter: value})


@pytest.mark.parametrize(("text", "said"), [
    ("9999-01-01", '"9999-01-01" is outside the years 1900 to 2999'),
    ("2024-02-30", '"2024-02-30" is not a real date'),
    ("tomorrow", '"tomorrow" is not a date (YYYY-MM-DD)')])
def test_a_date_parameter_says_what_is_wrong_with_the_date(
        engine: caresq.Engine, text: str, said: str) -> None:
    with pytest.raises(caresq.CaresqError) as refused:
        engine.with_parameters({"kraamzorg.signing_deadline": text})
    assert str(refused.value) == f"parameter kraamzorg.signing_deadline: {said}"
