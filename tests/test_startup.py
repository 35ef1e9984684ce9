"""Start-up: a command loads what it uses and nothing more (no duration is asserted).

Each check runs in a fresh interpreter and looks at ``sys.modules`` afterwards: what a command
did not import it did not pay for. The figures are in docs/performance.md ("Start-up").
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from caresq.advice import DEFAULT_MAX_EVALUATIONS
from caresq.cli import COMMANDS, _parser_for, build_parser
from caresq.engine import Engine

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kraamzorg.json"

#: Libraries only some commands need: the what-if report's templates, the service, the slow road
#: of the profile reader, the iCalendar export, Hypothesis, the metadata machinery, worker pools,
#: hashing (decision records), time zones (an assessment without --on, a deadline's instant).
HEAVY = ("jinja2", "starlette", "uvicorn", "cattrs", "icalendar", "hypothesis",
         "importlib.metadata", "difflib", "concurrent.futures", "hashlib", "csv", "zoneinfo")
#: The capability modules above the engine, which only their own commands use.
CAPABILITIES = ("caresq.advice", "caresq.compare", "caresq.compare_report",
                "caresq.interview", "caresq.reminders", "caresq.fingerprint", "caresq.records",
                "caresq.scaffold", "caresq.server")


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter imports to run ``code`` (its output discarded), beyond
    those it holds after doing nothing (``site`` may load some in an environment)."""
    return _modules_after(code) - _bare()


@functools.cache
def _bare() -> set[str]:
    return _modules_after("pass")


def _modules_after(code: str) -> set[str]:
    script = ("import contextlib, io, json, sys\n"
              "with contextlib.redirect_stdout(io.StringIO()):\n"
              + "".join(f"    {line}\n" for line in code.splitlines())
              + "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    return set(json.loads(done.stderr.rpartition("\n")[2]))  # after what the command said


def command_modules(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name.startswith("caresq.cli.")} - {"caresq.cli._common"}


def run_main(*argv: str) -> str:
    return ("from caresq.cli import main\n"
            "try:\n"
            f"    main({list(argv)!r})\n"
            "except SystemExit:\n"
            "    pass\n")


def test_importing_the_command_line_loads_no_engine_and_no_heavy_library() -> None:
    loaded = modules_after("import caresq.cli")
    assert not loaded & {*HEAVY, *CAPABILITIES, "caresq.engine", "caresq.rules"}
    assert not command_modules(loaded)


def test_import_caresq_loads_nothing_until_a_name_is_used() -> None:
    assert not modules_after("import caresq") & {"caresq.engine", "caresq.model", "attrs"}
    loaded = modules_after("import caresq\ncaresq.Engine")
    assert "caresq.engine" in loaded
    assert not loaded & {*HEAVY, *CAPABILITIES}


def test_version_reads_the_metadata_and_imports_no_plugin_no_command_and_no_engine() -> None:
    loaded = modules_after(run_main("--version"))
    assert "caresq._metadata" in loaded
    assert not {name for name in loaded if name.startswith("caresq_plugins")}
    assert not loaded & {*HEAVY, *CAPABILITIES, "caresq.engine", "caresq.model", "pluggy",
                         "shutil"}
    assert not command_modules(loaded)


def test_plugins_loads_only_its_own_command_and_what_an_engine_needs() -> None:
    loaded = modules_after(run_main("plugins"))
    assert command_modules(loaded) == {"caresq.cli.plugins"}
    assert not loaded & {*HEAVY, *CAPABILITIES}


def test_assessing_one_profile_loads_no_batch_machinery() -> None:
    loaded = modules_after(run_main("assess", str(EXAMPLE), "--on", "2023-10-20"))
    assert command_modules(loaded) == {"caresq.cli.assess"}
    assert not loaded & {*HEAVY, *CAPABILITIES, "caresq.workers"}


def test_a_batch_without_records_loads_no_hashing_and_no_capability(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8"))) + "\n",
                     encoding="utf-8")
    loaded = modules_after(run_main("assess", "--batch", str(lines), "--output",
                                    str(tmp_path / "out.jsonl"), "--on", "2023-10-20"))
    assert "caresq.cli.batch" in loaded
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1
    assert not loaded & {*HEAVY, *CAPABILITIES} - {"caresq.compare", "caresq.records"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_parsed_alone_has_the_help_of_the_full_parser(name: str) -> None:
    # A command line naming its command builds that command's parser only: what it accepts
    # and the help it prints must be those of the parser with every command.
    def sub(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        chosen: argparse.ArgumentParser = action.choices[name]
        return chosen

    alone, full = sub(_parser_for([name])), sub(build_parser())
    assert alone.format_help() == full.format_help()
    assert alone.prog == full.prog == f"caresq {name}"


def test_the_command_list_is_the_one_help_shows() -> None:
    (action,) = [a for a in build_parser()._actions
                 if isinstance(a, argparse._SubParsersAction)]
    assert list(action.choices) == list(COMMANDS)


def test_engine_advise_bounds_evaluations_as_advice_does() -> None:
    default = inspect.signature(Engine.advise).parameters["max_evaluations"].default
    assert default == DEFAULT_MAX_EVALUATIONS


def test_the_version_shown_is_the_one_the_package_metadata_gives() -> None:
    from importlib import metadata

    from caresq._metadata import caresq_version

    assert caresq_version() == metadata.version("caresq")
