"""Status, period and route of every geboortezorg contract (SPEC §5, §8.3, §8.4)."""

from __future__ import annotations

from datetime import date

import pytest

from caresq import Status
from caresq.calendar import Period
from tests.geboortezorg_helpers import CONTRACTS, ENGINE, FULL_STATUS, assess
from tests.policy_text import GEBOORTEZORG, missing_parts, policy_text

TWO_YEAR = ("geboortezorg.verloskunde", "geboortezorg.prenatale_screening",
            "geboortezorg.geboortecentrum")


def period(start: str, end: str) -> Period:
    return Period(date.fromisoformat(start), date.fromisoformat(end))


@pytest.mark.parametrize("contract", CONTRACTS)
def test_the_fully_met_profile_gets_the_contract(contract: str) -> None:
    assert assess(contract).status.value == FULL_STATUS[contract]


@pytest.mark.parametrize("contract", CONTRACTS)
def test_fraud_suspicion_refuses_every_contract(contract: str) -> None:
    result = assess(contract, {"common.fraud_suspicion": True})
    assert result.status is Status.INELIGIBLE
    assert result.period is None


# -- two-year contracts 2023-2024 ------------------------------------------------------------


@pytest.mark.parametrize("contract", TWO_YEAR)
def test_an_existing_two_year_contract_runs_2023_2024_without_review(contract: str) -> None:
    result = assess(contract)
    assert result.status is Status.ELIGIBLE
    assert result.period == period("2023-01-01", "2024-12-31")
    assert result.offer is not None
    assert result.offer.route == "existing contract"
    assert result.offer.review is None
    assert result.deadlines == ()


@pytest.mark.parametrize("contract", TWO_YEAR)
def test_the_requirements_still_apply_to_an_existing_contract(contract: str) -> None:
    result = assess(contract, {"common.vecozo_claims": False})
    assert result.status is Status.INELIGIBLE


@pytest.mark.parametrize("contract", TWO_YEAR)
@pytest.mark.parametrize(("submitted_on", "start"), [
    ("2023-06-30", "2024-01-01"),
    ("2023-12-31", "2024-01-01"),
    ("2024-01-01", "2024-02-01"),
    ("2024-03-15", "2024-04-01"),
    ("2024-01-31", "2024-02-01"),
    ("2024-11-30", "2024-12-01"),
])
def test_a_new_request_is_reviewed_and_starts_the_month_after(contract: str, submitted_on: str,
                                                               start: str) -> None:
    result = assess(contract, existing_contract=False, submitted_on=submitted_on)
    assert result.status is Status.REVIEW
    assert result.period == period(start, "2024-12-31")
    assert result.offer is not None
    assert result.offer.route == "new request"
    assert f"requested on {submitted_on}" in (result.offer.review or "")
    assert result.offer.citation.section == "Geen aanbod ontvangen"


