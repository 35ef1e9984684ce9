"""``caresq assess --batch IN.jsonl``: one output line per input line, in order.

The input is read in chunks of lines; each chunk is assessed into the bytes of its output lines
plus a tally, in this process or (--jobs N) in worker processes, and the chunks are written in
input order. Both ways run the same function on the same chunks, so the output is the same
byte for byte. At most a few chunks are in flight at any time: memory does not grow with the
length of the input.

Faults: a line that cannot be assessed, for whatever reason, becomes that line's error record
(a plugin's bug a ``RuleError`` record, and exit 3). ``--output`` is written to a temporary
file beside it and renamed over it only when the batch is done, so an interrupted, failed or
killed batch leaves the old file as it was. Worker processes ignore Ctrl-C (the parent stops
them) and die with the parent, SIGKILL included.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import stat
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, closing, suppress
from datetime import date
from typing import IO, TYPE_CHECKING, Any, Final

from attrs import frozen

from caresq.cli._common import (
    EXIT_BAD_RECORDS,
    EXIT_INTERNAL,
    EXIT_OK,
    UsageError,
)
from caresq.compare import chunks as compare_chunks
from caresq.engine import Engine, today
from caresq.errors import CaresqError, RuleError
from caresq.model import Assessment
from caresq.profile import decoded_line, show_size
from caresq.records import make_record
from caresq.render import assessment_json_line, error_json_line
from caresq.text import escape_control
from caresq.workers import never_outlive

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Lines per chunk, and chunks handed to the workers ahead of the one being written, per
#: worker. A chunk's output is ~0.3 MB: buffers much larger fragment the heap (with 64 lines a
#: chunk the parent of --jobs 2 grew by 18 MB over 400,000 lines, with 32 by 3 MB); four chunks
#: ahead keep two workers as busy as two chunks of 64 did.
CHUNK_LINES: Final = 32
_AHEAD_PER_JOB: Final = 4
#: How many bad line numbers the summary lists.
_SHOWN_BAD_LINES: Final = 10
#: Seconds between two progress lines.
_PROGRESS_EVERY: Final = 0.25


@frozen
class _Chunk:
    """What assessing a run of lines gave: the output lines and the tally for the summary."""

    #: Every output line, newline-terminated, UTF-8 (a lone surrogate escaped as in JSON).
    data: bytes
    lines: int
    #: Results per (contract, status).
    statuses: Counter[tuple[str, str]]
    #: Numbers of the bad lines, the first :data:`_SHOWN_BAD_LINES` at most.
    bad_lines: tuple[int, ...]
    bad: int
    #: How many of the bad lines failed inside caresq or a plugin (RuleError), not as input.
    internal: int = 0


def _assess_chunk(engine: Engine, first: int, lines: Sequence[str | bytes], on: date,
                  year: int | None, record: bool = False, detail: str = "full") -> _Chunk:
    """Assess ``lines`` (numbered from ``first``) into one output line each."""
    if not record:
        return _encode_chunk(engine, first, lines, on, year, detail)
    out: list[bytes] = []
    statuses: Counter[tuple[str, str]] = Counter()
    bad: list[int] = []
    internal = 0
    texts = [decoded_line(line) for line in lines]
    for number, item in enumerate(engine.assess_many(texts, on, year), start=first):
        if isinstance(item, Assessment):
            try:
                line = assessment_json_line(item, detail)
                # the same line with the decision record as its last key
                out.append(_with_record(engine, item, texts[number - first], line))
            except Exception as error:  # a rule's reason that is no text, say: the plugin's bug
                item = _unwritable(engine, item, error)
            else:
                statuses.update([(result.contract, result.status.value)
                                 for result in item.results])
                continue
        bad.append(number)
        internal += isinstance(item, RuleError)
        out.append(error_json_line(number, item))
    out.append(b"")
    return _Chunk(b"\n".join(out), len(lines), statuses, tuple(bad[:_SHOWN_BAD_LINES]),
                  len(bad), internal)


def _encode_chunk(engine: Engine, first: int, lines: Sequence[str | bytes], on: date,
                  year: int | None, detail: str) -> _Chunk:
    """:func:`_assess_chunk` without decision records: each line written straight from the
    prepared contracts (``Engine.assess_json_line``), the same bytes without building the
    assessment; a plugin's bug is that line's RuleError record as on the other road."""
    out: list[bytes] = []
    statuses: Counter[tuple[str, str]] = Counter()
    bad: list[int] = []
    internal = 0
    for number, line in enumerate(lines, start=first):
        try:
            profile = engine.read_profile_line(line)
            out.append(engine.assess_json_line(profile, on, year, detail=detail,
                                               statuses=statuses))
        except CaresqError as error:
            bad.append(number)
            internal += isinstance(error, RuleError)
            out.append(error_json_line(number, error))
    out.append(b"")
    return _Chunk(b"\n".join(out), len(lines), statuses, tuple(bad[:_SHOWN_BAD_LINES]),
                  len(bad), internal)


def _unwritable(engine: Engine, assessment: Assessment, error: Exception) -> RuleError:
    """The RuleError for an assessment that cannot be written: which finding is not text."""
    failure = RuleError(None, None, f"the assessment cannot be written as JSON: "
                                    f"{type(error).__name__}: {error}")
    for result in assessment.results:
        wrong = [f for f in result.findings if not isinstance(f.reason, str)]
        if wrong:
            spec = engine.contract(result.contract, assessment.contract_year)
            failure = RuleError(spec.condition_plugins.get(wrong[0].condition),
                                wrong[0].condition, "the rule gave a reason that is not text "
                                f"({type(wrong[0].reason).__name__})")
            break
    failure.__cause__ = error
    return failure


def _with_record(engine: Engine, assessment: Assessment, text: str | bytes,
                 line: bytes) -> bytes:
    entry = json.dumps(make_record(engine, assessment, json.loads(text)), ensure_ascii=False)
    return line[:-1] + b', "record": ' + entry.encode("utf-8", "backslashreplace") + b"}"


def _assess_here(engine: Engine, chunks: Iterable[tuple[int, list[str | bytes]]], on: date,
                 year: int | None, record: bool = False,
                 detail: str = "full") -> Generator[_Chunk, None, None]:
    for first, lines in chunks:
        yield _assess_chunk(engine, first, lines, on, year, record, detail)


#: The engine of a worker process, built once by :func:`_start_worker`.
_worker_engine: Engine | None = None


def _start_worker(parent: int, overrides: Mapping[str, object]) -> None:
    global _worker_engine
    never_outlive(parent)
    _worker_engine = Engine.default(parameters=overrides)
    _freeze_engine()


def _freeze_engine() -> None:
    """Leave what exists now (the engine: plugins, policies, prepared contracts) out of the
    collector's full passes; a batch allocates a lot, so those passes come often (-5%).
    No collection first: it would run finalisers of whatever the caller left behind."""
    gc.freeze()


#: Set when workers were ended before the pool had wound down (Ctrl-C, a failure).
workers_abandoned = False
#: Seconds a stopped worker is given to end.
_STOP_WAIT: Final = 5.0


def _assess_in_worker(first: int, lines: list[str | bytes], on: date,
                      year: int | None, record: bool, detail: str = "full") -> _Chunk:
    assert _worker_engine is not None, "the pool's initializer builds the engine"
    return _assess_chunk(_worker_engine, first, lines, on, year, record, detail)


def _assess_in_workers(jobs: int, chunks: Iterable[tuple[int, list[str | bytes]]], on: date,
                       year: int | None, overrides: Mapping[str, object] | None = None,
                       record: bool = False,
                       detail: str = "full") -> Generator[_Chunk, None, None]:
    """Like :func:`_assess_here`, in ``jobs`` processes, each with its own default engine
    (with the same parameter overrides)."""
    from concurrent.futures import ProcessPoolExecutor  # costs 30 ms to import: only for --jobs
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(jobs, initializer=_start_worker,
                               initargs=(os.getpid(), dict(overrides or {})))
    try:
        pending: deque[Future[_Chunk]] = deque()
        for first, lines in chunks:
            pending.append(pool.submit(_assess_in_worker, first, lines, on, year, record,
                                       detail))
            if len(pending) >= _AHEAD_PER_JOB * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as error:  # a worker died (killed, out of memory)
        pool.shutdown(wait=True, cancel_futures=True)
        raise RuleError(None, None, f"a worker process died: {error}") from error
    except BaseException:
        _stop_workers(pool)  # stopped (Ctrl-C, SIGTERM, a failure, a closed output)
        raise
    pool.shutdown(wait=True)


def _stop_workers(pool: Any) -> None:
    """End the workers now, even one stuck in a plugin's endless loop, and drop queued work."""
    # The pool does not list its processes publicly before Python 3.14 (terminate_workers).
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(_STOP_WAIT)
    global workers_abandoned
    # A worker ended halfway through sending a result can leave the pool's own threads
    # waiting for ever, and an exit that joins them with them: see caresq.cli.console.
    workers_abandoned = True


