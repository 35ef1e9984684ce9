"""Kraamzorg end to end: requirements, the four factors and variants A-E, the procedure."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import caresq
from caresq import Outcome, Status

ON = date(2023, 10, 20)
OFFICE = {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
ALL_DAY = {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
FACTORS = ("kraamzorg.trains_new_staff", "kraamzorg.client_experience_survey",
           "kraamzorg.zzp_share", "kraamzorg.indicator_18")


def complete(**changes: Any) -> dict[str, Any]:
    """A kraamzorg profile meeting every requirement and every factor (variant A)."""
    facts: dict[str, Any] = {
        "kraamzorg.bo_geboortezorg_member": True, "kraamzorg.all_vsv_in_area": True,
        "kraamzorg.certificate": "HKZ", "geboortezorg.uses_lip_or_klim": True,
        "common.phone_hours": OFFICE, "kraamzorg.provides_partus_assistance": True,
        "common.emergency_phone_hours": ALL_DAY, "common.vecozo_claims": True,
        "common.vecozo_certificates": True, "digitalisering.care_mapped": True,
        "digitalisering.digital_care_path_share": 0.3,
        "digitalisering.digital_patient_share": 0.1,
        "kraamzorg.trains_new_staff": True, "kraamzorg.client_experience_survey": True,
        "kraamzorg.zzp_share": 0.1, "kraamzorg.indicator_18": 0.9,
    }
    application = {"contract": "geboortezorg.kraamzorg", "submitted_on": "2023-10-02",
                   "signed_on": "2023-10-25"}
    application.update(changes.pop("application", {}))
    facts.update({key.replace("__", "."): value for key, value in changes.items()})
    return {"agb_code": "33012345", "applications": [application],
            "facts": {key: value for key, value in facts.items() if value is not ...}}


def result(engine: caresq.Engine, profile: dict[str, Any]) -> caresq.Result:
    return engine.assess(profile, on=ON).results[0]


def finding(res: caresq.Result, condition: str) -> caresq.Finding:
    return next(f for f in res.findings if f.condition == condition)


def test_a_provider_meeting_everything_gets_variant_a_for_two_years(
        engine: caresq.Engine) -> None:
    res = result(engine, complete())
    assert (res.status, res.variant, res.variant_best_case) == (Status.ELIGIBLE, "A", "A")
    assert res.period is not None
    assert (res.period.start, res.period.end) == (date(2024, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(("met", "variant"), [(4, "A"), (3, "B"), (2, "C"), (1, "D"), (0, "E")])
def test_the_variant_counts_the_factors_met(engine: caresq.Engine, met: int,
                                            variant: str) -> None:
    unmet = {"kraamzorg__trains_new_staff": False, "kraamzorg__client_experience_survey": False,
             "kraamzorg__zzp_share": 0.5, "kraamzorg__indicator_18": 0.5}
    changes = dict(list(unmet.items())[met:])
    res = result(engine, complete(**changes))
    assert res.status is Status.ELIGIBLE
    assert (res.variant, res.variant_best_case) == (variant, variant)


@pytest.mark.parametrize(("share", "outcome"), [(0.15, Outcome.MET), (0.1500001, Outcome.UNMET),
                                                (0.0, Outcome.MET), (1.0, Outcome.UNMET)])
def test_zzp_share_is_met_up_to_and_including_15_percent(
        engine: caresq.Engine, share: float, outcome: Outcome) -> None:
    found = finding(result(engine, complete(kraamzorg__zzp_share=share)), "kraamzorg.zzp_share")
    assert found.outcome is outcome
    assert f"zzp share {share:g}" in found.reason


@pytest.mark.parametrize(("score", "outcome"), [(0.85, Outcome.MET), (0.8499999, Outcome.UNMET),
                                                (1.0, Outcome.MET)])
def test_indicator_18_is_met_from_85_percent(engine: caresq.Engine, score: float,
                                             outcome: Outcome) -> None:
    res = result(engine, complete(kraamzorg__indicator_18=score))
    assert finding(res, "kraamzorg.indicator_18").outcome is outcome
    assert res.variant == ("A" if outcome is Outcome.MET else "B")


def test_unknown_factors_count_as_not_met_with_a_best_case(engine: caresq.Engine) -> None:
    res = result(engine, complete(kraamzorg__zzp_share=..., kraamzorg__indicator_18=...,
                                  kraamzorg__trains_new_staff=False))
    assert res.status is Status.ELIGIBLE
    assert (res.variant, res.variant_best_case) == ("D", "B")
    assert finding(res, "kraamzorg.zzp_share").outcome is Outcome.UNKNOWN


def test_factors_never_change_the_status(engine: caresq.Engine) -> None:
    none_met = complete(**{f.replace(".", "__"): False for f in FACTORS[:2]},
                        kraamzorg__zzp_share=0.9, kraamzorg__indicator_18=0.1)
    assert result(engine, none_met).status is Status.ELIGIBLE


@pytest.mark.parametrize(("change", "condition"), [
    ({"kraamzorg__bo_geboortezorg_member": False}, "kraamzorg.bo_geboortezorg_member"),
    ({"kraamzorg__all_vsv_in_area": False}, "kraamzorg.all_vsv_in_area"),
    ({"kraamzorg__certificate": "none"}, "kraamzorg.certificate"),
    ({"geboortezorg__uses_lip_or_klim": False}, "geboortezorg.uses_lip_or_klim"),
    ({"common__phone_hours": {**OFFICE, "wed": ["09:00-12:00", "13:00-17:00"]}},
     "common.phone_hours"),
    ({"common__emergency_phone_hours": OFFICE}, "kraamzorg.partus_phone_24_7"),
    ({"common__vecozo_claims": False}, "common.vecozo_claims"),
    ({"common__vecozo_certificates": False}, "common.vecozo_certificates"),
    ({"digitalisering__care_mapped": False}, "digitalisering.care_mapped"),
    ({"digitalisering__digital_care_path_share": 0.24}, "digitalisering.digital_care_path_share"),
    ({"digitalisering__digital_patient_share": 0.09}, "digitalisering.digital_patient_share"),
    ({"common__fraud_suspicion": True}, "common.fraud_suspicion"),
])
def test_an_unmet_requirement_makes_the_provider_ineligible(
        engine: caresq.Engine, change: dict[str, Any], condition: str) -> None:
    res = result(engine, complete(**change))
    assert finding(res, condition).outcome is Outcome.UNMET
    assert res.status is Status.INELIGIBLE
    assert (res.variant, res.period) == (None, None)


def test_a_lunch_gap_is_named_in_the_reason(engine: caresq.Engine) -> None:
    gap = {**OFFICE, "wed": ["09:00-12:00", "13:00-17:00"]}
    reason = finding(result(engine, complete(common__phone_hours=gap)), "common.phone_hours").reason
    assert "wed 12:00-13:00" in reason


def test_touching_intervals_cover_the_office_window(engine: caresq.Engine) -> None:
    split = {**OFFICE, "mon": ["09:00-12:30", "12:30-17:00"]}
    found = finding(result(engine, complete(common__phone_hours=split)), "common.phone_hours")
    assert found.outcome is Outcome.MET


def test_the_agb_code_must_start_with_33(engine: caresq.Engine) -> None:
    profile = complete()
    profile["agb_code"] = "01012345"
    res = result(engine, profile)
    assert "01012345 does not start with 33" in finding(res, "kraamzorg.agb_code").reason
    assert res.status is Status.INELIGIBLE


@pytest.mark.parametrize(("partus", "emergency", "outcome"), [
    (False, ..., Outcome.NOT_APPLICABLE),
    (..., ..., Outcome.UNKNOWN),
    (..., ALL_DAY, Outcome.MET),
    (True, ..., Outcome.UNKNOWN),
    (True, OFFICE, Outcome.UNMET),
])
def test_round_the_clock_phone_binds_only_with_partus_assistance(
        engine: caresq.Engine, partus: Any, emergency: Any, outcome: Outcome) -> None:
    profile = complete(kraamzorg__provides_partus_assistance=partus,
                       common__emergency_phone_hours=emergency)
    assert finding(result(engine, profile), "kraamzorg.partus_phone_24_7").outcome is outcome


def test_an_unknown_requirement_makes_it_incomplete_never_eligible(
        engine: caresq.Engine) -> None:
    res = result(engine, complete(kraamzorg__all_vsv_in_area=...))
    assert res.status is Status.INCOMPLETE
    assert res.variant == "A"


def test_a_questionnaire_after_15_october_is_a_late_request_for_review(
        engine: caresq.Engine) -> None:
    res = result(engine, complete(application={"submitted_on": "2024-02-14", "signed_on": None}))
    assert res.status is Status.REVIEW
    assert res.offer is not None
    assert res.offer.route == "late request"
    assert res.period is not None
    assert (res.period.start, res.period.end) == (date(2024, 3, 1), date(2025, 12, 31))
    assert [(d.name, d.met) for d in res.deadlines] == [("questionnaire", False)]


def test_a_late_request_in_2023_starts_on_1_january_2024(engine: caresq.Engine) -> None:
    res = result(engine, complete(application={"submitted_on": "2023-10-16", "signed_on": None}))
    assert res.period is not None
    assert res.period.start == date(2024, 1, 1)


def test_an_offer_signed_after_1_november_has_lapsed(engine: caresq.Engine) -> None:
    res = result(engine, complete(application={"signed_on": "2023-11-02"}))
    assert finding(res, "kraamzorg.signing_deadline").outcome is Outcome.UNMET
    assert res.status is Status.INELIGIBLE


def test_signing_on_1_november_is_in_time(engine: caresq.Engine) -> None:
    res = result(engine, complete(application={"signed_on": "2023-11-01"}))
    assert res.status is Status.ELIGIBLE
    assert [(d.name, d.met) for d in res.deadlines] == [("questionnaire", True), ("signing", True)]


def test_an_open_deadline_shows_days_left_and_does_not_change_the_status(
        engine: caresq.Engine) -> None:
    res = result(engine, complete(application={"signed_on": None}))
    signing = next(d for d in res.deadlines if d.name == "signing")
    assert (signing.met, signing.days_left) == (None, 12)
    assert res.status is Status.ELIGIBLE


def test_the_sunday_deadline_stands_and_is_noted(engine: caresq.Engine) -> None:
    questionnaire = result(engine, complete()).deadlines[0]
    assert questionnaire.due == date(2023, 10, 15)
    assert questionnaire.note is not None
    assert "Sunday" in questionnaire.note


def test_every_finding_is_cited_with_its_dutch_sentence(engine: caresq.Engine) -> None:
    for found in result(engine, complete()).findings:
        assert found.citation.document == "Inkoopbeleid Geboortezorg 2024"
        assert found.citation.chapter in {"2", "3", "4", "5"}
        assert found.text
        assert found.reason


def test_ligdagen_requires_offering_ligdagen_but_not_the_factors(engine: caresq.Engine) -> None:
    profile = complete(kraamzorg__trains_new_staff=False, kraamzorg__offers_ligdagen=True)
    profile["applications"][0]["contract"] = "geboortezorg.ligdagen"
    res = result(engine, profile)
    assert res.status is Status.ELIGIBLE
    assert res.variant is None
    assert all(f.kind is not caresq.Kind.FACTOR for f in res.findings)
    profile["facts"]["kraamzorg.offers_ligdagen"] = False
    assert result(engine, profile).status is Status.INELIGIBLE
