"""Stopped sweeps and studies resume to exactly the results of an uninterrupted run."""

import signal
import subprocess
import sys
import time

import pandas as pd
import pyarrow.parquet as pq
import pytest
from digistrat.cli import main
from digistrat.experiments import RunFailed, Serial
from digistrat.experiments.campaign import spread
from digistrat.experiments.layout import RUNS
from digistrat.experiments.sweep import load_experiment, plan, run_experiment

from tests.signals import popen_with_ctrl_c

from .sweep_files import ROOT, experiment, fail_at_seeds, write

KILLABLE = {  # 1,800 runs of five years: many shards (one every 2 s), so a kill lands part-way
    "design": {"kind": "lhs", "n": 600, "seed": 3},
    "replications": {"count": 3, "seed": 11},
    "set": ["horizon.end=2021-12"],
}
KILLABLE_RUNS = 1800


def _index_keys(folder):
    """Every key in every complete shard's index (duplicates kept)."""
    paths = sorted((folder / RUNS).glob("part-*.index.parquet"))
    return pd.concat([pq.read_table(p, columns=["key"]).to_pandas() for p in paths])["key"]


def _wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.slow
def test_a_sweep_killed_part_way_resumes_to_the_uninterrupted_results(tmp_path):
    path = write(tmp_path, experiment(**KILLABLE))
    out = tmp_path / "res"
    command = [sys.executable, "-m", "digistrat", "sweep", str(path), "--out", str(out)]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for(lambda: list((out / RUNS).glob("part-*.index.parquet")) if out.exists() else [])
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    stored = len(_index_keys(out))
    assert 0 < stored < KILLABLE_RUNS, "the kill should land part-way"
    assert not (out / "outcomes.parquet").exists()

    assert main(["sweep", str(path), "--out", str(out), "--resume"]) == 0
    keys = _index_keys(out)
    assert len(keys) == KILLABLE_RUNS and keys.is_unique  # every run stored exactly once
    resumed = pd.read_parquet(out / "outcomes.parquet")
    whole = run_experiment(load_experiment(path)).outcomes
    pd.testing.assert_frame_equal(resumed, whole, check_exact=True)
    assert not [p for p in (out / RUNS).iterdir() if p.name.startswith(".")]  # no debris


@pytest.mark.slow
def test_workers_of_a_killed_sweep_end_quietly(tmp_path):
    """SIGKILL leaves the workers mid-run; they find the parent gone and end, no traceback."""
    path = write(tmp_path, experiment(**KILLABLE))
    out = tmp_path / "res"
    command = [sys.executable, "-m", "digistrat", "sweep", str(path), "--out", str(out), "-j", "2"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for(lambda: list((out / RUNS).glob("part-*.index.parquet")) if out.exists() else [])
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=60)  # EOF only once every worker has closed stderr
    assert "Traceback" not in err.decode(), err.decode()[-2000:]
    assert 0 < len(_index_keys(out)) < KILLABLE_RUNS


def test_a_failed_run_is_recorded_the_sweep_goes_on_and_resume_fills_it(tmp_path, monkeypatch):
    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 6, "seed": 3}))
    e = load_experiment(path)
    whole = run_experiment(e)
    out = tmp_path / "res"
    with monkeypatch.context() as patch:
        fail_at_seeds(patch, {12})
        failed = run_experiment(e, out, executor=Serial())
    assert len(failed.failures) == 6  # seed 12 at each of the 6 points
    assert set(failed.failures["seed"]) == {12}
    assert failed.failures["error"].str.contains("simulated crash at seed 12").all()
    assert list(failed.failures.columns[3:5]) == [f.path for f in e.factors]
    assert failed.outcomes["error"].notna().sum() == 6
    assert (failed.summary["change_capability@2019-12:n"] == 1).all()
    assert failed.valid == {name: 6 for name in failed.valid}
    assert (out / "failures.csv").is_file()
    manifest = pd.read_json(out / "manifest.json", typ="series")
    assert manifest["runs"]["failed"] == 6 and manifest["runs"]["planned"] == 12

    resumed = run_experiment(e, out, resume=True)
    assert resumed.tally.ran == 6 and resumed.tally.stored == 6
    assert len(resumed.failures) == 0 and not (out / "failures.csv").exists()
    pd.testing.assert_frame_equal(resumed.outcomes, whole.outcomes, check_exact=True)
    pd.testing.assert_frame_equal(resumed.summary, whole.summary, check_exact=True)
    assert _index_keys(out).nunique() == 12


def test_fail_fast_stops_at_the_first_failure_and_resume_completes(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 6, "seed": 3}))
    out = tmp_path / "res"
    with monkeypatch.context() as patch:
        fail_at_seeds(patch, {12})
        with pytest.raises(RunFailed, match="seed 12.*simulated crash.*fail-fast.*are stored"):
            run_experiment(load_experiment(path), out, fail_fast=True)
        code = main(["sweep", str(path), "--out", str(out), "--resume", "--fail-fast"])
    assert code == 1
    err = capsys.readouterr().err
    assert "stopped at the first failure" in err and "--resume" in err
    assert main(["sweep", str(path), "--out", str(out), "--resume"]) == 0
    whole = run_experiment(load_experiment(path)).outcomes
    pd.testing.assert_frame_equal(pd.read_parquet(out / "outcomes.parquet"), whole)


