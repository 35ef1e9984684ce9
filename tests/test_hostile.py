"""Hostile input: whatever a profile holds, caresq answers with an assessment or a ProfileError
that names where the problem is (never another exception), and its text output is safe to
show on a terminal.

The fuzz takes every example profile and changes one place in it (any path: a key, an
application, a fact, an hour of a schedule) into something hostile: a wrong type, a huge or
non-finite number, an extreme or foreign-digit date, odd unicode, deep nesting, a key that is
not a string.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import caresq
from caresq.cli import main
from caresq.render import assessment_json_line, render_text
from caresq.text import escape_control

ROOT = Path(__file__).resolve().parents[1]
#: Every example profile (the example plugin's package aside: it holds no profiles).
EXAMPLES = {path.relative_to(ROOT / "examples").as_posix(): json.loads(path.read_text("utf-8"))
            for path in sorted((ROOT / "examples").rglob("*.json"))
            if "caresq-example-plugin" not in path.parts}
ON = date(2024, 3, 1)
#: Characters no text output may hold raw: C0/C1 controls (newline and tab of the input too),
#: bidi controls, line separators, lone surrogates.
UNSAFE = {*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), "\u061c", "\u200e", "\u200f",
          *map(chr, range(0x2028, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def _deep(depth: int) -> object:
    value: object = "bottom"
    for _ in range(depth):
        value = [value]
    return value


HOSTILE_TEXT = st.sampled_from([
    "\x1b[2J", "\x1b]0;pwned\x07", "a\nSPOOF: geboortezorg.kraamzorg: ELIGIBLE", "\u202egnp.exe",
    "\ud800", "\udfff\ud800", "\x00", "\u0663\u0663:00-17:00", "\uff10\uff19:00-17:00",
    "\u0662\u0660\u0662\u0664-01-01", "9999-12-31", "0001-01-01", "2024-02-30", "+2024-01-01",
    "24:00-24:00", "", " ", "x" * 10_000]) | st.text()
HOSTILE_NUMBERS = st.sampled_from([
    2**53 + 1, -(2**53) - 1, 10**400, -(10**400), 2**64, math.inf, -math.inf, math.nan, -0.0,
    1e308, 5e-324, 0.15, -1, 0, 1, 1.0000000001]) | st.integers() | st.floats()
HOSTILE = st.one_of(
    HOSTILE_TEXT, HOSTILE_NUMBERS, st.none(), st.booleans(),
    st.just(_deep(5000)), st.just({1: True, None: "x"}), st.just({"mon": {"tue": []}}),
    st.lists(HOSTILE_TEXT | HOSTILE_NUMBERS, max_size=4),
    st.dictionaries(HOSTILE_TEXT, HOSTILE_NUMBERS | HOSTILE_TEXT, max_size=3))


def _paths(value: object, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a parsed JSON value, as keys and indexes from the top."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
        yield (*path, "an_unknown_key")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*path, index))


def _replaced(profile: Any, path: tuple[Any, ...], value: object) -> Any:
    copy = json.loads(json.dumps(profile))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy


def _shown(path: tuple[Any, ...]) -> str:
    """``path`` as the reader writes it: applications[0].submitted_on, facts["x"]["mon"][0]."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif text.startswith("facts"):
            text += f"[{json.dumps(step, ensure_ascii=False)}]"
        else:
            text += f".{step}" if text else step
    return text


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, tuple[Any, ...], Any]:
    name = draw(st.sampled_from(sorted(EXAMPLES)))
    path = draw(st.sampled_from(list(_paths(EXAMPLES[name]))))
    return name, path, _replaced(EXAMPLES[name], path, draw(HOSTILE))


def _names_the_place(error: caresq.ProfileError, path: tuple[Any, ...]) -> bool:
    """Whether a problem is at ``path``, inside it, or at the object around it naming the key
    (an unknown key is told at the object it stands in: "unknown key(s) x; allowed: ...")."""
    where = _shown(path)
    return any((problem.path and (problem.path.startswith(where)
                                  or where.startswith(problem.path)))
               or (problem.path == _shown(path[:-1]) and str(path[-1]) in problem.message)
               for problem in error.problems)


def _check_output(assessment: caresq.Assessment) -> None:
    text = render_text(assessment)
    assert not UNSAFE & set(text.replace("\n", "")), text
    json.loads(assessment_json_line(assessment))  # valid UTF-8 JSON, surrogates escaped


def _assessed(engine: caresq.Engine, profile: object) -> caresq.Assessment | caresq.ProfileError:
    """The assessment, or the ProfileError; any other exception fails the test."""
    try:
        checked = (engine.read_profile_json(profile) if isinstance(profile, str)
                   else engine.read_profile(profile))
        return engine.assess(checked, on=ON)
    except caresq.ProfileError as error:
        return error


@given(mutations())
def test_a_hostile_mapping_is_assessed_or_refused_with_its_path(
        engine: caresq.Engine, mutation: tuple[str, tuple[Any, ...], Any]) -> None:
    _, path, profile = mutation
    outcome = _assessed(engine, profile)
    if isinstance(outcome, caresq.ProfileError):
        assert _names_the_place(outcome, path), (path, outcome.errors)
        assert len(outcome.errors) <= 101
    else:
        _check_output(outcome)


