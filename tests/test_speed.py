"""The fast roads say what the plain ones say: batch lines, orjson parsing, remembered verdicts.

Nothing here times anything; these tests hold the fast paths to the library's plain ones, so
that speed never changes a byte a user reads.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import frozen
from hypothesis import example, given
from hypothesis import strategies as st

import caresq
from caresq import (
    Condition,
    Kind,
    Offer,
    Outcome,
    Situation,
    Verdict,
    by_application,
    reads_application,
)
from caresq.facts import CHECKED_TYPES
from caresq.model import declared_by_application
from caresq.profile import decoded_line
from caresq.render import COMPACT_FINDING_KEYS, DETAILS, assessment_json_line, assessment_to_json
from tests.test_batch import EXAMPLE, EXAMPLES, GOOD, ZZP_OUT_OF_RANGE, profiles

ROOT = Path(__file__).resolve().parents[1]
ON = date(2023, 10, 20)


def _generated(count: int, seed: int) -> list[str]:
    """Lines from the benchmark's generator: realistic, with broken lines among them."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(count),
                           "--seed", str(seed)], check=True, capture_output=True, text=True)
    return done.stdout.splitlines()


def _library_line(engine: caresq.Engine, line: str, detail: str) -> bytes | None:
    """What the library path writes for one line; None for a line it refuses."""
    try:
        profile = engine.read_profile_json(line)
        return assessment_json_line(engine.assess(profile, on=ON), detail)
    except caresq.CaresqError:
        return None


@pytest.mark.parametrize("detail", DETAILS)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_writes_for_each_line_what_the_library_writes_for_it(
        engine: caresq.Engine, tmp_path: Path, detail: str, jobs: str) -> None:
    lines = _generated(600, seed=11) + [p.read_text("utf-8").replace("\n", " ") for p in EXAMPLES]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    caresq.cli.main(["assess", "--batch", str(source), "--output", str(target), "--on",
                     ON.isoformat(), "--detail", detail, "--jobs", jobs])
    written = target.read_bytes().split(b"\n")
    assert written.pop() == b""
    refused = 0
    for number, (line, out) in enumerate(zip(lines, written, strict=True), start=1):
        expected = _library_line(engine, line, detail)
        if expected is None:
            refused += 1
            assert json.loads(out)["line"] == number
        else:
            assert out == expected, f"line {number}"
    assert 0 < refused < len(lines) // 10


@given(profiles(), st.sampled_from([date(2023, 10, 1), ON, date(2024, 3, 1)]),
       st.sampled_from(DETAILS))
@example(json.loads(GOOD), ON, "full")
def test_the_encoded_line_is_the_line_of_the_assessment(
        engine: caresq.Engine, data: object, on: date, detail: str) -> None:
    try:
        expected = assessment_json_line(engine.assess(data, on=on), detail)  # type: ignore[arg-type]
    except caresq.CaresqError as error:
        with pytest.raises(type(error)):
            engine.assess_json_line(data, on=on, detail=detail)  # type: ignore[arg-type]
        return
    assert engine.assess_json_line(data, on=on, detail=detail) == expected  # type: ignore[arg-type]
    # And the full line is json.dumps of the §5 JSON, as the library writes it.
    if detail == "full":
        full = json.dumps(assessment_to_json(engine.assess(data, on=on)), ensure_ascii=False)  # type: ignore[arg-type]
        assert expected == full.encode("utf-8", "backslashreplace")


