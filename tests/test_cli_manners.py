"""The command line's manners: --version, help for every flag, --format only where it applies."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

import caresq
from caresq.cli import build_parser, main
from caresq.cli._common import help_examples

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kraamzorg.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"caresq": parser, **sub.choices}


def test_version_names_caresq_and_every_installed_plugin(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("caresq ")
    assert "plugin geboortezorg 0.1.0" in lines
    assert "plugin zbc 0.1.0" in lines


@pytest.mark.parametrize("name", list(commands()))
def test_every_flag_has_help_and_the_help_names_no_plugin_nobody_has(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = commands()[name]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        assert action.help, f"{name} {action.option_strings or action.dest} has no help"
    text = parser.format_help()
    assert "fysio" not in text
    assert "%(" not in text


def test_help_examples_come_from_the_installed_plugins() -> None:
    examples = help_examples()
    engine = caresq.Engine.default()
    assert examples["contract"] in engine.catalogue.contract_ids
    assert int(examples["year"]) in engine.catalogue.years
    shown = " ".join(commands()["questionnaire"].format_help().split())
    assert f"e.g. {examples['contract']}" in shown


def test_the_help_examples_work_as_written(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    examples = help_examples()
    code, out, _ = run(capsys, "questionnaire", *examples["contracts"].split(),
                       "--format", "template")
    assert code == 0
    profile: dict[str, Any] = json.loads(out)
    profile["agb_code"] = "00000001"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile))
    code, out, _ = run(capsys, "assess", str(path), "--on", f"{examples['year']}-01-01",
                       "--format", "json")
    assert code == 0
    assert len(json.loads(out)["results"]) == len(examples["contracts"].split())
    code, _, _ = run(capsys, "calendar", "--care-type", examples["care_type"], "--year",
                     examples["year"], "--format", "ics", "--output", str(tmp_path / "c.ics"))
    assert code == 0
    assert (tmp_path / "c.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("fmt", ["text"])
def test_batch_with_a_format_it_cannot_write_is_a_usage_error(
        fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(json.loads(EXAMPLE.read_text())) + "\n")
    code, out, err = run(capsys, "assess", "--batch", str(source), "--format", fmt)
    assert code == 2
    assert out == ""
    assert "--batch writes JSON Lines; --format text does not apply" in err
    code, out, _ = run(capsys, "assess", "--batch", str(source), "--format", "json",
                       "--on", "2023-10-20")
    assert code == 0
    assert json.loads(out)["results"][0]["status"] == "eligible"


def test_plugins_json_has_the_policies_and_contracts_the_text_shows(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run(capsys, "plugins")
    code, out, _ = run(capsys, "plugins", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {"caresq.common", "geboortezorg", "zbc"} <= {p["name"] for p in data["plugins"]}
    by_document = {p["document"]: p for p in data["policies"]}
    zbc = by_document["Inkoopbeleid Zelfstandige behandelcentra 2025"]
    assert zbc["plugin"] == "zbc"
    assert zbc["care_type"] == "zbc"
    assert zbc["contract_year"] == 2025
    assert [c["id"] for c in zbc["contracts"]] == ["zbc.msz"]
    for policy in data["policies"]:
        ids = ", ".join(c["id"] for c in policy["contracts"])
        assert f"policy {policy['document']} ({policy['contract_year']}): {ids}" in text
    kraamzorg = next(c for p in data["policies"] for c in p["contracts"]
                     if c["id"] == "geboortezorg.kraamzorg")
    assert kraamzorg["variants"] == ["E", "D", "C", "B", "A"]


def test_a_questionnaire_of_several_contracts_asks_each_fact_once(
        capsys: pytest.CaptureFixture[str]) -> None:
    contracts = ["geboortezorg.kraamzorg", "geboortezorg.verloskunde"]
    code, out, _ = run(capsys, "questionnaire", *contracts, "--format", "json")
    facts = json.loads(out)
    ids = [fact["id"] for fact in facts]
    assert code == 0
    assert len(ids) == len(set(ids))
    phone = next(fact for fact in facts if fact["id"] == "common.phone_hours")
    assert phone["contracts"] == contracts
    engine = caresq.Engine.default()
    wanted = {f.id for c in contracts for f in engine.contract(c).questionnaire}
    assert set(ids) == wanted
    _, text, _ = run(capsys, "questionnaire", *contracts)
    assert text.count("common.phone_hours (asked above)") == 1
