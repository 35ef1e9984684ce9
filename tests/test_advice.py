"""Advice as a provider relies on it: what to ask, what would reach a contract or a variant."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import caresq
from caresq.advice import Target, TargetError, advice_to_json, parse_target
from caresq.cli import main
from tests.geboortezorg_helpers import ENGINE, ON, profile

KRAAMZORG = "geboortezorg.kraamzorg"
ALLOWED_CERTIFICATES = ("NEN-EN", "ISO", "HKZ")


def advise(data: Mapping[str, Any], on: date = ON, **options: Any) -> dict[str, Any]:
    """The advice JSON for a profile, as a web page or script reads it."""
    return advice_to_json(ENGINE.advise(data, on=on, **options))


def target(result: Mapping[str, Any], status: str, variant: str | None) -> dict[str, Any]:
    found = [t for t in result["targets"] if (t["status"], t["variant"]) == (status, variant)]
    assert len(found) == 1, f"target {status}/{variant} in {result['targets']}"
    return found[0]


def changed_facts(repair: Mapping[str, Any]) -> dict[str, Any]:
    return {change["fact"]: change["to"] for change in repair["changes"]}


# -- repairs --------------------------------------------------------------------------------------


def test_variant_c_with_two_factors_unmet_needs_both_for_a_and_either_for_b() -> None:
    data = profile(KRAAMZORG, {"kraamzorg.zzp_share": 0.2, "kraamzorg.indicator_18": 0.8})
    result = advise(data)["results"][0]
    assert (result["status"], result["variant"]) == ("eligible", "C")
    to_a = target(result, "eligible", "A")
    assert to_a["reachable"] is True
    assert [changed_facts(r) for r in to_a["repairs"]] == [
        {"kraamzorg.zzp_share": 0.15, "kraamzorg.indicator_18": 0.85}]
    to_b = target(result, "eligible", "B")
    assert [changed_facts(r) for r in to_b["repairs"]] == [
        {"kraamzorg.zzp_share": 0.15}, {"kraamzorg.indicator_18": 0.85}]
    assert all(r["variant"] == "B" for r in to_b["repairs"])
    zzp = to_b["repairs"][0]["changes"][0]
    assert zzp == {"fact": "kraamzorg.zzp_share", "from": 0.2, "to": 0.15,
                   "condition": "kraamzorg.zzp_share", "says": "at most 0.15"}


def test_an_ineligible_kraamzorg_lacking_only_the_certificate_gets_one_repair() -> None:
    result = advise(profile(KRAAMZORG, {"kraamzorg.certificate": "none"}))["results"][0]
    assert result["status"] == "ineligible"
    to_eligible = target(result, "eligible", None)
    assert to_eligible["reachable"] is True
    [repair] = to_eligible["repairs"]
    [change] = repair["changes"]
    assert change["fact"] == "kraamzorg.certificate"
    assert change["from"] == "none"
    assert change["to"] in ALLOWED_CERTIFICATES
    assert repair["status"] == "eligible"


def test_fraud_suspicion_on_record_makes_eligible_unreachable() -> None:
    result = advise(profile(KRAAMZORG, {"common.fraud_suspicion": True}))["results"][0]
    assert result["status"] == "ineligible"
    to_eligible = target(result, "eligible", None)
    assert to_eligible["reachable"] is False
    assert to_eligible["repairs"] == []
    assert "common.fraud_suspicion" in to_eligible["reason"]
    assert all(q["fact"] != "common.fraud_suspicion" for q in result["questions"])


def test_a_late_request_gets_no_repair_that_moves_a_date_into_the_past() -> None:
    # The agreement was made on 10 January 2024 and sent on 1 March: too late. On 5 March a
    # repair could only send it again from today, which is past the one-month window.
    data = profile("geboortezorg.toeslag_bereikbaarheid",
                   {"toeslag.preferred_insurer_agreement_on": "2024-01-10",
                    "toeslag.sent_to_caresq_on": "2024-03-01"})
    result = advise(data, on=date(2024, 3, 5))["results"][0]
    assert result["status"] == "ineligible"
    to_eligible = target(result, "eligible", None)
    assert to_eligible["reachable"] is False
    assert "toeslag_bereikbaarheid.sent_within_one_month" in to_eligible["reason"]


def test_an_unsent_agreement_is_repaired_by_sending_it_from_the_reference_date_on() -> None:
    data = profile("geboortezorg.toeslag_bereikbaarheid",
                   {"toeslag.preferred_insurer_agreement_on": "2024-01-10",
                    "toeslag.sent_to_caresq_on": None})
    on = date(2024, 1, 20)
    result = advise(data, on=on)["results"][0]
    [repair] = target(result, "eligible", None)["repairs"]
    assert changed_facts(repair) == {"toeslag.sent_to_caresq_on": "2024-01-20"}


def test_a_late_kraamzorg_questionnaire_aims_at_review_and_keeps_its_dates() -> None:
    data = profile(KRAAMZORG, {"kraamzorg.certificate": "none"}, submitted_on="2023-11-20",
                   signed_on=None)
    result = advise(data, on=date(2023, 11, 25))["results"][0]
    assert result["status"] == "ineligible"
    to_review = target(result, "review", None)
    assert [changed_facts(r) for r in to_review["repairs"]] == [{"kraamzorg.certificate": "NEN-EN"}]
    eligible = advise(data, on=date(2023, 11, 25), targets=["eligible"])["results"][0]
    assert eligible["targets"][0]["reachable"] is False
    assert "late request" in eligible["targets"][0]["reason"]


def test_a_lapsed_signature_cannot_be_repaired() -> None:
    data = profile(KRAAMZORG, signed_on="2023-11-02")
    result = advise(data, on=date(2023, 11, 10))["results"][0]
    assert result["status"] == "ineligible"
    to_eligible = target(result, "eligible", None)
    assert to_eligible["reachable"] is False
    assert "kraamzorg.signing_deadline" in to_eligible["reason"]


def test_more_blocking_conditions_than_max_changes_is_unreachable_with_the_reason() -> None:
    data = {"agb_code": "33012345", "applications": [{"contract": KRAAMZORG}]}
    result = advise(data, max_changes=2)["results"][0]
    to_eligible = target(result, "eligible", None)
    assert to_eligible["reachable"] is False
    assert "at most 2 changes" in to_eligible["reason"]


def test_a_reached_target_says_so() -> None:
    result = advise(profile(KRAAMZORG), targets=["variant=B"])["results"][0]
    assert result["variant"] == "A"
    assert result["targets"] == [{"status": "eligible", "variant": "B", "reachable": True,
                                  "repairs": [], "reason": "reached already",
                                  "truncated": False}]


def test_an_eligible_variant_a_has_nothing_to_reach_and_nothing_to_ask() -> None:
    result = advise(profile(KRAAMZORG))["results"][0]
    assert (result["status"], result["variant"]) == ("eligible", "A")
    assert result["targets"] == []
    assert result["questions"] == []


def test_targets_are_read_from_text_and_a_variant_nobody_offers_is_an_error() -> None:
    assert parse_target("variant=A") == Target(None, "A")
    assert parse_target("eligible") == Target(caresq.Status.ELIGIBLE, None)
    with pytest.raises(TargetError, match="not a target"):
        parse_target("best")
    with pytest.raises(TargetError, match="variant 'Z'"):
        ENGINE.advise(profile(KRAAMZORG), on=ON, targets=["variant=Z"])


def test_the_evaluation_bound_is_reported_as_truncated() -> None:
    data = {"agb_code": "33012345", "applications": [{"contract": KRAAMZORG}]}
    advice = ENGINE.advise(data, on=ON, max_evaluations=5)
    assert advice.truncated is True
    assert advice_to_json(advice)["truncated"] is True


# -- questions ------------------------------------------------------------------------------------


def test_questions_on_a_blank_kraamzorg_profile_put_what_decides_the_status_first() -> None:
    data = {"agb_code": "33012345", "applications": [{"contract": KRAAMZORG}]}
    result = advise(data)["results"][0]
    questions = result["questions"]
    deciding = [q for q in questions if "status" in q["decides"]]
    assert questions[:len(deciding)] == deciding
    assert questions[0]["fact"] == "kraamzorg.bo_geboortezorg_member"
    member = questions[0]
    assert member["question"] == ENGINE.facts["kraamzorg.bo_geboortezorg_member"].question
    assert {(a["value"], a["status"]) for a in member["answers"]} == {
        (True, "incomplete"), (False, "ineligible")}
    factor_facts = {"kraamzorg.trains_new_staff", "kraamzorg.client_experience_survey",
                    "kraamzorg.zzp_share", "kraamzorg.indicator_18"}
    assert factor_facts <= {q["fact"] for q in questions}
    assert all(q["decides"] == ["variant"] for q in questions if q["fact"] in factor_facts)


def test_a_threshold_question_shows_the_cut_point_and_the_other_side() -> None:
    data = profile(KRAAMZORG, {"kraamzorg.zzp_share": None})
    [question] = advise(data)["results"][0]["questions"]
    assert question["fact"] == "kraamzorg.zzp_share"
    assert question["answers"] == [{"value": 0.15, "status": "eligible", "variant": "A"},
                                   {"value": 0.16, "status": "eligible", "variant": "B"}]


def test_a_fact_two_contracts_share_ranks_before_one_that_changes_one() -> None:
    data = profile(KRAAMZORG, {"kraamzorg.bo_geboortezorg_member": None,
                               "kraamzorg.all_vsv_in_area": None,
                               "kraamzorg.offers_ligdagen": None})
    data["applications"].append({"contract": "geboortezorg.ligdagen", "submitted_on": "2023-10-02",
                                 "signed_on": "2023-10-20"})
    results = advise(data)["results"]
    kraamzorg, ligdagen = ([q["fact"] for q in r["questions"]] for r in results)
    assert kraamzorg == ["kraamzorg.bo_geboortezorg_member", "kraamzorg.all_vsv_in_area"]
    assert ligdagen == ["kraamzorg.bo_geboortezorg_member", "kraamzorg.all_vsv_in_area",
                        "kraamzorg.offers_ligdagen"]
    assert results[1]["questions"][0]["contracts"] == 2
    assert results[1]["questions"][2]["contracts"] == 1


def test_advice_is_deterministic() -> None:
    data = {"agb_code": "33012345", "applications": [{"contract": KRAAMZORG}],
            "facts": {"kraamzorg.certificate": "none", "kraamzorg.zzp_share": 0.3}}
    first = json.dumps(advise(data))
    assert all(json.dumps(advise(copy.deepcopy(data))) == first for _ in range(3))


# -- text and command line ------------------------------------------------------------------------


def test_advice_text_shows_what_blocks_then_repairs_then_questions_then_information() -> None:
    data = profile(KRAAMZORG, {"kraamzorg.certificate": "none", "kraamzorg.zzp_share": None})
    text = caresq.render_advice_text(ENGINE.advise(data, on=ON))
    blocks = text.index("What blocks it:")
    certificate = text.index("x kraamzorg.certificate: certificate none is not one of")
    needs = text.index("needs: one of NEN-EN, ISO, HKZ")
    sentence = text.index('"In het bezit van een in de branche geldend certificaat')
    repair = text.index("To reach eligible:")
    information = text.index("For information (expectations and notes")
    assert blocks < certificate < needs < sentence < repair < information
    assert "kraamzorg.certificate none -> NEN-EN (one of NEN-EN, ISO, HKZ)" in text
    assert "No question left" in text  # ineligible for a stated fact: no answer changes it


def test_assess_text_lists_what_blocks_first_and_information_apart(engine: caresq.Engine) -> None:
    data = profile(KRAAMZORG, {"kraamzorg.certificate": "none",
                               "kraamzorg.all_vsv_in_area": None})
    text = caresq.render_text(engine.assess(data, on=ON))
    order = [text.index(title) for title in (
        "Blocking - unmet:", "Blocking - unknown:", "Factors:", "Met:",
        "For information (expectations and notes, never deciding):")]
    assert order == sorted(order)
    assert text.index("x kraamzorg.certificate") < text.index("? kraamzorg.all_vsv_in_area")
    assert text.index("kraamzorg.max_max_tariff") > order[-1]


def test_caresq_advise_prints_the_json_with_questions_and_targets(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile(KRAAMZORG, {"kraamzorg.zzp_share": 0.2})))
    code = main(["advise", str(path), "--on", "2023-10-01", "--format", "json",
                 "--target", "variant=A", "--max-changes", "1"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    result = out["results"][0]
    assert result["questions"] == []
    assert [changed_facts(r) for r in result["targets"][0]["repairs"]] == [
        {"kraamzorg.zzp_share": 0.15}]


def test_caresq_advise_rejects_a_bad_target(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile(KRAAMZORG)))
    with pytest.raises(SystemExit) as stopped:
        main(["advise", str(path), "--target", "best"])
    assert stopped.value.code == 2
    assert "not a target" in capsys.readouterr().err


def test_a_date_counted_from_another_unknown_date_is_asked_jointly() -> None:
    data = {"agb_code": "33012345",
            "applications": [{"contract": "geboortezorg.toeslag_bereikbaarheid"}]}
    questions = advise(data, on=date(2024, 1, 5))["results"][0]["questions"]
    assert [q["fact"] for q in questions] == ["toeslag.preferred_insurer_agreement_on",
                                              "toeslag.sent_to_caresq_on"]
    sent = questions[1]
    agreed = {a["with"]["toeslag.preferred_insurer_agreement_on"] for a in sent["answers"]}
    assert len(agreed) == 1  # every answer assumes the same agreement date
    assert {a["status"] for a in sent["answers"]} == {"eligible", "incomplete", "ineligible"}


def test_an_unknown_agreement_and_sending_are_repaired_together() -> None:
    data = {"agb_code": "33012345",
            "applications": [{"contract": "geboortezorg.toeslag_bereikbaarheid"}]}
    result = advise(data, on=date(2024, 1, 5))["results"][0]
    [repair] = target(result, "eligible", None)["repairs"]
    assert changed_facts(repair) == {"toeslag.preferred_insurer_agreement_on": "2024-01-05",
                                     "toeslag.sent_to_caresq_on": "2024-01-05"}


def test_caresq_advise_reads_standard_input_and_shows_a_joint_answer(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = {"agb_code": "33012345",
            "applications": [{"contract": "geboortezorg.toeslag_bereikbaarheid"}]}
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(data)))
    assert main(["advise", "-", "--on", "2024-01-05"]) == 0
    out = capsys.readouterr().out
    assert "2. toeslag.sent_to_caresq_on:" in out
    assert "(with toeslag.preferred_insurer_agreement_on 2024-12-31) -> eligible" in out


def test_targets_unreachable_for_one_reason_are_said_once_in_text() -> None:
    data = {"agb_code": "33012345",
            "applications": [{"contract": KRAAMZORG, "submitted_on": "2023-10-02"}]}
    text = caresq.render_advice_text(ENGINE.advise(data, on=date(2023, 11, 20)))
    assert "To reach eligible (or variant D, C, B, A): not reachable - " in text
    assert text.count("kraamzorg.signing_deadline is unknown") == 1


def test_a_rule_that_fails_on_a_probed_answer_is_named_as_a_rule_error() -> None:
    from tests.plugins import faulty

    engine = caresq.Engine(plugins=[faulty.CRASHING])
    data = {"agb_code": "12345678", "applications": [{"contract": "kapot.basis"}],
            "facts": {"kapot.registered": True}}
    engine.assess(data, on=date(2030, 1, 1))  # the stated profile assesses
    with pytest.raises(caresq.RuleError) as failed:
        engine.advise(data, on=date(2030, 1, 1))  # a score of 0 is tried, and the rule raises
    assert (failed.value.plugin, failed.value.condition) == ("crashing", "kapot.score")
    assert "while advice tried other answers" in failed.value.message


def test_advice_text_shows_control_characters_from_the_input_escaped() -> None:
    data = profile(KRAAMZORG, {"kraamzorg.certificate": "none"})
    data["name"] = "De Ooievaar\x1b[2J\nSPOOF"
    text = caresq.render_advice_text(ENGINE.advise(data, on=ON))
    assert "\x1b" not in text
    assert text.startswith("De Ooievaar\\x1b[2J\\x0aSPOOF (33012345)")


def test_caresq_advise_takes_a_parameter_override(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile(KRAAMZORG, {"kraamzorg.zzp_share": 0.2})))
    code = main(["advise", str(path), "--on", "2023-10-01", "--format", "json",
                 "--set", "kraamzorg.max_zzp_share=0.1"])
    result = json.loads(capsys.readouterr().out)["results"][0]
    assert code == 0
    [repair] = target(result, "eligible", "A")["repairs"]
    assert changed_facts(repair) == {"kraamzorg.zzp_share": 0.1}  # the cut point in force
