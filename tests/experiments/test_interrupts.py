"""Signals held back while a block must not be cut off, then acted on."""

from __future__ import annotations

import signal

import pytest
from digistrat.experiments.interrupts import signals_deferred


def test_a_ctrl_c_in_the_block_is_acted_on_after_it_and_noted_once():
    notes, done = [], []
    with pytest.raises(KeyboardInterrupt):
        with signals_deferred((signal.SIGINT,), lambda: notes.append(1)):
            signal.raise_signal(signal.SIGINT)
            signal.raise_signal(signal.SIGINT)
            done.append(True)  # the block went on to its end
    assert done == [True] and notes == [1]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_blocks_own_error_goes_on_and_the_held_signal_is_dropped():
    with pytest.raises(OSError, match="full"):
        with signals_deferred((signal.SIGINT,)):
            signal.raise_signal(signal.SIGINT)
            raise OSError("disk full")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_signal_stays_ignored():
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with signals_deferred((signal.SIGTERM,)):
            signal.raise_signal(signal.SIGTERM)
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, previous)
