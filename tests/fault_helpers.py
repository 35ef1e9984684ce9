"""Helpers of the fault tests: install a plugin by entry point, run caresq as a process."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def install_plugin(site: Path, name: str, reference: str) -> None:
    """Write a distribution into ``site`` whose ``caresq.plugins`` entry point is ``reference``.

    Put ``site`` on ``sys.path`` (or ``PYTHONPATH``) and ``Engine.default()`` loads it as it
    loads any installed plugin.
    """
    info = site / f"hostile_{name}-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: hostile-{name}\n"
                                   "Version: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[caresq.plugins]\n{name} = {reference}\n",
                                           encoding="utf-8")


def environment(site: Path | None = None) -> dict[str, str]:
    """The environment of a caresq process: this checkout (and ``site``) importable."""
    paths = [str(ROOT), *([str(site)] if site else []), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, paths))}


def _default_sigint() -> None:
    # A process started in the background may inherit SIGINT ignored; Ctrl-C must reach it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


#: Every process :func:`start` started, for :func:`stop_all`.
STARTED: list[subprocess.Popen[bytes]] = []


def start(argv: Sequence[str], site: Path | None = None, *,
          cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """``caresq ARGV`` as a process, standard input a pipe the test writes to."""
    process = subprocess.Popen([sys.executable, "-m", "caresq", *argv], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                               env=environment(site), preexec_fn=_default_sigint)
    STARTED.append(process)
    return process


def stop_all() -> None:
    """Kill what :func:`start` started and its workers, should a failed test have left any."""
    while STARTED:
        process = STARTED.pop()
        for pid in [*children(process.pid), process.pid]:
            if alive(pid):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired, ValueError, OSError):
            process.communicate(timeout=10)


def children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid``, read from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie does not)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return False
    return fields[0] != "Z"


def wait_until(check: Callable[[], bool], seconds: float = 30.0) -> bool:
    """Whether ``check()`` came true within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


def cli_exit_code(*argv: str) -> int:
    """``caresq ARGV`` in this process: its exit code, whether it returns or exits."""
    from caresq.cli import main

    try:
        return main(list(argv))
    except SystemExit as ended:
        return int(ended.code or 0)