@pytest.mark.parametrize("value", [True, 1, False, 0, 1.0, "0.5", -5.0])
def test_a_hand_built_value_is_judged_as_its_json_would_be(
        engine: caresq.Engine, value: object) -> None:
    # A batch remembers the zzp share 1.0 (and 0.5) by value; True equals 1.0 yet is no
    # share. A hand-built Profile is checked as its JSON form: True is refused as `true` is.
    read = [json.dumps({**EXAMPLE, "facts": {**EXAMPLE["facts"], "kraamzorg.zzp_share": share}})
            for share in (1.0, 0.5, 0.0)]
    list(engine.assess_jsonl(read, on=ON))
    profile = engine.read_profile(EXAMPLE)
    hand_built = attrs.evolve(profile, facts={**profile.facts, "kraamzorg.zzp_share": value})
    as_json = {**EXAMPLE, "facts": {**EXAMPLE["facts"], "kraamzorg.zzp_share": value}}
    try:
        expected = caresq.Engine.default().assess(as_json, on=ON)
    except caresq.ProfileError as refused:
        errors = refused.errors
    else:
        assert engine.assess_json_line(hand_built, on=ON) == assessment_json_line(expected)
        assert engine.assess(hand_built, on=ON) == expected
        return
    for judged in (engine.assess_json_line, engine.assess):
        with pytest.raises(caresq.ProfileError) as also:
            judged(hand_built, on=ON)
        assert also.value.errors == errors


def test_every_checked_value_has_its_fact_types_python_type(engine: caresq.Engine) -> None:
    # What the batch's memories rely on, even for a mapping holding subclasses of str.
    class Text(str):
        def __format__(self, spec: str) -> str:
            return "not what it says"

    profile = engine.read_profile({**EXAMPLE, "facts": {
        **EXAMPLE["facts"], "kraamzorg.certificate": Text("ISO")}})
    assert profile.facts
    for fact_id, value in profile.facts.items():
        assert type(value) is CHECKED_TYPES[engine.facts[fact_id].type], fact_id