@given(mutations())
def test_hostile_json_text_is_assessed_or_refused_with_its_path(
        engine: caresq.Engine, mutation: tuple[str, tuple[Any, ...], Any]) -> None:
    _, path, profile = mutation
    try:
        text = json.dumps(profile, ensure_ascii=False)  # NaN and Infinity as JS writes them
    except (RecursionError, TypeError):
        return  # no JSON text has this shape (a key that is None, say)
    outcome = _assessed(engine, text)
    if isinstance(outcome, caresq.ProfileError):
        assert all(problem.message for problem in outcome.problems)
        assert (not any(problem.path for problem in outcome.problems)  # not JSON at all
                or _names_the_place(outcome, path)
                or any("given twice" in line for line in outcome.errors)), (path, outcome.errors)
    else:
        _check_output(outcome)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@given(mutations(), st.sampled_from(["text", "json"]))
def test_the_command_line_exits_0_or_2_on_hostile_profiles(
        tmp_path_factory: pytest.TempPathFactory,
        mutation: tuple[str, tuple[Any, ...], Any], form: str) -> None:
    _, _, profile = mutation
    try:
        text = json.dumps(profile, ensure_ascii=False)
    except (RecursionError, TypeError):
        return
    source = tmp_path_factory.mktemp("hostile") / "profile.json"
    source.write_bytes(text.encode("utf-8", "surrogatepass"))
    code, out, err = _run(["assess", str(source), "--on", ON.isoformat(), "--format", form])
    assert code in (0, 2), err
    assert "Traceback" not in err
    assert not UNSAFE & set(err.replace("\n", "")), err
    if form == "text":
        assert not UNSAFE & set(out.replace("\n", "")), out
    elif code == 0:
        json.loads(out)


# -- text a person reads ------------------------------------------------------------------------

EVIL_NAME = ("De Ooievaar\x1b[2J\x1b]0;pwned\x07\nSPOOF: geboortezorg.kraamzorg: ELIGIBLE"
             "\u202e\ud800\x9b")


def test_the_text_output_of_a_name_with_control_characters_holds_none_raw(
        tmp_path: Path) -> None:
    profile = {**EXAMPLES["kraamzorg.json"], "name": EVIL_NAME}
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(profile), encoding="utf-8")
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(EXAMPLES["kraamzorg.json"]), encoding="utf-8")
    code, out, err = _run(["assess", str(source), "--on", "2023-10-20"])
    assert (code, err) == (0, "")
    assert not UNSAFE & set(out.replace("\n", ""))
    assert not any(line.startswith("SPOOF") for line in out.splitlines())
    assert len(out.splitlines()) == len(_run(["assess", str(plain), "--on", "2023-10-20"])[1]
                                        .splitlines())  # no line was forged
    assert out.splitlines()[0].startswith(
        "De Ooievaar\\x1b[2J\\x1b]0;pwned\\x07\\x0aSPOOF: geboortezorg.kraamzorg: ELIGIBLE"
        "\\u202e\\ud800\\x9b (33012345)")


def test_the_json_output_of_such_a_name_is_valid_and_carries_it_exactly(
        tmp_path: Path) -> None:
    source = tmp_path / "evil.json"
    source.write_text(json.dumps({**EXAMPLES["kraamzorg.json"], "name": EVIL_NAME}),
                      encoding="utf-8")
    code, out, _ = _run(["assess", str(source), "--on", "2023-10-20", "--format", "json"])
    assert code == 0
    assert json.loads(out)["name"] == EVIL_NAME


def test_messages_escape_what_came_from_the_input(tmp_path: Path) -> None:
    source = tmp_path / "evil.json"
    source.write_text(json.dumps({**EXAMPLES["kraamzorg.json"],
                                  "facts": {"x\x1b[2J\nSPOOF": True}}), encoding="utf-8")
    code, _, err = _run(["assess", str(source)])
    assert code == 2
    assert 'facts["x\\x1b[2J\\nSPOOF"]' in err or 'facts["x\\u001b[2J\\nSPOOF"]' in err
    assert not UNSAFE & set(err.replace("\n", ""))


