"""caresq's batch against two hand-written yardsticks, end to end, side by side in one run.

Usage (from the repository root, with the project's venv)::

    python benchmarks/run.py                       # 20,000 and 100,000 profiles, 3 runs each
    python benchmarks/run.py --sizes 20000 --runs 5
    python benchmarks/run.py --memory              # peak RSS for 10,000 and 1,000,000 lines
    python benchmarks/run.py --import-time         # start-up: caresq plugins, import caresq

For each size it writes a seeded input (``generate.py``) to a temporary directory, then runs,
interleaved and each as its own process tree: ``baseline.py`` (the kraamzorg rules by hand,
validating, the same output bytes), ``lean.py`` (the quickest script: no validation, a smaller
result), ``caresq assess --batch``, with ``--jobs 2`` and with ``--detail compact``. Every run
reads the input file and writes its output file, with bytecode cached: wall time from start to
exit, CPU time and peak RSS from ``wait4``. The table gives the best of the runs and the
ratios to both yardsticks. The orjson floor of caresq's own output (``floor.py``) is measured
twice, each beside its like: as a process in the same interleaved runs (reading the input file,
parsing each line, writing caresq's records, parsed before timing, to an output file: against
``caresq assess --batch``), and as a loop in memory to /dev/null (against caresq's own loop,
``loop.py``: ``Engine.assess_jsonl`` with the engine built and the lines read). Before timing,
it checks the outputs: caresq with one job and with two give the same bytes, compact refuses
the same lines, the baseline gives the same bytes as caresq on every good line and refuses the
same lines, and the lean script decides as caresq does (status, variant, best case and period)
on every line caresq assesses. The temporary files are deleted at the end.

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
#: Every command runs with its bytecode cached, as an installed package has it (caches go to a
#: folder of their own, so the worktree stays clean; PYTHONDONTWRITEBYTECODE is lifted for it).
PYCACHE = Path(tempfile.gettempdir()) / "caresq-bench-pycache"
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
SEED = 7


def timed(command: list[str], stdin: int | None = None,
          said: list[str] | None = None) -> tuple[float, float, int, int]:
    """Run ``command``: (wall s, CPU s, peak RSS in MiB of its largest process, exit code).

    CPU is user + system time of the process and of the children it waited for (--jobs
    workers): on a machine shared with other work it varies less than the wall time. With
    ``said``, the command's (one short line of) standard output is appended to it.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stderr=subprocess.DEVNULL, env=ENV,
                               stdout=subprocess.DEVNULL if said is None else subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if said is not None:
        assert process.stdout is not None
        said.append(process.stdout.read().decode())  # a line: it fitted in the pipe
        process.stdout.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, process.returncode


def generate(count: int, path: Path) -> None:
    subprocess.run([PYTHON, str(HERE / "generate.py"), str(count), "--seed", str(SEED),
                    "--output", str(path)], check=True)


BASELINE = "baseline (validating)"
LEAN = "lean script"
CARESQ_1 = "caresq --batch"
CARESQ_2 = "caresq --batch --jobs 2"
COMPACT = "caresq --detail compact"
#: What is compared: a name, and the command's start (input, --on and --output follow).
TOOLS = {
    BASELINE: [PYTHON, str(HERE / "baseline.py")],
    LEAN: [PYTHON, str(HERE / "lean.py")],
    CARESQ_1: [*CARESQ, "assess", "--batch"],
    CARESQ_2: [*CARESQ, "assess", "--jobs", "2", "--batch"],
    COMPACT: [*CARESQ, "assess", "--detail", "compact", "--batch"],
}


#: The orjson floor of caresq's output as a process (``floor.py --process``); timed with the
#: others, less its loading of caresq's records.
FLOOR = "orjson floor (process)"
#: With --orjson-baseline: the baseline parsing and writing with orjson (compact output).
ORJSON_BASELINE = "baseline --orjson"


def check_same_json(orjson_output: Path, caresq: Path) -> None:
    """The orjson baseline writes other bytes; its assessed lines must be the same JSON."""
    with orjson_output.open("rb") as ours, caresq.open("rb") as theirs:
        for number, (mine, line) in enumerate(zip(ours, theirs, strict=True), 1):
            if not line.startswith(b'{"line": ') and json.loads(mine) != json.loads(line):
                raise SystemExit(f"line {number}: baseline --orjson and caresq differ")


