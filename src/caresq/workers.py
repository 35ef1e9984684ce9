"""Worker processes that never outlive their parent: for every pool of caresq's commands.

Call :func:`never_outlive` first thing in a worker (a pool's initializer), with the parent's
process id taken in the parent.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from typing import Final

#: ``prctl`` option: the signal this process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG: Final = 1
#: Seconds between two looks of a worker at its parent.
_WATCH_EVERY: Final = 0.5


def never_outlive(parent: int) -> None:
    """Make this worker end with the parent ``parent``, however the parent ends.

    Ctrl-C reaches the whole process group: the workers ignore it and the parent stops them
    (so that they do not each print a traceback). SIGTERM is back to its default (the fork
    inherited the parent's handler). On Linux the kernel kills the worker when the parent
    dies (``PR_SET_PDEATHSIG``); everywhere a thread looks for a new parent twice a second.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watching thread below is enough
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_EVERY)
        os._exit(1)

    threading.Thread(target=watch, name="caresq-parent-watch", daemon=True).start()

