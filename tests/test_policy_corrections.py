"""Issue 11, as a provider meets it: 24/7 from both lines, past-due deadlines, warnings,
existing contracts and stated dates, one source of truth per date, a blank template that loads
back, readings cited by their published ids, and the shipped policy texts."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import caresq
from caresq import Outcome, Status
from caresq.calendar import Period
from caresq.cli import main
from caresq.sources import SourceError, read_source, source_text
from caresq.testing import profiles
from tests.geboortezorg_helpers import OFFICE_HOURS, ROUND_THE_CLOCK, assess, finding
from tests.policy_text import GEBOORTEZORG, ZBC

ROOT = Path(__file__).resolve().parents[1]
KRAAMZORG_EXAMPLE = ROOT / "examples" / "kraamzorg.json"
EXAMPLES = [KRAAMZORG_EXAMPLE, *sorted((ROOT / "examples" / "geboortezorg").glob("*.json")),
            *sorted((ROOT / "examples" / "zbc").glob("*.json"))]
ENGINE = caresq.Engine.default()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


# -- R8.8: 24/7 reachability from the regular and the emergency line together ------------------

OUTSIDE_OFFICE_HOURS = {**{day: ["00:00-09:00", "17:00-24:00"]
                           for day in ("mon", "tue", "wed", "thu", "fri")},
                        "sat": ["00:00-24:00"], "sun": ["00:00-24:00"]}


@pytest.mark.parametrize(("contract", "condition"), [
    ("geboortezorg.verloskunde", "common.emergency_phone_hours"),
    ("geboortezorg.kraamzorg", "kraamzorg.partus_phone_24_7"),
    ("geboortezorg.ligdagen", "kraamzorg.partus_phone_24_7"),
])
@pytest.mark.parametrize(("lines", "outcome"), [
    # a regular line open day and night serves emergencies too; no emergency line stated
    ({"common.phone_hours": ROUND_THE_CLOCK, "common.emergency_phone_hours": None}, Outcome.MET),
    # office hours, and an emergency line for the rest of the week
    ({"common.phone_hours": OFFICE_HOURS,
      "common.emergency_phone_hours": OUTSIDE_OFFICE_HOURS}, Outcome.MET),
    # office hours, and nothing said about emergencies: we ask
    ({"common.phone_hours": OFFICE_HOURS, "common.emergency_phone_hours": None}, Outcome.UNKNOWN),
    # both stated, the nights of the weekend uncovered
    ({"common.phone_hours": OFFICE_HOURS,
      "common.emergency_phone_hours": {**OUTSIDE_OFFICE_HOURS, "sun": ["08:00-20:00"]}},
     Outcome.UNMET),
])
def test_24_7_is_read_from_both_lines_together(contract: str, condition: str,
                                               lines: dict[str, Any], outcome: Outcome) -> None:
    result = assess(contract, lines)
    found = finding(result, condition)
    assert found.outcome is outcome, found.reason
    assert found.reading is not None
    assert found.reading.startswith("R8.8")
    assert result.status is {Outcome.MET: Status.ELIGIBLE, Outcome.UNKNOWN: Status.INCOMPLETE,
                             Outcome.UNMET: Status.INELIGIBLE}[outcome]


# -- R8.6: a deadline passed without a date is unknown ------------------------------------------


@pytest.mark.parametrize(("on", "status", "signing"), [
    ("2023-10-31", "eligible", "(open, 1 days left)"),
    ("2023-11-01", "eligible", "(open, 0 days left)"),
    ("2023-11-20", "incomplete", "(unknown: passed 19 days ago, and the profile gives no date)"),
])
def test_an_unsigned_kraamzorg_offer_is_open_until_1_november_then_unknown(
        capsys: pytest.CaptureFixture[str], on: str, status: str, signing: str) -> None:
    code, out = run(capsys, "assess", str(KRAAMZORG_EXAMPLE), "--on", on, "--format", "json")
    assert code == 0
    (result,) = json.loads(out)["results"]
    assert result["status"] == status
    signed = next(f for f in result["findings"] if f["condition"] == "kraamzorg.signing_deadline")
    assert signed["outcome"] == ("unknown" if status == "incomplete" else "not_applicable")
    _, text = run(capsys, "assess", str(KRAAMZORG_EXAMPLE), "--on", on)
    assert f"deadline signing: 2023-11-01 {signing}" in text


def test_a_newcomer_today_reads_incomplete_and_a_warning_not_eligible(
        capsys: pytest.CaptureFixture[str]) -> None:
    # The example assessed long after the round: what it does not say is unknown, and the
    # result says the contract period is over.
    _, text = run(capsys, "assess", str(KRAAMZORG_EXAMPLE), "--on", "2026-12-01")
    assert "geboortezorg.kraamzorg: INCOMPLETE" in text
    assert "ELIGIBLE" not in text.replace("INELIGIBLE", "")
    assert ("warning: the reference date 2026-12-01 lies after the end of the contract period "
            "(2025-12-31)") in text
    _, out = run(capsys, "assess", str(KRAAMZORG_EXAMPLE), "--on", "2026-12-01", "--format",
                 "json")
    (result,) = json.loads(out)["results"]
    assert len(result["warnings"]) == 1
    _, out = run(capsys, "assess", str(KRAAMZORG_EXAMPLE), "--on", "2023-10-20", "--format",
                 "json")
    assert json.loads(out)["results"][0]["warnings"] == []


def test_the_batch_writer_and_the_json_form_agree_on_warnings() -> None:
    from caresq.render import assessment_json_line, assessment_to_json

    assessment = ENGINE.assess(json.loads(KRAAMZORG_EXAMPLE.read_text(encoding="utf-8")),
                               on=date(2026, 12, 1))
    line = json.loads(assessment_json_line(assessment))
    assert line == json.loads(json.dumps(assessment_to_json(assessment)))
    assert line["results"][0]["warnings"]


def _past_due_without_a_date(result: caresq.Result, on: date) -> list[str]:
    return [d.name for d in result.deadlines if d.met is None and d.due < on]


@settings(max_examples=150, deadline=None)
@given(profile=profiles(ENGINE), on=st.dates(date(2023, 6, 1), date(2026, 6, 30)))
def test_no_result_is_eligible_while_a_deadline_has_passed_without_a_date(
        profile: dict[str, Any], on: date) -> None:
    assessment = ENGINE.assess(profile, on=on)
    for result in assessment.results:
        passed = _past_due_without_a_date(result, on)
        if passed:
            assert result.status not in (Status.ELIGIBLE, Status.REVIEW), (result.contract,
                                                                            passed)
        for deadline in result.deadlines:
            assert deadline.passed == (deadline.met is None and deadline.days_left is not None
                                       and deadline.due < on)


# -- R8.9: existing_contract never overrides a stated date -------------------------------------


@pytest.mark.parametrize("contract", ["geboortezorg.kraamzorg", "geboortezorg.ligdagen"])
def test_existing_contract_signed_after_1_november_has_lapsed(contract: str) -> None:
    result = assess(contract, existing_contract=True, signed_on="2023-11-02")
    assert result.status is Status.INELIGIBLE
    signed = finding(result, "kraamzorg.signing_deadline")
    assert signed.outcome is Outcome.UNMET
    assert "the offer has lapsed" in signed.reason
    assert "R8.9" in (signed.reading or "")


@pytest.mark.parametrize("contract", ["geboortezorg.kraamzorg", "geboortezorg.ligdagen"])
def test_existing_contract_with_a_late_questionnaire_keeps_the_late_route(contract: str) -> None:
    result = assess(contract, existing_contract=True, submitted_on="2023-11-10", signed_on=None)
    assert result.status is Status.REVIEW
    assert result.offer is not None
    assert result.offer.route == "late request"
    assert result.period == Period(date(2024, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize("contract", ["geboortezorg.kraamzorg", "geboortezorg.ligdagen"])
def test_existing_contract_stands_in_only_for_dates_not_given(contract: str) -> None:
    result = assess(contract, existing_contract=True, submitted_on=None, signed_on=None,
                    on=date(2024, 3, 1))
    assert result.status is Status.ELIGIBLE
    assert result.offer is not None
    assert result.offer.route == "existing contract"
    assert result.deadlines == ()


# -- R8.10: one source of truth per date --------------------------------------------------------


def test_the_toeslag_deadline_line_and_its_finding_agree_on_contradicting_dates(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = assess("geboortezorg.toeslag_bereikbaarheid",
                    {"toeslag.preferred_insurer_agreement_on": "2023-12-01",
                     "toeslag.sent_to_caresq_on": "2023-11-30"})
    sent = finding(result, "toeslag_bereikbaarheid.sent_within_one_month")
    (line,) = result.deadlines
    assert sent.outcome is Outcome.UNKNOWN
    assert line.met is None
    assert line.days_left is None
    assert "contradict" in (line.note or "")
    assert result.status is Status.INCOMPLETE


@pytest.mark.parametrize(("sent", "met", "outcome"), [
    ("2023-12-20", True, Outcome.MET), ("2024-01-02", False, Outcome.UNMET)])
def test_the_toeslag_deadline_line_and_its_finding_agree_otherwise(
        sent: str, met: bool, outcome: Outcome) -> None:
    result = assess("geboortezorg.toeslag_bereikbaarheid",
                    {"toeslag.preferred_insurer_agreement_on": "2023-12-01",
                     "toeslag.sent_to_caresq_on": sent})
    assert finding(result, "toeslag_bereikbaarheid.sent_within_one_month").outcome is outcome
    assert result.deadlines[0].met is met


# -- R3: a blank template loads back and is incomplete ------------------------------------------


@pytest.mark.parametrize("contract", sorted(ENGINE.catalogue.contract_ids))
def test_a_blank_template_loads_back_and_assesses_as_incomplete(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, contract: str) -> None:
    code, template = run(capsys, "questionnaire", contract, "--format", "template")
    assert code == 0
    assert json.loads(template)["agb_code"] is None
    path = tmp_path / "blank.json"
    path.write_text(template, encoding="utf-8")
    code, out = run(capsys, "assess", str(path), "--format", "json")
    assert code == 0
    (result,) = json.loads(out)["results"]
    assert result["status"] == "incomplete"
    assert json.loads(out)["agb_code"] is None


def test_a_null_agb_code_makes_the_agb_condition_unknown() -> None:
    result = assess("geboortezorg.kraamzorg", agb_code=None)
    found = finding(result, "kraamzorg.agb_code")
    assert found.outcome is Outcome.UNKNOWN
    assert result.status is Status.INCOMPLETE


def test_the_questionnaire_marks_expectation_facts_optional(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "questionnaire", "zbc.msz", "--format", "json")
    entries = {entry["id"]: entry["optional"] for entry in json.loads(out)}
    assert entries["zbc.gddz_commitment"] is True
    assert entries["zbc.professional_standards"] is False
    _, text = run(capsys, "questionnaire", "zbc.msz")
    assert "zbc.gddz_commitment (bool, optional: an expectation or note)" in text


# -- R8.11: readings are cited by their published ids; nothing a user sees says "SPEC" ---------

READING_ID = re.compile(r"\b(R\d+\.\d+|[GZ]\d+)\b")


def _published_ids() -> set[str]:
    text = (ROOT / "docs" / "interpretations.md").read_text(encoding="utf-8")
    return set(re.findall(r"^#+ *(R\d+\.\d+|[GZ]\d+)\b", text, re.MULTILINE))


def test_every_reading_cites_a_published_id() -> None:
    published = _published_ids()
    for by_id in ENGINE.catalogue.contracts.values():
        for spec in by_id.values():
            for condition in spec.conditions:
                if condition.reading is None:
                    continue
                cited = set(READING_ID.findall(condition.reading))
                assert cited, f"{condition.id}: {condition.reading!r} cites no reading id"
                assert cited <= published, f"{condition.id}: {cited - published} unpublished"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
@pytest.mark.parametrize("on", ["2023-10-20", "2024-10-01", "2026-12-01"])
def test_no_output_of_any_example_mentions_spec(
        capsys: pytest.CaptureFixture[str], path: Path, on: str) -> None:
    for fmt in ("text", "json"):
        _, out = run(capsys, "assess", str(path), "--on", on, "--format", fmt)
        assert "SPEC" not in out


def test_no_questionnaire_calendar_or_plugin_listing_mentions_spec(
        capsys: pytest.CaptureFixture[str]) -> None:
    for contract in sorted(ENGINE.catalogue.contract_ids):
        for fmt in ("text", "json"):
            assert "SPEC" not in run(capsys, "questionnaire", contract, "--format", fmt)[1]
    for care_type, year in (("geboortezorg", "2024"), ("zbc", "2025")):
        for fmt in ("text", "json", "ics"):
            out = run(capsys, "calendar", "--care-type", care_type, "--year", year,
                      "--format", fmt)[1]
            assert "SPEC" not in out
    assert "SPEC" not in run(capsys, "plugins", "--format", "json")[1]


def test_no_user_facing_doc_mentions_spec() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")),
             *sorted((ROOT / "examples").rglob("*.md"))]
    found = [str(page.relative_to(ROOT)) for page in pages
             if "SPEC" in page.read_text(encoding="utf-8")]
    assert not found


# -- the policy texts ship inside their plugins ---------------------------------------------------


@pytest.mark.parametrize(("policy", "heading"), [
    (GEBOORTEZORG, "Kraamzorg - randvoorwaarden"), (ZBC, "Voorwaarden zorgovereenkomst")])
def test_each_bundled_policy_ships_its_text_as_package_data(
        policy: caresq.Policy, heading: str) -> None:
    assert policy.source is not None
    package = policy.source.partition(":")[0]
    assert package.startswith("caresq_plugins.")
    text = source_text(policy)
    assert text is not None
    assert heading in text
    assert policy.document.removeprefix("Inkoopbeleid ").split()[0] in text


@pytest.mark.parametrize("reference", [
    "no-colon", "caresq_plugins.zbc:source/missing.txt", "no_such_package:x.txt"])
def test_an_unreadable_source_is_named(reference: str) -> None:
    with pytest.raises(SourceError, match=re.escape(reference)):
        read_source(reference)
