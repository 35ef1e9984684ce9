"""``caresq assess --batch IN.jsonl``: one output line per input line, in order.

The input is read in chunks of lines; each chunk is assessed into the bytes of its output lines
plus a tally, in this process or (--jobs N) in worker processes, and the chunks are written in
input order. Both ways run the same function on the same chunks, so the output is the same
byte for byte. At most a few chunks are in flight at any time: memory does not grow with the
length of the input.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from itertools import islice
from typing import IO, TYPE_CHECKING, Final

from attrs import evolve, frozen

from caresq.cli._common import EXIT_BAD_RECORDS, EXIT_OK, UsageError
from caresq.engine import Engine, today

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Lines per chunk, and chunks handed to the workers ahead of the one being written, per
#: worker. A chunk's output is ~0.3 MB: buffers much larger fragment the heap (with 64 lines a
#: chunk the parent of --jobs 2 grew by 18 MB over 400,000 lines, with 32 by 3 MB); four chunks
#: ahead keep two workers as busy as two chunks of 64 did.
CHUNK_LINES: Final = 32
_AHEAD_PER_JOB: Final = 4
#: Lines per chunk with --jobs: a worker writes its chunk to a segment file (~2.5 MB), so the
#: parent holds no output and larger chunks cost it nothing.
SEGMENT_LINES: Final = 256
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
    #: With --jobs: the file a worker wrote ``data`` to instead (``data`` is then empty).
    segment: str | None = None


def _assess_chunk(engine: Engine, first: int, lines: Sequence[str | bytes], on: date,
                  year: int | None, detail: str = "full") -> _Chunk:
    """Assess ``lines`` (numbered from ``first``) into one output line each."""
    statuses: Counter[tuple[str, str]] = Counter()
    bad: list[int] = []
    out = list(engine.assess_jsonl(lines, on, year, detail=detail, first=first,
                                   statuses=statuses, bad=bad))
    out.append(b"")
    return _Chunk(b"\n".join(out), len(lines), statuses, tuple(bad[:_SHOWN_BAD_LINES]),
                  len(bad))


def _chunks(source: Iterable[str | bytes],
            size: int = CHUNK_LINES) -> Iterator[tuple[int, list[str | bytes]]]:
    """The lines of ``source`` in runs of ``size``, each with its first line number."""
    lines = iter(source)
    first = 1
    while chunk := list(islice(lines, size)):
        yield first, chunk
        first += len(chunk)


def _assess_here(engine: Engine, chunks: Iterable[tuple[int, list[str | bytes]]], on: date,
                 year: int | None, detail: str = "full") -> Iterator[_Chunk]:
    for first, lines in chunks:
        yield _assess_chunk(engine, first, lines, on, year, detail)


#: The engine of a worker process, built once by :func:`_start_worker`.
_worker_engine: Engine | None = None


def _start_worker() -> None:
    global _worker_engine
    _worker_engine = Engine.default()
    _freeze_engine()


def _freeze_engine() -> None:
    """Leave what exists now (the engine: plugins, policies, prepared contracts) out of the
    collector's full passes; a batch allocates a lot, so those passes come often (-5%)."""
    gc.collect()
    gc.freeze()


def _segment_in_worker(folder: str, first: int, lines: list[str | bytes], on: date,
                       year: int | None, detail: str = "full") -> _Chunk:
    """Assess a chunk in a worker and write its output to a segment file of its own: only
    the tally goes back to the parent, which copies the file into the output in order."""
    assert _worker_engine is not None, "the pool's initializer builds the engine"
    chunk = _assess_chunk(_worker_engine, first, lines, on, year, detail)
    path = os.path.join(folder, f"{first:012d}.jsonl")
    with open(path, "wb") as segment:
        segment.write(chunk.data)
    return evolve(chunk, data=b"", segment=path)


