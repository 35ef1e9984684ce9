"""The I/O floor of caresq's own output: parse each input line and write each output line with
orjson, and nothing else.

Usage::

    python benchmarks/floor.py IN.jsonl CARESQ_OUT.jsonl [--runs 3]

Reads both files into memory first (not timed), then times, best of ``--runs``: for every
line, ``orjson.loads`` of the input line and ``orjson.dumps`` of caresq's output record for it
(parsed beforehand), written to /dev/null. Prints the seconds of the best run: what the batch
could not go below with the quickest JSON library and no work at all between reading and
writing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import orjson


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.source, "rb") as handle:
        lines = handle.read().split(b"\n")
    with open(args.output, "rb") as handle:
        records = [orjson.loads(line) for line in handle.read().split(b"\n") if line]
    lines = lines[:len(records)]
    best = float("inf")
    with open(os.devnull, "wb") as sink:
        for _ in range(args.runs):
            start = time.perf_counter()
            for line, record in zip(lines, records, strict=True):
                try:
                    orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue  # caresq wrote an error record; the floor writes nothing
                sink.write(orjson.dumps(record) + b"\n")
            best = min(best, time.perf_counter() - start)
    print(f"{best:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
