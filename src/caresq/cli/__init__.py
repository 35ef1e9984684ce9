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

from caresq.cli import assess, calendar, new_plugin, plugins, questionnaire
from caresq.cli._common import Parser, UsageError, fail
from caresq.engine import Engine
from caresq.errors import CaresqError, ProfileError
from caresq.plugins import caresq_version, installed_versions

__all__ = ["UsageError", "build_parser", "main"]

#: The commands, in the order ``caresq --help`` lists them.
COMMANDS: tuple[ModuleType, ...] = (assess, questionnaire, calendar, plugins, new_plugin)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = Parser(
        prog="caresq", description="Which care contracts a provider qualifies for, and why.",
        epilog="example: caresq plugins; caresq questionnaire %(contract)s; "
               "caresq COMMAND --help")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="print the version of caresq and of every installed plugin, "
                             "then exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(commands)
    return parser


class _Version(argparse.Action):
    """``--version``: caresq's version, then each installed plugin's, one a line."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        lines = [f"caresq {caresq_version()}"]
        for info in installed_versions():
            state = f" (failed to load: {info.error})" if info.error else ""
            lines.append(f"plugin {info.name} {info.version or 'unknown'}{state}")
        print(escape_lines(lines))
        parser.exit()


def escape_lines(lines: Sequence[str]) -> str:
    """The lines joined for the terminal (plugin metadata is text from outside)."""
    return "\n".join(line.encode("ascii", "backslashreplace").decode()
                     if not line.isprintable() else line for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Engine | None], int] = args.run
    try:
        # A command that needs no plugins (new-plugin) runs even when one is broken.
        return run(args, None if getattr(args, "engine_free", False) else Engine.default())
    except ProfileError as error:
        source = getattr(args, "file", None) or "profile"
        fail([f"invalid profile {source}:", *(f"  {line}" for line in error.errors)])
    except (CaresqError, OSError) as error:
        fail([str(error)])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
