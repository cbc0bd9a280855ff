"""A progress bar for runs, on stderr; silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO


class ProgressBar:
    """Counts finished runs and shows a bar while it is used as a context manager.

    Args:
        total: number of runs expected.
        label: text in front of the bar.
        stream: where to draw (default ``sys.stderr``).
        enabled: draw at all; default: only when ``stream`` is a terminal.
    """

    def __init__(self, total: int, label: str = "runs", stream: TextIO | None = None, enabled=None):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = isatty() if enabled is None else enabled
        self.started = time.perf_counter()
        self.finished: float | None = None
        self._bar = None

    def __enter__(self) -> ProgressBar:
        self.started = time.perf_counter()
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total, desc=self.label, unit="run", file=self.stream, leave=False
            )
        return self

    def __call__(self, n: int = 1) -> None:
        """Record ``n`` finished runs."""
        self.done += n
        if self._bar is not None:
            self._bar.update(n)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.finished = time.perf_counter()
        if self._bar is not None:
            self._bar.close()

    @property
    def seconds(self) -> float:
        """Wall time from start to the end of the block (or to now, inside it), in seconds."""
        return (self.finished or time.perf_counter()) - self.started
