"""Properties of the ZBC assessment that hold for every profile (SPEC §5, §8.5, §8.6).

- expectations and notes never change the status;
- any unmet requirement makes the contract ineligible;
- the order of the facts in a profile does not matter;
- an unknown requirement or procedure is never eligible.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import caresq
import caresq_plugins.zbc
from caresq import Kind, Outcome, Status
from caresq.render import assessment_to_json
from caresq_plugins.zbc.facts import DIGITAL_CARE_GOAL_CHOICES

ENGINE = caresq.Engine(plugins=[caresq_plugins.zbc])
ON = date(2024, 10, 1)
FAST = settings(max_examples=80, deadline=None)

REQUIREMENT_BOOLS = (
    "zbc.professional_standards", "zbc.evidence_based_programmes", "zbc.igj_basisset",
    "zbc.big_rgs_registered", "zbc.quality_register", "zbc.quality_mark",
    "zbc.zn_digital_goals", "common.vecozo_claims", "zbc.satisfaction_monitoring")
#: Every fact that only expectations and notes read.
NON_DECIDING_BOOLS = (
    "zbc.gddz_commitment", "zbc.sustainability_in_strategy", "zbc.annual_report_required",
    "zbc.annual_report_sustainability", "zbc.mobility_plan", "zbc.publishes_waiting_times",
    "zbc.prem", "zbc.uses_expensive_drugs", "zbc.provides_msr")

yes_no_unknown = st.sampled_from([True, False, None])
goals = st.none() | st.lists(st.sampled_from(DIGITAL_CARE_GOAL_CHOICES), unique=True)
ftes = st.none() | st.integers(0, 300) | st.sampled_from([100, 101])
dates = st.none() | st.dates(date(2024, 1, 1), date(2025, 12, 31))


@st.composite
def non_deciding_facts(draw: st.DrawFn) -> dict[str, object]:
    """Values for every fact only expectations and notes read."""
    facts: dict[str, object] = {fact_id: draw(yes_no_unknown) for fact_id in NON_DECIDING_BOOLS}
    facts["zbc.fte"] = draw(ftes)
    return facts


@st.composite
def profiles(draw: st.DrawFn, *, requirements: st.SearchStrategy[bool | None] = yes_no_unknown,
             ) -> dict[str, Any]:
    """A zbc.msz profile; ``requirements`` draws each yes/no requirement."""
    facts: dict[str, object] = {fact_id: draw(requirements) for fact_id in REQUIREMENT_BOOLS}
    facts["zbc.digital_care_goals"] = draw(goals)
    facts["zbc.contract_2024"] = draw(yes_no_unknown)
    facts["common.fraud_suspicion"] = draw(st.sampled_from([None, None, False, True]))
    facts.update(draw(non_deciding_facts()))
    application = {
        "contract": "zbc.msz",
        "submitted_on": _iso(draw(dates)),
        "signed_on": _iso(draw(dates)),
        "existing_contract": draw(st.booleans()),
    }
    return {"agb_code": "22012345", "applications": [application],
            "facts": {k: v for k, v in facts.items() if v is not None}}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _result(profile: dict[str, Any]) -> caresq.Result:
    return ENGINE.assess(profile, on=ON).results[0]


@FAST
@given(profiles(), non_deciding_facts())
def test_expectations_and_notes_never_change_the_status(
        profile: dict[str, Any], other: dict[str, object]) -> None:
    flipped = {**profile["facts"], **other}
    changed = {**profile, "facts": {k: v for k, v in flipped.items() if v is not None}}
    before, after = _result(profile), _result(changed)
    assert after.status is before.status
    assert after.period == before.period
    deciding = [(f.condition, f.outcome) for f in before.findings if f.kind.decides]
    assert [(f.condition, f.outcome) for f in after.findings if f.kind.decides] == deciding


@FAST
@given(profiles(), st.sampled_from([*REQUIREMENT_BOOLS, "zbc.digital_care_goals"]))
def test_any_unmet_requirement_is_ineligible(profile: dict[str, Any], fact_id: str) -> None:
    result = _result(profile)
    if any(f.kind is Kind.REQUIREMENT and f.outcome is Outcome.UNMET for f in result.findings):
        assert result.status is Status.INELIGIBLE
        assert result.period is None
    profile["facts"][fact_id] = [] if fact_id == "zbc.digital_care_goals" else False
    assert _result(profile).status is Status.INELIGIBLE


@FAST
@given(profiles(), st.data())
def test_the_order_of_the_facts_does_not_matter(profile: dict[str, Any],
                                                data: st.DataObject) -> None:
    items = list(profile["facts"].items())
    shuffled = {**profile, "facts": dict(data.draw(st.permutations(items)))}
    first = assessment_to_json(ENGINE.assess(profile, on=ON))
    assert assessment_to_json(ENGINE.assess(shuffled, on=ON)) == first


@FAST
@given(profiles())
def test_unknown_is_never_eligible(profile: dict[str, Any]) -> None:
    result = _result(profile)
    outcomes = {f.outcome for f in result.findings if f.kind.decides}
    if Outcome.UNKNOWN in outcomes:
        assert result.status in (Status.INCOMPLETE, Status.INELIGIBLE)
    if Outcome.UNMET not in outcomes and Outcome.UNKNOWN in outcomes:
        assert result.status is Status.INCOMPLETE


@FAST
@given(profiles(requirements=st.just(True)),
       st.sampled_from([*REQUIREMENT_BOOLS, "zbc.digital_care_goals"]))
def test_a_missing_requirement_is_never_eligible(profile: dict[str, Any], fact_id: str) -> None:
    profile["facts"].pop(fact_id, None)
    assert _result(profile).status in (Status.INCOMPLETE, Status.INELIGIBLE)


@FAST
@given(profiles())
def test_only_a_running_multi_year_contract_is_eligible(profile: dict[str, Any]) -> None:
    result = _result(profile)
    if result.status is Status.ELIGIBLE:
        assert profile["applications"][0]["existing_contract"] is True
    if result.status is not Status.INELIGIBLE:
        assert result.period == caresq.calendar.Period(date(2025, 1, 1), date(2025, 12, 31))


@FAST
@given(profiles(), st.dates(date(2024, 1, 1), date(2026, 12, 31)))
def test_the_reference_date_never_changes_the_status(profile: dict[str, Any],
                                                     on: date) -> None:
    assert ENGINE.assess(profile, on=on).results[0].status is _result(profile).status
