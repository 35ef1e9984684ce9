"""caresq's batch against the hand-written baseline, end to end, side by side.

Usage (from the repository root, with the project's venv)::

    python benchmarks/run.py                       # 20,000 and 100,000 profiles, 3 runs each
    python benchmarks/run.py --sizes 20000 --runs 5
    python benchmarks/run.py --memory              # peak RSS for 10,000 and 1,000,000 lines
    python benchmarks/run.py --import-time         # import caresq + Engine.default()

For each size it writes a seeded input (``generate.py``) to a temporary directory, then runs,
one after the other and each as its own process tree: ``baseline.py`` (the kraamzorg rules by
hand), ``caresq assess --batch`` and ``caresq assess --batch --jobs 2``. Every run reads the
input file and writes its output file: wall time from start to exit, peak RSS from ``wait4``.
The table gives the median of the runs. Before timing, it checks the outputs: caresq with one
job and with two give the same bytes, and the baseline gives the same bytes as caresq on every
good line and refuses the same lines. The temporary files are deleted at the end.

``--orjson-baseline`` adds the baseline parsing and writing with orjson (checked to give the
same JSON). ``--memory`` streams generated lines into ``caresq assess --batch -`` (no input
file, output to /dev/null) and reports the peak RSS for 10,000 and for 1,000,000 lines.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
#: The installed ``caresq`` command, as a user runs it (else ``python -m caresq``).
_SCRIPT = Path(PYTHON).with_name("caresq")
CARESQ = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "caresq"]
ON = "2023-10-20"
SEED = 7


def timed(command: list[str], stdin: int | None = None) -> tuple[float, int, int]:
    """Run ``command``: (wall seconds, peak RSS in MiB of its largest process, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss // 1024, process.returncode


def generate(count: int, path: Path) -> None:
    subprocess.run([PYTHON, str(HERE / "generate.py"), str(count), "--seed", str(SEED),
                    "--output", str(path)], check=True)


#: What is compared: a name, and the command's start (input, --on and --output follow).
TOOLS = {
    "baseline (hand-written)": [PYTHON, str(HERE / "baseline.py")],
    "caresq --batch": [*CARESQ, "assess", "--batch"],
    "caresq --batch --jobs 2": [*CARESQ, "assess", "--jobs", "2", "--batch"],
}


#: With --orjson-baseline: the baseline parsing and writing with orjson (compact output).
ORJSON_BASELINE = "baseline --orjson"


def check_same_json(orjson_output: Path, caresq: Path) -> None:
    """The orjson baseline writes other bytes; its assessed lines must be the same JSON."""
    with orjson_output.open("rb") as ours, caresq.open("rb") as theirs:
        for number, (mine, line) in enumerate(zip(ours, theirs, strict=True), 1):
            if not line.startswith(b'{"line": ') and json.loads(mine) != json.loads(line):
                raise SystemExit(f"line {number}: baseline --orjson and caresq differ")


def check_outputs(baseline: Path, caresq: Path, caresq_2: Path) -> str:
    """Compare the outputs line by line; return a one-line verdict (raise on a difference)."""
    good = bad = 0
    with baseline.open("rb") as ours, caresq.open("rb") as theirs, caresq_2.open("rb") as two:
        for number, (mine, line, parallel) in enumerate(zip(ours, theirs, two, strict=True), 1):
            if line != parallel:
                raise SystemExit(f"line {number}: --jobs 2 differs from --jobs 1")
            refused = line.startswith(b'{"line": ')
            if refused != mine.startswith(b'{"line": '):
                raise SystemExit(f"line {number}: only one of baseline and caresq refuses it")
            if not refused and mine != line:
                raise SystemExit(f"line {number}: baseline and caresq differ")
            good += not refused
            bad += refused
    return f"outputs agree: {good} assessed lines byte-identical, the same {bad} lines refused"


def compare(sizes: list[int], runs: int, orjson_baseline: bool = False) -> None:
    tools = dict(TOOLS)
    if orjson_baseline:
        tools[ORJSON_BASELINE] = [*TOOLS["baseline (hand-written)"], "--orjson"]
    with tempfile.TemporaryDirectory(prefix="caresq-bench-") as folder:
        work = Path(folder)
        for size in sizes:
            source = work / f"in-{size}.jsonl"
            generate(size, source)
            targets = {
                name: ([*start, str(source), "--on", ON, "--output", str(work / f"{i}.jsonl")],
                       work / f"{i}.jsonl")
                for i, (name, start) in enumerate(tools.items())}
            outputs = [target for _, target in targets.values()]
            for command, _ in targets.values():  # a first run warms the page cache, checked
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"\n{size:,} profiles ({source.stat().st_size / 2**20:.0f} MiB in): "
                  + check_outputs(*outputs[:3]))
            if orjson_baseline:
                check_same_json(outputs[3], outputs[1])
            results: dict[str, list[tuple[float, int]]] = {name: [] for name in targets}
            for _ in range(runs):  # interleaved, so drift in the machine hits all alike
                for name, (command, _) in targets.items():
                    wall, rss, _ = timed(command)
                    results[name].append((wall, rss))
            base = statistics.median(wall for wall, _ in results["baseline (hand-written)"])
            print(f"{'':26s} {'wall (median)':>14s} {'per profile':>12s} {'× baseline':>11s} "
                  f"{'peak RSS':>9s}")
            for name, measured in results.items():
                wall = statistics.median(w for w, _ in measured)
                rss = max(r for _, r in measured)
                print(f"{name:26s} {wall:13.2f}s {wall / size * 1e6:10.0f}µs {wall / base:10.2f}× "
                      f"{rss:7d} MiB")
            for target in outputs:
                target.unlink()
            source.unlink()


