"""caresq's batch loop in-process, to set beside the floor's loop (``floor.py``).

Usage::

    python benchmarks/loop.py IN.jsonl --on 2023-10-20 [--runs 3] [--detail full]

Builds the engine and reads the input lines into memory (not counted), freezes what exists
then out of the collector's passes (as ``caresq assess --batch`` does once its engine is
built), then times, best of ``--runs``, ``Engine.assess_jsonl`` over the lines with every
output line written to /dev/null: the bytes ``caresq assess --batch`` writes, without the
process around them (start-up, engine, reading the file). Prints the wall and the CPU seconds
of the best run (each the least of the runs).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from datetime import date

import caresq


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("source")
    parser.add_argument("--on", type=date.fromisoformat, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--detail", default="full")
    args = parser.parse_args()
    engine = caresq.Engine.default()
    with open(args.source, "rb") as handle:
        lines = handle.readlines()
    gc.freeze()
    wall = cpu = float("inf")
    with open(os.devnull, "wb") as sink:
        for _ in range(args.runs):
            start, used = time.perf_counter(), time.process_time()
            for line in engine.assess_jsonl(lines, args.on, detail=args.detail):
                sink.write(line + b"\n")
            wall = min(wall, time.perf_counter() - start)
            cpu = min(cpu, time.process_time() - used)
    print(f"{wall:.4f} {cpu:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
