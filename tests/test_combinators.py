"""All, AnyOf, Not: Kleene's three-valued logic, with not_applicable parts left out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from caresq.model import Outcome
from caresq.rules import All, Always, AnyOf, AtLeast, Holds, Not, OneOf
from caresq.testing.situations import CERTIFICATE, REGISTERED, SCORE, situation

MET, UNMET, UNKNOWN, NA = (Outcome.MET, Outcome.UNMET, Outcome.UNKNOWN,
                           Outcome.NOT_APPLICABLE)
#: Kleene's order: false < unknown < true.
ORDER = {UNMET: 0, UNKNOWN: 1, MET: 2}
outcomes = st.sampled_from(list(Outcome))
parts = st.lists(outcomes, min_size=1, max_size=5)


def fixed(outcome: Outcome, name: str = "part") -> Always:
    return Always(outcome, f"{name} is {outcome.value}")


def kleene(values: list[Outcome], pick: type[min] | type[max]) -> Outcome:
    binding = [value for value in values if value is not NA]
    return pick(binding, key=ORDER.__getitem__) if binding else NA


@given(parts)
def test_all_is_the_kleene_minimum_of_the_parts_that_apply(values: list[Outcome]) -> None:
    assert All(*map(fixed, values))(situation()).outcome is kleene(values, min)


@given(parts)
def test_any_of_is_the_kleene_maximum_of_the_parts_that_apply(values: list[Outcome]) -> None:
    assert AnyOf(*map(fixed, values))(situation()).outcome is kleene(values, max)


@given(outcomes)
def test_not_swaps_met_and_unmet_and_keeps_the_rest(value: Outcome) -> None:
    expected = {MET: UNMET, UNMET: MET}.get(value, value)
    assert Not(fixed(value))(situation()).outcome is expected
    assert Not(Not(fixed(value)))(situation()).outcome is value


@given(parts)
def test_de_morgan_holds(values: list[Outcome]) -> None:
    rules = list(map(fixed, values))
    assert Not(All(*rules))(situation()).outcome is AnyOf(*map(Not, rules))(situation()).outcome


def test_a_reason_names_the_parts_that_decided() -> None:
    rule = All(fixed(MET, "a"), fixed(UNMET, "b"), fixed(UNKNOWN, "c"), fixed(UNMET, "d"))
    assert rule(situation()).reason == "b is unmet; and d is unmet"
    rule = AnyOf(fixed(UNMET, "a"), fixed(UNKNOWN, "b"))
    assert rule(situation()).reason == "b is unknown; a is unmet"


def test_a_missing_fact_makes_a_and_b_unknown_never_met() -> None:
    rule = All(REGISTERED, AtLeast(SCORE, 0.8))
    verdict = rule(situation({"fysio.registered": True}))
    assert verdict.outcome is UNKNOWN
    assert "fysio.score" in verdict.reason


def test_a_and_b_or_c_reads_every_fact_once_in_order() -> None:
    rule = All(REGISTERED, AnyOf(AtLeast(SCORE, 0.8), OneOf(CERTIFICATE, ("HKZ",)), REGISTERED))
    assert rule.facts == (REGISTERED, SCORE, CERTIFICATE)
    met = rule(situation({"fysio.registered": True, "fysio.certificate": "HKZ"}))
    assert met.outcome is MET
    assert met.reason == ("KNGF registration: yes; and certificate HKZ is one of HKZ; "
                          "or KNGF registration: yes")


def test_a_fact_as_a_part_means_it_holds() -> None:
    assert All(REGISTERED) == All(Holds(REGISTERED))
    assert Not(REGISTERED).part == Holds(REGISTERED)


def test_every_part_not_applicable_is_not_applicable() -> None:
    assert All(fixed(NA), fixed(NA))(situation()).outcome is NA
    assert AnyOf(fixed(NA))(situation()).outcome is NA
