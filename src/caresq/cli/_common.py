"""What every command shares: exit codes, argument types, failing with a message, JSON output."""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, redirect_stdout, suppress
from datetime import date
from typing import IO, TYPE_CHECKING, Any, Final, NoReturn

from caresq.errors import CaresqError, Problem, ProfileError
from caresq.text import escape_control

if TYPE_CHECKING:
    from caresq.engine import Engine

# Only what every command line needs is imported here; what some commands need (the engine,
# the profile reader, the parameters) is imported where it is used, so that ``caresq
# --version`` and ``caresq plugins`` do not pay for it.

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


#: What help texts show when no plugin is installed to take an example from.
_FALLBACK_EXAMPLES: Final = {"contract": "<care-type>.<contract>", "care_type": "<care-type>",
                             "year": "<year>", "contracts": "<care-type>.<contract> ...",
                             "set": "<parameter-id>=<value>", "set_care_type": "<care-type>"}


@functools.cache
def help_examples() -> dict[str, str]:
    """Values for ``%(contract)s``, ``%(care_type)s``, ``%(year)s`` in help texts.

    Taken from the installed plugins when help is shown, so every example in ``--help`` works
    as written with the plugins at hand (the core names no care type of its own).
    """
    from caresq.engine import Engine  # only when help is shown: it loads every plugin

    try:
        engine = Engine.default()
        catalogue = engine.catalogue
        parameters = [p for p in engine.parameters() if p.value is not None]
    except Exception:  # help must show even when a plugin is broken
        return dict(_FALLBACK_EXAMPLES)
    settable = {"set": _FALLBACK_EXAMPLES["set"],
                "set_care_type": _FALLBACK_EXAMPLES["set_care_type"]}
    if parameters:
        first = parameters[0]
        settable = {"set": f"{first.id}={first.value}",
                    "set_care_type": next(p.care_type for p in catalogue.policies
                                          if p.document == first.citation.document)}
    # The year with the most contracts, so that "several contracts" fit in one profile.
    year = max(catalogue.contracts, key=lambda y: (len(catalogue.contracts[y]), y), default=None)
    if year is None or not catalogue.contracts[year]:
        return dict(_FALLBACK_EXAMPLES)
    ids = sorted(catalogue.contracts[year])
    return {"contract": ids[0], "care_type": catalogue.contracts[year][ids[0]].policy.care_type,
            "year": str(year), "contracts": " ".join(ids[:2]), **settable}


class HelpFormatter(argparse.HelpFormatter):
    """Help with examples from the installed plugins: ``%(contract)s`` and friends expand."""

    def _expand_help(self, action: argparse.Action) -> str:
        examples = help_examples() if _wants_examples(self._get_help_string(action)) else {}
        params: dict[str, Any] = {**examples, **vars(action), "prog": self._prog}
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
            examples = help_examples() if _wants_examples(text) else {}
            text = text % {**examples, "prog": self._prog}
        return super()._format_text(text.replace("%(prog)s", self._prog))


def _wants_examples(text: str | None) -> bool:
    """Whether ``text`` names an example: only then are the plugins loaded to find one."""
    return text is not None and any(f"%({key})" in text for key in _FALLBACK_EXAMPLES)


class Parser(argparse.ArgumentParser):
    """An argument parser whose help expands examples (:class:`HelpFormatter`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """What argparse prints for a usage error (exit 2), with what the command line held
        (an escape sequence given as ``--on``, say) shown as its escape, not sent raw."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, escape_control(f"{self.prog}: error: {message}") + "\n")


def format_argument(parser: argparse.ArgumentParser, choices: Sequence[str], what: str) -> None:
    """A ``--format`` option; ``what`` says in words what each choice writes."""
    parser.add_argument("--format", choices=choices, default=None,
                        help=f"output format, one of %(choices)s (default: {choices[0]}): {what}")


def date_argument(text: str) -> date:
    """An ``--on``-style date argument, YYYY-MM-DD."""
    from caresq.facts import parse_date

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
#: The largest --max-bytes: a profile or batch line is read whole into memory, and a limit
#: beyond what memory holds is no limit (64G made the read itself fail).
_LARGEST_SIZE: Final = 1 << 30


def size_argument(text: str) -> int:
    """A ``--max-bytes``-style size: a number of bytes, or with K, M or G (KiB, MiB, GiB),
    of at most :data:`_LARGEST_SIZE`."""
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match[1]) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size such as 16M (bytes, or with K, M or G)")
    size = int(match[1]) << 10 * " KMG".index(match[2].upper() or " ")
    if size > _LARGEST_SIZE:
        raise argparse.ArgumentTypeError(
            f"{text!r} is over the largest size, {_LARGEST_SIZE >> 30}G")
    return size


