"""The ZBC plugin (Inkoopbeleid Zelfstandige behandelcentra 2025): every condition, the
procedure of SPEC §8.5, the calendar, the examples, and that the core names no care type."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import caresq
import caresq_plugins.zbc
from caresq import Kind, Outcome, Status
from caresq.calendar import calendar_ics
from caresq.cli import main
from caresq_plugins.zbc.facts import FACTS
from tests.policy_text import ZBC, missing_parts, policy_text

ENGINE = caresq.Engine(plugins=[caresq_plugins.zbc])
ON = date(2024, 10, 1)
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "zbc").glob("*.json"))
DOCUMENT = "Inkoopbeleid Zelfstandige behandelcentra 2025"

REQUIREMENT_FACTS = (
    "zbc.professional_standards", "zbc.evidence_based_programmes", "zbc.igj_basisset",
    "zbc.big_rgs_registered", "zbc.quality_register", "zbc.quality_mark",
    "zbc.zn_digital_goals", "common.vecozo_claims", "zbc.satisfaction_monitoring",
    "zbc.vektis_registration", "common.vecozo_certificates")
EXPECTATION_FACTS = (
    "zbc.gddz_commitment", "zbc.sustainability_in_strategy", "zbc.publishes_waiting_times",
    "zbc.prem",
    # the rest of chapter 2 (Z8)
    "zbc.informs_transformation_plans", "zbc.transformation_transparency",
    "zbc.labour_saving_care", "zbc.insured_central", "zbc.informs_care_choice",
    "zbc.consultation_support", "zbc.refers_back_to_first_line", "zbc.timely_referral",
    "zbc.smart_care_ehealth", "zbc.task_reallocation", "zbc.csrd_information",
    "zbc.deliberate_digital_care", "zbc.waiting_list_cooperation", "zbc.treeknormen",
    "zbc.waiting_list_mediation", "zbc.seasonal_capacity")
#: Chapter 2 asks that bind only a provider doing that work (Z9): guard -> expectation.
GUARDED_EXPECTATIONS = {"zbc.expensive_drug_purchasing": "zbc.uses_expensive_drugs",
                        "zbc.msr_inclusion_review": "zbc.provides_msr"}

#: A 2024 contract holder that meets everything: the base every test varies.
COMPLETE: Mapping[str, object] = {
    **dict.fromkeys(REQUIREMENT_FACTS, True),
    "zbc.digital_care_goals": ["quality"],
    **dict.fromkeys(EXPECTATION_FACTS, True),
    "zbc.annual_report_required": True, "zbc.annual_report_sustainability": True,
    "zbc.fte": 150, "zbc.mobility_plan": True,
    "zbc.contract_2024": True,
    "zbc.uses_expensive_drugs": False, "zbc.provides_msr": False,
}


def profile(facts: Mapping[str, object] | None = None, **application: Any) -> dict[str, Any]:
    """A zbc.msz profile: COMPLETE with ``facts`` laid over it (None removes a fact)."""
    merged = {**COMPLETE, **(facts or {})}
    app = {"contract": "zbc.msz", **{k: v.isoformat() if isinstance(v, date) else v
                                     for k, v in application.items()}}
    return {"agb_code": "22012345", "applications": [app],
            "facts": {k: v for k, v in merged.items() if v is not None}}


def assess(facts: Mapping[str, object] | None = None, on: date = ON,
           **application: Any) -> caresq.Result:
    return ENGINE.assess(profile(facts, **application), on=on).results[0]


def finding(result: caresq.Result, condition: str) -> caresq.Finding:
    (found,) = [f for f in result.findings if f.condition == condition]
    return found


# -- the plugin and its declarations ------------------------------------------------------------


def test_policy_is_the_2025_zbc_policy_with_its_version() -> None:
    policy = ENGINE.policy("zbc", 2025)
    assert policy == caresq.Policy("zbc", 2025, DOCUMENT, version="1-4-2024",
                                   source="caresq_plugins.zbc:source/inkoopbeleid-zbc-2025.txt")
    assert set(ENGINE.catalogue.contracts[2025]) == {"zbc.msz"}


def test_default_engine_loads_the_plugin_through_its_entry_point() -> None:
    engine = caresq.Engine.default()
    assert "zbc" in {info.name for info in engine.plugins() if info.error is None}
    assert engine.contract("zbc.msz").policy.document == DOCUMENT


def test_fact_catalogue_is_spec_section_4() -> None:
    ids = [fact.id for fact in FACTS]
    assert ids == [
        "zbc.professional_standards", "zbc.evidence_based_programmes", "zbc.igj_basisset",
        "zbc.big_rgs_registered", "zbc.quality_register", "zbc.quality_mark",
        "zbc.zn_digital_goals", "zbc.digital_care_goals", "zbc.satisfaction_monitoring",
        "zbc.vektis_registration", "zbc.gddz_commitment", "zbc.sustainability_in_strategy",
        "zbc.annual_report_required", "zbc.annual_report_sustainability", "zbc.fte",
        "zbc.mobility_plan", "zbc.publishes_waiting_times", "zbc.prem",
        "zbc.informs_transformation_plans", "zbc.transformation_transparency",
        "zbc.labour_saving_care", "zbc.insured_central", "zbc.informs_care_choice",
        "zbc.consultation_support", "zbc.refers_back_to_first_line", "zbc.timely_referral",
        "zbc.smart_care_ehealth", "zbc.task_reallocation", "zbc.csrd_information",
        "zbc.deliberate_digital_care", "zbc.expensive_drug_purchasing",
        "zbc.msr_inclusion_review", "zbc.waiting_list_cooperation", "zbc.treeknormen",
        "zbc.waiting_list_mediation", "zbc.seasonal_capacity", "zbc.contract_2024",
        "zbc.uses_expensive_drugs", "zbc.provides_msr"]
    assert not any(fact_id.startswith("common.") for fact_id in ids)
    types = {fact.id: fact for fact in FACTS}
    assert types["zbc.fte"].type is caresq.FactType.INTEGER
    goals = types["zbc.digital_care_goals"]
    assert goals.type is caresq.FactType.ENUM_LIST
    assert goals.choices == ("labour_potential", "cost_saving", "accessibility", "quality")


def test_every_condition_is_cited_quoted_and_uniquely_named() -> None:
    conditions = ENGINE.contract("zbc.msz").conditions
    ids = [c.id for c in conditions]
    assert len(ids) == len(set(ids))
    for condition in conditions:
        assert condition.citation.document == DOCUMENT
        assert condition.id.startswith(("zbc.", "common."))
        assert condition.text.strip()
        if len(condition.rule.facts) == 1 and condition.kind is not Kind.PROCEDURE:
            assert condition.id == condition.rule.facts[0].id


def test_every_quoted_sentence_stands_in_the_policy() -> None:
    policy = policy_text(ZBC)
    quoted = [c.text for c in ENGINE.contract("zbc.msz").conditions]
    quoted += [event.text for event in ENGINE.calendar_events("zbc", 2025)]
    for text in quoted:
        assert not missing_parts(text, policy), text


def test_kinds_follow_the_policy() -> None:
    kinds = {c.id: c.kind for c in ENGINE.contract("zbc.msz").conditions}
    assert {i for i, k in kinds.items() if k is Kind.REQUIREMENT} == {
        *REQUIREMENT_FACTS, "zbc.digital_care_goals"}
    assert {i for i, k in kinds.items() if k is Kind.EXPECTATION} == {
        *EXPECTATION_FACTS, *GUARDED_EXPECTATIONS, "zbc.annual_report_sustainability",
        "zbc.mobility_plan"}
    assert {i for i, k in kinds.items() if k is Kind.NOTE} == {
        "zbc.uses_expensive_drugs", "zbc.provides_msr"}
    assert {i for i, k in kinds.items() if k is Kind.PROCEDURE} == {
        "zbc.contract_2024", "zbc.registration_deadline", "zbc.no_new_contracts",
        "zbc.signing_deadline", "common.fraud_suspicion"}


# -- requirements (hfst. 3) ---------------------------------------------------------------------


@pytest.mark.parametrize("fact_id", REQUIREMENT_FACTS)
@pytest.mark.parametrize(("value", "outcome", "status"), [
    (True, Outcome.MET, Status.REVIEW),
    (False, Outcome.UNMET, Status.INELIGIBLE),
    (None, Outcome.UNKNOWN, Status.INCOMPLETE),
])
def test_yes_no_requirement(fact_id: str, value: bool | None, outcome: Outcome,
                            status: Status) -> None:
    result = assess({fact_id: value})
    found = finding(result, fact_id)
    assert (found.kind, found.outcome, result.status) == (Kind.REQUIREMENT, outcome, status)
    assert (": yes" if value else ": no" if value is False else fact_id) in found.reason


@pytest.mark.parametrize(("goals", "outcome", "status"), [
    (["labour_potential"], Outcome.MET, Status.REVIEW),
    (["cost_saving", "accessibility", "quality", "labour_potential"], Outcome.MET,
     Status.REVIEW),
    ([], Outcome.UNMET, Status.INELIGIBLE),
    (None, Outcome.UNKNOWN, Status.INCOMPLETE),
])
def test_digital_care_goals_need_at_least_one(goals: list[str] | None, outcome: Outcome,
                                              status: Status) -> None:
    result = assess({"zbc.digital_care_goals": goals})
    found = finding(result, "zbc.digital_care_goals")
    assert (found.outcome, result.status) == (outcome, status)
    assert found.reading is not None
    for goal in goals or ():
        assert goal in found.reason


def test_a_bad_goal_is_a_profile_error() -> None:
    with pytest.raises(caresq.ProfileError, match=r'digital_care_goals"\]\[0\]'):
        assess({"zbc.digital_care_goals": ["speed"]})


# -- expectations (hfst. 2): reported, never change the status ----------------------------------


@pytest.mark.parametrize("fact_id", EXPECTATION_FACTS)
@pytest.mark.parametrize(("value", "outcome"), [
    (True, Outcome.MET), (False, Outcome.UNMET), (None, Outcome.UNKNOWN)])
def test_yes_no_expectation(fact_id: str, value: bool | None, outcome: Outcome) -> None:
    result = assess({fact_id: value})
    found = finding(result, fact_id)
    assert (found.kind, found.outcome, result.status) == (Kind.EXPECTATION, outcome,
                                                         Status.REVIEW)


@pytest.mark.parametrize(("required", "reports", "outcome"), [
    (False, None, Outcome.NOT_APPLICABLE),
    (False, False, Outcome.NOT_APPLICABLE),
    (True, True, Outcome.MET),
    (True, False, Outcome.UNMET),
    (True, None, Outcome.UNKNOWN),
    (None, True, Outcome.MET),
    (None, False, Outcome.UNKNOWN),
    (None, None, Outcome.UNKNOWN),
])
def test_annual_report_only_when_required(required: bool | None, reports: bool | None,
                                          outcome: Outcome) -> None:
    result = assess({"zbc.annual_report_required": required,
                     "zbc.annual_report_sustainability": reports})
    assert finding(result, "zbc.annual_report_sustainability").outcome is outcome
    assert result.status is Status.REVIEW


@pytest.mark.parametrize(("fte", "plan", "outcome"), [
    (100, False, Outcome.NOT_APPLICABLE),
    (100, None, Outcome.NOT_APPLICABLE),
    (0, True, Outcome.NOT_APPLICABLE),
    (101, False, Outcome.UNMET),
    (101, True, Outcome.MET),
    (101, None, Outcome.UNKNOWN),
    (None, True, Outcome.MET),
    (None, False, Outcome.UNKNOWN),
    (None, None, Outcome.UNKNOWN),
])
def test_mobility_plan_only_above_100_fte(fte: int | None, plan: bool | None,
                                          outcome: Outcome) -> None:
    result = assess({"zbc.fte": fte, "zbc.mobility_plan": plan})
    found = finding(result, "zbc.mobility_plan")
    assert found.outcome is outcome
    assert result.status is Status.REVIEW
    if fte is not None:
        assert f"fte {fte}" in found.reason
    assert found.reading is not None
    assert "fte > 100" in found.reading


@pytest.mark.parametrize("fte", [-1, 100.5, "101", True])
def test_fte_is_a_whole_non_negative_number(fte: object) -> None:
    with pytest.raises(caresq.ProfileError, match=r'facts\["zbc.fte"\]'):
        assess({"zbc.fte": fte})


# -- notes: explain, never decide ---------------------------------------------------------------


@pytest.mark.parametrize(("fact_id", "words"), [
    ("zbc.uses_expensive_drugs", "post-calculation on realised purchase prices"),
    ("zbc.provides_msr", "prior authorisation"),
])
@pytest.mark.parametrize(("value", "outcome"), [
    (True, Outcome.MET), (False, Outcome.NOT_APPLICABLE), (None, Outcome.UNKNOWN)])
def test_notes_on_a_fact(fact_id: str, words: str, value: bool | None,
                         outcome: Outcome) -> None:
    result = assess({fact_id: value})
    found = finding(result, fact_id)
    assert (found.kind, found.outcome, result.status) == (Kind.NOTE, outcome, Status.REVIEW)
    assert (words in found.reason) is (value is True)


@pytest.mark.parametrize(("expectation", "guard"), GUARDED_EXPECTATIONS.items())
@pytest.mark.parametrize(("uses", "value", "outcome"), [
    (False, None, Outcome.NOT_APPLICABLE), (True, True, Outcome.MET),
    (True, False, Outcome.UNMET), (True, None, Outcome.UNKNOWN), (None, None, Outcome.UNKNOWN)])
def test_chapter_2_asks_of_some_providers_only_ask_them(
        expectation: str, guard: str, uses: bool | None, value: bool | None,
        outcome: Outcome) -> None:
    # "wij verwachten van u dat u zich maximaal inspant om tot een goede inkoop van deze
    # geneesmiddelen te komen" asks a ZBC that uses them; the MSR line one that provides MSR.
    result = assess({guard: uses, expectation: value})
    found = finding(result, expectation)
    assert (found.kind, found.outcome, result.status) == (Kind.EXPECTATION, outcome,
                                                           Status.REVIEW)
    assert "Z9" in (found.reading or "")


def test_every_chapter_2_expectation_is_optional_in_the_questionnaire() -> None:
    spec = ENGINE.contract("zbc.msz")
    expectation_facts = {fact.id for c in spec.conditions if c.kind is Kind.EXPECTATION
                         for fact in c.rule.facts}
    assert {*EXPECTATION_FACTS, *GUARDED_EXPECTATIONS} <= spec.optional
    assert spec.optional <= expectation_facts | {"zbc.uses_expensive_drugs", "zbc.provides_msr"}
    assert not spec.optional & {*REQUIREMENT_FACTS, "zbc.contract_2024"}


# -- the procedure (hfst. 4 and 5, SPEC §8.5) ---------------------------------------------------


def test_2024_contract_holder_is_approached_and_reviewed() -> None:
    result = assess()
    assert result.status is Status.REVIEW
    assert result.period == caresq.calendar.Period(date(2025, 1, 1), date(2025, 12, 31))
    assert result.offer is not None
    assert result.offer.route == "approached (2024 contract)"
    assert result.offer.review is not None
    assert "revenue, price" in result.offer.review
    assert "region" in result.offer.review
    assert finding(result, "zbc.contract_2024").outcome is Outcome.MET
    assert finding(result, "zbc.registration_deadline").outcome is Outcome.NOT_APPLICABLE
    assert [d.name for d in result.deadlines] == ["signing"]


@pytest.mark.parametrize("registered", [date(2024, 3, 1), date(2024, 9, 1)])
def test_new_provider_registered_by_1_september_is_reviewed(registered: date) -> None:
    result = assess({"zbc.contract_2024": False}, submitted_on=registered)
    assert result.status is Status.REVIEW
    assert result.offer is not None
    assert result.offer.route == "registered interest"
    reg = finding(result, "zbc.registration_deadline")
    assert reg.outcome is Outcome.MET
    assert registered.isoformat() in reg.reason
    assert finding(result, "zbc.contract_2024").outcome is Outcome.NOT_APPLICABLE
    registration, signing = result.deadlines
    assert (registration.name, registration.due, registration.met) == (
        "registration", date(2024, 9, 1), True)
    assert registration.note is not None
    assert "Sunday" in registration.note
    assert (signing.name, signing.met, signing.days_left) == ("signing", None, 41)


def test_new_provider_registered_after_1_september_is_refused() -> None:
    result = assess({"zbc.contract_2024": False}, submitted_on=date(2024, 9, 2))
    assert result.status is Status.INELIGIBLE
    assert result.period is None
    reg = finding(result, "zbc.registration_deadline")
    assert reg.outcome is Outcome.UNMET
    assert "2024-09-02" in reg.reason
    assert "2024-09-01" in reg.reason
    assert [(d.name, d.met) for d in result.deadlines] == [("registration", False)]


def test_a_2024_holder_needs_no_registration() -> None:
    result = assess(submitted_on=date(2024, 10, 15))
    assert result.status is Status.REVIEW
    assert finding(result, "zbc.registration_deadline").outcome is Outcome.NOT_APPLICABLE


def test_new_provider_without_a_registration_date_leaves_the_deadline_open_until_it_passes(
        ) -> None:
    result = assess({"zbc.contract_2024": False}, on=date(2024, 8, 20))
    assert result.status is Status.REVIEW
    assert finding(result, "zbc.registration_deadline").outcome is Outcome.NOT_APPLICABLE
    registration = result.deadlines[0]
    assert (registration.met, registration.days_left) == (None, 12)


def test_a_registration_deadline_passed_without_a_date_is_unknown() -> None:
    # R8.6: once 1 September 2024 has passed, the profile must say whether and when.
    result = assess({"zbc.contract_2024": False})
    assert result.status is Status.INCOMPLETE
    registration = finding(result, "zbc.registration_deadline")
    assert registration.outcome is Outcome.UNKNOWN
    assert "passed 30 days ago" in registration.reason
    assert result.deadlines[0].passed


@pytest.mark.parametrize("holder", [True, False])
@pytest.mark.parametrize("requested", [date(2025, 1, 1), date(2025, 6, 30), date(2026, 1, 5)])
def test_a_request_dated_in_the_contract_year_is_refused(holder: bool, requested: date) -> None:
    result = assess({"zbc.contract_2024": holder}, submitted_on=requested)
    assert result.status is Status.INELIGIBLE
    assert result.period is None
    found = finding(result, "zbc.no_new_contracts")
    assert found.outcome is Outcome.UNMET
    assert requested.isoformat() in found.reason
    assert result.offer is not None
    assert result.offer.route == "request during the contract year"


def test_a_request_on_the_last_day_before_the_contract_year_counts() -> None:
    result = assess(submitted_on=date(2024, 12, 31))
    assert finding(result, "zbc.no_new_contracts").outcome is Outcome.MET
    assert result.status is Status.REVIEW


@pytest.mark.parametrize(("signed", "outcome", "status"), [
    (date(2024, 10, 20), Outcome.MET, Status.REVIEW),
    (date(2024, 11, 11), Outcome.MET, Status.REVIEW),
    (date(2024, 11, 12), Outcome.UNMET, Status.INELIGIBLE),
    (None, Outcome.NOT_APPLICABLE, Status.REVIEW),
])
def test_signed_after_11_november_has_lapsed(signed: date | None, outcome: Outcome,
                                             status: Status) -> None:
    result = assess(signed_on=signed)
    found = finding(result, "zbc.signing_deadline")
    assert (found.outcome, result.status) == (outcome, status)
    signing = result.deadlines[-1]
    assert signing.due == date(2024, 11, 11)
    assert signing.met is (None if signed is None else signed <= date(2024, 11, 11))
    if outcome is Outcome.UNMET:
        assert "lapsed" in found.reason


@pytest.mark.parametrize("facts", [
    {}, {"zbc.contract_2024": None}, {"zbc.contract_2024": False}])
def test_a_running_multi_year_contract_is_eligible_for_2025(facts: dict[str, object]) -> None:
    result = assess(facts, existing_contract=True, submitted_on=date(2025, 2, 1),
                    signed_on=date(2024, 12, 1))
    assert result.status is Status.ELIGIBLE
    assert result.period == caresq.calendar.Period(date(2025, 1, 1), date(2025, 12, 31))
    assert result.offer is not None
    assert (result.offer.route, result.offer.review) == ("existing contract", None)
    assert result.offer.citation.section == "Meerjarige zorgovereenkomst"
    assert result.deadlines == ()
    for condition in ("zbc.contract_2024", "zbc.registration_deadline", "zbc.no_new_contracts",
                      "zbc.signing_deadline"):
        assert finding(result, condition).outcome is Outcome.NOT_APPLICABLE


def test_a_multi_year_contract_still_needs_the_requirements() -> None:
    result = assess({"zbc.quality_mark": False}, existing_contract=True)
    assert result.status is Status.INELIGIBLE


@pytest.mark.parametrize(("submitted", "registration"), [
    (None, Outcome.UNKNOWN),
    (date(2024, 8, 1), Outcome.MET),
    (date(2024, 10, 1), Outcome.UNKNOWN),
])
def test_contract_2024_unknown_leaves_the_procedure_unknown(
        submitted: date | None, registration: Outcome) -> None:
    result = assess({"zbc.contract_2024": None}, submitted_on=submitted)
    assert result.status is Status.INCOMPLETE
    assert finding(result, "zbc.contract_2024").outcome is Outcome.UNKNOWN
    assert finding(result, "zbc.registration_deadline").outcome is registration


@pytest.mark.parametrize("application", [
    {}, {"existing_contract": True}, {"submitted_on": date(2024, 5, 1)}])
def test_fraud_suspicion_refuses(application: dict[str, Any]) -> None:
    result = assess({"common.fraud_suspicion": True}, **application)
    assert result.status is Status.INELIGIBLE
    found = finding(result, "common.fraud_suspicion")
    assert found.outcome is Outcome.UNMET
    assert "vermoeden van fraude" in found.text
    assert found.citation == caresq.Citation(DOCUMENT, "4", "Geen aanbod ontvangen")


def test_fraud_suspicion_absent_or_false_is_no_suspicion() -> None:
    assert assess({"common.fraud_suspicion": False}).status is Status.REVIEW
    assert finding(assess(), "common.fraud_suspicion").outcome is Outcome.MET


@pytest.mark.parametrize("on", [date(2024, 6, 1), date(2024, 11, 30), date(2025, 3, 1)])
def test_the_reference_date_never_changes_the_status_of_stated_dates(on: date) -> None:
    for app in ({"signed_on": date(2024, 11, 1)},
                {"submitted_on": date(2024, 8, 1), "signed_on": date(2024, 11, 11)}):
        result = assess(on=on, **app)
        assert result.status is Status.REVIEW


@pytest.mark.parametrize(("on", "status"), [
    (date(2024, 11, 11), Status.REVIEW), (date(2024, 11, 12), Status.INCOMPLETE)])
def test_an_unsigned_offer_is_open_until_the_signing_deadline_then_unknown(
        on: date, status: Status) -> None:
    result = assess(on=on)
    assert result.status is status
    assert (finding(result, "zbc.signing_deadline").outcome is Outcome.UNKNOWN) == (
        status is Status.INCOMPLETE)


def test_a_reference_date_after_the_contract_period_warns() -> None:
    result = assess(on=date(2026, 1, 1), signed_on=date(2024, 11, 1))
    assert result.status is Status.REVIEW
    (warning,) = result.warnings
    assert "2026-01-01" in warning
    assert "2025-12-31" in warning
    assert assess(on=date(2025, 12, 31), signed_on=date(2024, 11, 1)).warnings == ()


# -- calendar (hfst. 4 and 5) -------------------------------------------------------------------


def test_calendar_has_every_dated_line_of_chapters_4_and_5() -> None:
    events = {e.key: e for e in ENGINE.calendar_events("zbc", 2025)}
    spans = {key: (e.kind, e.span.first, e.span.last) for key, e in events.items()}
    assert spans == {
        "zbc-2025.msz.registration-deadline": ("deadline", date(2024, 9, 1), date(2024, 9, 1)),
        "zbc-2025.msz.contract-offer": ("window", date(2024, 9, 21), date(2024, 9, 30)),
        "zbc-2025.msz.price-list-offer": ("window", date(2024, 9, 21), date(2024, 9, 30)),
        "zbc-2025.msz.signing-deadline": ("deadline", date(2024, 11, 11), date(2024, 11, 11)),
        "zbc-2025.msz.publication": ("milestone", date(2024, 11, 12), date(2024, 11, 12)),
        "zbc-2025.msz.no-new-contracts": ("window", date(2025, 1, 1), date(2025, 12, 31)),
    }
    assert "Sunday" in (events["zbc-2025.msz.registration-deadline"].note or "")
    assert all(e.citation and e.citation.document == DOCUMENT for e in events.values())


def test_calendar_exports_and_other_policies_get_no_zbc_events() -> None:
    ics = calendar_ics(ENGINE.calendar_events("zbc", 2025), name=DOCUMENT)
    assert b"UID:zbc-2025.msz.signing-deadline@caresq" in ics
    other = caresq.Policy("zbc", 2024, DOCUMENT)
    assert caresq_plugins.zbc.caresq_calendar_events(other, {}) == []


def test_cli_calendar_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--care-type", "zbc", "--year", "2025", "--format", "json"]) == 0
    keys = [event["key"] for event in json.loads(capsys.readouterr().out)]
    assert keys[0] == "zbc-2025.msz.registration-deadline"


# -- examples through the command line ----------------------------------------------------------

EXPECTED = {
    "holder_2024_complete.json": "review",
    "new_provider_registered_in_time.json": "review",
    "new_provider_registered_late.json": "ineligible",
    "request_in_contract_year.json": "ineligible",
    "multi_year_contract.json": "eligible",
    "with_unknowns.json": "incomplete",
}


def test_every_example_is_listed() -> None:
    assert sorted(path.name for path in EXAMPLES) == sorted(EXPECTED)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_example_runs_through_the_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(path), "--on", "2024-10-01"]) == 0
    assert "zbc.msz: " + EXPECTED[path.name].upper() in capsys.readouterr().out
    assert main(["assess", str(path), "--on", "2024-10-01", "--format", "json"]) == 0
    (result,) = json.loads(capsys.readouterr().out)["results"]
    assert result["status"] == EXPECTED[path.name]


# -- the same core serves every care type ---------------------------------------------------------

CARE_TYPE_WORDS = re.compile(r"zbc|geboortezorg|kraamzorg", re.IGNORECASE)


def test_core_names_no_care_type() -> None:
    """A plain grep of src/caresq: not in code, not in comments, not in examples."""
    core = Path(caresq.__file__).parent
    found = [f"{path.name}:{number}: {line.strip()}"
             for path in sorted(core.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if CARE_TYPE_WORDS.search(line) or "caresq_plugins" in line]
    assert found == []


# -- hfst. 4: Vektis registration and VECOZO certificates (Z3) ----------------------------------


@pytest.mark.parametrize("fact_id", ["common.vecozo_certificates", "zbc.vektis_registration"])
@pytest.mark.parametrize(("value", "status"), [
    (False, Status.INELIGIBLE), (None, Status.INCOMPLETE), (True, Status.REVIEW)])
def test_a_zbc_needs_vecozo_certificates_and_a_vektis_registration(
        fact_id: str, value: bool | None, status: Status) -> None:
    # "We benaderen alle zorgaanbieders ... die beschikken over de juiste Vektis registratie,
    # de juiste VECOZO-certificaten": without them there is no offer; not stated, we ask.
    result = assess({fact_id: value})
    assert result.status is status
    found = finding(result, fact_id)
    assert found.kind is Kind.REQUIREMENT
    assert found.citation == caresq.Citation(DOCUMENT, "4", "VECOZO Zorginkoopportaal")
    assert found.reading is not None
    assert found.reading.startswith("Z3")


def test_the_zbc_questionnaire_asks_certificates_and_registration(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "zbc.msz", "--format", "json"]) == 0
    entries = {entry["id"]: entry for entry in json.loads(capsys.readouterr().out)}
    for fact_id in ("common.vecozo_certificates", "zbc.vektis_registration"):
        assert entries[fact_id]["optional"] is False


def test_the_coverage_document_names_every_condition() -> None:
    text = (ROOT / "docs" / "zbc-coverage.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_0-9]+\.[a-z_0-9.]+)`", text))
    for condition in ENGINE.contract("zbc.msz").conditions:
        assert condition.id in named, condition.id