def test_assess_jsonl_gives_the_lines_the_batch_writes_and_counts_what_it_met(
        engine: caresq.Engine, tmp_path: Path) -> None:
    lines = [*_generated(200, seed=3), "", "{not json", ZZP_OUT_OF_RANGE]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    caresq.cli.main(["assess", "--batch", str(source), "--output", str(target), "--on",
                     ON.isoformat()])
    statuses: Counter[tuple[str, str]] = Counter()
    bad: list[int] = []
    errors: list[caresq.CaresqError] = []
    out = engine.assess_jsonl((line.encode() for line in lines), on=ON, first=1,
                              statuses=statuses, bad=bad, errors=errors)
    assert b"".join(line + b"\n" for line in out) == target.read_bytes()
    assert bad[-3:] == [201, 202, 203]
    assert len(bad) == len(errors)
    assert all(isinstance(error, caresq.ProfileError) for error in errors)
    assert sum(statuses.values()) == len(lines) - len(bad)
    # Numbered from ``first``, and lazy: an endless source gives its first lines.
    later = engine.assess_jsonl(itertools.chain(["{}"], itertools.repeat(GOOD)), on=ON,
                                first=41)
    assert json.loads(next(later))["line"] == 41
    assert json.loads(next(later))["results"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_the_compact_shape_keeps_what_a_provider_decides(engine: caresq.Engine,
                                                         path: Path) -> None:
    assessment = engine.assess(json.loads(path.read_text("utf-8")), on=ON)
    full = json.loads(assessment_json_line(assessment))
    compact = json.loads(assessment_json_line(assessment, "compact"))
    for result in full["results"]:
        result["findings"] = [{key: finding[key] for key in COMPACT_FINDING_KEYS}
                              for finding in result["findings"]]
        result["offer"] = {"route": result["offer"]["route"],
                           "review": result["offer"]["review"]}
    assert compact == full
    assert "citation" not in json.dumps(compact)


def test_compact_is_a_batch_option_only(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        caresq.cli.main(["assess", str(ROOT / "examples" / "kraamzorg.json"),
                         "--detail", "compact"])
    assert exit_.value.code == 2
    assert "--detail goes with --batch" in capsys.readouterr().err


def test_an_unknown_detail_is_named() -> None:
    engine = caresq.Engine.default()
    with pytest.raises(ValueError, match="details: full, compact"):
        engine.assess_json_line(EXAMPLE, on=ON, detail="short")


# -- orjson reads what json reads ----------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers()
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=8)
#: Texts orjson and json read differently, or only one of them reads.
_ODD = ["", " ", "\ufeff{}", '{"agb_code": "\\ud800"}', "NaN", '{"a": Infinity}', "[1,]",
        "12345678901234567890123", '{"facts": {"kraamzorg.zzp_share": 123456789012345678901}}',
        "[" * 2000 + "]" * 2000, '{"agb_code": "33012345"} x', "1e400", '"\x01"']


def _read(read: Any, text: str | bytes) -> object:
    try:
        return read(text)
    except caresq.ProfileError as error:
        return error.errors


def _read_with_json_only(engine: caresq.Engine, text: str | bytes) -> object:
    from caresq.profile import parse_json

    return _read(lambda t: engine.read_profile(parse_json(t)), text)


@given(st.one_of(
    profiles().map(json.dumps),
    _JSON.map(json.dumps),
    st.sampled_from(_ODD),
    profiles().map(lambda data: json.dumps(data)[:-3]),  # truncated
    profiles().map(lambda data: json.dumps(data).encode())))
@example(GOOD)
def test_orjson_reads_a_profile_as_the_json_module_does(engine: caresq.Engine,
                                                        text: str | bytes) -> None:
    assert _read(engine.read_profile_json, text) == _read_with_json_only(engine, text)


@pytest.mark.parametrize("text", _ODD)
def test_the_odd_texts_read_as_the_json_module_reads_them(engine: caresq.Engine,
                                                          text: str) -> None:
    assert _read(engine.read_profile_json, text) == _read_with_json_only(engine, text)


#: White space a writer may put around a colon: the fast road's key count must not be fooled.
_COLONS = st.sampled_from([": ", ":", " : ", "\t:", "\n:\n", "\r: ", " :"])


def _spaced(data: dict[str, Any], colon: str, twice: bool) -> bytes:
    text = json.dumps(data, separators=(", ", colon))
    if twice:  # the first key of the facts (or of the profile) given a second time
        facts = text.find('"facts"')
        at = text.index("{", facts + 1) + 1 if facts >= 0 else 1
        key_end = text.index(colon, at) if text[at] == '"' else None
        if key_end is not None:
            value_end = text.find(",", key_end)
            if value_end > 0:
                text = text[:at] + text[at:value_end] + ", " + text[at:]
    return text.encode()


@given(profiles(), _COLONS, st.booleans())
def test_a_batch_line_reads_as_its_decoded_text_however_it_is_spaced(
        engine: caresq.Engine, data: dict[str, Any], colon: str, twice: bool) -> None:
    line = _spaced(data, colon, twice)
    assert (_read(engine.read_profile_line, line)
            == _read(engine.read_profile_json, decoded_line(line))
            == _read_with_json_only(engine, decoded_line(line)))


@pytest.mark.parametrize("line", [b"\xff{}", b'{"agb_code": "\xc3"}', b"\xef\xbb\xbf{}", b"",
                                  b'{"agb_code": "33012345", "agb_code": "33012345"}'])
def test_odd_batch_lines_read_as_their_decoded_text(engine: caresq.Engine, line: bytes) -> None:
    assert (_read(engine.read_profile_line, line)
            == _read(engine.read_profile_json, decoded_line(line)))


# -- what depends on the application only --------------------------------------------------------


@by_application
@frozen
class _AskedOnce:
    """A rule declared by_application that counts how often it is asked."""

    asked: list[date | None]

    @property
    def facts(self) -> tuple[caresq.Fact, ...]:
        return ()

    def __call__(self, situation: Situation) -> Verdict:
        self.asked.append(situation.application.submitted_on)
        return Verdict(Outcome.MET, f"requested {situation.application.submitted_on}")


@frozen
class _Undeclared(_AskedOnce):
    """A subclass may read more than its base: it is not declared by inheritance."""


def test_a_subclass_of_a_declared_rule_is_not_declared() -> None:
    assert declared_by_application(_AskedOnce([]))
    assert not declared_by_application(_Undeclared([]))
    assert not declared_by_application(lambda situation: None)


def test_a_rule_declared_by_application_is_asked_once_per_application() -> None:
    from caresq.assessment import PreparedContract, assess_contract
    from caresq.registry import ContractSpec

    asked: list[date | None] = []
    citation = caresq.Citation("Beleid", "1", "Aanvraag")
    condition = Condition("x.request", Kind.PROCEDURE, citation, "Zin.", _AskedOnce(asked))

    @by_application
    def terms(situation: Situation) -> Offer:
        return Offer("regular round", None, None, citation, "Zin.")

    contract = caresq.Contract("x.y", "X", terms)
    spec = ContractSpec(contract, caresq.Policy("x", 2024, "Beleid"), (condition,), (), False)
    prepared = PreparedContract(spec)
    profile = caresq.Profile("33012345", ())
    for day in (1, 2, 1, 1, 2):
        application = caresq.Application("x.y", date(2024, 1, day))
        situation = Situation(profile.agb_code, {}, application, ON)
        assert prepared.assess(situation) == assess_contract(spec, situation)
        prepared.encode(situation, 0, [])
    # Twice each by the plain statement; once per application for each road of the prepared.
    assert asked.count(date(2024, 1, 1)) == 3 + 2
    assert asked.count(date(2024, 1, 2)) == 2 + 2


@reads_application("submitted_on")
@frozen
class _AskedPerRequestDate(_AskedOnce):
    """Declared to read only the request date of the application."""


def test_a_rule_that_names_the_fields_it_reads_is_asked_once_per_value_of_them() -> None:
    from caresq.assessment import PreparedContract, assess_contract
    from caresq.registry import ContractSpec

    asked: list[date | None] = []
    citation = caresq.Citation("Beleid", "1", "Aanvraag")
    condition = Condition("x.request", Kind.PROCEDURE, citation, "Zin.",
                          _AskedPerRequestDate(asked))
    contract = caresq.Contract("x.y", "X", lambda s: Offer("regular round", None, None,
                                                           citation, "Zin."))
    spec = ContractSpec(contract, caresq.Policy("x", 2024, "Beleid"), (condition,), (), False)
    prepared = PreparedContract(spec)
    for day, signed in [(1, None), (1, 5), (2, 5), (1, 6), (2, None)]:
        application = caresq.Application("x.y", date(2024, 1, day), date(2024, 2, signed)
                                         if signed else None, existing_contract=signed == 6)
        situation = Situation("33012345", {}, application, ON)
        assert prepared.assess(situation) == assess_contract(spec, situation)
        prepared.encode(situation, 0, [])
    # Once per request date for each road of the prepared contract, whatever else differs.
    assert asked.count(date(2024, 1, 1)) == 3 + 2
    assert asked.count(date(2024, 1, 2)) == 2 + 2


def test_only_fields_of_an_application_can_be_named() -> None:
    with pytest.raises(ValueError, match="'submited_on' is not a field of an application"):
        reads_application("submited_on")


# -- the Dask example of docs/performance.md ---------------------------------------------------


def test_the_dask_example_writes_what_the_plain_batch_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.bag")
    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    blocks = [block for block in re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
              if block.startswith("# dask_batch.py")]
    assert len(blocks) == 1
    expected: list[bytes] = []
    for number, seed in enumerate((3, 4)):
        source = tmp_path / f"profiles-{number}.jsonl"
        source.write_text("\n".join(_generated(150, seed)) + "\n", encoding="utf-8")
        target = tmp_path / f"plain-{number}.jsonl"
        caresq.cli.main(["assess", "--batch", str(source), "--output", str(target), "--on",
                         ON.isoformat()])
        expected += target.read_bytes().splitlines()
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "dask_batch"}
    exec(compile(blocks[0], "dask_batch.py", "exec"), namespace)
    assert namespace["per_file"] == expected
