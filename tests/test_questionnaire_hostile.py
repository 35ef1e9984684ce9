"""``caresq questionnaire --format template`` never prints a profile no year can assess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.errors import PolicyNotFound
from caresq.questionnaire import template
from tests.plugins import fysio, yearly


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What the command says on standard error; it must end with exit 2 and print nothing."""
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return captured.err


def test_a_template_of_contracts_of_different_years_is_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    said = refused(capsys, "questionnaire", "geboortezorg.kraamzorg", "zbc.msz",
                   "--format", "template")
    assert ("the contracts are of different contract years (geboortezorg.kraamzorg 2024, "
            "zbc.msz 2025)") in said
    assert "ask for the contracts of one contract year at a time" in said


def test_a_template_of_different_years_names_the_year_they_share(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # wijk.basis is offered in 2030 and 2031 (latest: 2031), fysio.basis only in 2030.
    monkeypatch.setattr(caresq.Engine, "default",
                        classmethod(lambda cls, parameters=None: cls(plugins=[yearly, fysio])))
    said = refused(capsys, "questionnaire", "wijk.basis", "fysio.basis", "--format", "template")
    assert "(wijk.basis 2031, fysio.basis 2030)" in said
    assert "all of them are offered in 2030: choose one with --year" in said
    assert main(["questionnaire", "wijk.basis", "fysio.basis", "--year", "2030",
                 "--format", "template"]) == 0
    assert len(json.loads(capsys.readouterr().out)["applications"]) == 2


def test_the_other_formats_still_list_contracts_of_different_years(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "geboortezorg.kraamzorg", "zbc.msz", "--format", "json"]) == 0
    asked = {contract for fact in json.loads(capsys.readouterr().out)
             for contract in fact["contracts"]}
    assert asked == {"geboortezorg.kraamzorg", "zbc.msz"}


def test_the_library_refuses_a_template_of_different_years() -> None:
    engine = caresq.Engine.default()
    with pytest.raises(PolicyNotFound, match="different contract years") as caught:
        template([engine.contract("geboortezorg.kraamzorg"), engine.contract("zbc.msz")])
    assert caught.value.available == (2024, 2025)


def test_a_template_of_one_year_loads_back_and_assesses_as_incomplete(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["questionnaire", "geboortezorg.kraamzorg", "geboortezorg.verloskunde",
                 "--format", "template"]) == 0
    path = tmp_path / "blank.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["assess", str(path), "--on", "2023-10-01", "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)["results"]
    assert [r["status"] for r in results] == ["incomplete", "incomplete"]
