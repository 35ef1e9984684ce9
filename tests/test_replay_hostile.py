"""Hostile decision records: ``caresq replay`` reports each record it cannot replay, naming the
line and the path of the problem, replays the rest, and never ends in a traceback."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import caresq
from caresq.cli import main
from caresq.records import DIFFERS, REPRODUCED, replay
from tests.test_records import _replay

EXAMPLE = "examples/kraamzorg.json"
ON = "2023-10-20"


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    """One recorded assessment of the example profile, as ``assess --record`` writes it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["assess", EXAMPLE, "--on", ON, "--format", "json", "--record"]) == 0
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def _batch(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "decisions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _with_record(recorded: dict[str, Any], **changes: object) -> str:
    document = copy.deepcopy(recorded)
    document["record"].update(changes)
    return json.dumps(document)


@pytest.mark.parametrize("day", ["3000-01-01", "0001-01-01", "9999-12-31", "1899-12-31"])
def test_a_reference_date_outside_the_years_is_a_record_that_differs(
        day: str, recorded: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    good = json.dumps(recorded)
    path = _batch(tmp_path, good, _with_record(recorded, reference_date=day), good)
    code, out = _replay(path, capsys)
    assert code == 1
    assert "Traceback" not in out
    assert "line 2 (33012345): differs" in out
    assert f'record.reference_date: "{day}" is outside the years 1900 to 2999' in out
    assert "records: 3, reproduced: 2, differ: 1" in out


@pytest.mark.parametrize("number", [10**400, -(10**400), 2**53 + 1])
def test_a_parameter_beyond_2_53_is_a_record_that_differs(
        number: int, recorded: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = _with_record(recorded, parameters={"kraamzorg.max_zzp_share": number})
    path = _batch(tmp_path, bad, json.dumps(recorded))
    code, out = _replay(path, capsys)
    assert code == 1
    assert "line 1 (33012345): differs" in out
    assert 'record.parameters["kraamzorg.max_zzp_share"]: ' in out
    assert "is beyond +-2^53" in out
    assert "records: 2, reproduced: 1, differ: 1" in out


def test_a_line_nested_too_deeply_differs_and_the_others_replay(
        recorded: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = json.dumps(recorded)
    path = _batch(tmp_path, good, "[" * 100_000 + "]" * 100_000, good)
    code, out = _replay(path, capsys)
    assert code == 1
    assert "line 2: differs\n  not valid JSON: nested too deeply" in out
    assert "records: 3, reproduced: 2, differ: 1" in out


def test_a_single_document_nested_too_deeply_differs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "decision.json"
    path.write_text('{"record": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_001, encoding="utf-8")
    assert main(["replay", str(path), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["records"] == [
        {"line": 1, "agb_code": None, "state": "differs",
         "details": ["not valid JSON: nested too deeply"]}]


def test_a_line_that_is_not_json_says_where_in_the_line(
        recorded: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _batch(tmp_path, json.dumps(recorded), '{"a": NaN}', "{not json")
    code, out = _replay(path, capsys)
    assert code == 1
    assert "line 2: differs\n  not valid JSON: NaN is not a JSON number" in out
    assert "line 3: differs\n  not valid JSON (column 2): Expecting property name" in out


#: Dates and numbers that once ended replay in a traceback, and any JSON value.
PAST_FAILURES = st.sampled_from(["3000-01-01", "0001-01-01", "9999-12-31", 10**400, -(10**400)])
JSON_VALUES = PAST_FAILURES | st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reference_date=JSON_VALUES,
       parameters=st.dictionaries(st.sampled_from(["kraamzorg.max_zzp_share"]) | st.text(),
                                  JSON_VALUES, max_size=3))
@example(reference_date="3000-01-01", parameters={})
@example(reference_date=ON, parameters={"zbc.mobility_plan_min_fte": 10**400})
def test_any_reference_date_or_parameters_replay_without_a_traceback(
        reference_date: object, parameters: dict[str, object], recorded: dict[str, Any],
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _with_record(recorded, reference_date=reference_date, parameters=parameters)
    path = _batch(tmp_path, bad, json.dumps(recorded))
    code, out = _replay(path, capsys)
    assert code in (0, 1), out
    assert "Traceback" not in out
    # The good record after the bad one is still replayed, and reproduced.
    assert re.search(r"records: 2, reproduced: [12], ", out), out


def test_a_record_too_deep_to_hash_differs_and_the_next_replays(
        engine: caresq.Engine, recorded: dict[str, Any]) -> None:
    # Built, not parsed: deeper than any JSON text the reader takes, as a library caller may.
    deep: object = "bottom"
    for _ in range(100_000):
        deep = [deep]
    document = copy.deepcopy(recorded)
    document["record"]["profile"]["name"] = deep
    outcomes = list(replay(engine, [(1, document), (2, recorded)]))
    assert [(o.line, o.state, o.details) for o in outcomes] == [
        (1, DIFFERS, ("not valid JSON: nested too deeply",)), (2, REPRODUCED, ())]
