"""Holding signals back while something must not be cut off half-way."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Ctrl-C, SIGTERM and SIGHUP: the signals that end a command.
ENDING = (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []))


@contextmanager
def signals_deferred(
    signals: tuple[int, ...] = ENDING, note: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold ``signals`` until the block is done, then act on the first as it would have been.

    The handlers are swapped rather than the signals blocked: a signal sent to the
    process may reach any of its threads. ``note`` is called when the first one
    arrives. If the block raises, its error goes on and the held signal is dropped.
    Only the main thread can swap handlers; elsewhere the block runs as is, and a
    signal whose handler was set outside Python (which cannot be put back) is not held.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(number, frame) -> None:
        if not caught and note is not None:
            note()
        caught.append(number)

    held = [s for s in signals if signal.getsignal(s) is not None]
    previous = {s: signal.signal(s, hold) for s in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if caught:
        handler = previous[caught[0]]
        if callable(handler):
            handler(caught[0], None)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(caught[0])
