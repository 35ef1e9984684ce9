"""The I/O floor of caresq's own output: parse each input line and write each output line with
orjson, and nothing else.

Usage::

    python benchmarks/floor.py IN.jsonl CARESQ_OUT.jsonl [--runs 3]            # the loop
    python benchmarks/floor.py IN.jsonl CARESQ_OUT.jsonl --process OUT.jsonl   # the process

Both modes first load caresq's output records (``orjson.loads`` of each line of
``CARESQ_OUT.jsonl``: the records as objects, never as their encoded bytes), which is not
counted. Then, for every input line, ``orjson.loads`` of the line and ``orjson.dumps`` of
caresq's record for it (its error record for a line it refused), one line each: what the batch
could not go below with the quickest JSON library and no work at all between reading and
writing. (orjson writes compact JSON, a little shorter than caresq's ``", "`` and ``": "``.)

The loop (default): the input lines in memory, written to /dev/null, best of ``--runs``;
prints the wall and the CPU seconds (each the least of the runs). It compares with caresq's
loop in-process (``loop.py``).

``--process OUT.jsonl``: once, as a whole batch process does it: open and read the input file
line by line, and write each line to ``OUT.jsonl``. Prints the wall and CPU seconds spent
loading caresq's records, for ``run.py`` to subtract from what it measured of this process
(interpreter start, ``import orjson``, reading, parsing, encoding, writing, exit): the floor of
``caresq assess --batch IN.jsonl --output OUT.jsonl``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from typing import Any

import orjson


def load_records(path: str) -> list[Any]:
    """caresq's records, parsed; equal findings are one object (memory: most findings repeat
    across providers, and 100,000 records of 19 KB as separate objects would take gigabytes).
    orjson still encodes each record whole, every time."""
    shared: dict[bytes, Any] = {}
    records = []
    with open(path, "rb") as handle:
        for line in handle:
            record = orjson.loads(line)
            for result in record.get("results", ()):
                result["findings"] = [shared.setdefault(orjson.dumps(finding), finding)
                                      for finding in result["findings"]]
            records.append(record)
    return records


def loop(source: str, records: list[Any], runs: int) -> tuple[float, float]:
    """Wall and CPU seconds, each the best of ``runs``: every line parsed, its record written
    to /dev/null."""
    with open(source, "rb") as handle:
        lines = handle.readlines()
    wall = cpu = float("inf")
    with open(os.devnull, "wb") as sink:
        for _ in range(runs):
            start, used = time.perf_counter(), time.process_time()
            write(lines, records, sink)
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - used)
    return wall, cpu


def write(lines: Any, records: list[Any], sink: Any) -> None:
    loads, dumps = orjson.loads, orjson.dumps
    for line, record in zip(lines, records, strict=True):
        try:  # noqa: SIM105 - cheaper per line than contextlib.suppress
            loads(line)
        except orjson.JSONDecodeError:
            pass  # a line caresq refused: its record is the error record
        sink.write(dumps(record) + b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("source")
    parser.add_argument("records", help="caresq's output for SOURCE")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--process", metavar="OUT", help="one run as a process, to OUT")
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    records = load_records(args.records)
    gc.freeze()  # the loaded records are not the floor's: no collection walks them
    loaded = time.perf_counter() - wall, time.process_time() - cpu
    if args.process is None:
        print("{:.4f} {:.4f}".format(*loop(args.source, records, args.runs)))
    else:
        with open(args.source, "rb") as source, open(args.process, "wb") as target:
            write(source, records, target)
        print(f"{loaded[0]:.4f} {loaded[1]:.4f}")  # what run.py takes off: not the floor's work
    sys.stdout.flush()
    os._exit(0)  # without freeing the loaded records one by one: not the floor's work either


if __name__ == "__main__":
    main()
