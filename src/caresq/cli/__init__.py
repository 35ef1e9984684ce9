"""The ``caresq`` command line. Exit codes: 0 done, 1 a batch had bad records, 2 usage or input
error. Bad input prints what is wrong and where, never a traceback.

Each command is one small module with ``add_parser(commands)``, which declares its arguments and
sets ``run(args, engine) -> exit code``; the commands only parse, call the library and render.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from caresq.cli import assess, calendar, plugins, questionnaire, serve
from caresq.cli._common import UsageError, fail
from caresq.engine import Engine
from caresq.errors import CaresqError, ProfileError

__all__ = ["UsageError", "build_parser", "main"]

#: The commands, in the order ``caresq --help`` lists them.
COMMANDS: tuple[ModuleType, ...] = (assess, questionnaire, calendar, plugins, serve)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="caresq", description="Which care contracts a provider qualifies for, and why.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Engine], int] = args.run
    try:
        return run(args, Engine.default())
    except ProfileError as error:
        source = getattr(args, "file", None) or "profile"
        fail([f"invalid profile {source}:", *(f"  {line}" for line in error.errors)])
    except (CaresqError, OSError) as error:
        fail([str(error)])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
