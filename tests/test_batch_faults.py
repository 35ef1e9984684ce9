"""A batch loses no line, whatever a line holds and whatever a plugin does; its output file is
replaced only when the batch is done; Ctrl-C, SIGTERM and SIGKILL leave nothing behind running.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from caresq.cli import main
from tests.fault_helpers import (
    ROOT,
    alive,
    children,
    environment,
    install_plugin,
    start,
    stop_all,
    wait_until,
)

EXAMPLE: dict[str, Any] = json.loads((ROOT / "examples" / "kraamzorg.json").read_text())
GOOD = json.dumps(EXAMPLE)
ON = "2023-10-20"


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """EXAMPLE with the value at ``path`` (keys and indexes) replaced."""
    profile = json.loads(GOOD)
    node = profile
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return profile


def _text(profile: dict[str, Any]) -> str:
    return json.dumps(profile, ensure_ascii=False)


@pytest.fixture(autouse=True)
def _no_process_left_behind() -> Iterator[None]:
    """A test that fails midway must not leave caresq or its workers running."""
    yield
    stop_all()


#: One line of every hostile kind, and the words its error record must hold.
POISON: list[tuple[str, str]] = [
    (GOOD.replace('"kraamzorg.zzp_share": 0.12', '"kraamzorg.zzp_share": 1' + "0" * 400),
     "beyond"),
    (GOOD.replace('"kraamzorg.zzp_share": 0.12', '"kraamzorg.zzp_share": 1e400'), "finite"),
    (GOOD.replace('"kraamzorg.zzp_share": 0.12', '"kraamzorg.zzp_share": NaN'), "NaN"),
    (GOOD.replace('"kraamzorg.zzp_share": 0.12', '"kraamzorg.zzp_share": -Infinity'),
     "Infinity"),
    (_text(_with(("applications", 0, "submitted_on"), "9999-12-31")), "1900 to 2999"),
    (_text(_with(("applications", 0, "submitted_on"), "\u0662\u0660\u0662\u0663-10-02")),
     "is not a date"),
    (_text(_with(("facts", "common.phone_hours"), {"mon": ["\uff10\uff19:00-17:00"]})),
     "HH:MM-HH:MM"),
    ('{"agb_code": "33012345", "agb_code": "33012346", "applications": []}',
     'key \\"agb_code\\" is given twice'),
    (_text(_with(("facts",), {f"x.unknown_{i}": True for i in range(3000)})),
     "and 2900 more problems"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"agb_code": "33012345"', "not valid JSON"),
    ("", "empty input"),
]


#: Not poison, though hostile: text output must escape it, JSON must carry it.
ODD_NAME = _text(_with(("name",), "\x1b[2J\ud800\nSPOOF: ELIGIBLE"))


def _lines_for_batch() -> list[str]:
    lines = []
    for poison, _ in POISON:
        lines += [GOOD, poison]
    return [*lines, ODD_NAME]


def _check_records(out: str, lines: list[str]) -> None:
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == len(lines)
    for number, (record, line) in enumerate(zip(records, lines, strict=True), start=1):
        if line in (GOOD, ODD_NAME):
            assert "error" not in record, record
        else:
            assert record["line"] == number
            words = dict(POISON)[line]
            assert words in json.dumps(record["error"]), record


@pytest.mark.parametrize("route", ["file", "file --jobs 2", "stdin"])
def test_poison_lines_become_their_own_records_and_the_rest_go_on(
        route: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines_for_batch()
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8",
                      errors="surrogatepass")
    if route == "stdin":
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source.read_bytes()),
                                                           encoding="utf-8",
                                                           errors="surrogatepass"))
        argv = ["assess", "--batch", "-"]
    else:
        argv = ["assess", "--batch", str(source), *route.split()[1:]]
    code = main([*argv, "--on", ON])
    out, err = capsys.readouterr()
    assert code == 1
    _check_records(out, lines)
    assert "Traceback" not in err
    assert f"bad lines: {len(POISON)}" in err


@pytest.mark.parametrize("block", [2_000, 50_000, None])
def test_workers_segments_stitch_to_the_bytes_of_one_job(
        block: int | None, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs N: blocks of any size (a line per block, lines longer than a block, many lines
    a block), poison lines on either side of every boundary: the output, the summary and the
    exit code are those of one job, and the last line may lack its newline."""
    if block is not None:
        monkeypatch.setattr("caresq.cli.batch.BLOCK_BYTES", block)
    lines = _lines_for_batch() * 3
    source = tmp_path / "in.jsonl"
    source.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))  # no final newline
    said = []
    for jobs in ("1", "2", "3"):
        target = tmp_path / f"out-{jobs}.jsonl"
        code = main(["assess", "--batch", str(source), "--output", str(target), "--on", ON,
                     "--jobs", jobs])
        said.append((code, capsys.readouterr().err, target.read_bytes()))
    assert said[0][0] == 1
    assert said[1] == said[0]
    assert said[2] == said[0]
    _check_records(said[0][2].decode("utf-8"), lines)
    assert sorted(tmp_path.iterdir()) == [source, *(tmp_path / f"out-{jobs}.jsonl"
                                                    for jobs in "123")]