@pytest.mark.parametrize("contract", TWO_YEAR)
def test_a_new_request_without_a_date_starts_1_january_and_says_so(contract: str) -> None:
    result = assess(contract, existing_contract=False)
    assert result.status is Status.REVIEW
    assert result.period == period("2024-01-01", "2024-12-31")
    assert "no request date given" in (result.offer.review or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("contract", TWO_YEAR)
def test_a_request_too_late_for_2024_is_refused(contract: str) -> None:
    result = assess(contract, existing_contract=False, submitted_on="2024-12-05")
    assert result.status is Status.INELIGIBLE
    assert result.period is None


# -- toeslag ---------------------------------------------------------------------------------


def test_the_toeslag_runs_for_2024_on_its_own_facts() -> None:
    result = assess("geboortezorg.toeslag_bereikbaarheid")
    assert result.status is Status.ELIGIBLE
    assert result.period == period("2024-01-01", "2024-12-31")
    assert [(d.name, d.due, d.met) for d in result.deadlines] == [
        ("send agreement", date(2024, 1, 1), True)]


@pytest.mark.parametrize(("agreed", "sent", "status"), [
    ("2024-01-31", "2024-02-29", Status.ELIGIBLE),
    ("2024-01-31", "2024-03-01", Status.INELIGIBLE),
    ("2023-01-31", "2023-02-28", Status.ELIGIBLE),
    ("2023-01-31", "2023-03-01", Status.INELIGIBLE),
    ("2024-03-31", "2024-04-30", Status.ELIGIBLE),
    ("2024-05-15", "2024-06-15", Status.ELIGIBLE),
    ("2024-05-15", "2024-06-16", Status.INELIGIBLE),
])
def test_the_toeslag_month_clips_at_the_month_end(agreed: str, sent: str,
                                                   status: Status) -> None:
    result = assess("geboortezorg.toeslag_bereikbaarheid",
                    {"toeslag.preferred_insurer_agreement_on": agreed,
                     "toeslag.sent_to_caresq_on": sent})
    assert result.status is status
    assert result.deadlines[0].met is (status is Status.ELIGIBLE)


def test_the_toeslag_deadline_is_open_until_the_agreement_is_sent() -> None:
    result = assess("geboortezorg.toeslag_bereikbaarheid",
                    {"toeslag.preferred_insurer_agreement_on": "2024-01-31",
                     "toeslag.sent_to_caresq_on": None}, on=date(2024, 2, 10))
    assert result.status is Status.INCOMPLETE
    (deadline,) = result.deadlines
    assert (deadline.due, deadline.met, deadline.days_left) == (date(2024, 2, 29), None, 19)


def test_the_toeslag_without_an_agreement_lists_no_deadline() -> None:
    result = assess("geboortezorg.toeslag_bereikbaarheid",
                    {"toeslag.preferred_insurer_agreement_on": None})
    assert result.status is Status.INCOMPLETE
    assert result.deadlines == ()


def test_the_toeslag_asks_no_phone_vecozo_or_digitalisation() -> None:
    asked = {f.id for f in ENGINE.contract("geboortezorg.toeslag_bereikbaarheid").questionnaire}
    assert asked == {"toeslag.preferred_insurer_agreement_on", "toeslag.sent_to_caresq_on",
                     "common.fraud_suspicion"}


# -- integrale geboortezorg ------------------------------------------------------------------


def test_a_complete_timely_igo_is_reviewed_for_one_year() -> None:
    result = assess("geboortezorg.integrale_geboortezorg")
    assert result.status is Status.REVIEW
    assert result.period == period("2024-01-01", "2024-12-31")
    assert "tariffs are negotiated" in (result.offer.review or "")  # type: ignore[union-attr]
    assert [(d.name, d.due, d.met) for d in result.deadlines] == [
        ("registration", date(2023, 8, 1), True)]


def test_an_igo_registered_after_1_august_2023_is_refused() -> None:
    result = assess("geboortezorg.integrale_geboortezorg", submitted_on="2023-08-02")
    assert result.status is Status.INELIGIBLE
    assert result.period is None
    assert result.deadlines[0].met is False


def test_an_igo_missing_a_document_is_incomplete() -> None:
    result = assess("geboortezorg.integrale_geboortezorg",
                    {"igo.documents": ["collaboration", "parties"]})
    assert result.status is Status.INCOMPLETE


def test_an_igo_missing_a_party_is_refused() -> None:
    result = assess("geboortezorg.integrale_geboortezorg",
                    {"igo.parties": ["kraamzorg", "hospital"]})
    assert result.status is Status.INELIGIBLE


def test_an_igo_without_a_registration_date_has_an_open_deadline() -> None:
    result = assess("geboortezorg.integrale_geboortezorg", submitted_on=None,
                    on=date(2023, 7, 1))
    assert result.status is Status.REVIEW
    assert (result.deadlines[0].met, result.deadlines[0].days_left) == (None, 31)


# -- kraamzorg (the lead's contract; only what this package touched) -------------------------


def test_a_kraamzorg_request_too_late_for_the_period_is_refused() -> None:
    # Dec 2025 + "first of the next month" = 2026: no start inside the 2024-2025 period.
    result = assess("geboortezorg.kraamzorg", submitted_on="2025-12-10", signed_on=None)
    assert result.status is Status.INELIGIBLE
    assert result.period is None


def test_a_late_kraamzorg_questionnaire_is_reviewed() -> None:
    result = assess("geboortezorg.kraamzorg", submitted_on="2024-02-10", signed_on=None)
    assert result.status is Status.REVIEW
    assert result.period == period("2024-03-01", "2025-12-31")


# -- the policy text -------------------------------------------------------------------------


@pytest.mark.parametrize("contract", CONTRACTS)
def test_every_quoted_sentence_stands_in_the_policy(contract: str) -> None:
    policy = policy_text(GEBOORTEZORG)
    for condition in ENGINE.contract(contract).conditions:
        assert not missing_parts(condition.text, policy), condition.id
        assert condition.citation.section.replace("  ", " ") in policy or \
            condition.citation.section == "Wijzigingen contractvoorwaarden en proces"