class _Tally:
    """The batch so far: for the summary, and the progress line on a terminal."""

    def __init__(self, progress: IO[str] | None) -> None:
        self.lines = 0
        self.bad = 0
        self.internal = 0
        self.bad_lines: list[int] = []
        self.statuses: Counter[tuple[str, str]] = Counter()
        self._progress = progress
        self._shown = 0.0

    def add(self, chunk: _Chunk) -> None:
        self.lines += chunk.lines
        self.bad += chunk.bad
        self.internal += chunk.internal
        self.statuses.update(chunk.statuses)
        self.bad_lines.extend(chunk.bad_lines[:_SHOWN_BAD_LINES - len(self.bad_lines)])
        if self._progress is not None and time.monotonic() - self._shown >= _PROGRESS_EVERY:
            self._shown = time.monotonic()
            self._progress.write(f"\r{self.lines} lines, {self.bad} bad")
            self._progress.flush()

    def summary(self, stream: IO[str]) -> None:
        if self._progress is not None:
            self._progress.write("\r\033[K")  # clear the progress line
        for (contract, status), count in sorted(self.statuses.items()):
            print(escape_control(f"{contract}: {status} {count}"), file=stream)
        print(f"lines: {self.lines}", file=stream)
        shown = ", ".join(map(str, self.bad_lines)) + (", ..." if self.bad > len(self.bad_lines)
                                                       else "")
        print(f"bad lines: {self.bad}" + (f" ({shown})" if self.bad else ""), file=stream)
        if self.internal:
            print(f"internal failures: {self.internal} (a plugin's or caresq's bug: see the "
                  "RuleError records)", file=stream)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """``assess --batch``: one output line per input line, in order.

    Exit 0 when every line was assessed, 1 when some were bad input, 3 when some failed inside
    a plugin or caresq (their records say which).
    """
    on = args.on or today()  # once, so a batch that runs past midnight speaks from one date
    _refuse_same_file(args.batch, args.output)
    tally = _Tally(sys.stderr if sys.stderr.isatty() else None)
    with ExitStack() as stack:
        source = _bounded_lines(_batch_source(args.batch, stack), args.max_bytes)
        output = _Output(args.output) if _replaceable(args.output) else None
        write = (output.write if output is not None
                 else _device_writer(args.output, stack) if args.output not in (None, "-")
                 else _stdout_writer(stack))
        chunks = compare_chunks(source, CHUNK_LINES)
        record = bool(getattr(args, "record", False))
        detail = getattr(args, "detail", "full")
        _freeze_engine()
        results = stack.enter_context(closing(
            _assess_here(engine, chunks, on, args.year, record, detail) if args.jobs == 1
            else _assess_in_workers(args.jobs, chunks, on, args.year, engine.overrides,
                                    record, detail)))
        try:
            for chunk in results:
                write(chunk.data)
                tally.add(chunk)
        except BaseException as error:
            if output is not None:
                error.add_note(output.abandon())
            raise
        if output is not None:
            output.commit()
    tally.summary(sys.stderr)
    if tally.internal:
        return EXIT_INTERNAL
    return EXIT_BAD_RECORDS if tally.bad else EXIT_OK


