"""The shard writer: full shards are written by its thread while runs go on; flush waits."""

from __future__ import annotations

import errno
import threading

import pyarrow as pa
import pytest
from digistrat.experiments import shards as shards_module
from digistrat.experiments.shards import ShardWriter, read_index, run_places, shards

COLUMNS = (pa.field("replication", pa.int64()),)


def _table(r: int) -> pa.Table:
    return pa.table({"month": pa.array([f"2020-0{m}" for m in (1, 2)]), "x": [float(r)] * 2})


def _writer(tmp_path, flush_seconds=0.0) -> ShardWriter:
    return ShardWriter(tmp_path, COLUMNS, ("timeseries",), flush_seconds=flush_seconds)


def test_every_run_is_stored_once_and_counted_after_flush(tmp_path):
    writer = _writer(tmp_path)  # every add hands a shard to the thread
    for r in range(7):
        writer.add({"key": f"k{r}", "replication": r}, {"timeseries": _table(r)})
    writer.flush()
    assert writer.written == 7
    index = read_index(tmp_path)
    assert sorted(index["key"]) == [f"k{r}" for r in range(7)]
    found = shards(tmp_path)
    assert len(found) == 7 and found == sorted(found)  # one at a time, in order
    places = run_places(tmp_path, ("timeseries",))["timeseries"]
    assert {p.rows for p in places.values()} == {2}
    assert writer._pool is None  # the thread ends with the flush


def test_runs_go_on_while_a_shard_is_written(tmp_path, monkeypatch):
    started, release = threading.Event(), threading.Event()
    original = shards_module._write_table

    def slow(path, table, **options):
        started.set()
        assert release.wait(10), "the test did not release the write"
        original(path, table, **options)

    monkeypatch.setattr(shards_module, "_write_table", slow)
    writer = _writer(tmp_path, flush_seconds=3600)
    writer.add({"key": "a", "replication": 0}, {"timeseries": _table(0)})
    writer._hand_over()  # returns while the thread writes
    assert started.wait(10)
    assert writer.written == 0 and shards(tmp_path) == []
    writer.add({"key": "b", "replication": 1}, {"timeseries": _table(1)})
    release.set()
    writer.flush()
    assert writer.written == 2
    assert sorted(read_index(tmp_path)["key"]) == ["a", "b"]


def test_a_failed_write_is_raised_in_the_caller_and_its_runs_not_counted(tmp_path, monkeypatch):
    original = shards_module._write_table
    calls = []

    def full_once(path, table, **options):
        calls.append(path.name)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        original(path, table, **options)

    monkeypatch.setattr(shards_module, "_write_table", full_once)
    writer = _writer(tmp_path)
    writer.add({"key": "a", "replication": 0}, {"timeseries": _table(0)})
    with pytest.raises(OSError, match="No space"):
        writer.add({"key": "b", "replication": 1}, {"timeseries": _table(1)})
    writer.flush()  # the run after the failed shard is still written
    assert writer.written == 1
    assert list(read_index(tmp_path)["key"]) == ["b"]
    assert not [p for p in (tmp_path / "runs").iterdir() if p.name.startswith(".")]


def test_ctrl_c_while_waiting_leaves_the_shard_for_flush_to_wait_for(tmp_path):
    class Writing:
        def __init__(self):
            self.calls = 0

        def result(self):
            self.calls += 1
            if self.calls == 1:
                raise KeyboardInterrupt
            return 3

    writer = _writer(tmp_path)
    writing = writer._writing = Writing()
    with pytest.raises(KeyboardInterrupt):
        writer._wait()
    assert writer._writing is writing
    writer.flush()
    assert writer.written == 3 and writer._writing is None
