"""The fysiotherapie plugin of docs/writing-a-plugin.md, section 9, runs as written."""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import caresq
from caresq.assessment import assess_contract
from caresq.model import Situation
from caresq.render import DETAILS, assessment_json_line
from caresq.testing import check_plugin, profiles

TUTORIAL = Path(__file__).resolve().parents[1] / "docs" / "writing-a-plugin.md"
SECTION = "## 9. Tiers and combinators: a fysiotherapie plugin"


def section_code() -> str:
    text = TUTORIAL.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.index("\n## ", start + len(SECTION))
    blocks = re.findall(r"```python\n(.*?)```", text[start:end], re.DOTALL)
    assert len(blocks) == 3
    return "\n".join(blocks)


@pytest.fixture(scope="module")
def plugin() -> Iterator[types.ModuleType]:
    module = types.ModuleType("caresq_fysio_tutorial")
    sys.modules[module.__name__] = module  # attrs and dataclass-like code look the module up
    try:
        exec(compile(section_code(), str(TUTORIAL), "exec"), module.__dict__)
        yield module
    finally:
        del sys.modules[module.__name__]


def assess(plugin: types.ModuleType, **facts: Any) -> caresq.Result:
    stated = {"fysio.kngf_registered": True, **{f"fysio.{k}": v for k, v in facts.items()}}
    profile = {"agb_code": "04012345", "applications": [{"contract": "fysio.basis"}],
               "facts": stated}
    engine = caresq.Engine(plugins=[plugin])
    return engine.assess(profile, on=date(2029, 10, 1)).results[0]


@pytest.mark.parametrize(("facts", "variant", "best"), [
    ({"direct_access": True, "measures_outcomes": True, "patient_score": 0.85,
      "trains_students": False}, "plus", "plus"),
    ({"direct_access": True, "measures_outcomes": True, "patient_score": 0.85,
      "trains_students": True}, "top", "top"),
    ({"direct_access": True, "measures_outcomes": True, "patient_score": 0.85}, "plus", "top"),
    ({"direct_access": True, "measures_outcomes": True, "trains_students": False},
     "basis", "plus"),
    ({"trains_students": True, "direct_access": False, "measures_outcomes": False},
     "basis", "basis"),
])
def test_the_table_of_the_tutorial_holds(plugin: types.ModuleType, facts: dict[str, Any],
                                         variant: str, best: str) -> None:
    result = assess(plugin, **facts)
    assert result.status is caresq.Status.ELIGIBLE
    assert (result.variant, result.variant_best_case) == (variant, best)


def test_either_registration_meets_the_requirement(plugin: types.ModuleType) -> None:
    krf = assess(plugin, kngf_registered=False, krf_registered=True)
    assert krf.status is caresq.Status.ELIGIBLE
    neither = assess(plugin, kngf_registered=False)
    finding = next(f for f in neither.findings if f.condition == "fysio.registered")
    assert finding.outcome is caresq.Outcome.UNKNOWN
    assert finding.reason == ("KRF registration is not stated (fysio.krf_registered); "
                              "KNGF registration: no")


def test_the_tutorial_plugin_conforms(plugin: types.ModuleType) -> None:
    assert check_plugin(plugin, max_examples=15).ok


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_prepared_and_plain_assessments_agree_on_tiers_and_combinators(
        plugin: types.ModuleType, data: st.DataObject) -> None:
    engine = caresq.Engine(plugins=[plugin])
    profile = engine.read_profile(data.draw(profiles("fysio.basis", engine=engine)))
    on = date(2029, 10, 1)
    spec = engine.contract("fysio.basis")
    for _ in range(2):  # the second time from the remembered findings
        assert engine.assess(profile, on=on).results == tuple(
            assess_contract(spec, Situation(profile.agb_code, profile.facts, a, on))
            for a in profile.applications)
        # and the batch's encoder writes that assessment's line, tier and best case included
        for detail in DETAILS:
            assert engine.assess_json_line(profile, on=on, detail=detail) == (
                assessment_json_line(engine.assess(profile, on=on), detail))