class LineTooLong(UsageError):
    """A batch line over ``--max-bytes``: the batch stops before reading further (exit 2)."""


def _bounded_lines(stream: Any, max_bytes: int) -> Iterator[str | bytes]:
    """The lines of ``stream``, none read past ``max_bytes`` (so ``/dev/zero`` is refused)."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > max_bytes and not line.endswith(newline):
            raise LineTooLong(f"line {number} is longer than the limit of "
                              f"{show_size(max_bytes)} (see --max-bytes): stopped there")
        yield line


def _refuse_same_file(source: str, target: str | None) -> None:
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


def _replaceable(path: str | None) -> bool:
    """Whether ``path`` is a regular file or none yet: then it is replaced when done."""
    if path is None or path == "-":
        return False
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True


def _device_writer(path: str, stack: ExitStack) -> Callable[[bytes], object]:
    """A device or pipe given as ``--output`` (``/dev/stdout``, a FIFO): written as it goes."""
    return stack.enter_context(open(path, "wb")).write


class _Output:
    """``--output FILE``, written to a temporary file beside it and renamed over it when done.

    Until :meth:`commit`, FILE is as it was: a batch that is interrupted, fails or is killed
    leaves it untouched, and the partial output is in :attr:`temporary`.
    """

    def __init__(self, path: str) -> None:
        import tempfile

        self.path = path
        # Through a symbolic link, the file it points to is replaced, and the link stays.
        self._real = os.path.realpath(path)
        directory, name = os.path.split(self._real)
        self._existed = os.path.exists(path)
        handle, self.temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial",
                                                  dir=directory)
        self._file = os.fdopen(handle, "wb")
        self.write = self._file.write

    def commit(self) -> None:
        """Put the finished output in place, in one step, with the mode a new file gets."""
        self._file.flush()
        os.fsync(self._file.fileno())
        os.chmod(self.temporary, _mode_for(self.path))
        self._file.close()
        os.replace(self.temporary, self._real)

    def abandon(self) -> str:
        """Close the partial output, keep it for inspection; say where it is."""
        with suppress(OSError):
            self._file.close()
        state = "is unchanged" if self._existed else "was not written"
        return f"the partial output is in {self.temporary}; {self.path} {state}"


def _mode_for(path: str) -> int:
    """The permission bits of an existing ``path``, else those a new file gets (umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _batch_source(path: str, stack: ExitStack) -> Any:
    """The input: a binary file or standard input (text if stdin was replaced)."""
    if path == "-":
        return getattr(sys.stdin, "buffer", sys.stdin)
    return stack.enter_context(open(path, "rb"))  # an OSError is reported by main()


def _stdout_writer(stack: ExitStack) -> Callable[[bytes], object]:
    """Standard output, as bytes where it can."""
    stdout = sys.stdout
    stdout.flush()
    binary = getattr(stdout, "buffer", None)
    if binary is not None:
        stack.callback(binary.flush)
        return binary.write  # type: ignore[no-any-return]
    return lambda data: stdout.write(data.decode("utf-8"))