def check_outputs(baseline: Path, caresq: Path, caresq_2: Path, compact: Path) -> str:
    """Compare the outputs line by line; return a one-line verdict (raise on a difference)."""
    good = bad = 0
    with (baseline.open("rb") as ours, caresq.open("rb") as theirs, caresq_2.open("rb") as two,
          compact.open("rb") as short):
        for number, (mine, line, parallel, brief) in enumerate(
                zip(ours, theirs, two, short, strict=True), 1):
            if line != parallel:
                raise SystemExit(f"line {number}: --jobs 2 differs from --jobs 1")
            refused = line.startswith(b'{"line": ')
            if refused != mine.startswith(b'{"line": '):
                raise SystemExit(f"line {number}: only one of baseline and caresq refuses it")
            if not refused and mine != line:
                raise SystemExit(f"line {number}: baseline and caresq differ")
            if refused != brief.startswith(b'{"line": '):
                raise SystemExit(f"line {number}: only one of full and compact refuses it")
            good += not refused
            bad += refused
    return f"outputs agree: {good} assessed lines byte-identical, the same {bad} lines refused"


def check_lean(lean: Path, caresq: Path) -> str:
    """The lean script decides as caresq does on every line caresq assesses (raise if not)."""
    decided = 0
    with lean.open("rb") as ours, caresq.open("rb") as theirs:
        for number, (mine, line) in enumerate(zip(ours, theirs, strict=True), 1):
            if line.startswith(b'{"line": '):
                continue  # the lean script trusts its input: what it makes of it is its own
            record, result = json.loads(mine), json.loads(line)["results"][0]
            for key in ("status", "variant", "variant_best_case", "period"):
                if record.get(key) != result[key]:
                    raise SystemExit(f"line {number}: lean's {key} {record.get(key)!r} is not "
                                     f"caresq's {result[key]!r}")
            decided += 1
    return f"the lean script decides as caresq on all {decided}"


def loops(source: Path, caresq: Path, runs: int) -> tuple[tuple[float, float], ...]:
    """(wall, CPU) of the best in-process loop: caresq's (``loop.py``), the floor's
    (``floor.py``)."""
    ours = subprocess.run([PYTHON, str(HERE / "loop.py"), str(source), "--on", ON, "--runs",
                           str(runs)], check=True, capture_output=True, text=True, env=ENV)
    least = subprocess.run([PYTHON, str(HERE / "floor.py"), str(source), str(caresq), "--runs",
                            str(runs)], check=True, capture_output=True, text=True, env=ENV)
    wall, cpu = map(float, ours.stdout.split())
    least_wall, least_cpu = map(float, least.stdout.split())
    return (wall, cpu), (least_wall, least_cpu)


def compare(sizes: list[int], runs: int, orjson_baseline: bool = False) -> None:
    tools = dict(TOOLS)
    if orjson_baseline:
        tools[ORJSON_BASELINE] = [*TOOLS[BASELINE], "--orjson"]
    with tempfile.TemporaryDirectory(prefix="caresq-bench-") as folder:
        work = Path(folder)
        for size in sizes:
            source = work / f"in-{size}.jsonl"
            generate(size, source)
            targets = {
                name: ([*start, str(source), "--on", ON, "--output", str(work / f"{i}.jsonl")],
                       work / f"{i}.jsonl")
                for i, (name, start) in enumerate(tools.items())}
            for command, _ in targets.values():  # a first run warms the caches; checked below
                subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=ENV)
            print(f"\n{size:,} profiles ({source.stat().st_size / 2**20:.0f} MiB in): "
                  + check_outputs(*(targets[name][1] for name in (BASELINE, CARESQ_1, CARESQ_2,
                                                                   COMPACT)))
                  + "; " + check_lean(targets[LEAN][1], targets[CARESQ_1][1]))
            if orjson_baseline:
                check_same_json(targets[ORJSON_BASELINE][1], targets[CARESQ_1][1])
            # The floor as a process reads caresq's records (checked above) before its work.
            floor_out = work / "floor.jsonl"
            targets[FLOOR] = ([PYTHON, str(HERE / "floor.py"), str(source),
                               str(targets[CARESQ_1][1]), "--process", str(floor_out)], floor_out)
            results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in targets}
            for _ in range(runs):  # interleaved, so drift in the machine hits all alike
                for name, (command, _) in targets.items():
                    said: list[str] = []
                    wall, cpu, rss, _ = timed(command, said=said if name == FLOOR else None)
                    if said:  # less the loading of caresq's records: not the floor's work
                        load_wall, load_cpu = map(float, said[0].split())
                        wall, cpu = wall - load_wall, cpu - load_cpu
                    results[name].append((wall, cpu, rss))
            _table(size, results, loops(source, targets[CARESQ_1][1], runs))
            for _, target in targets.values():
                target.unlink()
            source.unlink()