def test_where_workers_cannot_be_forked_they_build_their_engine_and_send_their_lines(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows: workers started afresh, with the same parameters, the same bytes."""
    lines = _lines_for_batch()
    source = tmp_path / "in.jsonl"
    source.write_bytes("".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass"))
    monkeypatch.setattr("caresq.cli.batch._can_fork", lambda: False)
    said = []
    for jobs in ("1", "2"):
        code = main(["assess", "--batch", str(source), "--on", ON, "--jobs", jobs,
                     "--set", "kraamzorg.max_zzp_share=0.1"])
        said.append((code, *capsys.readouterr()))
    assert said[1] == said[0]
    _check_records(said[0][1], lines)
    main(["assess", "--batch", str(source), "--on", ON])
    assert capsys.readouterr().out != said[0][1]  # the setting holds in the workers too


def test_workers_read_standard_input_from_a_file_from_where_it_stands(tmp_path: Path) -> None:
    """``(read one line; caresq assess --batch - --jobs 2) < in.jsonl``: the workers read the
    file themselves, from where standard input stood, as one job reads the rest."""
    lines = _lines_for_batch() * 2
    source = tmp_path / "in.jsonl"
    source.write_bytes("".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass"))
    rest = tmp_path / "rest.jsonl"
    rest.write_bytes(source.read_bytes().split(b"\n", 1)[1])
    one = subprocess.run([sys.executable, "-m", "caresq", "assess", "--batch", str(rest),
                          "--on", ON], capture_output=True, env=environment(), timeout=120)
    with source.open("rb") as stdin:
        os.lseek(stdin.fileno(), len(lines[0].encode("utf-8")) + 1, os.SEEK_SET)
        two = subprocess.run([sys.executable, "-m", "caresq", "assess", "--batch", "-", "--on",
                              ON, "--jobs", "2"], stdin=stdin, capture_output=True,
                             env=environment(), timeout=120)
    assert (two.returncode, two.stderr) == (one.returncode, one.stderr)
    assert two.stdout == one.stdout
    _check_records(two.stdout.decode("utf-8"), lines[1:])


@pytest.mark.parametrize("target", ["pipe", "appended file"])
def test_workers_read_a_pipe_and_write_standard_output_as_one_job_writes_a_file(
        target: str, tmp_path: Path) -> None:
    """--jobs 2 from standard input (a pipe) to standard output, a pipe or a file it appends
    to (``>> out.jsonl``, which the kernel will not copy into): the bytes of one job."""
    lines = _lines_for_batch() * 4  # ~1.7 MB: many blocks
    source = tmp_path / "in.jsonl"
    source.write_bytes("".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass"))
    expected = tmp_path / "one.jsonl"
    one = subprocess.run([sys.executable, "-m", "caresq", "assess", "--batch", str(source),
                          "--output", str(expected), "--on", ON], capture_output=True,
                         env=environment(), cwd=tmp_path, timeout=120)
    appended = tmp_path / "two.jsonl"
    appended.write_bytes(b"earlier\n")
    with appended.open("ab") as stdout:
        two = subprocess.run([sys.executable, "-m", "caresq", "assess", "--batch", "-", "--on",
                              ON, "--jobs", "2"], input=source.read_bytes(),
                             stdout=subprocess.PIPE if target == "pipe" else stdout,
                             stderr=subprocess.PIPE, env=environment(), cwd=tmp_path,
                             timeout=120)
    written = two.stdout if target == "pipe" else appended.read_bytes()[len(b"earlier\n"):]
    assert (two.returncode, two.stderr) == (one.returncode, one.stderr) == (1, one.stderr)
    assert written == expected.read_bytes()
    _check_records(written.decode("utf-8"), lines)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_line_over_the_size_limit_stops_the_batch_before_reading_on(
        jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(f"{GOOD}\n{GOOD} {' ' * 5000}\n{GOOD}\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    target.write_text("yesterday\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["assess", "--batch", str(source), "--output", str(target), "--max-bytes", "4K",
              "--jobs", jobs])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "line 2 is longer than the limit of 4 KiB" in err
    assert "out.jsonl is unchanged" in err
    assert target.read_text("utf-8") == "yesterday\n"


def test_a_profile_over_the_size_limit_is_refused_unread(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["assess", "/dev/zero", "--max-bytes", "1M"])
    assert exit_.value.code == 2
    assert "larger than the limit of 1 MiB" in capsys.readouterr().err


# -- faulty plugins -----------------------------------------------------------------------------

STUK_OK = json.dumps({"agb_code": "12345678", "applications": [{"contract": "stuk.basis"}],
                      "facts": {"stuk.registered": False, "stuk.audited": True}})
STUK_BAD = json.dumps({"agb_code": "12345678", "applications": [{"contract": "stuk.basis"}],
                       "facts": {"stuk.registered": True, "stuk.audited": True}})


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory on sys.path into which tests install plugins."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("plugin", "message"), [
    ("RAISING_RULE", "the rule raised ZeroDivisionError: division by zero"),
    ("EXITING_RULE", "the rule raised SystemExit: stuk: cannot judge a registered provider"),
    ("NON_VERDICT_RULE", "the rule returned 'registered, I think', not a Verdict"),
    ("UNWRITABLE_REASON", "the rule gave a reason that is not text (dict)"),
    ("TEXT_OUTCOME", "the rule gave 'met' as outcome, not an Outcome"),
])
def test_a_plugins_bug_is_the_lines_record_and_exit_3(
        plugin: str, message: str, jobs: str, site: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    name = plugin.lower()
    install_plugin(site, name, f"tests.plugins.hostile:{plugin}")
    raising = plugin in ("RAISING_RULE", "EXITING_RULE")  # only on a registered provider
    lines = [GOOD, STUK_BAD, STUK_OK, GOOD, STUK_BAD if raising else STUK_OK]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    code = main(["assess", "--batch", str(source), "--on", ON, "--jobs", jobs])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 3
    assert len(records) == len(lines)
    failed = [r["line"] for r in records if "error" in r]
    expected = [2, 5] if raising else [2, 3, 5]
    assert failed == expected
    assert records[1]["error"] == {"type": "RuleError", "plugin": name,
                                   "condition": "stuk.registered", "message": message}
    assert records[0]["results"][0]["status"] == "eligible"  # the bundled care types go on
    assert "internal failures" in err
    assert "Traceback" not in err


def test_single_assess_with_a_plugins_bug_says_which_in_one_line(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    install_plugin(site, "raising_rule", "tests.plugins.hostile:RAISING_RULE")
    profile = tmp_path / "stuk.json"
    profile.write_text(STUK_BAD, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["assess", str(profile)])
    assert exit_.value.code == 3
    err = capsys.readouterr().err
    assert err == ("caresq: internal failure: plugin 'raising_rule', condition "
                   "'stuk.registered': the rule raised ZeroDivisionError: division by zero\n")
    monkeypatch.setenv("CARESQ_DEBUG", "1")
    with pytest.raises(SystemExit):
        main(["assess", str(profile)])
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "in judge" in err  # the plugin's own frame
    assert err.endswith("division by zero\n")


def test_a_calendar_hook_that_raises_is_named_in_one_line(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install_plugin(site, "raising_calendar", "tests.plugins.hostile:RAISING_CALENDAR")
    with pytest.raises(SystemExit) as exit_:
        main(["calendar", "--care-type", "stuk", "--year", "2030"])
    assert exit_.value.code == 3
    assert capsys.readouterr().err == (
        "caresq: internal failure: plugin 'raising_calendar': its caresq_calendar_events hook "
        "raised KeyError: '2030-13-01'\n")
    assert main(["calendar", "--care-type", "zbc", "--year", "2025"]) == 0


@pytest.mark.parametrize(("plugin", "reason"), [
    ("RAISING_HOOK", "plugin 'raising_hook': its caresq_contracts hook raised RuntimeError: "
                     "contracts table missing"),
    ("MALFORMED_HOOK", "plugin 'malformed_hook': its caresq_facts hook returned 42 (int), "
                       "not a Fact"),
    ("FACT_CLASH", "fact 'zbc.fte' is declared by both 'zbc' and 'fact_clash'"),
    ("MISSPELT_HOOK", "plugin 'misspelt_hook': unknown hook 'caresq_polices'"),
    ("POLICY_CLASH", "policy 'zbc 2025' is declared by both 'zbc' and 'policy_clash'"),
    ("YEAR_AS_TEXT", "plugin 'year_as_text': its caresq_policies hook returned a Policy whose "
                     "contract_year is \"2030\" (str), not a year from 1901 to 2999"),
    ("TYPE_AS_TEXT", "plugin 'type_as_text': its caresq_facts hook returned the Fact "
                     "\"tekst.ja\" whose type is \"bool\", not a FactType (e.g. FactType.BOOL)"),
])
def test_a_plugin_whose_declarations_fail_is_reported_and_the_others_work(
        plugin: str, reason: str, site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = plugin.lower()
    install_plugin(site, name, f"tests.plugins.hostile:{plugin}")
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert f"{name} 0.1: FAILED: {reason}\n" in out
    assert "policy Inkoopbeleid Geboortezorg 2024 (2024)" in out
    assert "zbc.msz" in out
    example = ROOT / "examples" / "kraamzorg.json"
    assert main(["assess", str(example), "--on", ON, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["status"] == "eligible"


# -- output files and signals -------------------------------------------------------------------


def test_a_finished_batch_replaces_the_output_and_leaves_no_temporary_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    target.write_text("yesterday\n", encoding="utf-8")
    target.chmod(0o640)
    assert main(["assess", "--batch", str(source), "--output", str(target), "--on", ON]) == 0
    assert json.loads(target.read_text("utf-8"))["agb_code"] == "33012345"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


@pytest.mark.parametrize("route", ["path", "link", "stdin", "stdout"])
def test_the_output_may_not_be_the_input_by_any_route(route: str, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(source)
    argv = {"path": ["--batch", str(source), "--output", str(tmp_path / "." / "in.jsonl")],
            "link": ["--batch", str(source), "--output", str(tmp_path / "link.jsonl")],
            "stdin": ["--batch", "-", "--output", str(source)],  # ... < in.jsonl
            "stdout": ["--batch", str(source)]}[route]  # ... >> in.jsonl
    with source.open("rb") as stdin, source.open("ab") as stdout:
        done = subprocess.run([sys.executable, "-m", "caresq", "assess", *argv], stdin=stdin,
                              stdout=stdout if route == "stdout" else subprocess.PIPE,
                              stderr=subprocess.PIPE, env=environment())
    assert done.returncode == 2
    assert b"is the input file" in done.stderr
    assert source.read_text("utf-8") == GOOD + "\n"


def _mid_batch(tmp_path: Path, jobs: str) -> tuple[subprocess.Popen[bytes], Path]:
    """A batch into an existing output, stopped midway: waiting for more of its input."""
    target = tmp_path / "out.jsonl"
    target.write_bytes(b'{"yesterday": true}\n' * 3)
    process = start(["assess", "--batch", "-", "--output", str(target), "--on", ON,
                     "--jobs", jobs], cwd=tmp_path)
    assert process.stdin is not None
    process.stdin.write((GOOD + "\n").encode() * 800)  # more than the chunks in flight
    process.stdin.flush()
    assert wait_until(lambda: any(p.stat().st_size for p in tmp_path.glob(".out.jsonl.*")))
    if jobs != "1":
        assert wait_until(lambda: len(children(process.pid)) >= int(jobs))
    return process, target


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_mid_batch_leaves_the_old_output_byte_for_byte(
        jobs: str, tmp_path: Path) -> None:
    process, target = _mid_batch(tmp_path, jobs)
    workers = children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert target.read_bytes() == b'{"yesterday": true}\n' * 3
    assert wait_until(lambda: not any(map(alive, workers)), seconds=10)


@pytest.mark.parametrize(("jobs", "sent", "code", "said"), [
    ("1", signal.SIGINT, 130, "interrupted"),
    ("2", signal.SIGINT, 130, "interrupted"),
    ("2", signal.SIGTERM, 143, "terminated"),
])
def test_ctrl_c_or_sigterm_stops_in_one_line_and_stops_the_workers(
        jobs: str, sent: signal.Signals, code: int, said: str, tmp_path: Path) -> None:
    process, target = _mid_batch(tmp_path, jobs)
    workers = children(process.pid)
    process.send_signal(sent)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code
    (partial,) = tmp_path.glob(".out.jsonl.*")
    assert err.decode() == (f"caresq: {said}; the partial output is in {partial}; "
                            f"{target} is unchanged\n")
    assert target.read_bytes() == b'{"yesterday": true}\n' * 3
    assert all(json.loads(line)["agb_code"] == "33012345"
               for line in partial.read_text("utf-8").splitlines())
    assert not any(map(alive, workers))


def test_ctrl_c_stops_workers_stuck_in_a_plugins_endless_loop(tmp_path: Path) -> None:
    site = tmp_path / "site"
    install_plugin(site, "endless_rule", "tests.plugins.hostile:ENDLESS_RULE")
    process = start(["assess", "--batch", "-", "--jobs", "2", "--on", ON], site, cwd=tmp_path)
    assert process.stdin is not None
    process.stdin.write((STUK_BAD + "\n").encode() * 100)
    process.stdin.flush()
    assert wait_until(lambda: len(children(process.pid)) >= 2)
    workers = children(process.pid)
    try:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130
        assert err.decode() == "caresq: interrupted\n"
        assert wait_until(lambda: not any(map(alive, workers)), seconds=10)
    finally:  # a failure must not leave the endless workers running
        for pid in [process.pid, *workers]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        process.communicate()


def test_compare_workers_do_not_outlive_a_killed_parent(tmp_path: Path) -> None:
    process = start(["compare", "--batch", "-", "--set", "kraamzorg.max_zzp_share=0.2",
                     "--jobs", "2", "--on", ON], cwd=tmp_path)
    assert process.stdin is not None
    process.stdin.write((GOOD + "\n").encode() * 800)  # then it waits for more
    process.stdin.flush()
    assert wait_until(lambda: len(children(process.pid)) >= 2)
    workers = children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert wait_until(lambda: not any(map(alive, workers)), seconds=10)


def test_a_closed_standard_output_ends_quietly(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text((GOOD + "\n") * 2000, encoding="utf-8")
    for argv in (["assess", "--batch", str(source)], ["questionnaire", "geboortezorg.kraamzorg"]):
        process = start(argv)
        assert process.stdout is not None
        process.stdout.read(10)
        process.stdout.close()  # caresq ... | head -c 10
        _, err = process.communicate(timeout=60)
        assert b"Broken pipe" not in err
        assert b"Traceback" not in err


def test_an_output_through_a_link_replaces_the_file_and_keeps_the_link(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    real = tmp_path / "results" / "today.jsonl"
    real.parent.mkdir()
    real.write_text("yesterday\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    assert main(["assess", "--batch", str(source), "--output", str(link), "--on", ON]) == 0
    assert link.is_symlink()
    assert json.loads(real.read_text("utf-8"))["agb_code"] == "33012345"


def test_an_output_that_is_a_device_is_written_as_it_goes(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "caresq", "assess", "--batch", str(source),
                           "--output", "/dev/stdout", "--on", ON], capture_output=True,
                          env=environment(), cwd=tmp_path)
    assert done.returncode == 0
    assert json.loads(done.stdout)["agb_code"] == "33012345"
    assert list(tmp_path.iterdir()) == [source]


def test_a_disk_error_met_while_syncing_the_output_is_not_lost() -> None:
    """The output is written to disk as it grows (in a thread): an error met there fails the
    batch when it ends, as the final fsync would (a pipe stands in for a failing disk)."""
    from caresq.cli.batch import _SYNC_EVERY, _Syncer

    read, write = os.pipe()
    try:
        syncer = _Syncer(write)
        syncer.grew(_SYNC_EVERY)  # fdatasync of a pipe fails: EINVAL
        with pytest.raises(OSError, match="Invalid argument"):
            syncer.stop()
        syncer.stop()  # said once
    finally:
        os.close(read)
        os.close(write)


def test_an_abandoned_output_keeps_whole_lines_only(tmp_path: Path) -> None:
    # A signal can stop the copy of a worker's segment in the middle of a line.
    from caresq.cli.batch import _Output

    target = tmp_path / "out.jsonl"
    output = _Output(str(target))
    output.write(b'{"line": 1}\n{"line": 2}\n{"li')
    said = output.abandon()
    assert Path(output.temporary).read_bytes() == b'{"line": 1}\n{"line": 2}\n'
    assert said.endswith(f"{target} was not written")
    half = _Output(str(target))
    half.write(b'{"li')
    half.abandon()
    assert Path(half.temporary).read_bytes() == b""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plugin_that_prints_leaves_the_output_lines_as_they_are(
        jobs: str, site: Path, tmp_path: Path) -> None:
    install_plugin(site, "printing", "tests.plugins.printing:PRINTING")
    lines = [GOOD, STUK_BAD, STUK_OK, GOOD]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "caresq", "assess", "--batch", str(source),
                           "--on", ON, "--jobs", jobs], capture_output=True,
                          env=environment(site), timeout=120)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert [r["results"][0]["contract"] for r in records] == [
        "geboortezorg.kraamzorg", "stuk.basis", "stuk.basis", "geboortezorg.kraamzorg"]
    assert b"printing plugin: imported" in done.stderr
    assert b"printing plugin: judging True" in done.stderr


def test_a_plugin_that_prints_leaves_the_json_of_one_profile_as_it_is(
        site: Path, tmp_path: Path) -> None:
    install_plugin(site, "printing", "tests.plugins.printing:PRINTING")
    profile = tmp_path / "stuk.json"
    profile.write_text(STUK_OK, encoding="utf-8")
    for command in (["assess", str(profile), "--format", "json"],
                    ["advise", str(profile), "--format", "json"],
                    ["plugins", "--format", "json"]):
        done = subprocess.run([sys.executable, "-m", "caresq", *command], capture_output=True,
                              env=environment(site), timeout=120)
        assert json.loads(done.stdout), done.stderr
        assert b"printing plugin: imported" in done.stderr


def test_a_plugin_that_prints_leaves_compare_replay_and_calendar_output_as_it_is(
        site: Path, tmp_path: Path) -> None:
    install_plugin(site, "printing", "tests.plugins.printing:PRINTING")
    batch = tmp_path / "in.jsonl"
    batch.write_text(f"{GOOD}\n{STUK_BAD}\n", encoding="utf-8")
    profile = tmp_path / "stuk.json"
    profile.write_text(STUK_BAD, encoding="utf-8")
    recorded = tmp_path / "recorded.json"

    def caresq(*argv: str) -> bytes:
        done = subprocess.run([sys.executable, "-m", "caresq", *argv], capture_output=True,
                              env=environment(site), timeout=120)
        assert b"printing plugin: judging True" in done.stderr
        return done.stdout

    recorded.write_bytes(caresq("assess", str(profile), "--format", "json", "--record"))
    outputs = [
        caresq("compare", "--batch", str(batch), "--set", "kraamzorg.max_zzp_share=0.2",
               "--on", ON, "--format", "json"),
        caresq("replay", str(recorded), "--format", "json"),
        caresq("calendar", "--profile", str(profile), "--on", ON, "--format", "json")]
    for output in outputs:
        json.loads(output)  # nothing the plugin printed in it


def test_an_outcome_given_as_text_is_the_plugins_bug_never_eligible(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "unmet" as text is no Outcome: it used to count as nothing, so the contract read eligible.
    install_plugin(site, "text_outcome", "tests.plugins.hostile:TEXT_OUTCOME")
    profile = tmp_path / "stuk.json"
    profile.write_text(STUK_OK, encoding="utf-8")  # registered: false, so "unmet"
    for command in (["assess", str(profile), "--on", ON], ["advise", str(profile), "--on", ON]):
        with pytest.raises(SystemExit) as exit_:
            main(command)
        assert exit_.value.code == 3
        assert capsys.readouterr().err == (
            "caresq: internal failure: plugin 'text_outcome', condition 'stuk.registered': "
            "the rule gave 'unmet' as outcome, not an Outcome\n")


def test_terms_that_give_no_offer_are_the_plugins_bug_named_in_the_record(
        site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install_plugin(site, "no_offer", "tests.plugins.hostile:NO_OFFER")
    source = tmp_path / "in.jsonl"
    source.write_text(f"{GOOD}\n{STUK_OK}\n", encoding="utf-8")
    code = main(["assess", "--batch", str(source), "--on", ON])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 3
    assert records[1]["error"] == {"type": "RuleError", "plugin": "no_offer", "condition": None,
                                   "message": "the terms of stuk.basis returned None, not an "
                                              "Offer"}
    assert "results" in records[0]


def test_a_calendar_event_outside_the_dates_caresq_reads_is_the_plugins_bug(
        site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    install_plugin(site, "far_calendar", "tests.plugins.hostile:FAR_CALENDAR")
    for form in ("ics", "json"):
        with pytest.raises(SystemExit) as exit_:
            main(["calendar", "--care-type", "stuk", "--year", "2030", "--format", form])
        assert exit_.value.code == 3
        assert capsys.readouterr().err == (
            "caresq: internal failure: plugin 'far_calendar': its caresq_calendar_events hook "
            "returned 'stuk.far', whose days are not dates from 1900-01-01 to 2999-12-31\n")


def test_the_conformance_suite_reports_a_far_calendar_without_a_traceback() -> None:
    from caresq.testing import check_plugin
    from tests.plugins.hostile import FAR_CALENDAR

    report = check_plugin(FAR_CALENDAR, raise_on_failure=False, max_examples=5)
    assert not report.ok
    [failure] = report.failures
    assert failure.check == "declarations"
    assert "'stuk.far', whose days are not dates from 1900-01-01 to 2999-12-31" in failure.message
