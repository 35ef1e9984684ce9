"""Batches: ``caresq assess --batch`` and ``Engine.assess_many`` lose no record, keep the order,
and say the same as single assessments, only faster (the fast roads are held to the slow ones).
"""

from __future__ import annotations

import io
import itertools
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import caresq
from caresq.assessment import assess_contract
from caresq.cli import main
from caresq.model import Situation
from caresq.render import assessment_json_line, assessment_to_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE: dict[str, Any] = json.loads((ROOT / "examples" / "kraamzorg.json").read_text())
EXAMPLES = sorted([ROOT / "examples" / "kraamzorg.json",
                   *(ROOT / "examples" / "geboortezorg").glob("*.json"),
                   *(ROOT / "examples" / "zbc").glob("*.json")])
ON = date(2023, 10, 20)
GOOD = json.dumps(EXAMPLE)
ZZP_OUT_OF_RANGE = json.dumps(
    {**EXAMPLE, "facts": {**EXAMPLE["facts"], "kraamzorg.zzp_share": 1.7}})
ZZP_MESSAGE = 'facts["kraamzorg.zzp_share"]: 1.7 is not a fraction in [0, 1]'


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _batch(tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str],
           *extra: str) -> tuple[int, list[dict[str, Any]], str]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, err = _run(capsys, "assess", "--batch", str(source), "--output", str(target),
                        "--on", ON.isoformat(), *extra)
    return code, [json.loads(line) for line in target.read_text("utf-8").splitlines()], err


def _profile(agb_code: str, **facts: object) -> str:
    return json.dumps({**EXAMPLE, "agb_code": agb_code, "facts": {**EXAMPLE["facts"], **facts}})


# -- the command line ---------------------------------------------------------------------------


