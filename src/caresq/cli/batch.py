"""``caresq assess --batch IN.jsonl``: one output line per input line, in order.

The input is read in chunks of lines; each chunk is assessed into the bytes of its output lines
plus a tally, and the chunks are written in input order. With one job this process does it all.
With --jobs N the parent does as little per line as it can: it reads the input in blocks of
whole lines (bytes, not lines), forked workers assess them through the same function in runs of
the same size and write the output into segment files of their own (anonymous, in memory), and
the parent copies the segments into the output in input order with ``os.sendfile``, keeping only
the small tally each worker sends back. So the output is the same byte for byte. At most a few
chunks are in flight at any time: memory does not grow with the length of the input.

Faults: a line that cannot be assessed, for whatever reason, becomes that line's error record
(a plugin's bug a ``RuleError`` record, and exit 3). ``--output`` is written to a temporary
file beside it and renamed over it only when the batch is done, so an interrupted, failed or
killed batch leaves the old file as it was. Worker processes ignore Ctrl-C (the parent stops
them) and die with the parent, SIGKILL included.
"""

from __future__ import annotations

import argparse
import errno
import gc
import io
import json
import os
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, closing, suppress
from datetime import date
from typing import IO, TYPE_CHECKING, Any, Final, TypeAlias

from attrs import frozen

from caresq.cli._common import (
    EXIT_BAD_RECORDS,
    EXIT_INTERNAL,
    EXIT_OK,
    UsageError,
    check_output_path,
    mode_for,
    plugins_speak_on_stderr,
    refuse_same_file,
    replaceable,
)
from caresq.compare import chunks as compare_chunks
from caresq.engine import Engine, today
from caresq.errors import CaresqError, RuleError
from caresq.model import Assessment
from caresq.profile import MAX_BYTES, decoded_line, show_size
from caresq.records import make_record
from caresq.render import assessment_json_line, error_json_line
from caresq.text import escape_control
from caresq.workers import never_outlive

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Lines per chunk, assessed and joined into one buffer. A chunk's output is ~0.6 MB: buffers
#: much larger fragment the heap (with 64 lines a chunk a process grew by 18 MB over 400,000
#: lines, with 32 by 3 MB). --jobs workers assess their blocks in chunks of the same size.
CHUNK_LINES: Final = 32
#: With --jobs: bytes of input per block a worker assesses (~120 lines, ~2.3 MB of full output
#: in its segment). Larger blocks make fewer messages but more memory in flight and a longer
#: wait for the last one.
BLOCK_BYTES: Final = 128 * 1024
#: Blocks in flight per worker: one being assessed and two waiting, so that no worker waits
#: for the parent (another engineer's load can keep it off a core for a while).
_BLOCKS_AHEAD_PER_JOB: Final = 3
#: Bytes the parent copies by hand at a time from a segment when the output takes no sendfile.
_COPY_PIECE: Final = 1024 * 1024
#: Bytes of output a thread writes to disk while the batch goes on (see :class:`_Syncer`).
_SYNC_EVERY: Final = 32 * 1024 * 1024
#: How many bad line numbers the summary lists.
_SHOWN_BAD_LINES: Final = 10
#: Seconds between two progress lines.
_PROGRESS_EVERY: Final = 0.25


@frozen
class _Span:
    """Where a block of whole lines lies in a regular input file: a worker forked from this
    process reads it there itself (it inherited the descriptor), so only these three numbers
    go through the pipe to it, which a slow parent then cannot hold up."""

    descriptor: int
    offset: int
    length: int


