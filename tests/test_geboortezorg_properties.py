"""Properties of the geboortezorg contracts over generated profiles (SPEC §5).

Profiles start from the fully met one and change any fact to unknown or to any valid value,
and draw any application dates, so every outcome of every condition is reachable.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

import caresq
from caresq import FactType, Kind, Outcome, Status
from caresq.profile import profile_to_json
from tests.geboortezorg_helpers import (
    APPLICATIONS,
    CONTRACTS,
    DAYTIME_ONLY,
    ENGINE,
    FULL_FACTS,
    LUNCH_GAP,
    OFFICE_HOURS,
    ROUND_THE_CLOCK,
)
from tests.test_geboortezorg_conditions import CASES

VARIANTS = ("E", "D", "C", "B", "A")
FACTORS = {
    "kraamzorg.trains_new_staff": True,
    "kraamzorg.client_experience_survey": True,
    "kraamzorg.zzp_share": 0.1,
    "kraamzorg.indicator_18": 0.9,
}
FAST = settings(max_examples=60, deadline=None)
ON = date(2023, 10, 1)
KEEP = object()


def values(fact: caresq.Fact) -> st.SearchStrategy[Any]:
    """Any valid JSON value of ``fact``."""
    if fact.type is FactType.BOOL:
        return st.booleans()
    if fact.type is FactType.FRACTION:
        return st.sampled_from([0, 0.09, 0.1, 0.15, 0.2, 0.25, 0.85, 1]) | st.floats(0, 1)
    if fact.type is FactType.DATE:
        return st.dates(date(2023, 1, 1), date(2025, 6, 30)).map(date.isoformat)
    if fact.type is FactType.ENUM:
        return st.sampled_from(fact.choices)
    if fact.type is FactType.ENUM_LIST:
        return st.lists(st.sampled_from(fact.choices), unique=True)
    assert fact.type is FactType.SCHEDULE
    return st.sampled_from([OFFICE_HOURS, ROUND_THE_CLOCK, LUNCH_GAP, DAYTIME_ONLY, {}])


def changed(fact_id: str, value: Any) -> st.SearchStrategy[Any]:
    """Keep the met value (most often), make it unknown, or draw any valid value."""
    return st.one_of(st.just(value), st.just(value), st.none(), values(ENGINE.facts[fact_id]))


FACT_CHANGES = st.fixed_dictionaries({key: changed(key, value)
                                      for key, value in FULL_FACTS.items()})
AGB_CODES = st.sampled_from(["33012345", "08012345"])
DATES = st.none() | st.dates(date(2023, 6, 1), date(2025, 12, 31)).map(date.isoformat)


@st.composite
def applications(draw: st.DrawFn, contract: str) -> dict[str, Any]:
    """The met application of ``contract``, or one with drawn dates and route."""
    if draw(st.booleans()):
        return {"contract": contract, **APPLICATIONS[contract]}
    return {"contract": contract, "submitted_on": draw(DATES), "signed_on": draw(DATES),
            "existing_contract": draw(st.booleans())}


@st.composite
def profiles(draw: st.DrawFn, contracts: st.SearchStrategy[list[str]] | None = None,
             agb_codes: st.SearchStrategy[str] = AGB_CODES) -> dict[str, Any]:
    """A profile for one or more geboortezorg contracts, facts drawn around the met ones."""
    if contracts is None:
        contracts = st.lists(st.sampled_from(CONTRACTS), min_size=1, max_size=3)
    chosen = draw(contracts)
    return {"agb_code": draw(agb_codes),
            "applications": [draw(applications(contract)) for contract in chosen],
            "facts": draw(FACT_CHANGES)}


def single(contract: str) -> st.SearchStrategy[list[str]]:
    return st.just([contract])


def assess(profile: dict[str, Any]) -> caresq.Assessment:
    return ENGINE.assess(profile, on=ON)


# -- kraamzorg variants ------------------------------------------------------------------------


@FAST
@given(profiles(single("geboortezorg.kraamzorg")), st.sampled_from(sorted(FACTORS)))
def test_adding_a_met_factor_never_lowers_the_variant(profile: dict[str, Any],
                                                       factor: str) -> None:
    before = assess(profile).results[0]
    profile["facts"][factor] = FACTORS[factor]
    after = assess(profile).results[0]
    assert after.status is before.status
    if before.variant is not None:
        assert after.variant is not None
        assert VARIANTS.index(after.variant) >= VARIANTS.index(before.variant)


@FAST
@given(profiles(single("geboortezorg.kraamzorg")))
def test_the_variant_counts_the_met_factors(profile: dict[str, Any]) -> None:
    result = assess(profile).results[0]
    factors = [f for f in result.findings if f.kind is Kind.FACTOR]
    assert len(factors) == 4
    met = sum(f.outcome is Outcome.MET for f in factors)
    open_ = sum(f.outcome is Outcome.UNKNOWN for f in factors)
    if result.status is Status.INELIGIBLE:
        assert result.variant is None
    else:
        assert result.variant == VARIANTS[met]
        assert result.variant_best_case == VARIANTS[met + open_]


# -- status ------------------------------------------------------------------------------------


@FAST
@given(profiles(st.lists(st.sampled_from(CONTRACTS), min_size=1, max_size=1)), st.data())
def test_turning_a_met_requirement_unmet_refuses_the_contract(profile: dict[str, Any],
                                                              data: st.DataObject) -> None:
    result = assess(profile).results[0]
    met = [f.condition for f in result.findings
           if f.kind is Kind.REQUIREMENT and f.outcome is Outcome.MET
           and any(case.outcome is Outcome.UNMET for case in CASES[f.condition])]
    event(f"met requirements: {bool(met)}")
    if not met:
        return
    condition = data.draw(st.sampled_from(met))
    case = data.draw(st.sampled_from([c for c in CASES[condition] if c.outcome is Outcome.UNMET]))
    facts = dict(case.facts)
    profile["agb_code"] = facts.pop("__agb__", profile["agb_code"])
    profile["facts"].update(facts)
    profile["applications"][0].update(case.application)
    after = assess(profile).results[0]
    turned = next(f for f in after.findings if f.condition == condition).outcome is Outcome.UNMET
    event(f"requirement turned unmet: {turned}")
    if turned:
        assert after.status is Status.INELIGIBLE
        assert after.period is None
        assert after.variant is None


@settings(max_examples=120, deadline=None)
@given(profiles())
def test_an_unknown_requirement_never_gives_eligible(profile: dict[str, Any]) -> None:
    for result in assess(profile).results:
        decisive = {f.outcome for f in result.findings if f.kind.decides}
        if Outcome.UNKNOWN in decisive:
            assert result.status in (Status.INCOMPLETE, Status.INELIGIBLE)
        if result.status is Status.ELIGIBLE:
            assert decisive <= {Outcome.MET, Outcome.NOT_APPLICABLE}


@FAST
@given(profiles())
def test_fraud_suspicion_refuses_every_contract(profile: dict[str, Any]) -> None:
    profile["facts"]["common.fraud_suspicion"] = True
    for result in assess(profile).results:
        assert result.status is Status.INELIGIBLE
        assert result.period is None


@FAST
@given(profiles())
def test_notes_and_factors_never_change_the_status(profile: dict[str, Any]) -> None:
    for result in assess(profile).results:
        if result.status is Status.INELIGIBLE:
            assert any(f.outcome is Outcome.UNMET for f in result.findings if f.kind.decides)


# -- round trips -------------------------------------------------------------------------------


@FAST
@given(profiles())
def test_profile_and_assessment_survive_a_json_round_trip(profile: dict[str, Any]) -> None:
    checked = ENGINE.read_profile(profile)
    text = json.dumps(profile_to_json(checked, ENGINE.facts))
    assert ENGINE.read_profile(json.loads(text)) == checked
    assessment = ENGINE.assess(checked, on=ON)
    data = json.loads(json.dumps(caresq.assessment_to_json(assessment)))
    assert caresq.assessment_from_json(data) == assessment
