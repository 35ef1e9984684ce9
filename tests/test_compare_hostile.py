"""Hostile text in what-if reports: whatever a provider's name holds, ``caresq compare`` writes
every report (no traceback), shows each text from the input through ``escape_control`` (in
HTML before markup escaping), and refuses an empty ``--output`` before doing any work."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import escape

import caresq
from caresq.compare_report import render_csv, render_html, render_text
from caresq.text import escape_control
from tests.fault_helpers import cli_exit_code as _run

ON = date(2024, 1, 1)
PARAMETER = "kraamzorg.max_zzp_share"
CHANGE = f"{PARAMETER}=0"
#: Characters no report a person reads may hold raw (a report's own newlines aside).
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                    "\ud800-\udfff]")
HOSTILE_NAME = "<b>Evil</b>\x1b[2J\u202eEVIL\x00&\"'\ud800\nSPOOF,row"


def _line(name: str) -> dict[str, object]:
    """A provider whose variant changes when no ZZP share is allowed: a changed line."""
    return {"agb_code": "33012345", "name": name,
            "applications": [{"contract": "geboortezorg.kraamzorg"}],
            "facts": {"kraamzorg.zzp_share": 0.1}}


def _batch(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "round.jsonl"
    path.write_text(json.dumps(_line(name)) + "\n", encoding="utf-8")  # ASCII: \ud800 escaped
    return path


@pytest.mark.parametrize("form", ["html", "csv", "text", "json"])
def test_every_report_of_a_hostile_name_is_written_to_a_file(
        form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"report.{form}"
    code = _run("compare", "--batch", str(_batch(tmp_path, HOSTILE_NAME)), "--set", CHANGE,
                "--on", ON.isoformat(), "--format", form, "--output", str(target))
    assert code == 0, capsys.readouterr().err
    report = target.read_bytes().decode("utf-8")  # valid UTF-8: no lone surrogate
    if form == "json":
        assert json.loads(report)["changed"] == 1
    else:
        assert UNSAFE.findall(report) == []


def test_the_html_shows_the_name_escaped_then_as_markup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _run("compare", "--batch", str(_batch(tmp_path, HOSTILE_NAME)), "--set", CHANGE,
                "--on", ON.isoformat(), "--format", "html")
    page = capsys.readouterr().out
    assert code == 0
    assert ("<td>&lt;b&gt;Evil&lt;/b&gt;\\x1b[2J\\u202eEVIL\\x00&amp;&#34;&#39;\\ud800"
            "\\x0aSPOOF,row</td>") in page


def test_the_csv_keeps_one_row_per_change_and_shows_the_name_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _run("compare", "--batch", str(_batch(tmp_path, HOSTILE_NAME)), "--set", CHANGE,
                "--on", ON.isoformat(), "--format", "csv")
    out = capsys.readouterr().out
    assert code == 0
    assert len(out.splitlines()) == 2  # the header and the one changed result
    [row] = csv.DictReader(io.StringIO(out))
    assert row["name"] == escape_control(HOSTILE_NAME)


@given(name=st.text())
@example(name=HOSTILE_NAME)
def test_any_name_is_shown_escaped_in_every_report(engine: caresq.Engine, name: str) -> None:
    comparison = engine.compare([_line(name)], engine.with_parameters({PARAMETER: 0}), on=ON)
    assert comparison.changed == 1
    for report in (render_html(comparison), render_csv(comparison), render_text(comparison)):
        report.encode("utf-8")  # no lone surrogate left
        assert UNSAFE.findall(report) == []
    assert f"<td>{escape(escape_control(name))}</td>" in render_html(comparison)
    [row] = csv.DictReader(io.StringIO(render_csv(comparison)))
    assert row["name"] == escape_control(name)


# -- --output ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("form", "output"), [
    ("html", ""), ("json", ""), ("html", "missing/report.html")],
    ids=["empty-html", "empty-json", "missing-folder"])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(
        form: str, output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def no_work(*_: object, **__: object) -> None:
        raise AssertionError("compared although the output cannot be written")

    monkeypatch.setattr(caresq.Engine, "compare", no_work)
    code = _run("compare", "--batch", str(_batch(tmp_path, "De Ooievaar")), "--set", CHANGE,
                "--format", form, "--output", str(tmp_path / output) if output else "")
    assert code == 2
    assert "--output" in capsys.readouterr().err


def test_the_output_is_replaced_in_one_step_keeping_its_mode(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _batch(tmp_path, "De Ooievaar")
    target = tmp_path / "report.html"
    target.write_text("the old report\n", encoding="utf-8")
    target.chmod(0o640)
    with target.open("rb") as reader:  # someone reading the old report meanwhile
        code = _run("compare", "--batch", str(source), "--set", CHANGE, "--on", ON.isoformat(),
                    "--format", "html", "--output", str(target))
        assert code == 0, capsys.readouterr().err
        assert reader.read() == b"the old report\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["report.html", "round.jsonl"]