def _assess_in_workers(jobs: int, chunks: Iterable[tuple[int, list[str | bytes]]], on: date,
                       year: int | None, detail: str = "full") -> Iterator[_Chunk]:
    """Like :func:`_assess_here`, in ``jobs`` processes, each with its own default engine.

    Each worker writes a chunk's output to a segment file in a temporary folder; the chunks
    come back in input order, each naming its segment for :class:`_Output` to copy.
    """
    import tempfile  # both only for --jobs: 30 ms to import
    from concurrent.futures import ProcessPoolExecutor

    with (tempfile.TemporaryDirectory(prefix="caresq-batch-") as folder,
          ProcessPoolExecutor(jobs, initializer=_start_worker) as pool):
        pending: deque[Future[_Chunk]] = deque()
        for first, lines in chunks:
            pending.append(pool.submit(_segment_in_worker, folder, first, lines, on, year,
                                       detail))
            if len(pending) >= _AHEAD_PER_JOB * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class _Tally:
    """The batch so far: for the summary, and the progress line on a terminal."""

    def __init__(self, progress: IO[str] | None) -> None:
        self.lines = 0
        self.bad = 0
        self.bad_lines: list[int] = []
        self.statuses: Counter[tuple[str, str]] = Counter()
        self._progress = progress
        self._shown = 0.0

    def add(self, chunk: _Chunk) -> None:
        self.lines += chunk.lines
        self.bad += chunk.bad
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
            print(f"{contract}: {status} {count}", file=stream)
        print(f"lines: {self.lines}", file=stream)
        shown = ", ".join(map(str, self.bad_lines)) + (", ..." if self.bad > len(self.bad_lines)
                                                       else "")
        print(f"bad lines: {self.bad}" + (f" ({shown})" if self.bad else ""), file=stream)


def run(args: argparse.Namespace, engine: Engine) -> int:
    """``assess --batch``: one output line per input line, in order; exit 1 if any was bad."""
    on = args.on or today()  # once, so a batch that runs past midnight speaks from one date
    if _same_file(args.batch, args.output):
        raise UsageError(f"--output {args.output} is the input file: it would be overwritten")
    tally = _Tally(sys.stderr if sys.stderr.isatty() else None)
    _freeze_engine()
    with ExitStack() as stack:
        source = _batch_source(args.batch, stack)
        output = _Output(_batch_target(args.output, stack))
        results = (_assess_here(engine, _chunks(source), on, args.year, args.detail)
                   if args.jobs == 1 else
                   _assess_in_workers(args.jobs, _chunks(source, SEGMENT_LINES), on, args.year,
                                      args.detail))
        for chunk in results:
            output.add(chunk)
            tally.add(chunk)
    tally.summary(sys.stderr)
    return EXIT_BAD_RECORDS if tally.bad else EXIT_OK


def _same_file(source: str, target: str | None) -> bool:
    if target in (None, "-") or source == "-" or not os.path.exists(target):
        return False
    return os.path.samefile(source, target)  # an input that does not exist raises OSError


def _batch_source(path: str, stack: ExitStack) -> Iterable[str | bytes]:
    """The input lines: bytes from a file or standard input (text if stdin was replaced)."""
    if path == "-":
        stdin: Iterable[str | bytes] = getattr(sys.stdin, "buffer", sys.stdin)
        return stdin
    return stack.enter_context(open(path, "rb"))  # an OSError is reported by main()


def _batch_target(path: str | None, stack: ExitStack) -> IO[bytes] | IO[str]:
    """Where the output lines go: a file, or standard output (as bytes where it can)."""
    if path not in (None, "-"):
        return stack.enter_context(open(path, "wb"))
    stdout = sys.stdout
    stdout.flush()
    binary: IO[bytes] | None = getattr(stdout, "buffer", None)
    if binary is not None:
        stack.callback(binary.flush)
        return binary
    return stdout


class _Output:
    """Writes the chunks in order: their bytes, or (from --jobs workers) their segment files,
    copied by the kernel (``os.sendfile``) where the target has a file descriptor."""

    def __init__(self, target: IO[bytes] | IO[str]) -> None:
        self._target = target

    def add(self, chunk: _Chunk) -> None:
        if chunk.segment is None:
            self._write(chunk.data)
            return
        try:
            self._copy(chunk.segment)
        finally:
            os.unlink(chunk.segment)

    def _write(self, data: bytes) -> None:
        if isinstance(self._target, io.TextIOBase):
            self._target.write(data.decode("utf-8"))
        else:
            self._target.write(data)  # type: ignore[arg-type]

    def _copy(self, path: str) -> None:
        with open(path, "rb") as segment:
            size = os.fstat(segment.fileno()).st_size
            try:
                target = self._target.fileno()
            except (AttributeError, OSError, io.UnsupportedOperation):
                self._write(segment.read())
                return
            self._target.flush()
            sent = 0
            try:
                while sent < size:
                    done = os.sendfile(target, segment.fileno(), sent, size - sent)
                    if not done:
                        break
                    sent += done
            except OSError:  # a target sendfile cannot write to: copy what is left by hand
                segment.seek(sent)
                self._write(segment.read())


