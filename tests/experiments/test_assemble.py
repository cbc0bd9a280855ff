"""Assembling a study's tables from its shards: each run's rows in order, tagged."""

from __future__ import annotations

import pyarrow as pa
from digistrat.experiments.assemble import _in_order, _tagged
from digistrat.experiments.campaign import Planned


def _runs(*months: list[int]) -> tuple[list[pa.Table], list[int]]:
    parts = [
        pa.table(
            {
                "month": pa.array(m, type=pa.int64()),
                "x": pa.array([float(v) for v in m], type=pa.float64()),
            }
        )
        for m in months
    ]
    return parts, [len(m) for m in months]


def _months(table: pa.Table) -> list[int]:
    return table.column("month").to_pylist()


def test_runs_in_order_are_kept_even_where_one_run_ends_above_the_next_start():
    parts, counts = _runs([3, 4, 5], [], [1, 2], [], [1])
    assert _months(_in_order(parts, counts, "month")) == [3, 4, 5, 1, 2, 1]


def test_a_run_out_of_order_is_sorted_stably_and_the_others_kept():
    parts, counts = _runs([], [1, 2], [2, 1, 1])
    rows = _in_order(parts, counts, "month")
    assert _months(rows) == [1, 2, 1, 1, 2]
    assert rows.column("x").to_pylist() == [1.0, 2.0, 1.0, 1.0, 2.0]
    # the last pair of the batch is the one out of order: no run boundary hides it
    parts, counts = _runs([5], [1, 3, 2], [])
    assert _months(_in_order(parts, counts, "month")) == [5, 1, 2, 3]
    parts, counts = _runs([], [1, 3, 2])
    assert _months(_in_order(parts, counts, "month")) == [1, 2, 3]


def test_empty_and_single_row_batches():
    parts, counts = _runs([], [])
    assert _in_order(parts, counts, "month").num_rows == 0
    parts, counts = _runs([7])
    assert _months(_in_order(parts, counts, "month")) == [7]


def test_tags_repeat_each_run_over_its_rows_including_runs_without_rows():
    parts, counts = _runs([1, 2], [], [1])
    runs = [
        Planned(f"k{r}", None, {"scenario": s, "replication": r, "seed": 10 + r}, (r,))
        for r, s in enumerate(("a", "b", "c"))
    ]
    table = _tagged(_in_order(parts, counts, "month"), counts, runs, ("month", "x"), "t")
    assert table.column_names[:3] == ["scenario", "replication", "seed"]
    assert table.column("scenario").to_pylist() == ["a", "a", "c"]
    assert table.column("seed").to_pylist() == [10, 10, 12]
    assert table.schema.field("scenario").type == pa.string()
