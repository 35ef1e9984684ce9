"""The library under a careless or hostile caller: wrong types get a documented error naming
what is wrong, a hand-built Profile is judged as its JSON would be, and a stream never stops
at one bad item.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import caresq
from caresq.interview import parse_answer
from caresq.render import assessment_json_line

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE: dict[str, Any] = json.loads((ROOT / "examples" / "kraamzorg.json").read_text("utf-8"))
ON = date(2023, 10, 20)
LINE = json.dumps(EXAMPLE)


def hand_built(engine: caresq.Engine, **changes: object) -> caresq.Profile:
    """The example as a Profile, then changed by hand (attrs.evolve, as a caller would)."""
    return attrs.evolve(engine.read_profile(EXAMPLE), **changes)  # type: ignore[misc]


# -- a hand-built Profile ---------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "named"), [
    ({"agb_code": 33012345}, "agb_code: 33012345 is not an 8-digit AGB code (a string)"),
    ({"applications": ()}, "applications: must name at least one application"),
    ({"name": 5}, "name: 5 is not a string"),
    ({"facts": {"kraamzorg.bo_geboortezorg_member": "false"}},
     'facts["kraamzorg.bo_geboortezorg_member"]: "false" is not true or false'),
    ({"facts": {"kraamzorg.zzp_share": -5.0}},
     'facts["kraamzorg.zzp_share"]: -5.0 is not a fraction in [0, 1]'),
    ({"facts": {"no.such_fact": True}}, 'facts["no.such_fact"]: unknown fact id'),
], ids=["agb-int", "no-application", "name-int", "bool-as-text", "share-negative",
        "unknown-fact"])
def test_a_hand_built_profile_is_refused_as_its_json_would_be(
        engine: caresq.Engine, changes: dict[str, object], named: str) -> None:
    profile = hand_built(engine, **changes)
    for judged in (engine.assess, engine.assess_json_line, engine.advise):
        with pytest.raises(caresq.ProfileError) as refused:
            judged(profile, on=ON)
        assert any(line.startswith(named) for line in refused.value.errors), refused.value.errors


def test_an_application_that_is_not_one_is_named_not_a_crash(engine: caresq.Engine) -> None:
    profile = hand_built(engine, applications=(42,))
    with pytest.raises(caresq.ProfileError, match=r"applications\[0\]"):
        engine.assess(profile, on=ON)


def test_a_profile_the_reader_made_is_not_read_again(engine: caresq.Engine) -> None:
    profile = engine.read_profile(EXAMPLE)
    assert engine.read_profile(profile) is profile
    changed = attrs.evolve(profile, name="Een ander")
    assert engine.read_profile(changed) == changed
    assert engine.read_profile(changed) is not changed  # checked: the reader's copy


FACT_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=True),
                        st.text(max_size=6), st.sampled_from(["HKZ", "ISO", "none", "0.5"]))


@given(st.dictionaries(st.sampled_from(["kraamzorg.zzp_share", "kraamzorg.certificate",
                                        "kraamzorg.bo_geboortezorg_member",
                                        "kraamzorg.indicator_18"]), FACT_VALUES, max_size=4))
def test_any_hand_built_facts_are_judged_as_the_same_json(
        engine: caresq.Engine, facts: dict[str, object]) -> None:
    as_json = {**EXAMPLE, "facts": facts}
    profile = hand_built(engine, facts=facts)
    try:
        expected = engine.assess(as_json, on=ON)
    except caresq.ProfileError as refused:
        errors = refused.errors
    else:
        assert engine.assess(profile, on=ON) == expected
        assert engine.assess_json_line(profile, on=ON) == assessment_json_line(expected)
        return
    with pytest.raises(caresq.ProfileError) as also:
        engine.assess(profile, on=ON)
    assert also.value.errors == errors


def test_a_bad_hand_built_profile_is_one_bad_line_of_a_comparison(engine: caresq.Engine) -> None:
    changed = engine.with_parameters({"kraamzorg.max_zzp_share": 0.1})
    lines = [LINE, hand_built(engine, agb_code=1), LINE]
    comparison = engine.compare(lines, changed, on=ON)  # type: ignore[arg-type]
    assert comparison.bad_lines == 1
    assert [line for line, _ in comparison.bad] == [2]
    assert comparison.profiles == 2  # the others go on


# -- arguments of the wrong type --------------------------------------------------------------


@pytest.mark.parametrize("on", [datetime(2023, 10, 20, 12), "2023-10-20", 0, False])
def test_a_reference_date_that_is_not_a_date_is_a_type_error_naming_on(
        engine: caresq.Engine, on: object) -> None:
    calls = [lambda: engine.assess(EXAMPLE, on=on), lambda: engine.advise(EXAMPLE, on=on),
             lambda: list(engine.assess_jsonl([LINE], on=on)),
             lambda: list(engine.assess_many([LINE], on=on))]
    for call in calls:
        with pytest.raises(TypeError, match=r"^on: expected a datetime\.date or None"):
            call()  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("year", [2024.0, "2024", True])
def test_a_contract_year_that_is_not_an_int_is_a_type_error_naming_year(
        engine: caresq.Engine, year: object) -> None:
    calls = [lambda: engine.assess(EXAMPLE, on=ON, year=year),
             lambda: engine.assess_json_line(EXAMPLE, on=ON, year=year),
             lambda: list(engine.assess_jsonl([LINE], on=ON, year=year)),
             lambda: list(engine.assess_many([LINE], on=ON, year=year))]
    for call in calls:
        with pytest.raises(TypeError, match=r"^year: expected an int or None"):
            call()  # type: ignore[no-untyped-call]


def test_an_item_of_a_jsonl_stream_that_is_not_text_is_its_lines_error_record(
        engine: caresq.Engine) -> None:
    out = list(engine.assess_jsonl([LINE, EXAMPLE, None, LINE], on=ON))  # type: ignore[list-item]
    assert len(out) == 4
    for number in (2, 3):
        record = json.loads(out[number - 1])
        assert record["line"] == number
        assert record["error"]["errors"][0].startswith("expected JSON text (str or bytes)")
    assert "results" in json.loads(out[3])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "utf-8-sig"])
def test_bytes_are_read_as_utf8_by_every_reader(engine: caresq.Engine, encoding: str) -> None:
    # json.loads of bytes guesses UTF-16 and UTF-32 and skips a byte-order mark; the command
    # line reads a file as UTF-8 and refuses them: so does every library reader now.
    data = LINE.encode(encoding)
    with pytest.raises(caresq.ProfileError):
        engine.read_profile_json(data)
    with pytest.raises(caresq.ProfileError):
        engine.read_profile_line(data)
    [item] = engine.assess_many([data], on=ON)
    assert isinstance(item, caresq.ProfileError)
    [line] = engine.assess_jsonl([data], on=ON)
    assert json.loads(line)["error"]["type"] == "ProfileError"


# -- the interview, advice, parameters, the testing kit ---------------------------------------


def test_an_answer_nested_too_deep_is_refused_by_the_reader(engine: caresq.Engine) -> None:
    interview = engine.interview("geboortezorg.kraamzorg", agb_code="33012345", on=ON)
    with pytest.raises(caresq.ProfileError, match="is not a number"):
        interview.answer("kraamzorg.zzp_share", "[" * 100_000)


@pytest.mark.parametrize(("typed", "days"), [
    ("fri-mon 00:00-24:00", {"fri", "sat", "sun", "mon"}), ("sun-mon 09:00-17:00", {"sun", "mon"}),
    ("mon-fri 09:00-17:00", {"mon", "tue", "wed", "thu", "fri"})])
def test_a_day_range_over_the_weekend_goes_round_the_week(
        engine: caresq.Engine, typed: str, days: set[str]) -> None:
    hours = parse_answer(engine.facts["common.phone_hours"], typed)
    assert isinstance(hours, dict)
    assert {day for day, spans in hours.items() if spans} == days


def test_advice_that_hit_its_bound_does_not_call_the_outcome_settled(
        engine: caresq.Engine) -> None:
    blank = {"agb_code": None, "applications": [{"contract": "geboortezorg.kraamzorg"}]}
    advice = engine.advise(blank, on=ON, max_evaluations=0)
    text = caresq.advice.render_advice_text(advice)
    assert advice.truncated
    assert "settled" not in text
    assert "stopped at its bound" in text


def test_a_date_parameter_given_as_a_date_keeps_to_the_years_of_text(
        engine: caresq.Engine) -> None:
    with pytest.raises(caresq.CaresqError, match="9999-01-01 is outside the years 1900 to 2999"):
        engine.with_parameters({"kraamzorg.signing_deadline": date(9999, 1, 1)})


@pytest.mark.parametrize("target", [5, None, "caresq_voorbeeld", type("Empty", (), {})()])
def test_the_conformance_suite_fails_what_is_no_plugin(target: object) -> None:
    from caresq.testing import check_plugin

    report = check_plugin(target, raise_on_failure=False)
    assert not report.ok
    assert "implements no caresq hook" in report.failures[0].message


class _NoPolicies:
    """Implements a hook, and returns nothing from it: a plugin that does nothing."""

    @caresq.hookimpl
    def caresq_policies(self) -> None:
        return None


def test_the_conformance_suite_fails_a_plugin_that_declares_nothing() -> None:
    from caresq.testing import check_plugin

    report = check_plugin(_NoPolicies(), raise_on_failure=False)
    assert not report.ok
    assert report.failures[0].message.endswith(
        "declares no policy, contract, condition or fact: nothing to check")


@pytest.mark.parametrize(("declared", "said"), [
    ({"tiers": (caresq.Tier("basis"), caresq.Tier("plus", at_least=2),
                caresq.Tier("top", at_least=1))},
     "tier(s) plus can never be reached"),
    ({"variants": ("C", "C", "A")}, "a variant is named twice: C, C, A"),
])
def test_the_conformance_suite_fails_variants_that_do_not_step_up(
        declared: dict[str, Any], said: str) -> None:
    from caresq.testing import check_plugin
    from tests.plugins.tiers import plugin

    report = check_plugin(plugin(**declared), raise_on_failure=False, checks=["declarations"])
    assert [f.message for f in report.failures if said in f.message], report.failures


def test_tiers_that_step_up_pass_the_declarations_check() -> None:
    from caresq.testing import check_plugin
    from tests.plugins.tiers import plugin

    tiers = (caresq.Tier("basis"), caresq.Tier("plus", at_least=1), caresq.Tier("top", at_least=2))
    assert check_plugin(plugin(tiers=tiers), raise_on_failure=False, checks=["declarations"]).ok
