"""The ``caresq`` command line. Exit codes: 0 done, 1 a batch had bad records, 2 usage or input
error, 3 an internal failure (a plugin's rule or caresq itself: the message says which), 130 and
143 stopped by Ctrl-C or SIGTERM, 141 standard output closed. Bad input prints what is wrong and
where, never a traceback (``CARESQ_DEBUG=1`` adds the traceback of an internal failure).

Each command is one small module with ``add_parser(commands)``, which declares its arguments and
sets ``run(args, engine) -> exit code``; the commands only parse, call the library and render.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from importlib import import_module
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Final, NoReturn

from caresq.cli._common import (
    EXIT_CLOSED_OUTPUT,
    EXIT_INTERNAL,
    Interrupted,
    Parser,
    UsageError,
    fail,
    plugins_speak_on_stderr,
    say,
)
from caresq.errors import CaresqError, ProfileError, RuleError
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine

#: Set (to anything but "" or "0") to see the traceback of an internal failure.
DEBUG_VARIABLE = "CARESQ_DEBUG"

__all__ = ["UsageError", "build_parser", "console", "main"]

#: The commands, in the order ``caresq --help`` lists them, with the module of each (under
#: ``caresq.cli``). A command's module is imported only when it is needed: a command line that
#: names its command builds the parser of that one alone (see :func:`_parser_for`).
COMMANDS: Final = {"assess": "assess", "advise": "advise", "interview": "interview",
                   "questionnaire": "questionnaire", "calendar": "calendar",
                   "plugins": "plugins", "parameters": "parameters", "compare": "compare",
                   "replay": "replay", "new-plugin": "new_plugin", "serve": "serve"}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    return _build_parser(COMMANDS)


def _parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser for ``argv``, with no more commands than it can reach.

    ``caresq COMMAND ...`` goes to that command's parser alone: the other commands' modules
    (and what they import) are not loaded. Anything else (``--help``, a mistake) gets every
    command, so help and error messages are those of the full parser.
    """
    first = argv[0] if argv else None
    if first in COMMANDS:
        return _build_parser((first,))
    return build_parser()


def _build_parser(names: Iterable[str]) -> argparse.ArgumentParser:
    parser = Parser(
        prog="caresq", description="Which care contracts a provider qualifies for, and why.",
        epilog="example: caresq plugins; caresq questionnaire %(contract)s; "
               "caresq COMMAND --help")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="print the version of caresq and of every installed plugin, "
                             "then exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=Parser)
    for name in names:
        _command(name).add_parser(commands)
    return parser


def _command(name: str) -> ModuleType:
    return import_module(f"caresq.cli.{COMMANDS[name]}")


class _Version(argparse.Action):
    """``--version``: caresq's version, then each installed plugin's, one a line."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        _print_versions()
        parser.exit()


def _print_versions() -> None:
    # From the installed metadata alone: importing the plugins (and with them attrs' classes
    # of the whole model) would double the time; `caresq plugins` reports one that fails.
    from caresq._metadata import caresq_version, installed_versions

    lines = [f"caresq {caresq_version()}"]
    lines += [f"plugin {name} {version or 'unknown'}" for name, version in installed_versions()]
    print("\n".join(escape_control(line) for line in lines))  # plugin metadata: outside text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    _standard_streams()
    try:
        if arguments[:1] == ["--version"]:
            # What the parser would do (the option acts as soon as it is read, whatever
            # follows), without building one.
            _print_versions()
            sys.stdout.flush()  # a full disk or closed pipe shows here, inside the guard
            return 0
    except BrokenPipeError:
        return _closed_output()
    except OSError as error:
        fail([f"cannot write to standard output: {error.strerror or error}"])
    args = _parser_for(arguments).parse_args(arguments)
    run: Callable[[argparse.Namespace, Engine | None], int] = args.run
    try:
        with _signals_stop():
            try:
                # A command that needs no plugins (new-plugin) runs even when one is broken.
                return run(args, None if getattr(args, "engine_free", False)
                           else _default_engine())
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
        fail([f"invalid profile {_profile_source(args)}:", *(f"  {line}" for line in error.errors),
              *_notes(error)])
    except RuleError as error:
        _internal(error)
    except (CaresqError, OSError) as error:
        fail([str(error), *_notes(error)])


def _standard_streams() -> None:
    """Standard streams a shell closed (``caresq plugins >&-``): Python leaves them None.
    Writing to a closed standard output fails as writing to a closed descriptor does, with
    a message; a closed standard error swallows the messages, as there is nowhere to say them."""
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process)


class _ClosedOutput(io.TextIOBase):
    """Standard output that the shell closed: every write is an error (EBADF)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        return None


def console() -> NoReturn:
    """The ``caresq`` command: :func:`main`, then exit with its code.

    After a batch whose worker processes had to be ended early (Ctrl-C, SIGTERM, a failure),
    the process ends at once, its output flushed: the process pool's own threads may wait for
    ever on a pipe a killed worker left half-written, and a normal exit would wait for them.
    """
    code = main()
    batch = sys.modules.get("caresq.cli.batch")  # only a batch has worker processes
    if batch is not None and batch.workers_abandoned:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def _default_engine() -> Engine:
    from caresq.engine import Engine

    with plugins_speak_on_stderr():  # the plugins are imported and declare their policies
        return Engine.default()


def _profile_source(args: argparse.Namespace) -> str:
    """The file the bad profile came from, as the command line named it (``-``: stdin)."""
    for name in ("file", "profile", "batch"):
        source = getattr(args, name, None)
        if isinstance(source, str) and source:
            return escape_control(source)
    return "profile"


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
