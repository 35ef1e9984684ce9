"""Every condition of every geboortezorg contract: met, unmet, unknown and not applicable.

Each case starts from the fully met profile of its contract, changes the facts (or the
application) that decide the condition, and checks the outcome and that the reason names the
deciding value. ``CASES`` is keyed by condition id, so a shared condition is tested in every
contract that carries it; a meta test fails when a condition has no cases.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

import pytest

import caresq
import caresq_plugins.geboortezorg
from caresq import Kind, Outcome
from tests.geboortezorg_helpers import (
    CHAPTER_2_FACTS,
    CONTRACTS,
    DAYTIME_ONLY,
    ENGINE,
    IGO_DOCUMENTS,
    IGO_PARTIES,
    LUNCH_GAP,
    ON,
    ROUND_THE_CLOCK,
    assess,
    finding,
)

MET, UNMET, UNKNOWN, NA = (Outcome.MET, Outcome.UNMET, Outcome.UNKNOWN,
                           Outcome.NOT_APPLICABLE)


class Case(NamedTuple):
    """Change ``facts`` and ``application``; expect ``outcome`` with ``reason`` in the reason."""

    outcome: Outcome
    facts: dict[str, Any]
    application: dict[str, Any]
    reason: str


def label(fact_id: str) -> str:
    return ENGINE.facts[fact_id].label


def holds(fact_id: str) -> list[Case]:
    """A yes/no requirement."""
    return [Case(MET, {}, {}, f"{label(fact_id)}: yes"),
            Case(UNMET, {fact_id: False}, {}, f"{label(fact_id)}: no"),
            Case(UNKNOWN, {fact_id: None}, {}, f"is not stated ({fact_id})")]


def guarded(guard: str, fact_id: str) -> list[Case]:
    """``guard → fact_id``: not applicable without the work, unknown when unsaid."""
    return [Case(MET, {}, {}, f"{label(guard)}: yes; {label(fact_id)}: yes"),
            Case(MET, {guard: None}, {}, f"(whether or not {label(guard)})"),
            Case(UNMET, {fact_id: False}, {}, f"{label(guard)}: yes; {label(fact_id)}: no"),
            Case(UNKNOWN, {guard: None, fact_id: False}, {}, f"is not stated ({guard})"),
            Case(UNKNOWN, {fact_id: None}, {}, f"is not stated ({fact_id})"),
            Case(NA, {guard: False, fact_id: False}, {}, f"{label(guard)}: no")]


def at_least(fact_id: str, limit: float, below: float) -> list[Case]:
    """A fraction with an inclusive minimum (R8.1)."""
    return [Case(MET, {fact_id: limit}, {}, f"{limit:g} is at least {limit:g}"),
            Case(UNMET, {fact_id: below}, {}, f"{below:g} is below the minimum {limit:g}"),
            Case(UNKNOWN, {fact_id: None}, {}, f"is not stated ({fact_id})")]


def start_in_year(contract: str) -> list[Case]:
    return [Case(NA, {}, {}, "already holds the contract"),
            Case(NA, {}, {"existing_contract": False}, "no request date yet"),
            Case(MET, {}, {"existing_contract": False, "submitted_on": "2024-03-15"},
                 "requested on 2024-03-15, so the contract starts 2024-04-01, by 2024-12-31"),
            Case(UNMET, {}, {"existing_contract": False, "submitted_on": "2024-12-05"},
                 "requested on 2024-12-05, so the contract starts 2025-01-01, after 2024-12-31")]


PHONE = "common.phone_hours"
EMERGENCY = "common.emergency_phone_hours"
#: Outside office hours (working days 09:00-17:00): what an emergency line must add (R8.8).
OUTSIDE_OFFICE_HOURS = {**{day: ["00:00-09:00", "17:00-24:00"]
                           for day in ("mon", "tue", "wed", "thu", "fri")},
                        "sat": ["00:00-24:00"], "sun": ["00:00-24:00"]}


def round_the_clock(guard: dict[str, Any], prefix: str) -> list[Case]:
    """24/7 from the regular and the emergency line together (R8.8)."""
    return [
        Case(MET, {}, {}, f"{prefix}phone hours and emergency phone hours together cover every "
                          "day 00:00-24:00"),
        Case(MET, {PHONE: ROUND_THE_CLOCK, EMERGENCY: None}, {},
             f"{prefix}phone hours cover every day 00:00-24:00"),
        Case(MET, {EMERGENCY: OUTSIDE_OFFICE_HOURS}, {}, "together cover every day"),
        Case(UNMET, {EMERGENCY: DAYTIME_ONLY}, {},
             f"{prefix}phone hours and emergency phone hours together do not cover every day "
             "00:00-24:00 (missing mon 00:00-07:00"),
        Case(UNKNOWN, {EMERGENCY: None}, {}, "phone hours alone do not cover every day "
                                             f"00:00-24:00; emergency phone hours ({EMERGENCY}) "
                                             "not stated"),
        Case(UNKNOWN, {PHONE: None, EMERGENCY: DAYTIME_ONLY}, {}, f"({PHONE}) not stated"),
        *(Case(outcome, {**guard_facts, EMERGENCY: None}, {}, reason)
          for outcome, guard_facts, reason in guard.get("cases", ())),
    ]

CASES: dict[str, list[Case]] = {
    # -- shared --------------------------------------------------------------------------------
    "geboortezorg.uses_lip_or_klim": holds("geboortezorg.uses_lip_or_klim"),
    "geboortezorg.perined": holds("geboortezorg.perined"),
    "geboortezorg.perinatal_audit": holds("geboortezorg.perinatal_audit"),
    "common.vecozo_claims": holds("common.vecozo_claims"),
    "common.vecozo_certificates": holds("common.vecozo_certificates"),
    PHONE: [Case(MET, {}, {}, "phone hours cover working days 09:00-17:00"),
            Case(MET, {PHONE: {d: ["09:00-12:30", "12:30-17:00"] for d in
                               ("mon", "tue", "wed", "thu", "fri")}}, {},
                 "cover working days 09:00-17:00"),
            Case(UNMET, {PHONE: LUNCH_GAP}, {}, "missing mon 12:00-13:00"),
            Case(UNKNOWN, {PHONE: None}, {}, f"is not stated ({PHONE})")],
    EMERGENCY: round_the_clock({}, ""),
    "digitalisering.care_mapped": holds("digitalisering.care_mapped"),
    "digitalisering.digital_care_path_share":
        at_least("digitalisering.digital_care_path_share", 0.25, 0.2),
    "digitalisering.digital_patient_share":
        at_least("digitalisering.digital_patient_share", 0.10, 0.09),
    "common.fraud_suspicion": [
        Case(MET, {}, {}, "no fraud suspicion on record"),
        Case(MET, {"common.fraud_suspicion": False}, {}, "no fraud suspicion on record"),
        Case(UNMET, {"common.fraud_suspicion": True}, {}, "fraud suspicion on record")],
    # -- verloskunde ---------------------------------------------------------------------------
    "verloskunde.uses_vademecum": holds("verloskunde.uses_vademecum"),
    "verloskunde.knov_quality_register": holds("verloskunde.knov_quality_register"),
    "verloskunde.knov_version_register":
        guarded("verloskunde.performs_external_version", "verloskunde.knov_version_register"),
    "verloskunde.ben_register":
        guarded("verloskunde.performs_ultrasound", "verloskunde.ben_register"),
    "verloskunde.knov_ctg_register":
        guarded("verloskunde.performs_ctg", "verloskunde.knov_ctg_register"),
    "verloskunde.vsv_ctg_agreements":
        guarded("verloskunde.performs_ctg", "verloskunde.vsv_ctg_agreements"),
    "verloskunde.ctg_training": guarded("verloskunde.performs_ctg", "verloskunde.ctg_training"),
    "verloskunde.vsv_participation": holds("verloskunde.vsv_participation"),
    "verloskunde.start_in_contract_year": start_in_year("verloskunde"),
    # -- toeslag -------------------------------------------------------------------------------
    "toeslag.preferred_insurer_agreement_on": [
        Case(MET, {}, {}, "agreement with the preferred insurer on 2023-12-01, by 2024-12-31"),
        Case(UNMET, {"toeslag.preferred_insurer_agreement_on": "2025-01-10",
                     "toeslag.sent_to_caresq_on": "2025-01-20"}, {},
             "on 2025-01-10, after 2024-12-31"),
        Case(UNKNOWN, {"toeslag.preferred_insurer_agreement_on": None}, {},
             "is not stated (toeslag.preferred_insurer_agreement_on)")],
    "toeslag_bereikbaarheid.sent_within_one_month": [
        Case(MET, {}, {}, "sent to Caresq on 2023-12-20, agreement with the preferred insurer "
                          "on 2023-12-01: within 1 month, by 2024-01-01"),
        Case(MET, {"toeslag.preferred_insurer_agreement_on": "2024-01-31",
                   "toeslag.sent_to_caresq_on": "2024-02-29"}, {}, "by 2024-02-29"),
        Case(UNMET, {"toeslag.preferred_insurer_agreement_on": "2024-01-31",
                     "toeslag.sent_to_caresq_on": "2024-03-01"}, {},
             "on 2024-03-01, agreement with the preferred insurer on 2024-01-31: after "
             "2024-02-29"),
        Case(UNKNOWN, {"toeslag.sent_to_caresq_on": None}, {},
             "is not stated (toeslag.sent_to_caresq_on)"),
        Case(UNKNOWN, {"toeslag.preferred_insurer_agreement_on": None}, {},
             "has no date (toeslag.preferred_insurer_agreement_on)"),
        Case(UNKNOWN, {"toeslag.sent_to_caresq_on": "2023-11-30"}, {},
             "dates contradict each other")],
    "toeslag_bereikbaarheid.temporary": [Case(MET, {}, {}, "expected to be temporary")],
    # -- prenatale screening -------------------------------------------------------------------
    "prenatale.ben_register": holds("prenatale.ben_register"),
    "prenatale.national_quality_requirements": holds("prenatale.national_quality_requirements"),
    "prenatale.regional_centre_agreement": holds("prenatale.regional_centre_agreement"),
    "prenatale_screening.start_in_contract_year": start_in_year("prenatale_screening"),
    "prenatale_screening.knov_register_dropped": [Case(NA, {}, {}, "dropped in 2024")],
    "prenatale_screening.max_diagnostic_ultrasounds": [
        Case(UNKNOWN, {}, {}, "prenatale.max_diagnostic_ultrasounds is not configured")],
    # -- kraamzorg and ligdagen ----------------------------------------------------------------
    "kraamzorg.bo_geboortezorg_member": holds("kraamzorg.bo_geboortezorg_member"),
    "kraamzorg.all_vsv_in_area": holds("kraamzorg.all_vsv_in_area"),
    "kraamzorg.certificate": [
        Case(MET, {"kraamzorg.certificate": "ISO"}, {}, "certificate ISO is one of"),
        Case(UNMET, {"kraamzorg.certificate": "none"}, {}, "certificate none is not one of"),
        Case(UNKNOWN, {"kraamzorg.certificate": None}, {}, "(kraamzorg.certificate)")],
    "kraamzorg.partus_phone_24_7": round_the_clock({"cases": (
        (UNKNOWN, {"kraamzorg.provides_partus_assistance": None},
         "is not stated (kraamzorg.provides_partus_assistance)"),
        (NA, {"kraamzorg.provides_partus_assistance": False}, "partus assistance: no"),
    )}, "partus assistance: yes; "),
    "kraamzorg.agb_code": [Case(MET, {}, {}, "AGB code 33012345 starts with 33"),
                           Case(UNMET, {"__agb__": "08012345"}, {},
                                "AGB code 08012345 does not start with 33")],
    "kraamzorg.signing_deadline": [
        Case(MET, {}, {}, "signed on 2023-10-20, by 2023-11-01"),
        Case(MET, {}, {"signed_on": "2023-11-01"}, "signed on 2023-11-01, by 2023-11-01"),
        Case(UNMET, {}, {"signed_on": "2023-11-02"}, "signed on 2023-11-02, after 2023-11-01"),
        Case(NA, {}, {"signed_on": None}, "the deadline 2023-11-01 is open"),
        Case(NA, {"__on__": "2023-11-01"}, {"signed_on": None}, "the deadline 2023-11-01 is open"),
        Case(UNKNOWN, {"__on__": "2023-11-20"}, {"signed_on": None},
             "the deadline 2023-11-01 passed 19 days ago; the profile does not say whether or "
             "when it was signed"),
        Case(NA, {}, {"submitted_on": "2023-10-20", "signed_on": "2023-12-01"},
             "a late request"),
        Case(NA, {"__on__": "2024-02-01"}, {"existing_contract": True, "signed_on": None},
             "already holds the 2024-2025 contract"),
        # R8.9: the flag never overrides a stated date.
        Case(UNMET, {}, {"existing_contract": True, "signed_on": "2023-11-02"},
             "signed on 2023-11-02, after 2023-11-01: the offer has lapsed")],
    "kraamzorg.questionnaire_deadline": [
        Case(MET, {}, {}, "confirmed on 2023-10-02, by 2023-10-15"),
        Case(NA, {}, {"submitted_on": "2023-10-16", "signed_on": None},
             "after 15 October 2023: not refused"),
        Case(NA, {"__on__": "2023-10-15"}, {"submitted_on": None, "signed_on": None},
             "not confirmed yet: the deadline 2023-10-15 is open"),
        Case(UNKNOWN, {"__on__": "2023-10-20"}, {"submitted_on": None, "signed_on": None},
             "the deadline 2023-10-15 passed 5 days ago; the profile does not say whether or "
             "when it was confirmed"),
        Case(NA, {"__on__": "2024-02-01"}, {"submitted_on": None, "signed_on": None,
                                            "existing_contract": True},
             "already holds the 2024-2025 contract")],
    "kraamzorg.trains_new_staff": holds("kraamzorg.trains_new_staff"),
    "kraamzorg.client_experience_survey": holds("kraamzorg.client_experience_survey"),
    "kraamzorg.zzp_share": [
        Case(MET, {"kraamzorg.zzp_share": 0.15}, {}, "zzp share 0.15 is at most 0.15"),
        Case(UNMET, {"kraamzorg.zzp_share": 0.2}, {}, "zzp share 0.2 is above the maximum"),
        Case(UNKNOWN, {"kraamzorg.zzp_share": None}, {}, "(kraamzorg.zzp_share)")],
    "kraamzorg.indicator_18": [
        Case(MET, {"kraamzorg.indicator_18": 0.85}, {}, "0.85 is at least 0.85"),
        Case(UNMET, {"kraamzorg.indicator_18": 0.8}, {}, "0.8 is below the minimum 0.85"),
        Case(UNKNOWN, {"kraamzorg.indicator_18": None}, {}, "(kraamzorg.indicator_18)")],
    "kraamzorg.max_max_tariff": [Case(MET, {}, {}, "max-max tariff")],
    "kraamzorg.start_in_contract_period": [
        Case(MET, {}, {}, "requested on 2023-10-02, so the contract starts 2024-01-01, "
                          "by 2025-12-31"),
        Case(MET, {}, {"submitted_on": "2025-11-20", "signed_on": None},
             "so the contract starts 2025-12-01, by 2025-12-31"),
        Case(UNMET, {}, {"submitted_on": "2025-12-05", "signed_on": None},
             "so the contract starts 2026-01-01, after 2025-12-31"),
        Case(NA, {}, {"existing_contract": True}, "already holds the contract"),
        Case(NA, {}, {"submitted_on": None}, "no request date yet")],
    "kraamzorg.offers_ligdagen": holds("kraamzorg.offers_ligdagen"),
    # -- geboortecentrum -----------------------------------------------------------------------
    "geboortecentrum.dry_connection_hospital": holds("geboortecentrum.dry_connection_hospital"),
    "geboortecentrum.cooperation_agreements": holds("geboortecentrum.cooperation_agreements"),
    "geboortecentrum.admission_at_2_3_cm": holds("geboortecentrum.admission_at_2_3_cm"),
    "geboortecentrum.individual_guidance": holds("geboortecentrum.individual_guidance"),
    "geboortecentrum.start_in_contract_year": start_in_year("geboortecentrum"),
    # -- integrale geboortezorg ----------------------------------------------------------------
    "igo.organised": holds("igo.organised"),
    "igo.parties": [
        Case(MET, {}, {}, "include all of first_line_midwives, second_line_midwives"),
        Case(UNMET, {"igo.parties": IGO_PARTIES[:4]}, {}, "IGO lack hospital"),
        Case(UNMET, {"igo.parties": []}, {}, "IGO lack first_line_midwives, second_line_midwives"),
        Case(UNKNOWN, {"igo.parties": None}, {}, "(igo.parties)")],
    "igo.cost_not_above_mono": holds("igo.cost_not_above_mono"),
    "igo.clean_double_funding": holds("igo.clean_double_funding"),
    "igo.members_meet_quality_requirements": holds("igo.members_meet_quality_requirements"),
    "igo.documents": [
        Case(MET, {}, {}, "registration documents include all of collaboration"),
        Case(UNKNOWN, {"igo.documents": [d for d in IGO_DOCUMENTS if d != "quality_plan"]}, {},
             "registration documents lack quality_plan: the process starts once the complete "
             "request is in"),
        Case(UNKNOWN, {"igo.documents": None}, {}, "(igo.documents)")],
    "integrale_geboortezorg.registration_deadline": [
        Case(MET, {}, {}, "registered on 2023-07-15, by 2023-08-01"),
        Case(MET, {}, {"submitted_on": "2023-08-01"}, "registered on 2023-08-01, by 2023-08-01"),
        Case(UNMET, {}, {"submitted_on": "2023-08-02"},
             "registered on 2023-08-02, after 2023-08-01: too late"),
        Case(NA, {"__on__": "2023-08-01"}, {"submitted_on": None},
             "the deadline 2023-08-01 is open"),
        Case(UNKNOWN, {}, {"submitted_on": None}, "the deadline 2023-08-01 passed 61 days ago; "
                                                  "the profile does not say whether or when it "
                                                  "was registered")],
    # -- hfst. 2: expectations (G8) and the notes that name a factor (G9) -------------------------
    **{fact_id: holds(fact_id) for fact_id in CHAPTER_2_FACTS},
    "kraamzorg.training_places_encouraged": [
        Case(MET, {}, {}, "rewarded by the differentiation factor kraamzorg.trains_new_staff")],
    "kraamzorg.breastfeeding_encouraged": [
        Case(MET, {}, {}, "rewarded by the differentiation factor kraamzorg.indicator_18")],
}


def conditions_of(contract: str) -> tuple[caresq.Condition, ...]:
    return ENGINE.contract(contract).conditions


def every_case() -> Iterator[Any]:
    for contract in CONTRACTS:
        for condition in conditions_of(contract):
            for number, case in enumerate(CASES.get(condition.id, ())):
                yield pytest.param(contract, condition.id, case,
                                   id=f"{contract.partition('.')[2]}-{condition.id}-"
                                      f"{case.outcome.value}-{number}")


@pytest.mark.parametrize(("contract", "condition", "case"), list(every_case()))
def test_condition_outcome_and_reason(contract: str, condition: str, case: Case) -> None:
    facts = dict(case.facts)
    agb_code = facts.pop("__agb__", "33012345")
    on = facts.pop("__on__", None)
    result = assess(contract, facts, agb_code=agb_code,
                    on=date.fromisoformat(on) if on else ON, **case.application)
    found = finding(result, condition)
    assert found.outcome is case.outcome, found.reason
    assert case.reason in found.reason


@pytest.mark.parametrize("contract", CONTRACTS)
def test_every_condition_has_cases_for_each_outcome_it_can_take(contract: str) -> None:
    for condition in conditions_of(contract):
        outcomes = {case.outcome for case in CASES.get(condition.id, ())}
        assert outcomes, f"{condition.id} of {contract} has no test cases"
        if condition.kind in (Kind.REQUIREMENT, Kind.FACTOR) and condition.id not in (
                "common.fraud_suspicion", "kraamzorg.agb_code"):
            assert {MET, UNMET, UNKNOWN} <= outcomes, condition.id


@pytest.mark.parametrize("contract", CONTRACTS)
def test_every_condition_is_cited_quoted_and_explained(contract: str) -> None:
    for condition in conditions_of(contract):
        assert condition.citation.document == "Inkoopbeleid Geboortezorg 2024"
        assert condition.citation.chapter in ("voorwerk", "2", "3", "4", "5")
        assert condition.text.strip() == condition.text
        assert "  " not in condition.text
        if condition.reading is not None:
            assert condition.reading.strip()


def test_a_configured_maximum_of_ultrasounds_is_reported() -> None:
    engine = caresq.Engine(plugins=[caresq_plugins.geboortezorg.GeboortezorgPlugin(
        max_diagnostic_ultrasounds=3)])
    result = assess("geboortezorg.prenatale_screening", engine=engine)
    found = finding(result, "prenatale_screening.max_diagnostic_ultrasounds")
    assert found.outcome is MET
    assert "at most 3 diagnostic ultrasounds" in found.reason
    assert result.status is caresq.Status.ELIGIBLE


def test_the_maximum_of_ultrasounds_is_not_invented() -> None:
    assert caresq_plugins.geboortezorg.PLUGIN.max_diagnostic_ultrasounds is None
    with pytest.raises(ValueError, match="must be >= 0"):
        caresq_plugins.geboortezorg.GeboortezorgPlugin(max_diagnostic_ultrasounds=-1)


def test_prenatale_screening_does_not_ask_the_knov_register() -> None:
    questionnaire = ENGINE.contract("geboortezorg.prenatale_screening").questionnaire
    assert not any("knov" in fact.id for fact in questionnaire)
    assert "prenatale.max_diagnostic_ultrasounds" not in ENGINE.facts


def test_shared_conditions_are_carried_as_hfst_3_says() -> None:
    def carriers(condition_id: str) -> set[str]:
        return {contract.partition(".")[2] for contract in CONTRACTS
                if any(c.id == condition_id for c in conditions_of(contract))}

    two_year = {"verloskunde", "prenatale_screening"}
    assert carriers("geboortezorg.uses_lip_or_klim") == two_year | {"kraamzorg", "ligdagen"}
    assert carriers("geboortezorg.perined") == two_year
    assert carriers("geboortezorg.perinatal_audit") == two_year
    all_but_toeslag = {c.partition(".")[2] for c in CONTRACTS} - {"toeslag_bereikbaarheid"}
    assert carriers(PHONE) == all_but_toeslag - {"integrale_geboortezorg"}
    assert carriers(EMERGENCY) == {"verloskunde"}
    assert carriers("kraamzorg.partus_phone_24_7") == {"kraamzorg", "ligdagen"}
    assert carriers("common.vecozo_claims") == all_but_toeslag
    for fact_id in ("digitalisering.care_mapped", "digitalisering.digital_care_path_share",
                    "digitalisering.digital_patient_share"):
        assert carriers(fact_id) == all_but_toeslag
    assert carriers("common.fraud_suspicion") == {c.partition(".")[2] for c in CONTRACTS}


def test_chapter_2_asks_stand_on_every_contract_they_address() -> None:
    def carriers(condition_id: str) -> set[str]:
        return {contract.partition(".")[2] for contract in CONTRACTS
                if any(c.id == condition_id for c in conditions_of(contract))}

    all_but_toeslag = {c.partition(".")[2] for c in CONTRACTS} - {"toeslag_bereikbaarheid"}
    for fact_id in CHAPTER_2_FACTS:
        expected = ({"kraamzorg", "ligdagen"} if fact_id.startswith("kraamzorg.")
                    else all_but_toeslag)
        assert carriers(fact_id) == expected, fact_id
    for note in ("kraamzorg.training_places_encouraged", "kraamzorg.breastfeeding_encouraged"):
        assert carriers(note) == {"kraamzorg"}


@pytest.mark.parametrize("contract", [c for c in CONTRACTS if "toeslag" not in c])
@pytest.mark.parametrize("value", [False, None])
def test_no_chapter_2_expectation_changes_the_status(contract: str, value: bool | None) -> None:
    spec = ENGINE.contract(contract)
    asked = [fact_id for fact_id in CHAPTER_2_FACTS
             if any(c.id == fact_id for c in spec.conditions)]
    before = assess(contract)
    after = assess(contract, dict.fromkeys(asked, value))
    assert (after.status, after.variant) == (before.status, before.variant)
    outcomes = {finding(after, fact_id).outcome for fact_id in asked}
    assert outcomes == {UNMET if value is False else UNKNOWN}
    assert set(asked) <= spec.optional
