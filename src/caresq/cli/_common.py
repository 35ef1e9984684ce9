"""What every command shares: exit codes, argument types, failing with a message, JSON output."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, Any, Final, NoReturn

from caresq.errors import CaresqError, Problem, ProfileError
from caresq.facts import parse_date

EXIT_OK: Final = 0
EXIT_BAD_RECORDS: Final = 1
EXIT_USAGE: Final = 2


class UsageError(CaresqError):
    """A command line that cannot be carried out as given."""


#: What help texts show when no plugin is installed to take an example from.
_FALLBACK_EXAMPLES: Final = {"contract": "<care-type>.<contract>", "care_type": "<care-type>",
                             "year": "<year>", "contracts": "<care-type>.<contract> ..."}


@functools.cache
def help_examples() -> dict[str, str]:
    """Values for ``%(contract)s``, ``%(care_type)s``, ``%(year)s`` in help texts.

    Taken from the installed plugins when help is shown, so every example in ``--help`` works
    as written with the plugins at hand (the core names no care type of its own).
    """
    from caresq.engine import Engine

    try:
        catalogue = Engine.default().catalogue
    except Exception:  # help must show even when a plugin is broken
        return dict(_FALLBACK_EXAMPLES)
    # The year with the most contracts, so that "several contracts" fit in one profile.
    year = max(catalogue.contracts, key=lambda y: (len(catalogue.contracts[y]), y), default=None)
    if year is None or not catalogue.contracts[year]:
        return dict(_FALLBACK_EXAMPLES)
    ids = sorted(catalogue.contracts[year])
    return {"contract": ids[0], "care_type": catalogue.contracts[year][ids[0]].policy.care_type,
            "year": str(year), "contracts": " ".join(ids[:2])}


class HelpFormatter(argparse.HelpFormatter):
    """Help with examples from the installed plugins: ``%(contract)s`` and friends expand."""

    def _expand_help(self, action: argparse.Action) -> str:
        params: dict[str, Any] = {**help_examples(), **vars(action), "prog": self._prog}
        for name, value in list(params.items()):
            if value is argparse.SUPPRESS:
                del params[name]
            elif hasattr(value, "__name__"):
                params[name] = value.__name__
        if params.get("choices") is not None:
            params["choices"] = ", ".join(map(str, params["choices"]))
        return (self._get_help_string(action) or "") % params

    def _format_text(self, text: str) -> str:
        if "%(" in text:
            text = text % {**help_examples(), "prog": self._prog}
        return super()._format_text(text.replace("%(prog)s", self._prog))


class Parser(argparse.ArgumentParser):
    """An argument parser whose help expands examples (:class:`HelpFormatter`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def format_argument(parser: argparse.ArgumentParser, choices: Sequence[str], what: str) -> None:
    """A ``--format`` option; ``what`` says in words what each choice writes."""
    parser.add_argument("--format", choices=choices, default=None,
                        help=f"output format, one of %(choices)s (default: {choices[0]}): {what}")


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
