"""Tests of the example plugin: the conformance suite, a few behaviours, and golden files.

Run from this folder after `pip install .` (caresq with its `testing` extra installed too):
`pytest`. The `caresq_conformance` and `caresq_golden` fixtures come from caresq's pytest plugin.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import caresq
import pytest
from caresq.testing import profiles
from caresq.testing.pytest_plugin import conformance_tests
from hypothesis import given, settings

import caresq_voorbeeld

ENGINE = caresq.Engine(plugins=[caresq_voorbeeld])
ON = date(2029, 9, 25)
GOLDEN = Path(__file__).parent / "golden"
OFFICE_HOURS = {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}

# One test per conformance check: declarations, citations, clashes, determinism, ...
test_the_plugin_conforms = conformance_tests(caresq_voorbeeld)


def wijkzorg(**facts: Any) -> dict[str, Any]:
    """A complete wijkzorg profile; keyword arguments replace facts (None: unknown)."""
    complete: dict[str, Any] = {
        "voorbeeld.quality_register": True, "voorbeeld.certificate": "HKZ",
        "voorbeeld.regions": ["noord", "oost"], "common.phone_hours": OFFICE_HOURS,
        "common.vecozo_claims": True, "voorbeeld.client_score": 0.9,
        "voorbeeld.trains_students": True,
    }
    complete.update({key.replace("__", "."): value for key, value in facts.items()})
    return {"agb_code": "12345678",
            "applications": [{"contract": "voorbeeld.wijkzorg", "submitted_on": "2029-09-20"}],
            "facts": complete}


def result(profile: dict[str, Any]) -> caresq.Result:
    return ENGINE.assess(profile, on=ON).results[0]


def test_a_complete_profile_is_eligible_in_variant_a() -> None:
    got = result(wijkzorg())
    assert (got.status, got.variant) == (caresq.Status.ELIGIBLE, "A")


def test_a_client_score_of_exactly_80_percent_meets() -> None:
    assert result(wijkzorg(voorbeeld__client_score=0.8)).variant == "A"
    assert result(wijkzorg(voorbeeld__client_score=0.79)).variant == "B"


def test_one_region_is_not_enough() -> None:
    got = result(wijkzorg(voorbeeld__regions=["zuid"]))
    assert got.status is caresq.Status.INELIGIBLE
    finding = next(f for f in got.findings if f.condition == "voorbeeld.regions")
    assert finding.reason == "regions served: zuid, fewer than 2"


def test_a_late_questionnaire_is_judged_and_starts_the_month_after() -> None:
    profile = wijkzorg()
    profile["applications"][0]["submitted_on"] = "2029-10-02"
    got = result(profile)
    assert got.status is caresq.Status.REVIEW
    assert got.period is not None
    assert got.period.start == date(2030, 1, 1)


@settings(max_examples=60, deadline=None)
@given(profiles("voorbeeld.wijkzorg", engine=ENGINE))
def test_the_variant_is_never_better_than_the_best_case(profile: dict[str, Any]) -> None:
    got = result(profile)
    variants = caresq_voorbeeld.WIJKZORG.variants
    assert variants is not None
    if got.variant is not None:
        assert got.variant_best_case is not None
        assert variants.index(got.variant) <= variants.index(got.variant_best_case)


def test_the_golden_profiles_assess_as_recorded(caresq_golden: Any) -> None:
    # Refresh after an intended change: pytest --caresq-refresh-golden
    caresq_golden(GOLDEN, ENGINE, on=ON)


def test_the_installed_plugin_is_found_through_its_entry_point() -> None:
    names = {info.name for info in caresq.Engine.default().plugins() if info.error is None}
    if "voorbeeld" not in names:
        pytest.fail("caresq-example-plugin is not installed: pip install .")
