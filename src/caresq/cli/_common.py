"""What every command shares: exit codes, argument types, failing with a message, JSON output."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from datetime import date
from typing import IO, Any, Final, NoReturn

from caresq.engine import Engine
from caresq.errors import CaresqError, Problem, ProfileError
from caresq.facts import parse_date
from caresq.parameters import ParameterError
from caresq.profile import MAX_BYTES, show_size
from caresq.text import escape_control

EXIT_OK: Final = 0
EXIT_BAD_RECORDS: Final = 1
EXIT_USAGE: Final = 2
#: A plugin's rule or caresq itself failed: a bug, not bad input (the message says whose).
EXIT_INTERNAL: Final = 3
#: Standard output was closed (``caresq ... | head -1``): what a shell reports for SIGPIPE.
EXIT_CLOSED_OUTPUT: Final = 128 + 13


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) or SIGTERM: the command stops, says so in one line, exits 128 + N.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` swallows it.
    """

    def __init__(self, signal_number: int, name: str) -> None:
        super().__init__(name)
        self.exit_code = 128 + signal_number
        self.name = name


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


_SIZE: Final = re.compile(r"([0-9]+)\s*([KMG]?)(?:i?B)?", re.ASCII | re.IGNORECASE)


def size_argument(text: str) -> int:
    """A ``--max-bytes``-style size: a number of bytes, or with K, M or G (KiB, MiB, GiB)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match[1]) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size such as 16M (bytes, or with K, M or G)")
    return int(match[1]) << 10 * " KMG".index(match[2].upper() or " ")


def add_max_bytes_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--max-bytes`` option: the largest profile (or batch line) read."""
    parser.add_argument("--max-bytes", type=size_argument, default=MAX_BYTES, metavar="SIZE",
                        help="largest profile or batch line read, in bytes or with K, M or G "
                             f"(e.g. 64K, 16M; default {show_size(MAX_BYTES)})")


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


def say(line: str) -> None:
    """Print one message line to standard error, control characters from input escaped."""
    print(escape_control(line), file=sys.stderr)


def fail(lines: Iterable[str], code: int = EXIT_USAGE) -> NoReturn:
    """Print ``lines`` to standard error (the first prefixed ``caresq:``) and exit ``code``."""
    for line in lines:
        say(f"caresq: {line}" if not line.startswith(" ") else line)
    raise SystemExit(code)


def print_json(data: Any, stream: IO[str] | None = None) -> None:
    """Write ``data`` as indented JSON (UTF-8, not ASCII-escaped).

    A lone surrogate (from a ``"\\ud800"`` escape in the input) cannot be UTF-8: it is
    written as the same JSON escape, so the output stays valid UTF-8 JSON.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    out = stream or sys.stdout
    binary = getattr(out, "buffer", None)
    if binary is None:
        out.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
        return
    out.flush()
    binary.write(text.encode("utf-8", "backslashreplace"))
    binary.flush()


def read_text(path: str, max_bytes: int = MAX_BYTES) -> str:
    """The text of a profile file, or of standard input for ``-``; at most ``max_bytes``.

    Reading stops at the limit, so that ``/dev/zero`` or a runaway file is refused at once.
    """
    try:
        if path == "-":
            source = getattr(sys.stdin, "buffer", None)
            data: str | bytes = (sys.stdin.read(max_bytes + 1) if source is None
                                 else source.read(max_bytes + 1))
        else:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory, not a profile") from None
    if len(data) > max_bytes:
        raise ProfileError([Problem("", f"larger than the limit of {show_size(max_bytes)} "
                                        "(see --max-bytes)")])
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError([Problem("", "not UTF-8 text")]) from None