#: A block of input for a worker: whole lines as bytes, where they lie, or lines (text).
_Block: TypeAlias = "bytes | _Span | list[str | bytes]"


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
    #: With --jobs: the segment file (its descriptor, the same in the parent and the forked
    #: workers) holding the output lines from its start instead of ``data``, and their size.
    segment: int | None = None
    size: int = 0
    #: With --jobs: the number of a line over --max-bytes; the chunk ends before it.
    too_long: int | None = None


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
    prepared contracts (``Engine.assess_jsonl``), the same bytes without building the
    assessment; a plugin's bug is that line's RuleError record as on the other road."""
    statuses: Counter[tuple[str, str]] = Counter()
    bad: list[int] = []
    errors: list[CaresqError] = []
    out = list(engine.assess_jsonl(lines, on, year, detail=detail, first=first,
                                   statuses=statuses, bad=bad, errors=errors))
    out.append(b"")
    return _Chunk(b"\n".join(out), len(lines), statuses, tuple(bad[:_SHOWN_BAD_LINES]),
                  len(bad), sum(isinstance(error, RuleError) for error in errors))


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


#: The engine of a worker process: the parent's, inherited by the fork (or, where processes
#: cannot be forked, built once by :func:`_start_worker`).
_worker_engine: Engine | None = None


def _start_worker(parent: int, overrides: Mapping[str, object],
                  engine: Engine | None = None) -> None:
    global _worker_engine
    never_outlive(parent)
    if engine is not None:  # forked: the parent's engine, already frozen, shared copy-on-write
        _worker_engine = engine
        return
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


def _segment_in_worker(segment: int | None, first: int, block: _Block,
                       on: date, year: int | None, record: bool, detail: str,
                       max_bytes: int) -> _Chunk:
    """Assess a block of whole lines (numbered from ``first``) in a worker, in runs of
    :data:`CHUNK_LINES` as one job does, and write their output into the segment file
    ``segment`` from its start: only the tally goes back to the parent. Without a segment
    file the output goes back in the chunk's ``data``."""
    assert _worker_engine is not None, "the pool's initializer sets the engine"
    too_long: list[int] = []
    lines = _block_lines(block, first, max_bytes, too_long)
    out: list[bytes] = []
    statuses: Counter[tuple[str, str]] = Counter()
    bad_lines: list[int] = []
    count = bad = internal = size = 0
    for start, run in compare_chunks(lines, CHUNK_LINES):
        chunk = _assess_chunk(_worker_engine, first + start - 1, run, on, year, record, detail)
        if segment is None:
            out.append(chunk.data)
        else:
            _write_at(segment, chunk.data, size)
        size += len(chunk.data)
        count += chunk.lines
        statuses.update(chunk.statuses)
        bad_lines.extend(chunk.bad_lines)
        bad += chunk.bad
        internal += chunk.internal
    return _Chunk(b"".join(out), count, statuses, tuple(bad_lines[:_SHOWN_BAD_LINES]), bad,
                  internal, segment, size, too_long[0] if too_long else None)


def _block_lines(block: _Block, first: int, max_bytes: int,
                 too_long: list[int]) -> Iterator[str | bytes]:
    """The lines of ``block`` as a file gives them (each with its newline), up to one over
    ``max_bytes``, whose number goes into ``too_long``. A list is lines already checked."""
    if isinstance(block, list):
        yield from block
        return
    data = _read_at(block) if isinstance(block, _Span) else block
    for number, line in enumerate(io.BytesIO(data), start=first):
        if len(line) - line.endswith(b"\n") > max_bytes:
            too_long.append(number)
            return
        yield line


def _read_at(span: _Span) -> bytes:
    """The bytes of ``span``, read where they lie in the input file."""
    pieces = []
    done = 0
    while done < span.length:
        piece = os.pread(span.descriptor, span.length - done, span.offset + done)
        if not piece:
            raise OSError(f"the input file shrank while it was read (at byte {span.offset + done})")
        pieces.append(piece)
        done += len(piece)
    return b"".join(pieces)


def _write_at(descriptor: int, data: bytes, offset: int) -> None:
    """All of ``data`` into the file ``descriptor`` at ``offset``."""
    view = memoryview(data)
    while view:
        written = os.pwrite(descriptor, view, offset)
        view = view[written:]
        offset += written


