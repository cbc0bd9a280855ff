"""A progress line for runs on stderr: runs done, failures, rate and time left.

The rate, and so the time left, is counted from the first finished run, not from
the start: starting worker processes or a cluster takes seconds that the later
runs do not, and counting them would make the first estimates far too long. It is
silent when stderr is not a terminal.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

_EVERY = 0.2  # seconds between redraws


class ProgressBar:
    """Counts finished runs and shows them while it is used as a context manager.

    Args:
        total: number of runs to do.
        label: text in front of the line.
        stream: where to draw (default ``sys.stderr``).
        enabled: draw at all; default: only when ``stream`` is a terminal.
    """

    def __init__(
        self,
        total: int,
        label: str = "runs",
        stream: TextIO | None = None,
        enabled: bool | None = None,
    ):
        self.total, self.label, self.done, self.failed = total, label, 0, 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self.finished: float | None = None
        self._first: tuple[float, int] | None = None
        self._drawn = 0.0

    def __enter__(self) -> ProgressBar:
        self.started = time.perf_counter()
        self._draw(force=True)
        return self

    def __call__(self, n: int = 1, failed: int = 0) -> None:
        """Record ``n`` finished runs, ``failed`` of which failed."""
        self.done += n
        self.failed += failed
        if self._first is None:
            self._first = (time.perf_counter(), self.done)
        self._draw()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.finished = time.perf_counter()
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    @property
    def seconds(self) -> float:
        """Wall time from start to the end of the block (or to now, inside it), in seconds."""
        return (self.finished or time.perf_counter()) - self.started

    def rate(self) -> float | None:
        """Runs per second since the first finished run, or None before two have finished."""
        if self._first is None or self.done <= self._first[1]:
            return None
        elapsed = time.perf_counter() - self._first[0]
        return (self.done - self._first[1]) / elapsed if elapsed > 0 else None

    def line(self) -> str:
        """The text shown: done of total, failures, rate and time left."""
        text = f"{self.label}: {self.done}/{self.total} runs"
        if self.failed:
            text += f", {self.failed} failed"
        rate = self.rate()
        if self._first is None:
            return text + ", starting"
        if rate is None:
            return text
        left = (self.total - self.done) / rate
        return text + f", {rate:.1f} runs/s, {_duration(left)} left"

    def _draw(self, force: bool = False) -> None:
        now = time.perf_counter()
        if not self.enabled or (not force and now - self._drawn < _EVERY):
            return
        self._drawn = now
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()


def _duration(seconds: float) -> str:
    """``42 s``, ``3 min 5 s`` or ``2 h 10 min``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
