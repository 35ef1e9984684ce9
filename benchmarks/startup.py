"""Start-up of the ``caresq`` command, side by side with the bare interpreter.

    python benchmarks/startup.py                       # best of 21 runs each, interleaved
    python benchmarks/startup.py --runs 41
    python benchmarks/startup.py --source /tmp/old/src # the same, for another source tree too

Each command runs as a fresh process with its bytecode cached (as an installed package has it:
the caches go to a folder of their own, PYTHONDONTWRITEBYTECODE is lifted), once first to write
that cache, then ``--runs`` times, the commands interleaved so that a busy moment of the
machine falls on all of them alike. The table gives per command the best and the median wall
time and the best CPU time (user + system: on a machine shared with other work it varies less
than the wall time). ``python -c pass`` is what no change to caresq can remove.

``--source DIR`` times the same commands with ``PYTHONPATH=DIR`` too (a checkout's ``src`` of
another commit, e.g. from ``git archive COMMIT src | tar -x -C /tmp/old``), in the same
interleaved runs, so that before and after are measured side by side.
"""

from __future__ import annotations

import argparse
import json
import os
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
PROFILE = HERE.parent / "examples" / "kraamzorg.json"
ON = "2023-10-20"
PYCACHE = Path(tempfile.gettempdir()) / "caresq-bench-pycache"


def environment(source: str | None) -> dict[str, str]:
    """The environment of a timed run: bytecode cached, ``source`` first on the path."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    if source is not None:
        env["PYTHONPATH"] = source
    return env


def commands(batch_file: Path) -> dict[str, list[str]]:
    """What is timed, by the name the table shows."""
    return {
        "python -c pass": [PYTHON, "-c", "pass"],
        "caresq --version": [*CARESQ, "--version"],
        "caresq plugins": [*CARESQ, "plugins"],
        "caresq assess PROFILE": [*CARESQ, "assess", str(PROFILE), "--on", ON],
        "caresq assess --batch (1 line)": [*CARESQ, "assess", "--batch", str(batch_file),
                                           "--on", ON],
        "caresq --help": [*CARESQ, "--help"],
    }


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``command``: (wall s, CPU s of it and the children it waited for)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


#: (source label, command name) -> (wall s, CPU s) of each run.
Timings = dict[tuple[str, str], list[tuple[float, float]]]


def measure(runs: int, sources: dict[str, str | None]) -> Timings:
    """Every command under every source, ``runs`` times, interleaved."""
    with tempfile.TemporaryDirectory() as folder:
        batch_file = Path(folder) / "one.jsonl"
        profile = json.loads(PROFILE.read_text(encoding="utf-8"))
        batch_file.write_text(json.dumps(profile) + "\n", encoding="utf-8")
        todo = {(label, name): (command, environment(source))
                for label, source in sources.items()
                for name, command in commands(batch_file).items()}
        for command, env in todo.values():  # once each, to write the bytecode cache
            subprocess.run(command, check=True, capture_output=True, env=env)
        found: Timings = {key: [] for key in todo}
        for _ in range(runs):
            for key, (command, env) in todo.items():
                found[key].append(timed(command, env))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (21)")
    parser.add_argument("--source", metavar="DIR",
                        help="also time the source tree DIR (put first on PYTHONPATH)")
    args = parser.parse_args()
    sources: dict[str, str | None] = {"this": None}
    if args.source:
        sources = {"other": str(Path(args.source).resolve()), "this": None}
    found = measure(args.runs, sources)
    print(f"best of {args.runs} (ms), bytecode cached, load average "
          f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'command':34s} {'source':6s} {'wall':>7s} {'median':>7s} {'CPU':>7s}")
    for (label, name), measured in sorted(found.items(), key=lambda item: (
            list(commands(Path())).index(item[0][1]), item[0][0])):
        walls = [wall for wall, _ in measured]
        cpus = [cpu for _, cpu in measured]
        print(f"{name:34s} {label:6s} {min(walls) * 1000:7.1f} "
              f"{statistics.median(walls) * 1000:7.1f} {min(cpus) * 1000:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
