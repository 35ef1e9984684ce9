"""The command line as a user runs it: output shapes, formats, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import caresq
from caresq.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kraamzorg.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_readme_example_prints_a_variant_with_reasons(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLE), "--on", "2023-10-20")
    assert code == 0
    assert "geboortezorg.kraamzorg: ELIGIBLE, variant B (best case A)" in out
    assert "zzp share 0.12 is at most 0.15" in out
    assert "Inkoopbeleid Geboortezorg 2024, hfst. 3, Kraamzorg - differentiatiefactoren" in out


def test_json_output_has_the_spec_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", str(EXAMPLE), "--on", "2023-10-20", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert {"agb_code", "reference_date", "contract_year", "results"} <= set(data)
    result = data["results"][0]
    assert (result["status"], result["variant"], result["variant_best_case"]) == (
        "eligible", "B", "A")
    assert result["period"] == {"start": "2024-01-01", "end": "2025-12-31"}
    zzp = next(f for f in result["findings"] if f["condition"] == "kraamzorg.zzp_share")
    assert zzp == {
        "condition": "kraamzorg.zzp_share", "kind": "factor", "outcome": "met",
        "citation": {"document": "Inkoopbeleid Geboortezorg 2024", "chapter": "3",
                     "section": "Kraamzorg - differentiatiefactoren"},
        "text": "De kraamzorgaanbieder werkt maximaal met 15% zzp'ers;",
        "reason": "zzp share 0.12 is at most 0.15",
        "reading": 'R8.1: boundaries are inclusive as written, so "maximaal 15%" is met at 0.15',
    }
    assert result["deadlines"][0] == {"name": "questionnaire", "due": "2023-10-15", "met": True,
                                      "days_left": None, "note": result["deadlines"][0]["note"]}


def test_the_json_output_reads_back_to_the_same_assessment(
        engine: caresq.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "assess", str(EXAMPLE), "--on", "2023-10-20", "--format", "json")
    again = caresq.assessment_from_json(json.loads(out))
    assert caresq.assessment_to_json(again) == json.loads(out)


def test_standard_input_is_read_with_a_dash(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(EXAMPLE.read_text()))
    code, out, _ = run(capsys, "assess", "-", "--on", "2023-10-20", "--format", "json")
    assert code == 0
    assert json.loads(out)["agb_code"] == "33012345"


def test_the_reference_date_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    from caresq.engine import today

    _, out, _ = run(capsys, "assess", str(EXAMPLE), "--format", "json")
    assert json.loads(out)["reference_date"] == today().isoformat()


@pytest.mark.parametrize("fmt", ["text", "json", "template"])
def test_the_questionnaire_lists_every_fact_the_conditions_read(
        capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "questionnaire", "geboortezorg.kraamzorg", "--format", fmt)
    assert code == 0
    assert "kraamzorg.zzp_share" in out
    assert "common.phone_hours" in out


def test_the_template_is_a_profile_with_every_fact_unknown(
        engine: caresq.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "questionnaire", "geboortezorg.kraamzorg", "--format", "template")
    template: dict[str, Any] = json.loads(out)
    assert set(template["facts"].values()) == {None}
    template["agb_code"] = "33000001"
    result = engine.assess(template).results[0]
    assert result.status is caresq.Status.INCOMPLETE


def test_an_unknown_contract_in_the_questionnaire_exits_2(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["questionnaire", "geboortezorg.kraam"])
    assert exit_.value.code == 2
    assert "unknown contract 'geboortezorg.kraam'" in capsys.readouterr().err


def test_plugins_lists_the_bundled_care_types(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plugins")
    assert code == 0
    assert "geboortezorg" in out
    assert "Inkoopbeleid Geboortezorg 2024" in out


def test_a_batch_loses_no_record_and_exits_1_on_bad_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = json.dumps(json.loads(EXAMPLE.read_text()))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([good, "{not json", good, '{"agb_code": "1"}']) + "\n")
    target = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "assess", "--batch", str(source), "--output", str(target),
                       "--on", "2023-10-20")
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 1
    assert len(records) == 4
    assert records[0]["results"][0]["variant"] == "B"
    assert records[1]["line"] == 2
    assert "not valid JSON" in records[1]["error"]["errors"][0]
    assert records[3]["line"] == 4
    assert any("applications: required" in e for e in records[3]["error"]["errors"])
    assert "bad lines: 2" in err


def test_a_clean_batch_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(json.loads(EXAMPLE.read_text())) + "\n")
    code, out, err = run(capsys, "assess", "--batch", str(source), "--on", "2023-10-20")
    assert code == 0
    assert json.loads(out)["results"][0]["status"] == "eligible"
    assert "geboortezorg.kraamzorg: eligible 1" in err


def test_file_and_batch_together_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["assess", str(EXAMPLE), "--batch", "x.jsonl"])
    assert exit_.value.code == 2


def test_the_calendar_of_an_unknown_year_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["calendar", "--care-type", "geboortezorg", "--year", "2019"])
    assert exit_.value.code == 2
    assert "available: 2024" in capsys.readouterr().err
