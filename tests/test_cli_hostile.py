"""The command line under attack: a careless or hostile command line never loses a user's
file, never shows a traceback, and never sends a control character it was given to the
terminal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caresq.cli import main
from tests.fault_helpers import environment

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kraamzorg.json"
ON = "2023-10-20"
COMMAND = [sys.executable, "-m", "caresq"]
#: What stderr must never carry raw: C0 controls but newline, DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(*argv: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*COMMAND, *argv], capture_output="stdout" not in options,
                          env=environment(), timeout=120, check=False, **options)  # type: ignore[call-overload]


def batch_lines(tmp_path: Path, count: int = 5) -> Path:
    source = tmp_path / "in.jsonl"
    generated = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"),
                                str(count), "--seed", "1"], capture_output=True, check=True)
    source.write_bytes(generated.stdout)
    return source


# -- the interview keeps the user's profile ---------------------------------------------------


def test_an_interview_that_cannot_encode_its_profile_keeps_the_file_it_started_from(
        tmp_path: Path) -> None:
    # A lone surrogate in the name, as `caresq assess` accepts it: the profile written back
    # holds it as its JSON escape, and the file is never emptied on the way.
    profile = tmp_path / "p.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data).replace('"name": "', '"name": "\\ud800 ', 1)
    profile.write_text(text, encoding="utf-8")
    done = run("interview", "geboortezorg.kraamzorg", "--profile", str(profile), "--output",
               str(profile), "--on", ON, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    written = json.loads(profile.read_text(encoding="utf-8"))
    assert written["name"].startswith("\ud800 ")
    assert written["facts"] == {key: value for key, value in data["facts"].items()
                                if value is not None} | written["facts"]
    assert b"Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == [profile]  # no temporary file left beside it


def test_an_interview_says_at_once_what_would_fail_at_its_end(tmp_path: Path) -> None:
    unknown = run("interview", "fysio.basis", stdin=subprocess.DEVNULL)
    folder = run("interview", "geboortezorg.kraamzorg", "--output", str(tmp_path),
                 input=b"33012345\n")
    missing = run("interview", "geboortezorg.kraamzorg", "--output",
                  str(tmp_path / "no" / "p.json"), input=b"33012345\n")
    for done in (unknown, folder, missing):
        assert done.returncode == 2
        assert b"AGB code" not in done.stdout + done.stderr  # refused before asking
    assert b"fysio.basis" in unknown.stderr
    assert b"is a folder" in folder.stderr
    assert b"does not exist" in missing.stderr


# -- batch output to a descriptor, or to nothing ----------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("name", ["/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"])
def test_a_batch_to_dev_stdout_appends_where_the_shell_appends(
        tmp_path: Path, name: str, jobs: str) -> None:
    source = batch_lines(tmp_path)
    log = tmp_path / "log.jsonl"
    log.write_bytes(b"KEEP\n")
    with log.open("ab") as appended:
        done = run("assess", "--batch", str(source), "--on", ON, "--jobs", jobs,
                   "--output", name, stdout=appended, stderr=subprocess.PIPE)
    assert done.returncode in (0, 1), done.stderr
    lines = log.read_bytes().splitlines()
    assert lines[0] == b"KEEP"
    assert len(lines) == 1 + len(source.read_bytes().splitlines())


def test_an_output_file_in_dev_shm_is_still_replaced_whole(tmp_path: Path) -> None:
    if not os.path.isdir("/dev/shm"):
        pytest.skip("no /dev/shm here")
    source = batch_lines(tmp_path)
    target = Path("/dev/shm") / f"caresq-test-{os.getpid()}.jsonl"
    try:
        target.write_bytes(b"OLD\n" * 100)
        done = run("assess", "--batch", str(source), "--on", ON, "--output", str(target))
        assert done.returncode in (0, 1)
        assert not target.read_bytes().startswith(b"OLD")
    finally:
        target.unlink(missing_ok=True)


def test_an_empty_output_path_is_refused_before_any_work(tmp_path: Path) -> None:
    source = batch_lines(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    done = run("assess", "--batch", str(source), "--output", "", cwd=work)
    assert done.returncode == 2
    assert b"argument --output: an empty path" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "work"]
    assert not list(work.iterdir())


# -- limits and standard streams --------------------------------------------------------------


@pytest.mark.parametrize("size", ["64G", "10000000000G", "9223372036854775807"])
def test_a_max_bytes_beyond_what_memory_holds_is_a_usage_error(size: str) -> None:
    done = run("assess", str(EXAMPLE), "--max-bytes", size)
    assert done.returncode == 2
    assert b"is over the largest size, 1G" in done.stderr
    assert b"Traceback" not in done.stderr


def test_a_closed_standard_output_is_an_error_saying_so() -> None:
    done = run("plugins", preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert done.stderr.strip() == b"caresq: [Errno 9] standard output is closed"


def test_versions_written_to_a_full_disk_are_an_error_saying_so() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        done = run("--version", stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert b"No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr


@given(st.text(min_size=1, max_size=20))
def test_a_usage_error_never_sends_what_it_was_given_raw(value: str) -> None:
    import contextlib
    import io

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), pytest.raises(SystemExit) as stop:
        main(["assess", str(EXAMPLE), "--on", f"x{value}", "--bogus", value])
    assert stop.value.code == 2
    assert not RAW_CONTROL.search(stderr.getvalue())
    assert "error:" in stderr.getvalue()


def test_an_output_in_a_folder_that_does_not_exist_is_refused_naming_the_folder(
        tmp_path: Path) -> None:
    source = batch_lines(tmp_path)
    done = run("assess", "--batch", str(source), "--output", str(tmp_path / "no" / "out.jsonl"))
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        f"caresq: --output {tmp_path / 'no' / 'out.jsonl'}: the folder {tmp_path / 'no'} "
        "does not exist")


def test_an_integer_of_more_digits_than_python_reads_is_named_without_a_python_hint(
        tmp_path: Path) -> None:
    profile = tmp_path / "big.json"
    profile.write_text('{"agb_code": null, "applications": [], "facts": {"x": '
                       + "9" * (sys.get_int_max_str_digits() + 1) + "}}", encoding="utf-8")
    done = run("assess", str(profile))
    assert done.returncode == 2
    limit = sys.get_int_max_str_digits()
    assert f"not valid JSON: a number of more than {limit} digits".encode() in done.stderr
    assert b"sys.set_int_max_str_digits" not in done.stderr
