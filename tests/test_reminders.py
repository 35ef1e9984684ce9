"""A provider's own calendar: the dates its applications make, with reminders."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.reminders import provider_calendar_json
from tests.geboortezorg_helpers import profile


def entry(entries: list[dict[str, object]], key: str) -> dict[str, object]:
    [found] = [e for e in entries if e["key"] == key]
    return found


def test_an_open_signing_deadline_gets_reminders_a_week_and_a_day_before(
        engine: caresq.Engine) -> None:
    data = profile("geboortezorg.kraamzorg", signed_on=None)
    entries = provider_calendar_json(engine.provider_calendar(data, on=date(2023, 10, 5)))
    signing = entry(entries, "geboortezorg.kraamzorg.signing")
    assert signing["first"] == "2023-11-01"
    assert signing["state"] == "open"
    assert signing["reminders"] == ["2023-10-25", "2023-10-31"]
    assert signing["text"] == "Uiterste tekendatum zorgovereenkomst kraamzorg 1 november 2023"
    assert entry(entries, "geboortezorg.kraamzorg.questionnaire")["state"] == "met"
    assert entry(entries, "geboortezorg.kraamzorg.period-starts")["first"] == "2024-01-01"


def test_the_toeslag_deadline_counts_one_month_from_the_providers_own_agreement(
        engine: caresq.Engine) -> None:
    data = profile("geboortezorg.toeslag_bereikbaarheid",
                   {"toeslag.preferred_insurer_agreement_on": "2024-01-31",
                    "toeslag.sent_to_caresq_on": None})
    entries = provider_calendar_json(engine.provider_calendar(data, on=date(2024, 2, 25)))
    send = entry(entries, "geboortezorg.toeslag_bereikbaarheid.send-agreement")
    assert send["first"] == "2024-02-29"  # 31 January + one month clips to the month's end
    assert send["reminders"] == ["2024-02-28"]  # a week before has passed already


def test_a_late_request_shows_the_start_its_route_gives(engine: caresq.Engine) -> None:
    data = profile("geboortezorg.verloskunde", existing_contract=False,
                   submitted_on="2024-02-10")
    entries = provider_calendar_json(engine.provider_calendar(data, on=date(2024, 2, 12)))
    start = entry(entries, "geboortezorg.verloskunde.period-starts")
    assert start["first"] == "2024-03-01"
    assert "new request" in str(start["title"])


def test_caresq_calendar_with_a_profile_writes_ics_with_alarms(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(profile("geboortezorg.kraamzorg", signed_on=None)))
    code = main(["calendar", "--profile", str(path), "--on", "2023-10-05", "--format", "ics"])
    out = capsysbinary.readouterr().out.decode()
    assert code == 0
    assert "SUMMARY:geboortezorg.kraamzorg: signing (open)" in out
    assert out.count("BEGIN:VALARM") == 1  # only the open deadline reminds


def test_caresq_calendar_needs_a_policy_or_a_profile(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["calendar", "--format", "text"])
    assert stopped.value.code == 2
    assert "--care-type and --year, or --profile" in capsys.readouterr().err
