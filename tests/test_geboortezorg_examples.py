"""The geboortezorg examples through the command line, the procurement calendar and the docs."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from caresq.calendar import DateSpan
from caresq.cli import main
from tests.geboortezorg_helpers import CONTRACTS, ENGINE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "geboortezorg").glob("*.json"))

#: What each example shows, as "<contract>: <status>" per application.
EXPECTED = {
    "geboortecentrum.json": ["geboortecentrum: review"],
    "integrale_geboortezorg.json": ["integrale_geboortezorg: review"],
    "integrale_geboortezorg_incomplete.json": ["integrale_geboortezorg: incomplete"],
    "integrale_geboortezorg_late.json": ["integrale_geboortezorg: ineligible"],
    "kraamzorg_lapsed.json": ["kraamzorg: ineligible"],
    "kraamzorg_late.json": ["kraamzorg: review"],
    "ligdagen.json": ["kraamzorg: eligible", "ligdagen: eligible"],
    "prenatale_screening.json": ["prenatale_screening: eligible"],
    "toeslag_bereikbaarheid.json": ["toeslag_bereikbaarheid: eligible"],
    "toeslag_bereikbaarheid_late.json": ["toeslag_bereikbaarheid: ineligible"],
    "verloskunde.json": ["verloskunde: eligible"],
    "verloskunde_and_prenatale_screening.json": ["verloskunde: eligible",
                                                 "prenatale_screening: eligible"],
    "verloskunde_new_request_unknown_ctg.json": ["verloskunde: incomplete"],
}


def test_every_example_is_described_and_every_contract_has_one() -> None:
    assert sorted(path.name for path in EXAMPLES) == sorted(EXPECTED)
    shown = {line.partition(":")[0] for lines in EXPECTED.values() for line in lines}
    assert {contract.partition(".")[2] for contract in CONTRACTS} <= shown


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_each_example_assesses_as_described(path: Path) -> None:
    assessment = ENGINE.assess(ENGINE.read_profile_json(path.read_text(encoding="utf-8")),
                               on=date(2023, 10, 1))
    got = [f"{r.contract.partition('.')[2]}: {r.status.value}" for r in assessment.results]
    assert got == EXPECTED[path.name]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_each_example_prints_through_the_cli(path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(path), "--on", "2023-10-01"]) == 0
    out = capsys.readouterr().out
    assert "as of 2023-10-01" in out
    for line in EXPECTED[path.name]:
        contract, _, status = line.partition(": ")
        assert f"geboortezorg.{contract}: {status.upper()}" in out


@pytest.mark.parametrize("path", EXAMPLES[:3], ids=lambda path: path.name)
def test_each_example_prints_json_through_the_cli(path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(path), "--on", "2023-10-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["contract_year"] == 2024
    assert data["reference_date"] == "2023-10-01"


# -- calendar --------------------------------------------------------------------------------


def test_the_calendar_has_every_dated_line_of_chapters_4_and_5() -> None:
    events = {event.key: event for event in ENGINE.calendar_events("geboortezorg", 2024)}
    prefix = "geboortezorg-2024."
    expected = {
        "kraamzorg.questionnaire-offer": (DateSpan(date(2023, 9, 1), date(2023, 9, 10)),
                                          "window"),
        "kraamzorg.questionnaire-deadline": (DateSpan.on(date(2023, 10, 15)), "deadline"),
        "kraamzorg.signing-deadline": (DateSpan.on(date(2023, 11, 1)), "deadline"),
        "integrale_geboortezorg.registration-deadline": (DateSpan.on(date(2023, 8, 1)),
                                                         "deadline"),
        "publication": (DateSpan.on(date(2023, 11, 12)), "milestone"),
        "two_year.tariff-annex": (DateSpan(date(2023, 10, 1), date(2023, 10, 31)), "window"),
        "integrale_geboortezorg.agreements-aim": (DateSpan.on(date(2023, 12, 31)), "milestone"),
        "late-offers-start": (DateSpan.on(date(2024, 1, 1)), "milestone"),
    }
    assert {key.removeprefix(prefix) for key in events} == set(expected)
    for key, (span, kind) in expected.items():
        event = events[prefix + key]
        assert (event.span, event.kind) == (span, kind), key
        assert event.citation is not None
        assert event.citation.chapter in ("4", "5")
    assert "Sunday" in (events[prefix + "kraamzorg.questionnaire-deadline"].note or "")
    assert "12 November 2023 is a Sunday" in (events[prefix + "publication"].note or "")
    assert "Nieuwjaarsdag" in (events[prefix + "late-offers-start"].note or "")


@pytest.mark.parametrize("fmt", ["text", "json", "ics"])
def test_the_calendar_prints_in_every_format(fmt: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "--care-type", "geboortezorg", "--year", "2024",
                 "--format", fmt]) == 0
    assert "2023" in capsys.readouterr().out


# -- coverage document -----------------------------------------------------------------------


def test_the_coverage_document_names_every_condition() -> None:
    text = (ROOT / "docs" / "geboortezorg-coverage.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_0-9]+\.[a-z_0-9.]+)`", text))
    for contract in CONTRACTS:
        for condition in ENGINE.contract(contract).conditions:
            assert condition.id in named, f"{condition.id} of {contract}"
