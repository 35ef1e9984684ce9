"""Hostile text in calendars: whatever a provider's name or an event's text holds, the ICS and
text calendars are written (no traceback), every text value shows control characters as
``escape_control`` does, and ``--output`` never overwrites the profile or leaves half a file."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import icalendar
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from caresq.calendar import CalendarEvent, DateSpan, calendar_ics, calendar_text
from caresq.model import Citation
from caresq.text import escape_control
from tests.fault_helpers import cli_exit_code as _run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kraamzorg.json"
#: What an ICS file may hold raw beside its CRLF line ends: nothing else below U+0020, no DEL,
#: no C1 control, bidi control, line separator or lone surrogate.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                    "\ud800-\udfff]")
HOSTILE_NAME = "Evil\r\nEND:VCALENDAR\x00\x1b[2J\u202eX;Y,Z\\\ud800"


def _profile(tmp_path: Path, name: str) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["name"] = name
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII: a lone surrogate as \ud800
    return path


def _unsafe_in_ics(data: bytes) -> list[str]:
    """The raw unsafe characters of an ICS file, its line ends and folds aside."""
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n", "")
    return UNSAFE.findall(text)


def _texts(data: bytes, name: str) -> list[str]:
    """The values of property ``name`` as a calendar program reads them: unfolded and
    unescaped as RFC 5545 says for TEXT (icalendar's own reader unescapes ``\\\\n`` to a
    newline: not the reader to test a writer with)."""
    unfolded = data.decode("utf-8").replace("\r\n ", "")
    raw = re.findall(rf"^{name}(?:;[^:]*)?:(.*)\r$", unfolded, flags=re.MULTILINE)
    return [re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
            for value in raw]


def _calname(data: bytes) -> str:
    [name] = _texts(data, "X-WR-CALNAME")
    return name


@pytest.mark.parametrize("name", ["A\nB", "A\ud800B", "A\rEND:VCALENDAR", "\x1b[2J\x00\u202e",
                                  HOSTILE_NAME])
def test_a_hostile_provider_name_reaches_the_ics_escaped(
        name: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = _profile(tmp_path, name)
    code = _run("calendar", "--profile", str(path), "--on", "2023-10-05", "--format", "ics")
    captured = capsysbinary.readouterr()
    assert code == 0, captured.err
    assert _unsafe_in_ics(captured.out) == []
    assert _calname(captured.out) == f"caresq - {escape_control(name)}"
    assert captured.out.split(b"\r\n").count(b"END:VCALENDAR") == 1  # no forged line


def test_commas_semicolons_and_backslashes_of_the_name_are_escaped_per_rfc_5545(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = _profile(tmp_path, "A;B,C\\D")
    assert _run("calendar", "--profile", str(path), "--on", "2023-10-05", "--format", "ics") == 0
    assert b"X-WR-CALNAME:caresq - A\\;B\\,C\\\\D\r\n" in capsysbinary.readouterr().out


@pytest.mark.parametrize("form", ["text", "json"])
def test_the_text_and_json_calendars_of_a_hostile_name_are_written(
        form: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = _profile(tmp_path, HOSTILE_NAME)
    code = _run("calendar", "--profile", str(path), "--on", "2023-10-05", "--format", form)
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert code == 0
    if form == "json":
        assert isinstance(json.loads(out), list)
    else:
        assert UNSAFE.findall(out.replace("\n", "")) == []


def _event(title: str, text: str, note: str | None) -> CalendarEvent:
    return CalendarEvent("p.signing", title, DateSpan.on(date(2024, 1, 1)), "deadline",
                         Citation("Inkoopbeleid", "5", f"§ {text[:20]}"), text, note)


def test_the_policy_calendar_text_shows_control_characters_escaped() -> None:
    text = calendar_text([_event("Sign\x1b[2J", "line\nSPOOF: 2024-01-01", "\u202enote")])
    assert "Sign\\x1b[2J" in text
    assert '"line\\x0aSPOOF: 2024-01-01"' in text
    assert "note: \\u202enote" in text
    assert UNSAFE.findall(text.replace("\n", "")) == []


@given(name=st.text(), title=st.text(), text=st.text(), note=st.none() | st.text())
@example(name=HOSTILE_NAME, title="a\rb", text="\ud800", note="\x00")
@example(name="A\\NB", title="\\N", text="\\n", note=None)  # icalendar read \N as a line break
def test_any_text_makes_an_ics_whose_values_read_back_escaped(
        name: str, title: str, text: str, note: str | None) -> None:
    event = _event(title, text, note)
    data = calendar_ics([event], name=name)
    assert _unsafe_in_ics(data) == []
    assert _calname(data) == escape_control(name)
    assert _texts(data, "SUMMARY") == [escape_control(title)]
    # The parts of a description are caresq's own lines; each part shows escaped.
    parts = [text, str(event.citation), *([note] if note else [])]
    assert _texts(data, "DESCRIPTION") == ["\n".join(map(escape_control, parts)),
                                           escape_control(f"Deadline in 7 days: {title}")]
    assert len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 1


# -- --output ------------------------------------------------------------------------------------


def test_the_output_may_not_be_the_profile(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _profile(tmp_path, "De Ooievaar")
    before = path.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(path)
    for target in (path, link):
        code = _run("calendar", "--profile", str(path), "--format", "ics", "--output",
                    str(target))
        assert code == 2
        assert "is the input file" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_an_empty_output_path_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _profile(tmp_path, "De Ooievaar")
    assert _run("calendar", "--profile", str(path), "--format", "ics", "--output", "") == 2
    assert "--output" in capsys.readouterr().err


def test_the_output_is_replaced_in_one_step(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = _profile(tmp_path, "De Ooievaar")
    target = tmp_path / "calendar.ics"
    target.write_bytes(b"the old calendar\n")
    target.chmod(0o640)
    with target.open("rb") as reader:  # a calendar program reading the old file meanwhile
        code = _run("calendar", "--profile", str(path), "--on", "2023-10-05", "--format",
                    "ics", "--output", str(target))
        assert code == 0, capsys.readouterr().err
        assert reader.read() == b"the old calendar\n"  # never a truncated or mixed file
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["calendar.ics", "profile.json"]


def test_a_failed_calendar_leaves_the_output_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "profile.json"
    bad.write_text('{"agb_code": 1}', encoding="utf-8")
    target = tmp_path / "calendar.ics"
    target.write_bytes(b"the old calendar\n")
    assert _run("calendar", "--profile", str(bad), "--format", "ics", "--output",
                str(target)) == 2
    assert target.read_bytes() == b"the old calendar\n"
    assert sorted(os.listdir(tmp_path)) == ["calendar.ics", "profile.json"]
    capsys.readouterr()
