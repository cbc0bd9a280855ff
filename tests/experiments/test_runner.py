"""Running replications through digistrat.core.run.run, serially and in processes."""

import pandas as pd
import pytest
from digistrat import Parameters, replace_path
from digistrat.experiments import RunError, Task, run_replications, run_tasks, seeds_for
from digistrat.experiments.runner import (
    DEPARTMENTS_COLUMNS,
    INITIATIVES_COLUMNS,
    TIMESERIES_COLUMNS,
)

SHORT = replace_path(Parameters(), "horizon.end", "2019-06")


def test_seeds_are_consecutive_from_the_base_seed():
    assert seeds_for(7, 3) == [7, 8, 9]
    with pytest.raises(ValueError, match="replications must be >= 1"):
        seeds_for(7, 0)


def test_tables_are_tagged_and_tidy():
    tables = run_replications(SHORT, seeds=[11, 12], scenario="short")
    ts = tables.timeseries
    assert list(ts.columns[: len(TIMESERIES_COLUMNS)]) == list(TIMESERIES_COLUMNS)
    assert list(tables.initiatives.columns[: len(INITIATIVES_COLUMNS)]) == list(INITIATIVES_COLUMNS)
    assert list(tables.departments.columns[: len(DEPARTMENTS_COLUMNS)]) == list(DEPARTMENTS_COLUMNS)
    assert set(ts.scenario) == {"short"}
    assert ts.groupby("replication").seed.unique().map(list).tolist() == [[11], [12]]
    assert ts.month.iloc[0] == "2017-01" and ts.month.iloc[-1] == "2019-06"
    assert len(ts) == 2 * 30
    assert ts.equals(ts.sort_values(["replication", "month"], kind="stable"))


def test_parallel_and_serial_runs_give_identical_tables():
    other = replace_path(SHORT, "strategy.kind", "big_bang")
    tasks = [Task(name, r, 5 + r, p) for name, p in (("s", SHORT), ("b", other)) for r in range(2)]
    serial, parallel = run_tasks(tasks, jobs=1), run_tasks(tasks, jobs=2)
    for a, b in zip(
        (serial.timeseries, serial.initiatives, serial.departments),
        (parallel.timeseries, parallel.initiatives, parallel.departments),
        strict=True,
    ):
        pd.testing.assert_frame_equal(a, b)
    assert serial.scenarios() == ["s", "b"]


def test_same_seed_gives_the_same_run_and_another_seed_another():
    a = run_replications(SHORT, seeds=[3, 3, 4]).timeseries
    runs = [
        g.drop(columns=["replication"]).reset_index(drop=True) for _, g in a.groupby("replication")
    ]
    pd.testing.assert_frame_equal(runs[0], runs[1])
    assert not runs[0].drop(columns="seed").equals(runs[2].drop(columns="seed"))


def test_a_failing_run_names_scenario_replication_and_seed():
    bad = replace_path(SHORT, "horizon.end", "2016-01")
    with pytest.raises(RunError, match="scenario 'bad', replication 0, seed 9"):
        run_replications(bad, seeds=[9], scenario="bad")
    with pytest.raises(RunError, match="scenario 'bad', replication [01], seed (9|10)"):
        run_replications(bad, seeds=[9, 10], scenario="bad", jobs=2)


def test_bad_job_counts_are_refused():
    with pytest.raises(ValueError, match="jobs must be >= 1"):
        run_replications(SHORT, seeds=[1], jobs=0)