def _table(size: int, results: dict[str, list[tuple[float, float, int]]],
           loop: tuple[tuple[float, float], ...]) -> None:
    """Best of the runs per tool, wall and CPU, the ratios to both yardsticks, and caresq
    against the floor: process against process, in-process loop against loop."""
    best = {name: (min(w for w, _, _ in runs), min(c for _, c, _ in runs),
                   max(r for _, _, r in runs)) for name, runs in results.items()}
    print(f"{'best of ' + str(len(results[LEAN])):26s} {'wall':>8s} {'per line':>9s} "
          f"{'× lean':>7s} {'× valid.':>8s} {'CPU':>8s} {'× lean':>7s} {'× valid.':>8s} "
          f"{'peak RSS':>9s}")
    lean_wall, lean_cpu, _ = best[LEAN]
    base_wall, base_cpu, _ = best[BASELINE]
    for name, (wall, cpu, rss) in best.items():
        memory = "" if name == FLOOR else f"{rss:6d} MiB"  # it holds caresq's records too
        print(f"{name:26s} {wall:7.2f}s {wall / size * 1e6:7.0f}µs {wall / lean_wall:6.2f}× "
              f"{wall / base_wall:7.2f}× {cpu:7.2f}s {cpu / lean_cpu:6.2f}× "
              f"{cpu / base_cpu:7.2f}× {memory}")
    (wall, cpu, _), (least_wall, least_cpu, _) = best[CARESQ_1], best[FLOOR]
    print(f"caresq --batch against the floor, process: {wall / least_wall:.2f}× wall, "
          f"{cpu / least_cpu:.2f}× CPU")
    (wall, cpu), (least_wall, least_cpu) = loop
    print(f"in-process loop, best of {len(results[LEAN])}, to /dev/null: caresq {wall:.2f}s "
          f"wall ({wall / size * 1e6:.0f}µs a line), {cpu:.2f}s CPU; orjson floor "
          f"{least_wall:.2f}s wall ({least_wall / size * 1e6:.0f}µs a line), {least_cpu:.2f}s "
          f"CPU: {wall / least_wall:.2f}× wall, {cpu / least_cpu:.2f}× CPU the floor")


def memory(sizes: list[int], jobs: int) -> None:
    print(f"peak RSS of `generate.py N | caresq assess --batch - --output /dev/null "
          f"--jobs {jobs}` (the largest process: with --jobs, the parent or a worker)")
    for size in sizes:
        generator = subprocess.Popen([PYTHON, str(HERE / "generate.py"), str(size), "--seed",
                                      str(SEED)], stdout=subprocess.PIPE)
        assert generator.stdout is not None
        wall, _, rss, code = timed([*CARESQ, "assess", "--batch", "-", "--on", ON, "--output",
                                 os.devnull, "--jobs", str(jobs)],
                                stdin=generator.stdout.fileno())
        generator.stdout.close()
        generator.wait()
        print(f"{size:>10,} lines: {rss} MiB peak RSS ({wall:.1f}s, exit {code})")


def import_time(runs: int = 11) -> None:
    """Start-up: best and median of ``runs`` fresh processes, bytecode cached, side by side
    with the bare interpreter (whose start-up no change to caresq can remove)."""
    commands = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "caresq plugins": [*CARESQ, "plugins"],
        "import caresq; Engine.default()": [PYTHON, "-c",
                                            "import caresq; caresq.Engine.default()"],
    }
    if subprocess.run([*CARESQ, "--version"], capture_output=True, env=ENV).returncode == 0:
        commands["caresq --version"] = [*CARESQ, "--version"]
    walls: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # once each, to write the bytecode cache
        subprocess.run(command, check=True, capture_output=True, env=ENV)
    for _ in range(runs):  # interleaved
        for name, command in commands.items():
            walls[name].append(_wall(command))
    for name, measured in walls.items():
        print(f"{name:34s} best {min(measured) * 1000:5.0f} ms, "
              f"median {statistics.median(measured) * 1000:5.0f} ms")


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV)
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