def memory(sizes: list[int], jobs: int) -> None:
    print(f"peak RSS of `generate.py N | caresq assess --batch - --output /dev/null "
          f"--jobs {jobs}` (the largest process: with --jobs, the parent or a worker)")
    for size in sizes:
        generator = subprocess.Popen([PYTHON, str(HERE / "generate.py"), str(size), "--seed",
                                      str(SEED)], stdout=subprocess.PIPE)
        assert generator.stdout is not None
        wall, rss, code = timed([*CARESQ, "assess", "--batch", "-", "--on", ON, "--output",
                                 os.devnull, "--jobs", str(jobs)],
                                stdin=generator.stdout.fileno())
        generator.stdout.close()
        generator.wait()
        print(f"{size:>10,} lines: {rss} MiB peak RSS ({wall:.1f}s, exit {code})")


def import_time(runs: int = 11) -> None:
    code = "import caresq; caresq.Engine.default()"
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", code], check=True)
        walls.append(time.perf_counter() - start)
    inside = []
    for _ in range(runs):
        out = subprocess.run([PYTHON, "-c", "import time; t = time.perf_counter(); " + code
                              + "; print(time.perf_counter() - t)"],
                             check=True, capture_output=True, text=True).stdout
        inside.append(float(out))
    bare = statistics.median(
        _wall([PYTHON, "-c", "pass"]) for _ in range(runs))
    print(f"`python -c '{code}'`, median of {runs}: {statistics.median(walls) * 1000:.0f} ms "
          f"wall (interpreter alone {bare * 1000:.0f} ms), "
          f"{statistics.median(inside) * 1000:.0f} ms inside the process")


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="only the memory check")
    parser.add_argument("--memory-sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--jobs", type=int, default=1, help="--jobs for the memory check")
    parser.add_argument("--import-time", action="store_true", help="only the import time")
    parser.add_argument("--orjson-baseline", action="store_true",
                        help="also time the baseline parsing and writing with orjson")
    args = parser.parse_args()
    if shutil.which(PYTHON) is None:
        raise SystemExit(f"no python at {PYTHON}")
    if args.memory:
        memory(args.memory_sizes, args.jobs)
    elif args.import_time:
        import_time()
    else:
        compare(args.sizes, args.runs, args.orjson_baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
