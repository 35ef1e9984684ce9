"""Decision records: --record keeps what decided; caresq replay reproduces it or says why not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import caresq
from caresq.cli import main
from caresq.records import make_record, profile_sha256

EXAMPLE = "examples/kraamzorg.json"
ON = "2023-10-20"


def _assess_recorded(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    assert main(["assess", EXAMPLE, "--on", ON, "--format", "json", "--record", *extra]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def _replay(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(["replay", str(path)])
    except SystemExit as ended:
        code = int(ended.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_record_holds_versions_fingerprints_overrides_and_the_profile(
        engine: caresq.Engine, capsys: pytest.CaptureFixture[str]) -> None:
    document = _assess_recorded(capsys, "--set", "kraamzorg.max_zzp_share=0.2")
    record = document["record"]
    assert isinstance(record, dict)
    profile = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    assert record["profile"] == profile
    assert record["profile_sha256"] == profile_sha256(profile)
    assert record["reference_date"] == ON
    assert record["parameters"] == {"kraamzorg.max_zzp_share": 0.2}
    changed = engine.with_parameters({"kraamzorg.max_zzp_share": 0.2})
    assert record["policy"] == {"geboortezorg.kraamzorg":
                                changed.fingerprint("geboortezorg.kraamzorg")}
    assert set(record["plugins"]) >= {"geboortezorg", "zbc"}
    assert record["caresq"]
    without = {key: value for key, value in document.items() if key != "record"}
    assert without == caresq.assessment_to_json(changed.assess(profile, on=caresq_date(ON)))


def caresq_date(text: str) -> object:
    from datetime import date

    return date.fromisoformat(text)


def test_an_untouched_record_replays_with_exit_0(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(_assess_recorded(capsys, "--set",
                                                "kraamzorg.signing_deadline=2023-11-08")),
                    encoding="utf-8")
    code, out = _replay(path, capsys)
    assert code == 0
    assert "reproduced: 1" in out


def test_a_tampered_result_is_exit_1_naming_the_field(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    document = _assess_recorded(capsys)
    results = document["results"]
    assert isinstance(results, list)
    recorded = results[0]["variant"]
    results[0]["variant"] = "A" if recorded != "A" else "E"
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    code, out = _replay(path, capsys)
    assert code == 1
    assert "line 1 (33012345): differs" in out
    assert f'results[0].variant: recorded "{results[0]["variant"]}", now "{recorded}"' in out


def test_an_edited_profile_is_caught_by_its_hash(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    document = _assess_recorded(capsys)
    record = document["record"]
    assert isinstance(record, dict)
    record["profile"]["name"] = "Someone else"
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out = _replay(path, capsys)
    assert code == 1
    assert "does not match record.profile_sha256" in out


def test_a_foreign_fingerprint_is_policy_changed_not_a_mismatch(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = _assess_recorded(capsys)
    record = document["record"]
    assert isinstance(record, dict)
    record["policy"]["geboortezorg.kraamzorg"] = "0" * 64
    path = tmp_path / "decision.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out = _replay(path, capsys)
    assert "line 1 (33012345): policy changed" in out
    assert "geboortezorg.kraamzorg: fingerprint 000000000000... recorded" in out
    assert "differ: 0, policy changed: 1" in out
    assert code == 1


def test_a_record_made_under_a_parameter_that_is_gone_is_policy_changed(
        engine: caresq.Engine) -> None:
    from caresq.records import POLICY_CHANGED, replay

    profile = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    assessment = engine.assess(profile, on=caresq_date(ON))  # type: ignore[arg-type]
    document = {**caresq.assessment_to_json(assessment),
                "record": make_record(engine, assessment, profile)}
    document["record"]["parameters"] = {"kraamzorg.retired_threshold": 0.5}
    [outcome] = replay(engine, [(1, document)])
    assert outcome.state == POLICY_CHANGED
    assert "kraamzorg.retired_threshold" in outcome.details[0]


def test_a_batch_output_replays_line_by_line_and_skips_error_records(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([json.dumps(profile), "{not json", json.dumps(profile)]) + "\n",
                      encoding="utf-8")
    output = tmp_path / "out.jsonl"
    assert main(["assess", "--batch", str(source), "--output", str(output), "--on", ON,
                 "--record"]) == 1
    code, out = _replay(output, capsys)
    assert code == 0
    assert "records: 3, reproduced: 2, differ: 0, policy changed: 0, skipped (error records): 1" \
        in out
    lines = output.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"status": "eligible"', '"status": "review"')
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = _replay(output, capsys)
    assert code == 1
    assert "line 3 (33012345): differs" in out


def test_an_assessment_without_a_record_does_not_replay(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", EXAMPLE, "--on", ON, "--format", "json"]) == 0
    path = tmp_path / "plain.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    code, out = _replay(path, capsys)
    assert code == 1
    assert "no record: assessed without --record" in out


def test_record_needs_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["assess", EXAMPLE, "--record"])
    assert ended.value.code == 2


def test_recorded_batches_are_the_same_in_worker_processes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    source = tmp_path / "in.jsonl"
    source.write_text((json.dumps(profile) + "\n") * 3, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.jsonl"
        assert main(["assess", "--batch", str(source), "--output", str(target), "--on", ON,
                     "--record", "--jobs", jobs, "--set", "kraamzorg.max_zzp_share=0.2"]) == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    code, out = _replay(tmp_path / "out2.jsonl", capsys)
    assert code == 0
    assert "reproduced: 3" in out
