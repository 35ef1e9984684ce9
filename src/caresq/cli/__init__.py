"""The ``caresq`` command line. Exit codes: 0 done, 1 a batch had bad records, 2 usage or input
error, 3 an internal failure (a plugin's rule or caresq itself: the message says which), 130 and
143 stopped by Ctrl-C or SIGTERM, 141 standard output closed. Bad input prints what is wrong and
where, never a traceback (``CARESQ_DEBUG=1`` adds the traceback of an internal failure).

Each command is one small module with ``add_parser(commands)``, which declares its arguments and
sets ``run(args, engine) -> exit code``; the commands only parse, call the library and render.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from types import FrameType, ModuleType
from typing import NoReturn

from caresq.cli import (
    advise,
    assess,
    batch,
    calendar,
    compare,
    interview,
    new_plugin,
    parameters,
    plugins,
    questionnaire,
    replay,
)
from caresq.cli._common import (
    EXIT_CLOSED_OUTPUT,
    EXIT_INTERNAL,
    Interrupted,
    Parser,
    UsageError,
    fail,
    say,
)
from caresq.engine import Engine
from caresq.errors import CaresqError, ProfileError, RuleError
from caresq.plugins import caresq_version, installed_versions
from caresq.text import escape_control

#: Set (to anything but "" or "0") to see the traceback of an internal failure.
DEBUG_VARIABLE = "CARESQ_DEBUG"

__all__ = ["UsageError", "build_parser", "console", "main"]

#: The commands, in the order ``caresq --help`` lists them.
COMMANDS: tuple[ModuleType, ...] = (assess, advise, interview, questionnaire, calendar,
                                     plugins, parameters, compare, replay, new_plugin)


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
        print("\n".join(escape_control(line) for line in lines))  # plugin metadata: outside text
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Engine | None], int] = args.run
    try:
        with _signals_stop():
            try:
                # A command that needs no plugins (new-plugin) runs even when one is broken.
                return run(args, None if getattr(args, "engine_free", False)
                           else Engine.default())
            finally:
                sys.stdout.flush()  # a closed pipe shows here, inside the guard below
    except BrokenPipeError:
        return _closed_output()
    except KeyboardInterrupt as interrupt:
        stop = Interrupted(signal.SIGINT, "interrupted")
        stop.__notes__ = _notes(interrupt)
        return _interrupted(stop)
    except Interrupted as stop:
        return _interrupted(stop)
    except ProfileError as error:
        source = getattr(args, "file", None) or "profile"
        fail([f"invalid profile {source}:", *(f"  {line}" for line in error.errors),
              *_notes(error)])
    except RuleError as error:
        _internal(error)
    except (CaresqError, OSError) as error:
        fail([str(error), *_notes(error)])


def console() -> NoReturn:
    """The ``caresq`` command: :func:`main`, then exit with its code.

    After a batch whose worker processes had to be ended early (Ctrl-C, SIGTERM, a failure),
    the process ends at once, its output flushed: the process pool's own threads may wait for
    ever on a pipe a killed worker left half-written, and a normal exit would wait for them.
    """
    code = main()
    if batch.workers_abandoned:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def _notes(error: BaseException) -> list[str]:
    return list(getattr(error, "__notes__", ()))


def _internal(error: RuleError) -> NoReturn:
    """One line naming the plugin and condition; the traceback only when asked for."""
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    fail([f"internal failure: {error}", *_notes(error)], EXIT_INTERNAL)


def _interrupted(stop: Interrupted) -> int:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")  # a batch's progress line may be showing: clear it
    say("; ".join([f"caresq: {stop.name}", *_notes(stop)]))
    return stop.exit_code


def _closed_output() -> int:
    # Nothing more can be written; point standard output at /dev/null so that the flush at
    # exit does not complain a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_CLOSED_OUTPUT


@contextmanager
def _signals_stop() -> Iterator[None]:
    """While a command runs, SIGTERM stops it like Ctrl-C: one line, exit 143."""
    def on_term(number: int, frame: FrameType | None) -> None:
        raise Interrupted(number, "terminated")

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
