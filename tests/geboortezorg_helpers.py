"""Profiles for the geboortezorg tests: one that meets everything, changed one fact at a time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import caresq
import caresq_plugins.geboortezorg

ENGINE: Final = caresq.Engine(plugins=[caresq_plugins.geboortezorg])
#: The date the tests assess on, unless a test says otherwise.
ON: Final = date(2023, 10, 1)

WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri")
DAYS: Final = (*WEEKDAYS, "sat", "sun")
OFFICE_HOURS: Final = {day: ["09:00-17:00"] for day in WEEKDAYS}
ROUND_THE_CLOCK: Final = {day: ["00:00-24:00"] for day in DAYS}
LUNCH_GAP: Final = {day: ["09:00-12:00", "13:00-17:00"] for day in WEEKDAYS}
DAYTIME_ONLY: Final = {day: ["07:00-23:00"] for day in DAYS}

IGO_PARTIES: Final = ["first_line_midwives", "second_line_midwives", "kraamzorg",
                      "gynaecologists", "hospital"]
IGO_DOCUMENTS: Final = ["collaboration", "parties", "quote_with_tariff_basis",
                        "hospital_budget_cleaning", "quality_plan", "mono_claims_route",
                        "insured_under_16_weeks"]

#: Every geboortezorg fact, stated so that every condition of every contract is met.
FULL_FACTS: Final[Mapping[str, Any]] = {
    "common.vecozo_claims": True,
    "common.vecozo_certificates": True,
    "common.phone_hours": OFFICE_HOURS,
    "common.emergency_phone_hours": ROUND_THE_CLOCK,
    "geboortezorg.uses_lip_or_klim": True,
    "geboortezorg.perined": True,
    "geboortezorg.perinatal_audit": True,
    "digitalisering.care_mapped": True,
    "digitalisering.digital_care_path_share": 0.3,
    "digitalisering.digital_patient_share": 0.12,
    "verloskunde.uses_vademecum": True,
    "verloskunde.knov_quality_register": True,
    "verloskunde.performs_external_version": True,
    "verloskunde.knov_version_register": True,
    "verloskunde.performs_ultrasound": True,
    "verloskunde.ben_register": True,
    "verloskunde.performs_ctg": True,
    "verloskunde.knov_ctg_register": True,
    "verloskunde.vsv_ctg_agreements": True,
    "verloskunde.ctg_training": True,
    "verloskunde.vsv_participation": True,
    "toeslag.preferred_insurer_agreement_on": "2023-12-01",
    "toeslag.sent_to_caresq_on": "2023-12-20",
    "prenatale.ben_register": True,
    "prenatale.national_quality_requirements": True,
    "prenatale.regional_centre_agreement": True,
    "kraamzorg.bo_geboortezorg_member": True,
    "kraamzorg.all_vsv_in_area": True,
    "kraamzorg.certificate": "HKZ",
    "kraamzorg.provides_partus_assistance": True,
    "kraamzorg.trains_new_staff": True,
    "kraamzorg.client_experience_survey": True,
    "kraamzorg.zzp_share": 0.1,
    "kraamzorg.indicator_18": 0.9,
    "kraamzorg.offers_ligdagen": True,
    "geboortecentrum.dry_connection_hospital": True,
    "geboortecentrum.cooperation_agreements": True,
    "geboortecentrum.admission_at_2_3_cm": True,
    "geboortecentrum.individual_guidance": True,
    "igo.organised": True,
    "igo.parties": IGO_PARTIES,
    "igo.cost_not_above_mono": True,
    "igo.clean_double_funding": True,
    "igo.members_meet_quality_requirements": True,
    "igo.documents": IGO_DOCUMENTS,
    # hfst. 2: what Caresq expects (G8)
    **dict.fromkeys(CHAPTER_2_FACTS := (
        "geboortezorg.informs_transformation_plans", "geboortezorg.labour_saving_measures",
        "geboortezorg.informs_care_choice", "geboortezorg.innovative_care",
        "geboortezorg.timely_care", "geboortezorg.timely_referral",
        "geboortezorg.gddz_commitment", "geboortezorg.sustainability_in_strategy",
        "geboortezorg.good_handover", "kraamzorg.regional_capacity",
        "kraamzorg.uses_survey_outcomes", "kraamzorg.employed_staff"), True),
}

#: Per contract, the application that meets every procedure.
APPLICATIONS: Final[Mapping[str, Mapping[str, Any]]] = {
    "geboortezorg.verloskunde": {"existing_contract": True},
    "geboortezorg.toeslag_bereikbaarheid": {"submitted_on": "2023-12-20"},
    "geboortezorg.prenatale_screening": {"existing_contract": True},
    "geboortezorg.kraamzorg": {"submitted_on": "2023-10-02", "signed_on": "2023-10-20"},
    "geboortezorg.ligdagen": {"submitted_on": "2023-10-02", "signed_on": "2023-10-20"},
    "geboortezorg.geboortecentrum": {"existing_contract": True},
    "geboortezorg.integrale_geboortezorg": {"submitted_on": "2023-07-15"},
}
CONTRACTS: Final = tuple(APPLICATIONS)
#: The status of the fully met profile: every contract eligible, except the IGO (tariffs).
FULL_STATUS: Final = {contract: ("review" if contract.endswith("integrale_geboortezorg")
                                 else "eligible") for contract in CONTRACTS}


def profile(contract: str, facts: Mapping[str, Any] | None = None,
            agb_code: str | None = "33012345", **application: Any) -> dict[str, Any]:
    """The fully met profile for ``contract``, with ``facts`` and ``application`` changed.

    A fact changed to ``None`` is sent as null: unknown.
    """
    return {
        "agb_code": agb_code,
        "name": "Testpraktijk",
        "applications": [{"contract": contract, **APPLICATIONS[contract], **application}],
        "facts": {**FULL_FACTS, **(facts or {})},
    }


def assess(contract: str, facts: Mapping[str, Any] | None = None, *,
           on: date = ON, engine: caresq.Engine = ENGINE, agb_code: str | None = "33012345",
           **application: Any) -> caresq.Result:
    """Assess the changed profile for ``contract`` and return its one result."""
    return engine.assess(profile(contract, facts, agb_code, **application), on=on).results[0]


def finding(result: caresq.Result, condition: str) -> caresq.Finding:
    """The finding of ``condition`` in ``result``."""
    found = [f for f in result.findings if f.condition == condition]
    assert len(found) == 1, f"{condition} found {len(found)} times in {result.contract}"
    return found[0]
