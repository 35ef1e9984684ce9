"""caresq.testing.strategies: valid, realistic profiles derived from the fact catalogue alone."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import caresq
import caresq.testing
import caresq_plugins.geboortezorg
import caresq_plugins.zbc
from caresq.schedule import WORKING_DAYS_9_TO_17, parse_schedule
from caresq.testing import agb_codes, fact_values, profiles, schedules
from caresq.testing import strategies as strategies_module
from tests.plugins import fysio

BUNDLED = caresq.Engine(plugins=[caresq_plugins.geboortezorg, caresq_plugins.zbc])
#: Three contract years (2024, 2025, 2030) and a plugin that is not ours.
ENGINE = caresq.Engine(plugins=[caresq_plugins.geboortezorg, caresq_plugins.zbc, fysio])
ON = date(2023, 10, 1)
#: Searching for a profile that shows something: generation only, no shrinking; derandomized,
#: since a search that finds it by chance fails by chance too (seen in CI-like runs).
SEARCH = settings(max_examples=1500, database=None, derandomize=True, deadline=None,
                  phases=[Phase.generate], suppress_health_check=[HealthCheck.too_slow])
#: Statuses the policy never gives a contract (SPEC §5, §8.3-8.4): an IGO is always judged on
#: its tariffs, and the toeslag is judged on its own facts, never by the insurer.
UNREACHABLE = {("geboortezorg.integrale_geboortezorg", caresq.Status.ELIGIBLE),
               ("geboortezorg.toeslag_bereikbaarheid", caresq.Status.REVIEW)}


def status(profile: dict[str, Any], contract: int = 0) -> caresq.Status:
    return BUNDLED.assess(profile, on=ON).results[contract].status


@given(profiles(engine=ENGINE))
def test_every_drawn_profile_is_valid_and_assesses(profile: dict[str, Any]) -> None:
    checked = ENGINE.read_profile(profile)
    assessment = ENGINE.assess(checked, on=ON)
    assert [r.contract for r in assessment.results] == [
        a["contract"] for a in profile["applications"]]


@given(profiles("geboortezorg.kraamzorg", engine=BUNDLED))
def test_a_contract_gets_exactly_its_questionnaire(profile: dict[str, Any]) -> None:
    asked = {fact.id for fact in BUNDLED.contract("geboortezorg.kraamzorg").questionnaire}
    assert set(profile.get("facts", {})) <= asked
    assert [a["contract"] for a in profile["applications"]] == ["geboortezorg.kraamzorg"]


@pytest.mark.parametrize(
    ("contract", "wanted"),
    [(contract, wanted) for contract in sorted(BUNDLED.catalogue.contract_ids)
     for wanted in caresq.Status if (contract, wanted) not in UNREACHABLE],
    ids=lambda value: value.value if isinstance(value, caresq.Status) else value)
def test_every_status_the_policy_gives_is_reached(contract: str, wanted: caresq.Status) -> None:
    find(profiles(contract, engine=BUNDLED), lambda p: status(p) is wanted, settings=SEARCH)


def test_a_fraction_threshold_is_drawn_exactly() -> None:
    found = find(profiles("geboortezorg.kraamzorg", engine=BUNDLED),
                 lambda p: p.get("facts", {}).get("kraamzorg.zzp_share") == 0.15,
                 settings=SEARCH)
    finding = next(f for f in BUNDLED.assess(found, on=ON).results[0].findings
                   if f.condition == "kraamzorg.zzp_share")
    assert finding.outcome is caresq.Outcome.MET  # "maximaal 15%" meets at 0.15 (SPEC §8.1)


def test_an_integer_threshold_is_drawn_on_both_sides() -> None:
    for fte in (100, 101):
        find(profiles("zbc.msz", engine=BUNDLED),
             lambda p, fte=fte: p.get("facts", {}).get("zbc.fte") == fte, settings=SEARCH)


def test_a_schedule_split_at_noon_is_drawn_and_meets() -> None:
    def split(profile: dict[str, Any]) -> bool:
        hours = profile.get("facts", {}).get("common.phone_hours") or {}
        return hours.get("mon") == ["09:00-13:00", "13:00-17:00"]

    found = find(profiles("geboortezorg.verloskunde", engine=BUNDLED), split, settings=SEARCH)
    finding = next(f for f in BUNDLED.assess(found, on=ON).results[0].findings
                   if f.condition == "common.phone_hours")
    assert finding.outcome is caresq.Outcome.MET  # touching intervals leave no gap (SPEC §8.2)


def test_the_day_after_a_deadline_is_drawn() -> None:
    # 15 October 2023 is the kraamzorg questionnaire deadline: the day after is a late request.
    found = find(profiles("geboortezorg.kraamzorg", engine=BUNDLED),
                 lambda p: p["applications"][0].get("submitted_on") == "2023-10-16"
                 and not p["applications"][0].get("existing_contract"), settings=SEARCH)
    assert BUNDLED.assess(found, on=ON).results[0].offer.route == "late request"  # type: ignore[union-attr]


def test_known_unknown_and_null_facts_are_mixed_in_one_profile() -> None:
    def mixed(profile: dict[str, Any]) -> bool:
        facts = profile.get("facts", {})
        asked = BUNDLED.contract("geboortezorg.kraamzorg").questionnaire
        return (None in facts.values() and any(v is not None for v in facts.values())
                and any(f.id not in facts for f in asked))

    find(profiles("geboortezorg.kraamzorg", engine=BUNDLED), mixed, settings=SEARCH)


@given(profiles(engine=BUNDLED, year=2024, max_applications=2))
def test_a_year_limits_the_contracts_and_max_applications_their_number(
        profile: dict[str, Any]) -> None:
    contracts = [a["contract"] for a in profile["applications"]]
    assert 1 <= len(contracts) <= 2
    assert len(set(contracts)) == len(contracts)
    assert all(c.startswith("geboortezorg.") for c in contracts)


@given(profiles("zbc.msz", engine=BUNDLED, agb_codes=st.just("22099999")))
def test_the_agb_code_strategy_is_used(profile: dict[str, Any]) -> None:
    assert profile["agb_code"] == "22099999"


@given(st.data())
def test_fact_values_are_valid_for_every_fact_of_every_type(data: st.DataObject) -> None:
    fact = data.draw(st.sampled_from(sorted(ENGINE.facts.values(), key=lambda f: f.id)))
    value = data.draw(fact_values(fact))
    fact.check(value)  # raises FactValueError when invalid


@given(fact_values(caresq_plugins.zbc.facts.FTE, boundaries=[100, 101]))
def test_fact_values_take_boundaries(value: object) -> None:
    assert isinstance(value, int)
    assert value >= 0


def test_fact_values_draw_their_boundaries() -> None:
    find(fact_values(fysio.SCORE, boundaries=[0.8]), lambda v: v == 0.8, settings=SEARCH)


@given(schedules(windows=[WORKING_DAYS_9_TO_17]))
def test_schedules_are_valid(schedule: dict[str, list[str]]) -> None:
    parse_schedule(schedule)


@pytest.mark.parametrize("covered", [True, False])
def test_schedules_around_a_window_both_cover_and_miss_it(covered: bool) -> None:
    find(schedules(windows=[WORKING_DAYS_9_TO_17]),
         lambda s: parse_schedule(s).covers(WORKING_DAYS_9_TO_17).covered is covered,
         settings=SEARCH)


@given(agb_codes(prefixes=["33"]))
def test_agb_codes_have_8_digits(code: str) -> None:
    assert len(code) == 8
    assert code.isdigit()


@pytest.mark.parametrize("starts", [True, False])
def test_agb_codes_with_a_prefix_also_reach_other_care_types(starts: bool) -> None:
    find(agb_codes(prefixes=["33"]), lambda code: code.startswith("33") is starts,
         settings=SEARCH)


@pytest.mark.parametrize("strategy", [
    profiles(engine="not an engine"),  # type: ignore[arg-type]
    profiles("geboortezorg.kraam", engine=BUNDLED),
    profiles("zbc.msz", engine=BUNDLED, year=2024),
    profiles(engine=BUNDLED, year=1999),
    profiles(engine=BUNDLED, agb_codes="33012345"),  # type: ignore[arg-type]
    profiles(engine=BUNDLED, max_applications=0),
    fact_values("kraamzorg.zzp_share"),  # type: ignore[arg-type]
    fact_values(fysio.SCORE, boundaries=[1.5]),
    schedules(windows=["09:00-17:00"]),  # type: ignore[list-item]
    schedules(max_intervals=-1),
    agb_codes(prefixes=["3x"]),
    agb_codes(prefixes="33"),
], ids=repr)
def test_bad_arguments_raise_invalid_argument_when_drawn_not_when_called(
        strategy: st.SearchStrategy[Any]) -> None:
    # Building the strategy above did not raise; drawing from it does.
    @settings(max_examples=1, database=None)
    @given(strategy)
    def draw(value: object) -> None:
        pass

    with pytest.raises(InvalidArgument):
        draw()


def test_the_public_names_are_exactly_what_all_lists() -> None:
    for module in (caresq.testing, strategies_module):
        assert sorted(module.__all__) == module.__all__
        for name in module.__all__:
            assert getattr(module, name) is not None
    assert set(strategies_module.__all__) <= set(caresq.testing.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        caresq.testing.nothing  # noqa: B018


def test_without_hypothesis_the_kit_imports_and_the_strategies_say_what_to_install() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import caresq.testing, caresq.testing.pytest_plugin, caresq.testing.golden\n"
        "import caresq.testing.reference\n"
        "try:\n"
        "    caresq.testing.profiles\n"
        "except ImportError as error:\n"
        "    print(error)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "pip install 'caresq[testing]'" in out


@given(profiles("zbc.msz"))
def test_without_an_engine_profiles_follow_the_installed_plugins(profile: dict[str, Any]) -> None:
    assert [a["contract"] for a in profile["applications"]] == ["zbc.msz"]
    assert set(profile.get("facts") or {}) <= set(caresq.Engine.default().facts)


def test_an_engine_given_first_is_taken_as_the_engine() -> None:
    drawn = find(profiles(BUNDLED), lambda p: True)
    assert drawn["applications"]
