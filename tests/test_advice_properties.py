"""Invariants of advice over generated profiles (caresq.testing strategies, every contract)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from hypothesis import given
from hypothesis import strategies as st

import caresq
from caresq.rules import repairs_of
from caresq.testing import fact_values, profiles

ENGINE: Final = caresq.Engine.default()
RANK: Final = {"ineligible": 0, "incomplete": 1, "review": 2, "eligible": 3}
#: Reference dates around the deadlines of both policies.
ON_DATES: Final = st.sampled_from((date(2023, 7, 1), date(2023, 10, 10), date(2023, 10, 20),
                                   date(2023, 11, 5), date(2024, 1, 20), date(2024, 8, 1),
                                   date(2024, 10, 1), date(2025, 2, 1)))
PROFILES: Final = profiles(ENGINE, max_applications=2)


def advise(data: Mapping[str, Any], on: date) -> dict[str, Any]:
    return caresq.advice_to_json(ENGINE.advise(data, on=on))


def assessed(data: Mapping[str, Any], on: date) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = caresq.assessment_to_json(
        ENGINE.assess(data, on=on))["results"]
    return results


def with_facts(data: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(dict(data))
    changed["facts"] = {**changed.get("facts", {}), **copy.deepcopy(dict(values))}
    return changed


def reaches(result: Mapping[str, Any], target: Mapping[str, Any], variants: tuple[str, ...]
            ) -> bool:
    if RANK[result["status"]] < RANK[target["status"]]:
        return False
    if target["variant"] is None:
        return True
    return (result["variant"] is not None
            and variants.index(result["variant"]) >= variants.index(target["variant"]))


def variants_of(contract: str) -> tuple[str, ...]:
    return ENGINE.contract(contract).contract.variants or ()


@given(PROFILES, ON_DATES)
def test_applying_any_repair_reaches_its_target(data: dict[str, Any], on: date) -> None:
    advice = advise(data, on)
    for index, result in enumerate(advice["results"]):
        for target in result["targets"]:
            for repair in target["repairs"]:
                changes = {c["fact"]: c["to"] for c in repair["changes"]}
                again = assessed(with_facts(data, changes), on)[index]
                assert reaches(again, target, variants_of(result["contract"]))
                assert (again["status"], again["variant"]) == (repair["status"],
                                                               repair["variant"])


@given(PROFILES, ON_DATES)
def test_no_repair_of_a_target_contains_another(data: dict[str, Any], on: date) -> None:
    for result in advise(data, on)["results"]:
        for target in result["targets"]:
            fact_sets = [frozenset(c["fact"] for c in r["changes"]) for r in target["repairs"]]
            for i, first in enumerate(fact_sets):
                assert all(not first <= other for j, other in enumerate(fact_sets) if i != j)
            assert [len(s) for s in fact_sets] == sorted(len(s) for s in fact_sets)
            assert all(len(s) <= 3 for s in fact_sets)


@given(PROFILES, ON_DATES)
def test_a_repair_changes_only_what_the_provider_can(data: dict[str, Any], on: date) -> None:
    stated = data.get("facts", {})
    for result in advise(data, on)["results"]:
        for target in result["targets"]:
            for change in (c for r in target["repairs"] for c in r["changes"]):
                fact = ENGINE.facts[change["fact"]]
                assert fact.changeable
                if fact.type is caresq.FactType.DATE:
                    assert change["to"] >= on.isoformat()
                    before = stated.get(change["fact"])
                    assert before is None or before >= on.isoformat()


@given(PROFILES, ON_DATES)
def test_every_question_has_answers_with_different_outcomes_each_as_assessed(
        data: dict[str, Any], on: date) -> None:
    for index, result in enumerate(advise(data, on)["results"]):
        for question in result["questions"]:
            # The outcome while the fact is unknown counts: every answer may change it alike.
            outcomes = {(a["status"], a["variant"]) for a in question["answers"]}
            assert len(outcomes | {(result["status"], result["variant"])}) >= 2
            for answer in question["answers"]:
                given = {**answer.get("with", {}), question["fact"]: answer["value"]}
                again = assessed(with_facts(data, given), on)
                assert (again[index]["status"], again[index]["variant"]) == (
                    answer["status"], answer["variant"])


@st.composite
def answered_unknowns(draw: st.DrawFn) -> tuple[dict[str, Any], date, dict[str, Any]]:
    """A profile, a date, and values for the unknown facts its contracts read."""
    data = draw(PROFILES)
    stated = data.get("facts", {})
    unknown = [fact for application in data["applications"]
               for fact in ENGINE.contract(application["contract"]).questionnaire
               if stated.get(fact.id) is None and fact.changeable]
    values = {fact.id: draw(fact_values(fact)) for fact in dict.fromkeys(unknown)
              if draw(st.booleans())}
    return data, draw(ON_DATES), values


@given(answered_unknowns())
def test_a_profile_with_no_questions_keeps_its_outcome_whatever_the_unknowns_are(
        drawn: tuple[dict[str, Any], date, dict[str, Any]]) -> None:
    data, on, values = drawn
    before = advise(data, on)["results"]
    after = assessed(with_facts(data, values), on)
    for old, new in zip(before, after, strict=True):
        if not old["questions"]:
            assert (new["status"], new["variant"]) == (old["status"], old["variant"])


@given(PROFILES, ON_DATES)
def test_every_repair_a_rule_proposes_makes_it_met(data: dict[str, Any], on: date) -> None:
    profile = ENGINE.read_profile(data)
    for application in profile.applications:
        situation = caresq.Situation(profile.agb_code, profile.facts, application, on)
        for condition in ENGINE.contract(application.contract).conditions:
            for assignment in repairs_of(condition.rule, situation) or ():
                changed = caresq.Situation(profile.agb_code, {**profile.facts, **assignment},
                                           application, on)
                assert condition.rule(changed).outcome in (
                    caresq.Outcome.MET, caresq.Outcome.NOT_APPLICABLE), (condition.id, assignment)