@pytest.mark.parametrize(("text", "shown"), [
    ("plain text", "plain text"),
    ("tab\there", "tab\\x09here"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("\u202eevil", "\\u202eevil"),
    ("lone \ud800", "lone \\ud800"),
    ("Zoë, één", "Zoë, één"),
])
def test_escape_control_shows_controls_as_escapes_and_keeps_the_rest(
        text: str, shown: str) -> None:
    assert escape_control(text) == shown


def test_escape_control_leaves_no_control_character_raw() -> None:
    everything = "".join(map(chr, range(0x3000))) + "\ud800\udc00"
    assert not UNSAFE & set(escape_control(everything))
    assert all(unicodedata.category(c) != "Cc" for c in escape_control(everything))


# -- the boundary, one kind at a time -----------------------------------------------------------

KRAAMZORG = EXAMPLES["kraamzorg.json"]


@pytest.mark.parametrize(("fact", "value", "message"), ids=range(8), argvalues=[
    ("kraamzorg.zzp_share", 10**400, "a number of 401 digits is beyond +-2^53"),
    ("kraamzorg.zzp_share", math.nan, "NaN is not a finite number"),
    ("kraamzorg.zzp_share", math.inf, "Infinity is not a finite number"),
    ("zbc.fte", 2**53 + 1, "9007199254740993 is beyond 2^53 (9007199254740992)"),
    ("zbc.fte", 10**5000, "digits is beyond 2^53"),
    ("zbc.fte", math.inf, "Infinity is not a finite number"),
    ("toeslag.sent_to_caresq_on", "9999-12-31", '"9999-12-31" is outside the years 1900 to 2999'),
    ("toeslag.sent_to_caresq_on", "\u0662\u0660\u0662\u0664-01-01", "is not a date"),
])
def test_values_beyond_what_is_safe_are_refused_with_their_path(
        engine: caresq.Engine, fact: str, value: object, message: str) -> None:
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile({**KRAAMZORG, "facts": {fact: value}})
    (problem,) = caught.value.problems
    assert problem.path == f'facts["{fact}"]'
    assert message in problem.message


def test_2_to_the_53_itself_is_a_whole_number_and_reads_whole(engine: caresq.Engine) -> None:
    assert engine.read_profile({**KRAAMZORG, "facts": {"zbc.fte": 2**53}}).facts == {
        "zbc.fte": 2**53}
    from caresq.rules import number
    assert [number(2**53), number(-0.0), number(0.0), number(3.0), number(0.00001)] == [
        "9007199254740992", "0", "0", "3", "0.00001"]


def test_keys_that_are_not_strings_are_named_not_a_type_error(engine: caresq.Engine) -> None:
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile({**KRAAMZORG, 7: "x", "facts": {1: True}})
    assert set(caught.value.errors) == {"key 7 is not a string", "facts: key 1 is not a string"}


def test_a_key_given_twice_is_named_with_its_path(engine: caresq.Engine) -> None:
    text = json.dumps(KRAAMZORG)[:-2] + ', "kraamzorg.zzp_share": 0.5}}'
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile_json(text)
    assert caught.value.errors == (
        'facts["kraamzorg.zzp_share"]: key "kraamzorg.zzp_share" is given twice '
        "(only one value can count)",)


@pytest.mark.parametrize(("old", "new", "path"), [
    ('"agb_code": "33012345"', '"agb_code": "33012345", "agb_code": "33012345"', "agb_code"),
    ('"contract": "geboortezorg.kraamzorg"',
     '"contract": "geboortezorg.kraamzorg", "contract": "geboortezorg.kraamzorg"',
     "applications[0].contract"),
    ('"kraamzorg.zzp_share": 0.12', '"kraamzorg.zzp_share": 0.12, "kraamzorg.zzp_share": 0.2',
     'facts["kraamzorg.zzp_share"]'),
    ('"mon": ["09:00-17:00"]', '"mon": ["09:00-17:00"], "mon": []',
     'facts["common.phone_hours"]["mon"]'),
    ('"kraamzorg.zzp_share": 0.12', '"kraamzorg.zzp_share" : 0.12, "kraamzorg.zzp_share"\t: 1',
     'facts["kraamzorg.zzp_share"]'),
])
def test_a_key_given_twice_at_any_level_is_named_however_the_text_is_spaced(
        engine: caresq.Engine, old: str, new: str, path: str) -> None:
    text = json.dumps({**KRAAMZORG, "facts": {
        **KRAAMZORG["facts"], "common.phone_hours": {"mon": ["09:00-17:00"]}}})
    assert old in text
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile_json(text.replace(old, new).encode())
    assert [problem.path for problem in caught.value.problems] == [path]
    assert "given twice" in caught.value.errors[0]


def test_hours_and_dates_in_other_digits_are_not_read_as_numbers(
        engine: caresq.Engine) -> None:
    profile = {**KRAAMZORG, "facts": {"common.phone_hours": {"mon": ["\u0660\u0669:00-17:00"]}}}
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile(profile)
    assert caught.value.problems[0].path == 'facts["common.phone_hours"]["mon"][0]'


def test_ten_thousand_unknown_ids_give_a_hundred_lines_and_a_count(
        engine: caresq.Engine) -> None:
    facts = {f"kraamzorg.unknown_{i}": True for i in range(10_000)}
    with pytest.raises(caresq.ProfileError) as caught:
        engine.read_profile({**KRAAMZORG, "facts": facts})
    error = caught.value
    assert len(error.errors) == 101
    assert error.errors[-1] == "... and 9900 more problems"
    assert error.total == 10_000


def test_a_reference_date_far_from_today_is_refused_not_a_rules_overflow(
        engine: caresq.Engine) -> None:
    with pytest.raises(ValueError, match="outside the years 1900 to 2999"):
        engine.assess(KRAAMZORG, on=date.max)