def test_every_line_gives_one_output_line_in_input_order(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = [f"33{n:06d}" for n in range(600)]  # more than one chunk of lines
    code, records, _ = _batch(tmp_path, capsys, [_profile(agb) for agb in codes])
    assert code == 0
    assert [record["agb_code"] for record in records] == codes


def test_a_bad_line_becomes_an_error_record_with_its_number_and_the_rest_go_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [GOOD, ZZP_OUT_OF_RANGE, "{not json", GOOD,
             json.dumps({**EXAMPLE, "applications": [{"contract": "geboortezorg.kraam"}]})]
    code, records, err = _batch(tmp_path, capsys, lines)
    assert code == 1
    assert len(records) == 5
    assert [r.get("line") for r in records] == [None, 2, 3, None, 5]
    assert records[1]["error"] == {"type": "ProfileError", "errors": [ZZP_MESSAGE]}
    assert records[2]["error"]["errors"][0].startswith("not valid JSON (line 1 column 2)")
    assert records[4]["error"]["errors"][0].startswith(
        'applications[0].contract: "geboortezorg.kraam" is not a known contract')
    assert records[3]["results"][0]["variant"] == "B"
    assert "bad lines: 3 (2, 3, 5)" in err


def test_error_records_name_the_problems_as_a_single_assessment_does(
        engine: caresq.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = json.dumps({"agb_code": 33012345, "applications": "kraamzorg", "extra": 1,
                         "facts": {"kraamzorg.zzp_shar": 0.1, "common.phone_hours": {
                             "mon": ["9-17"], "tue": [1]}}})
    _, records, _ = _batch(tmp_path, capsys, [broken])
    with pytest.raises(caresq.ProfileError) as single:
        engine.read_profile_json(broken)
    assert records[0]["error"]["errors"] == list(single.value.errors)
    assert len(single.value.errors) >= 5


def test_a_policy_that_does_not_exist_is_an_error_record_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = _batch(tmp_path, capsys, [GOOD], "--year", "2019")
    assert code == 1
    assert records[0]["error"]["type"] == "PolicyNotFound"
    assert "contract years available: 2024, 2025" in records[0]["error"]["errors"][0]


def test_a_blank_line_is_a_bad_line_so_line_numbers_still_match(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, records, err = _batch(tmp_path, capsys, [GOOD, "", "   ", GOOD])
    assert code == 1
    assert records[1] == {"line": 2, "error": {
        "type": "ProfileError", "errors": ["empty input: expected a JSON object"]}}
    assert records[2]["line"] == 3
    assert records[3]["agb_code"] == "33012345"
    assert "bad lines: 2 (2, 3)" in err


def test_a_clean_batch_exits_0_and_summarises_per_contract_and_status(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    late = json.dumps({**EXAMPLE, "applications": [
        {"contract": "geboortezorg.kraamzorg", "submitted_on": "2023-12-01"}]})
    code, _, err = _batch(tmp_path, capsys, [GOOD, GOOD, late])
    assert code == 0
    assert err.splitlines() == ["geboortezorg.kraamzorg: eligible 2",
                                "geboortezorg.kraamzorg: review 1",
                                "lines: 3", "bad lines: 0"]


def test_the_summary_lists_the_first_ten_bad_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = _batch(tmp_path, capsys, ["{"] * 12)
    assert "bad lines: 12 (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...)" in err


def test_each_output_line_is_the_json_of_the_single_assessment(
        engine: caresq.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [path.read_text("utf-8").replace("\n", " ") for path in EXAMPLES]
    _, records, _ = _batch(tmp_path, capsys, lines)
    for line, record in zip(lines, records, strict=True):
        assert record == assessment_to_json(engine.assess(json.loads(line), on=ON))


def test_standard_input_and_output_with_a_dash(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(f"{GOOD}\n{{\n".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = _run(capsys, "assess", "--batch", "-", "--output", "-", "--on", "2023-10-20")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert records[0]["results"][0]["status"] == "eligible"
    assert records[1]["line"] == 2
    assert "bad lines: 1" in err


def test_a_text_stream_on_standard_input_works_too(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(GOOD + "\n"))
    code, out, _ = _run(capsys, "assess", "--batch", "-", "--on", "2023-10-20")
    assert code == 0
    assert json.loads(out)["agb_code"] == "33012345"


def test_two_jobs_write_the_same_bytes_as_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [_profile(f"33{n:06d}", **{"kraamzorg.zzp_share": n % 40 / 100}) for n in range(700)]
    lines[5] = ZZP_OUT_OF_RANGE
    lines[600] = ""
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out-{jobs}.jsonl"
        code, _, err = _run(capsys, "assess", "--batch", str(source), "--output", str(target),
                            "--on", "2023-10-20", "--jobs", jobs)
        assert code == 1
        assert "bad lines: 2 (6, 601)" in err
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == 700


@pytest.mark.parametrize("argv", [
    ["assess", "--batch", "x.jsonl", "--jobs", "0"],
    ["assess", "--batch", "x.jsonl", "--jobs", "two"],
    ["assess", str(ROOT / "examples" / "kraamzorg.json"), "--jobs", "2"],
    ["assess", str(ROOT / "examples" / "kraamzorg.json"), "--output", "x.jsonl"],
    ["assess", "--batch", str(ROOT / "no-such-file.jsonl")],
])
def test_usage_and_input_errors_exit_2(argv: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_output_may_not_overwrite_the_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["assess", "--batch", str(source), "--output", str(source)])
    assert exit_.value.code == 2
    assert "is the input file" in capsys.readouterr().err
    assert source.read_text("utf-8") == GOOD + "\n"


def test_a_line_that_is_not_utf8_is_a_bad_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(GOOD.encode() + b"\n" + b'{"name": "\xff"}\n' + GOOD.encode() + b"\n")
    code, out, _ = _run(capsys, "assess", "--batch", str(source), "--on", "2023-10-20")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert records[1]["line"] == 2
    assert "utf-8" in records[1]["error"]["errors"][0]
    assert records[2]["agb_code"] == "33012345"


def test_a_lone_surrogate_is_written_as_its_json_escape(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = GOOD.replace('"Kraamzorg De Ooievaar B.V."', '"Ooievaar \\ud800"')
    _, records, _ = _batch(tmp_path, capsys, [line])
    assert records[0]["name"] == "Ooievaar \ud800"


def test_progress_shows_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    _, _, err = _batch(tmp_path, capsys, [GOOD])
    assert "\r" not in err
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    _batch(tmp_path, capsys, [GOOD])
    assert "\r1 lines, 0 bad" in terminal.getvalue()
    assert terminal.getvalue().rstrip().endswith("bad lines: 0")


# -- Engine.assess_many -------------------------------------------------------------------------


def test_assess_many_is_lazy_and_takes_an_endless_iterable(engine: caresq.Engine) -> None:
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for number in itertools.count():
            pulled += 1
            yield _profile(f"33{number:06d}")

    first = list(itertools.islice(engine.assess_many(endless(), on=ON), 3))
    assert [a.agb_code for a in first if isinstance(a, caresq.Assessment)] == [
        "33000000", "33000001", "33000002"]
    assert pulled == 3


def test_assess_many_puts_each_error_in_place_of_its_profile(engine: caresq.Engine) -> None:
    profile = engine.read_profile(EXAMPLE)
    items = list(engine.assess_many(
        [EXAMPLE, ZZP_OUT_OF_RANGE, profile, "", GOOD.encode(), {"agb_code": "1"}], on=ON))
    assert [type(item).__name__ for item in items] == [
        "Assessment", "ProfileError", "Assessment", "ProfileError", "Assessment",
        "ProfileError"]
    assert isinstance(items[1], caresq.ProfileError)
    assert items[1].errors == (ZZP_MESSAGE,)
    assert items[0] == items[2] == items[4] == engine.assess(EXAMPLE, on=ON)


def test_assess_many_lets_a_bug_through(engine: caresq.Engine) -> None:
    def broken() -> Iterator[str]:
        yield GOOD
        raise RuntimeError("the source broke")

    items = engine.assess_many(broken(), on=ON)
    assert isinstance(next(items), caresq.Assessment)
    with pytest.raises(RuntimeError, match="the source broke"):
        next(items)


# -- the fast roads say what the slow ones say ---------------------------------------------------

_FACT_VALUES: dict[str, st.SearchStrategy[object]] = {
    "kraamzorg.bo_geboortezorg_member": st.booleans(),
    "kraamzorg.certificate": st.sampled_from(["HKZ", "ISO", "none", "ISO 9001", 3]),
    "kraamzorg.zzp_share": st.one_of(st.floats(-0.5, 1.5), st.integers(-1, 2),
                                     st.sampled_from([0.0, -0.0, 0.15, True])),
    "kraamzorg.indicator_18": st.floats(0, 1),
    "kraamzorg.provides_partus_assistance": st.sampled_from([True, False, "yes", 1]),
    "common.phone_hours": st.dictionaries(
        st.sampled_from(["mon", "tue", "fri", "sat", "Mon"]),
        st.one_of(st.lists(st.sampled_from(["09:00-17:00", "08:00-12:30", "12:30-17:00",
                                            "9-17", "17:00-09:00", "00:00-24:00"]),
                           max_size=3),
                  st.just("09:00-17:00"), st.just({"09:00-17:00": 1})), max_size=4),
    "common.emergency_phone_hours": st.sampled_from([
        {day: ["00:00-24:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
        {"mon": ["00:00-12:00", "12:00-24:00"]}, {"mon": [["00:00-24:00"]]}]),
    "kraamzorg.zzp_shar": st.just(0.1),
}


@st.composite
def profiles(draw: st.DrawFn) -> object:
    """Profile-shaped JSON values, mostly right, often wrong in one place or several."""
    facts = {key: draw(values) for key, values in _FACT_VALUES.items()
             if draw(st.sampled_from(["value", "value", "absent", "null"])) != "absent"}
    facts = {key: None if draw(st.integers(0, 9)) == 0 else value
             for key, value in facts.items()}
    application: dict[str, object] = {"contract": draw(st.sampled_from(
        ["geboortezorg.kraamzorg", "geboortezorg.ligdagen", "zbc.msz", "kraamzorg", 7]))}
    for key in ("submitted_on", "signed_on"):
        if draw(st.booleans()):
            application[key] = draw(st.sampled_from(
                [None, "2023-10-02", "2023-12-05", "2024-02-30", "02-10-2023", 20231002]))
    if draw(st.booleans()):
        application["existing_contract"] = draw(st.sampled_from([True, False, None, 0]))
    data: dict[str, object] = {
        "agb_code": draw(st.sampled_from(["33012345", "01012345", "3301234", 33012345,
                                          "３３０１２３４５"])),
        "applications": draw(st.sampled_from([[application], [application, application], [],
                                              application])),
        "facts": facts,
    }
    if draw(st.booleans()):
        data["name"] = draw(st.sampled_from(["De Ooievaar", None, 5]))
    if draw(st.integers(0, 9)) == 0:
        data["website"] = "https://example.org"
    return data


def _outcome(read: Any, data: object) -> object:
    try:
        return read(data)
    except caresq.ProfileError as error:
        return error.errors


@given(profiles())
@example(json.loads(GOOD))
def test_the_fast_reader_gives_what_the_strict_reader_gives(engine: caresq.Engine,
                                                             data: object) -> None:
    reader = engine._reader
    assert _outcome(reader.read, data) == _outcome(reader._read_strict, data)


@given(profiles(), st.sampled_from([date(2023, 10, 1), ON, date(2024, 3, 1)]))
def test_prepared_contracts_find_what_assess_contract_finds(
        engine: caresq.Engine, data: object, on: date) -> None:
    try:
        profile = engine.read_profile(data)
        assessment = engine.assess(profile, on=on)
    except caresq.CaresqError:
        return
    by_id = engine.catalogue.contracts[assessment.contract_year]
    assert assessment.results == tuple(
        assess_contract(by_id[a.contract], Situation(profile.agb_code, profile.facts, a, on))
        for a in profile.applications)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_the_line_writer_writes_what_json_dumps_writes(engine: caresq.Engine,
                                                       path: Path) -> None:
    for on in (date(2023, 9, 1), ON, date(2025, 2, 1)):
        assessment = engine.assess(json.loads(path.read_text("utf-8")), on=on)
        expected = json.dumps(assessment_to_json(assessment), ensure_ascii=False)
        assert assessment_json_line(assessment) == expected.encode()
        assert assessment_json_line(assessment) == expected.encode()  # and from its caches


def test_remembered_findings_are_the_same_every_time(engine: caresq.Engine) -> None:
    first = engine.assess(EXAMPLE, on=ON).results[0].findings
    again = engine.assess(EXAMPLE, on=ON).results[0].findings
    assert first == again
    assert sum(a is b for a, b in zip(first, again, strict=True)) >= len(first) // 2


def test_a_zero_share_reads_0_whatever_its_sign(engine: caresq.Engine) -> None:
    def reason(share: float) -> str:
        profile = {**EXAMPLE, "facts": {**EXAMPLE["facts"], "kraamzorg.zzp_share": share}}
        findings = engine.assess(profile, on=ON).results[0].findings
        return next(f.reason for f in findings if f.condition == "kraamzorg.zzp_share")

    assert [reason(0.0), reason(-0.0), reason(0.0)] == [
        "zzp share 0 is at most 0.15", "zzp share 0 is at most 0.15",
        "zzp share 0 is at most 0.15"]


def test_the_caches_of_a_batch_stay_bounded() -> None:
    from caresq import schedule

    for number in range(schedule._READ_LIMIT + 10):  # as many distinct schedules
        minute = number // len(schedule.DAYS)
        schedule.parse_schedule({schedule.DAYS[number % len(schedule.DAYS)]: [
            f"{minute // 60:02d}:{minute % 60:02d}-24:00"]})
    assert len(schedule._READ) <= schedule._READ_LIMIT


@given(st.lists(st.integers(0, 50), max_size=200), st.integers(2, 20))
def test_a_full_memory_forgets_its_older_half_only(keys: list[int], limit: int) -> None:
    from caresq._memo import bounded

    memo: dict[int, int] = {}
    stored: list[int] = []  # every key stored, in the order it was stored (again after a miss)
    for key in keys:
        if key in memo:
            continue  # a hit: the memory is not asked to make room
        bounded(memo, limit)[key] = key
        stored.append(key)
        assert len(memo) <= limit
        # What is forgotten is always the oldest: the memory holds the keys stored last.
        assert list(memo) == stored[-len(memo):]
        if len(stored) > limit:
            assert len(memo) > limit // 2  # never emptied: the newer half stays


def test_threads_sharing_a_memory_never_trip_over_each_other_making_room() -> None:
    import random
    import threading

    from caresq._memo import bounded

    memo: dict[int, int] = {}
    errors: list[BaseException] = []

    def fill(seed: int) -> None:
        draw = random.Random(seed)
        try:
            for _ in range(40_000):
                key = draw.randrange(5_000)
                if key not in memo:
                    bounded(memo, 64)[key] = key
        except BaseException as error:  # any failure of a thread is the finding
            errors.append(error)

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads change hands as often as they can
    try:
        threads = [threading.Thread(target=fill, args=(seed,)) for seed in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switching)
    assert errors == []
    assert len(memo) <= 64 + len(threads)


_SAME_ENTRY_POINTS = """
from caresq._metadata import metadata_entry_points, read_entry_points

for group in ("caresq.plugins", "console_scripts", "pytest11"):
    fast = read_entry_points(group)
    assert fast is not None, group
    sure = metadata_entry_points(group)
    assert [(ep.name, ep.version()) for ep in fast] == [
        (ep.name, ep.version()) for ep in sure], group
plugins = {ep.name: ep.load() for ep in read_entry_points("caresq.plugins") or ()}
assert plugins == {ep.name: ep.load() for ep in metadata_entry_points("caresq.plugins")}
"""


def test_entry_points_are_read_as_importlib_metadata_reads_them() -> None:
    # In a fresh interpreter: a finder another package puts on sys.meta_path (importlib_metadata's,
    # which Dask brings in) rightly sends the reader to importlib.metadata instead.
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", _SAME_ENTRY_POINTS], check=True)
