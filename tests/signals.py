"""Start a child process that acts on Ctrl-C whatever this process does with it."""

from __future__ import annotations

import signal
import subprocess


def popen_with_ctrl_c(command: list[str], **kwargs) -> subprocess.Popen:
    """``subprocess.Popen(command)`` whose child has SIGINT's default action.

    A shell starts background jobs with SIGINT ignored, and an ignored signal stays
    ignored across ``exec``: a test suite run as ``cmd &`` would start children that
    never see the Ctrl-C the tests send. A handled signal is reset to its default
    in the child, so SIGINT is handled here for the moment of the start. SIGHUP
    likewise, which ``nohup`` leaves ignored (and digistrat then keeps ignoring).
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    hup = signal.signal(signal.SIGHUP, _ignore)
    try:
        return subprocess.Popen(command, **kwargs)
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGHUP, hup)


def _ignore(signum, frame) -> None:
    return None