def add_max_bytes_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--max-bytes`` option: the largest profile (or batch line) read."""
    from caresq.profile import MAX_BYTES, show_size

    parser.add_argument("--max-bytes", type=size_argument, default=MAX_BYTES, metavar="SIZE",
                        help="largest profile or batch line read, in bytes or with K, M or G "
                             f"(e.g. 64K, 16M; default {show_size(MAX_BYTES)})")


def set_argument(text: str) -> tuple[str, str]:
    """A ``--set ID=VALUE`` argument, split at the first ``=``."""
    parameter, equals, value = text.partition("=")
    if not equals or not parameter.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not ID=VALUE "
                                         f"(e.g. {help_examples()['set']})")
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
    from caresq.parameters import ParameterError

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


def plugins_speak_on_stderr() -> AbstractContextManager[object]:
    """While plugin code runs (imported, declaring, judging), what it prints goes to
    standard error: on standard output it would write into what the command prints, a
    batch's lines or its JSON."""
    return redirect_stdout(sys.stderr)


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
    write_stdout(json_bytes(data), stream)


def json_bytes(data: Any) -> bytes:
    """``data`` as the command line writes JSON: indented UTF-8, not ASCII-escaped, a final
    newline, a lone surrogate written as its JSON escape (UTF-8 cannot carry it)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8",
                                                                        "backslashreplace")


def output_argument(text: str) -> str:
    """An ``--output`` path: not empty (an unset ``$OUT`` would name the current folder's
    parent's entry, found out only when the work is done)."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path: give a file name, or - for "
                                         "standard output")
    return text


def check_output_path(path: str | None) -> None:
    """Refuse, before any work, an output file that cannot be written where it is named: a
    folder, or a file in a folder that does not exist (standard output, None or ``-``, can)."""
    if path in (None, "-"):
        return
    if os.path.isdir(path):
        raise UsageError(f"--output {path} is a folder, not a file")
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"--output {path}: the folder {folder} does not exist")


def refuse_same_file(source: str, target: str | None) -> None:
    """Refuse an output that is the input, by any path or link, or as standard input/output."""
    try:
        read = os.fstat(0) if source == "-" else os.stat(source)
    except OSError:
        return  # opening the input says what is wrong with it
    if not stat.S_ISREG(read.st_mode):
        return  # a pipe or terminal cannot be overwritten by the output
    try:
        written = os.fstat(1) if target is None or target == "-" else os.stat(target)
    except OSError:
        return  # no such output file yet: it cannot be the input
    if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
        what = "standard output" if target in (None, "-") else f"--output {target}"
        via = "standard input" if source == "-" else source
        raise UsageError(f"{what} is the input file ({via}): it would be overwritten")


def replaceable(path: str | None) -> bool:
    """Whether ``path`` is a regular file or none yet: then it is replaced when done.

    Not a name of a descriptor (``/dev/stdout``, ``/dev/fd/1``, ``/proc/self/fd/1``): that
    is standard output, say, which leads to a regular file when the shell appends to one
    (``>> log.jsonl``), and replacing that file would lose what it held.
    """
    if path is None or path == "-" or _names_a_descriptor(path):
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


def _names_a_descriptor(path: str) -> bool:
    return _DESCRIPTOR_PATH.fullmatch(os.path.abspath(path)) is not None


#: The names Linux (and the BSDs, for /dev/fd) give an open descriptor of a process.
_DESCRIPTOR_PATH: Final = re.compile(
    r"/dev/(?:stdout|stderr|fd/[0-9]+)|/proc/(?:self|thread-self|[0-9]+)/fd/[0-9]+")


def write_output(data: bytes, path: str | None) -> None:
    """``data`` to standard output (``path`` None or ``-``), or to ``path`` in one step (a
    temporary file beside it, renamed over it: the old file stays whole until the new one
    is), or, for a device or pipe such as ``/dev/stdout``, as it goes, appending (a shell's
    ``>>`` behind ``/dev/stdout`` keeps what it held)."""
    if path in (None, "-"):
        write_stdout(data)
    elif replaceable(path):
        replace_file(path, data)
    else:
        with open(path, "ab") as device:
            device.write(data)


def write_stdout(data: bytes, stream: IO[str] | None = None) -> None:
    """UTF-8 ``data`` to ``stream`` (default: standard output), as bytes where it can."""
    out = stream or sys.stdout
    binary = getattr(out, "buffer", None)
    if binary is None:  # a text stream in memory (a test's capture, an embedder)
        out.write(data.decode("utf-8"))
        return
    out.flush()
    binary.write(data)
    binary.flush()


def replace_file(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: into a temporary file beside it, made durable,
    then renamed over it (through a symbolic link, the file it points to), with the mode
    ``path`` had or a new file gets. Until then ``path`` is as it was; whatever fails, no
    temporary file stays behind."""
    import tempfile

    real = os.path.realpath(path)
    mode = mode_for(real)
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.",
                                         suffix=".partial", dir=os.path.dirname(real))
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def mode_for(path: str) -> int:
    """The permission bits of an existing ``path``, else those a new file gets (umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_text(path: str, max_bytes: int | None = None) -> str:
    """The text of a profile file, or of standard input for ``-``; at most ``max_bytes``
    (default: :data:`caresq.profile.MAX_BYTES`).

    Reading stops at the limit, so that ``/dev/zero`` or a runaway file is refused at once.
    """
    from caresq.profile import MAX_BYTES, show_size, utf8_text

    if max_bytes is None:
        max_bytes = MAX_BYTES
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
    return data if isinstance(data, str) else utf8_text(data)