def _assess_in_workers(jobs: int, source: Any, on: date, year: int | None, engine: Engine,
                       record: bool = False, detail: str = "full",
                       max_bytes: int = MAX_BYTES) -> Generator[_Chunk, None, None]:
    """The chunks of the input ``source``, assessed in ``jobs`` worker processes, in input
    order.

    The workers are forked from this process once the engine is built: they share it (and
    the segment files made here) instead of each building its own. Each block's output is in
    the segment file its chunk names; that file is handed out again only once the caller has
    taken the chunk and asked for the next. Where processes cannot be forked, each worker
    builds its own engine (with the same parameter overrides) and the output comes back in
    the chunks' data.
    """
    import multiprocessing  # both cost 30 ms to import: only for --jobs
    from concurrent.futures import ProcessPoolExecutor

    ahead = _BLOCKS_AHEAD_PER_JOB * jobs
    forking = _can_fork()
    segments = _segment_files(ahead) if forking else []
    try:
        pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("fork" if forking else "spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), dict(engine.overrides), engine if forking else None))
        yield from _in_pool(pool, list(segments), ahead,
                            _blocks(source, max_bytes, by_position=forking), on, year, record,
                            detail, max_bytes)
    finally:
        for segment in segments:
            os.close(segment)


def _in_pool(pool: Any, free: list[int], ahead: int,
             blocks: Iterable[tuple[int, _Block]], on: date,
             year: int | None, record: bool, detail: str,
             max_bytes: int) -> Generator[_Chunk, None, None]:
    """:func:`_assess_in_workers` with its pool, ``free`` its unused segment files; at most
    ``ahead`` blocks in flight."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        pending: deque[Future[_Chunk]] = deque()

        def taken() -> Generator[_Chunk, None, None]:
            chunk = pending.popleft().result()
            yield chunk
            if chunk.segment is not None:  # copied by now: free for another block
                free.append(chunk.segment)

        for first, block in blocks:
            pending.append(pool.submit(_segment_in_worker, free.pop() if free else None,
                                       first, block, on, year, record, detail, max_bytes))
            # the oldest when it is done (a slow input: output goes on), or when enough wait
            while pending and (len(pending) >= ahead or pending[0].done()):
                yield from taken()
        while pending:
            yield from taken()
    except BrokenProcessPool as error:  # a worker died (killed, out of memory)
        pool.shutdown(wait=True, cancel_futures=True)
        raise RuleError(None, None, f"a worker process died: {error}") from error
    except BaseException:
        _stop_workers(pool)  # stopped (Ctrl-C, SIGTERM, a failure, a closed output)
        raise
    pool.shutdown(wait=True)


def _can_fork() -> bool:
    """Whether workers are forked: where that is the system's way (not macOS, where a fork
    without exec is unsafe, nor Windows, which has none)."""
    import multiprocessing

    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def _segment_files(count: int) -> list[int]:
    """``count`` anonymous files for the workers' output: in memory where the system has
    ``memfd_create``, else unlinked temporary files. They have no name, so nothing is left
    behind whatever ends the batch (SIGKILL included)."""
    import tempfile

    segments = []
    for _ in range(count):
        if hasattr(os, "memfd_create"):
            segment = os.memfd_create("caresq-batch-segment")
        else:
            segment, path = tempfile.mkstemp(prefix="caresq-batch-", suffix=".segment")
            os.unlink(path)
        segments.append(segment)
    return segments


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
    refuse_same_file(args.batch, args.output)
    tally = _Tally(sys.stderr if sys.stderr.isatty() else None)
    record = bool(getattr(args, "record", False))
    detail = getattr(args, "detail", "full")
    with ExitStack() as stack:
        source = _batch_source(args.batch, stack)
        replaced = replaceable(args.output)
        if replaced:
            check_output_path(args.output)  # before any line is read, naming the folder
        output = _Output(args.output) if replaced else None
        sink = (output if output is not None
                else _device_sink(args.output, stack) if args.output not in (None, "-")
                else _stdout_sink(stack))
        _freeze_engine()
        stack.enter_context(plugins_speak_on_stderr())  # the sink holds standard output
        results = stack.enter_context(closing(
            _assess_here(engine, compare_chunks(_bounded_lines(source, args.max_bytes),
                                                CHUNK_LINES), on, args.year, record, detail)
            if args.jobs == 1
            else _assess_in_workers(args.jobs, source, on, args.year, engine, record, detail,
                                    args.max_bytes)))
        try:
            for chunk in results:
                if chunk.segment is None:
                    sink.write(chunk.data)
                else:
                    sink.copy(chunk.segment, chunk.size)
                tally.add(chunk)
                if chunk.too_long is not None:
                    raise _line_too_long(chunk.too_long, args.max_bytes)
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
            raise _line_too_long(number, max_bytes)
        yield line


def _line_too_long(number: int, max_bytes: int) -> LineTooLong:
    return LineTooLong(f"line {number} is longer than the limit of {show_size(max_bytes)} "
                       "(see --max-bytes): stopped there")


def _blocks(stream: Any, max_bytes: int, size: int | None = None, *,
            by_position: bool = False) -> Iterator[tuple[int, _Block]]:
    """The input in blocks of whole lines of about ``size`` bytes, each with the number of
    its first line (``size`` by default :data:`BLOCK_BYTES`): for --jobs, so that this
    process need not look at each line.

    A block goes out once it is ``size`` bytes, or sooner when no more input is ready (a
    pipe fed slowly: what came is assessed). A line over ``max_bytes`` is read no further:
    the block ends with as much of it as shows that, and the worker says so. (A text stream
    gives blocks of lines, checked here.) ``by_position``: a block of a regular file is given
    as where it lies (a :class:`_Span`), for a forked worker to read.
    """
    read = getattr(stream, "read1", None)
    if read is None:
        yield from compare_chunks(_bounded_lines(stream, max_bytes), CHUNK_LINES * 4)
        return
    size = size or BLOCK_BYTES
    ready = _ready(stream)
    where = _position(stream) if by_position else None
    first = 1
    pieces: list[bytes] = []
    held = tail = 0  # bytes in pieces; of them, those after the last newline
    while data := read(size):
        pieces.append(data)
        held += len(data)
        newline = data.rfind(b"\n")
        tail = tail + len(data) if newline < 0 else len(data) - newline - 1
        if tail > max_bytes:
            yield first, b"".join(pieces)[:held - tail + max_bytes + 1]
            return
        if held >= size or (held > tail and not ready()):
            joined = b"".join(pieces)
            block = joined[:held - tail]
            if where is None:
                yield first, block
            else:
                yield first, _Span(where[0], where[1], len(block))
                where = (where[0], where[1] + len(block))
            first += block.count(b"\n")
            pieces = [joined[held - tail:]] if tail else []
            held = tail
    if pieces:
        yield first, b"".join(pieces)


def _position(stream: Any) -> tuple[int, int] | None:
    """The descriptor of ``stream`` and where in it reading goes on, if it is a regular file."""
    try:
        descriptor = stream.fileno()
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        return (descriptor, stream.tell()) if regular else None
    except (AttributeError, OSError, ValueError):
        return None


def _ready(stream: Any) -> Callable[[], bool]:
    """Whether more of ``stream`` can be read at once (always, for a file)."""
    import select

    try:
        descriptor = stream.fileno()
        poll = select.poll()
    except (AttributeError, OSError, ValueError):
        return lambda: True
    poll.register(descriptor, select.POLLIN)
    return lambda: bool(poll.poll(0))


def _device_sink(path: str, stack: ExitStack) -> _Sink:
    """A device or pipe given as ``--output`` (``/dev/stdout``, a FIFO): written as it goes.

    Opened to append: through ``/dev/stdout`` Linux opens the file the descriptor leads to
    anew, and opening it to write would empty a file the shell appends to."""
    device: IO[bytes] = stack.enter_context(open(path, "ab"))  # noqa: SIM115 (closed by stack)
    return _Sink(device.write, device.flush, device.fileno())


class _Sink:
    """Where the output goes, as it goes: bytes, and segment files copied by the kernel
    (``os.sendfile``) where the target takes that, else by hand, a piece at a time."""

    def __init__(self, write: Callable[[bytes], object], flush: Callable[[], object],
                 descriptor: int | None) -> None:
        self.write = write
        self._flush = flush
        self._descriptor = descriptor

    def copy(self, segment: int, size: int) -> None:
        """Append the first ``size`` bytes of the file ``segment``."""
        self._flush()  # what was written before goes first
        done = 0
        if self._descriptor is not None:
            done = _sendfile(self._descriptor, segment, size)
            if done < size:
                self._descriptor = None  # it takes no sendfile: by hand from now on
        while done < size:
            piece = os.pread(segment, min(size - done, _COPY_PIECE), done)
            self.write(piece)
            done += len(piece)


def _sendfile(target: int, source: int, size: int) -> int:
    """Bytes copied of the first ``size`` of ``source`` to ``target``; fewer only when the
    kernel cannot copy between these two (the rest is then the caller's)."""
    done = 0
    while done < size:
        try:
            sent = os.sendfile(target, source, done, size - done)
        except OSError as error:
            if error.errno in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
                return done
            raise  # a closed pipe, a full disk: the batch's failure
        if not sent:
            return done
        done += sent
    return done


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
        self._sink = _Sink(self._file.write, self._file.flush, handle)
        self._syncer = _Syncer(handle)

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._syncer.grew(len(data))

    def copy(self, segment: int, size: int) -> None:
        """Append the first ``size`` bytes of the file ``segment``."""
        self._sink.copy(segment, size)
        self._syncer.grew(size)

    def commit(self) -> None:
        """Put the finished output in place, in one step, with the mode a new file gets."""
        self._file.flush()
        self._syncer.stop()
        os.fsync(self._file.fileno())
        os.chmod(self.temporary, mode_for(self.path))
        self._file.close()
        os.replace(self.temporary, self._real)

    def abandon(self) -> str:
        """Close the partial output, keep it for inspection; say where it is."""
        with suppress(OSError):
            self._syncer.stop()
        with suppress(OSError):
            self._file.close()
        with suppress(OSError):
            _keep_whole_lines(self.temporary)
        state = "is unchanged" if self._existed else "was not written"
        return f"the partial output is in {self.temporary}; {self.path} {state}"


def _keep_whole_lines(path: str) -> None:
    """Cut a partial output after its last complete line: a signal can stop the copy of a
    worker's segment in the middle of one, and the partial output holds whole lines only."""
    with open(path, "r+b") as partial:
        end = partial.seek(0, os.SEEK_END)
        while end > 0:
            start = max(0, end - _COPY_PIECE)
            partial.seek(start)
            newline = partial.read(end - start).rfind(b"\n")
            if newline >= 0:
                partial.truncate(start + newline + 1)
                return
            end = start
        partial.truncate(0)


class _Syncer:
    """Writes a growing file's data to disk in a thread, every :data:`_SYNC_EVERY` bytes: the
    disk works while the batch does, and the fsync that makes the output durable before it
    replaces the old one finds little left (else it waits 0.5 s for 380 MB on a fast disk)."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor
        self._unsynced = 0
        self._wanted = threading.Event()
        self._stopping = False
        self._requested = False
        self._thread: threading.Thread | None = None
        self._failure: OSError | None = None

    def grew(self, size: int) -> None:
        """``size`` more bytes were written."""
        self._unsynced += size
        if self._unsynced < _SYNC_EVERY:
            return
        self._unsynced = 0
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="caresq-output-sync",
                                            daemon=True)
            self._thread.start()
        self._requested = True
        self._wanted.set()

    def _run(self) -> None:
        sync = getattr(os, "fdatasync", os.fsync)
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._requested:  # each request is served, even one made just before stop()
                self._requested = False
                try:
                    sync(self._descriptor)
                except OSError as error:  # a disk error is reported once: by stop() then
                    self._failure = error
                    return
            if self._stopping:
                return

    def stop(self) -> None:
        """End the thread; raise the error a sync met (the final fsync might not see it)."""
        if self._thread is not None:
            self._stopping = True
            self._wanted.set()
            self._thread.join()
            self._thread = None
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure


def _batch_source(path: str, stack: ExitStack) -> Any:
    """The input: a binary file or standard input (text if stdin was replaced)."""
    if path == "-":
        return getattr(sys.stdin, "buffer", sys.stdin)
    return stack.enter_context(open(path, "rb"))  # an OSError is reported by main()


def _stdout_sink(stack: ExitStack) -> _Sink:
    """Standard output, as bytes where it can."""
    stdout = sys.stdout
    stdout.flush()
    binary = getattr(stdout, "buffer", None)
    if binary is None:
        return _Sink(lambda data: stdout.write(data.decode("utf-8")), stdout.flush, None)
    stack.callback(binary.flush)
    try:
        descriptor: int | None = binary.fileno()
    except (AttributeError, OSError, ValueError):  # a stream in memory (a test's capture)
        descriptor = None
    return _Sink(binary.write, binary.flush, descriptor)