@pytest.mark.slow
def test_an_interrupted_study_resumes_to_the_uninterrupted_tables_and_says_what_it_kept(tmp_path):
    scenarios = [
        str(ROOT / "scenarios" / f) for f in ("sundsvall_2017.yaml", "big_bang__investment.yaml")
    ]
    common = ["-n", "600", "--set", "horizon.end=2022-12"]  # 1,200 runs: many 2 s shards
    out = tmp_path / "res"
    earlier = ["compare", *scenarios, "-n", "1", "--set", "horizon.end=2017-06"]
    assert main([*earlier, "--out", str(out)]) == 0
    before = set((out / RUNS).glob("part-*.index.parquet"))
    command = [sys.executable, "-m", "digistrat", "compare", *scenarios, *common]
    command += ["--out", str(out), "--force", "--jobs", "2"]
    proc = popen_with_ctrl_c(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _wait_for(lambda: set((out / RUNS).glob("part-*.index.parquet")) - before)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "runs are stored in" in err and "--resume" in err
    assert "The earlier results" in err and "were removed (--force)." in err
    assert "Traceback" not in err
    stored = len(_index_keys(out))
    assert 0 < stored < 1200

    assert main(["compare", *scenarios, *common, "--out", str(out), "--resume"]) == 0
    assert main(["compare", *scenarios, *common, "--out", str(tmp_path / "whole")]) == 0
    for name in ("timeseries", "initiatives", "departments"):
        a = pd.read_parquet(out / f"{name}.parquet")
        b = pd.read_parquet(tmp_path / "whole" / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    for name in ("summary.csv", "comparison.csv"):
        assert (out / name).read_text() == (tmp_path / "whole" / name).read_text()
    assert _index_keys(out).is_unique


def test_runs_are_interleaved_so_a_part_holds_a_balanced_sample(tmp_path):
    assert spread(8) == [0, 4, 2, 6, 1, 5, 3, 7]
    assert sorted(spread(9)) == list(range(9))
    data = experiment(
        design={"kind": "grid", "levels": 3},
        parameters={"behaviour.strain.pace": {}, "behaviour.attitudes.training_share": {}},
        replications={"count": 4, "seed": 1},
    )
    design, runs = plan(load_experiment(write(tmp_path, data)))
    order = sorted(runs, key=lambda r: r.rank)
    first = order[:9]
    assert {r.tags["replication"] for r in first} == {0}  # every point once before any repeats
    assert {r.tags["point"] for r in first} == set(range(9))
    head = design.set_index("point").loc[[r.tags["point"] for r in order[:4]]]
    for column in head.columns:  # four runs already reach both ends of every range
        assert head[column].nunique() >= 2


def test_a_study_writes_the_tables_and_summary_of_the_runs_in_memory(tmp_path):
    from digistrat.experiments import Task, run_study, run_tasks
    from digistrat.experiments.store import read_tables
    from digistrat.experiments.study import refresh
    from digistrat.scenario import load_scenario

    short = ["horizon.end=2023-06"]
    scenarios = [
        load_scenario(ROOT / "scenarios" / f, short)
        for f in ("sundsvall_2017.yaml", "big_bang__programme_2022.yaml")
    ]
    out = tmp_path / "res"
    study = run_study(scenarios, out, replications=3, seed=5, common_seeds=True)
    tasks = [Task(s.name, r, 5 + r, s.params) for s in scenarios for r in range(3)]
    memory, disk = run_tasks(tasks), read_tables(out)
    for a, b in zip(
        (memory.timeseries, memory.initiatives, memory.departments),
        (disk.timeseries, disk.initiatives, disk.departments),
        strict=True,
    ):
        pd.testing.assert_frame_equal(b, a, check_exact=True)
    summary = (out / "summary.csv").read_text()
    comparison = (out / "comparison.csv").read_text()
    refresh(out)  # the summary and comparison computed again from the tables on disk
    assert (out / "summary.csv").read_text() == summary
    assert (out / "comparison.csv").read_text() == comparison
    assert "change_capability@2026-12" not in study.summary  # beyond the horizon


def test_runs_that_recorded_other_outcomes_are_not_continued(tmp_path):
    from digistrat.experiments import ResultsError

    path = write(tmp_path, experiment())
    out = tmp_path / "res"
    run_experiment(load_experiment(path), out)
    other = write(tmp_path, experiment(outcomes=["trust@2019-12"]), "other.yaml")
    with pytest.raises(ResultsError, match="record other numbers"):
        run_experiment(load_experiment(other), out, resume=True)
