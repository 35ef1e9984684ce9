"""``caresq compare`` against one plain ``caresq assess --batch`` of the same lines.

Usage (from the repository root, with the project's venv)::

    python benchmarks/compare.py                    # 100,000 lines, 3 runs each
    python benchmarks/compare.py --size 20000 --runs 1

It writes a seeded input (``generate.py``), then runs, one after the other and each as its own
process: ``caresq assess --batch IN --output OUT`` and ``caresq compare --batch IN --set
kraamzorg.max_zzp_share=0.20 --format json --output OUT`` (every line assessed twice, once
under each policy). It prints the median wall times and their ratio; the promise is a ratio of
at most 2.2. The temporary files are deleted at the end.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import CARESQ, ON, generate, timed

LIMIT = 2.2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="caresq-compare-"))
    try:
        source = folder / "in.jsonl"
        generate(args.size, source)
        commands = {
            "assess --batch": [*CARESQ, "assess", "--batch", str(source), "--on", ON,
                               "--output", str(folder / "batch.jsonl")],
            "compare --set": [*CARESQ, "compare", "--batch", str(source), "--on", ON,
                              "--set", "kraamzorg.max_zzp_share=0.20", "--format", "json",
                              "--output", str(folder / "compare.json")],
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, _rss, code = timed(command)
                if code not in (0, 1):  # 1: the generated input has bad lines on purpose
                    raise SystemExit(f"{name} exited {code}")
                walls[name].append(wall)
        medians = {name: statistics.median(values) for name, values in walls.items()}
        for name, median in medians.items():
            print(f"{name}: {median:.2f} s (median of {args.runs}, {args.size} lines)")
        ratio = medians["compare --set"] / medians["assess --batch"]
        print(f"compare / batch: {ratio:.2f} (promise: at most {LIMIT})")
        return 0 if ratio <= LIMIT else 1
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    sys.exit(main())
