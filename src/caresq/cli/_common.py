"""What every command shares: exit codes, argument types, failing with a message, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import IO, Any, Final, NoReturn

from caresq.engine import Engine
from caresq.errors import CaresqError, Problem, ProfileError
from caresq.facts import parse_date
from caresq.parameters import ParameterError

EXIT_OK: Final = 0
EXIT_BAD_RECORDS: Final = 1
EXIT_USAGE: Final = 2


class UsageError(CaresqError):
    """A command line that cannot be carried out as given."""


def date_argument(text: str) -> date:
    """An ``--on``-style date argument, YYYY-MM-DD."""
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def jobs_argument(text: str) -> int:
    """A ``--jobs``-style count of at least 1."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{jobs} is not at least 1")
    return jobs


def set_argument(text: str) -> tuple[str, str]:
    """A ``--set ID=VALUE`` argument, split at the first ``=``."""
    parameter, equals, value = text.partition("=")
    if not equals or not parameter.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not ID=VALUE "
                                         "(e.g. fysio.max_share=0.20)")
    return parameter.strip(), value.strip()


def add_set_argument(parser: argparse.ArgumentParser) -> None:
    """Declare ``--set ID=VALUE`` (repeatable): a policy parameter override."""
    parser.add_argument(
        "--set", dest="sets", metavar="ID=VALUE", type=set_argument, action="append",
        default=[], help="override a policy parameter (repeatable): a fraction or number "
                         "(0.20), a whole number (3) or a date (YYYY-MM-DD); "
                         "'caresq parameters' lists the ids")


def overrides_of(args: argparse.Namespace) -> dict[str, str]:
    """The ``--set`` overrides of a command line, by id; the same id twice is a usage error."""
    overrides: dict[str, str] = {}
    for parameter, value in getattr(args, "sets", None) or ():
        if parameter in overrides and overrides[parameter] != value:
            raise ParameterError(parameter, f"set twice ({overrides[parameter]} and {value})")
        overrides[parameter] = value
    return overrides


def engine_with_sets(engine: Engine, args: argparse.Namespace) -> Engine:
    """``engine`` with the ``--set`` overrides in force (itself when there are none).

    A :class:`~caresq.ParameterError` (an unknown id, a value of the wrong type) ends the
    command with exit 2, naming the id.
    """
    overrides = overrides_of(args)
    return engine.with_parameters(overrides) if overrides else engine


def fail(lines: Iterable[str]) -> NoReturn:
    """Print ``lines`` to standard error (the first prefixed ``caresq:``) and exit 2."""
    for line in lines:
        print(f"caresq: {line}" if not line.startswith(" ") else line, file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def print_json(data: Any, stream: IO[str] | None = None) -> None:
    """Write ``data`` as indented JSON (UTF-8, not ASCII-escaped)."""
    print(json.dumps(data, ensure_ascii=False, indent=2), file=stream or sys.stdout)


def read_text(path: str) -> str:
    """The text of a profile file, or of standard input for ``-``."""
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise ProfileError([Problem("", "not UTF-8 text")]) from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory, not a profile") from None
