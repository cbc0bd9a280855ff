"""Results directories: refuse to overwrite, replace atomically, read back."""

import json

import pandas as pd
import pytest
from digistrat.experiments import ResultsError, Tables, read_tables, refresh
from digistrat.experiments.manifest import git_state
from digistrat.experiments.store import check_target, staging, write_tables

from tests.manifests import write_study_manifest

from .synthetic import random_timeseries


def _tables():
    ts = random_timeseries(("a", "b"), replications=3)
    keys = ts[["scenario", "replication", "seed"]].drop_duplicates()
    inits = keys.assign(initiative=1, kind="capability", outcome="completed")
    deps = ts[["scenario", "replication", "seed", "month"]].assign(department="x", trust=0.5)
    return Tables(ts, inits.reset_index(drop=True), deps.reset_index(drop=True))


def test_staging_writes_whole_directory_or_nothing(tmp_path):
    out = tmp_path / "res"
    with staging(out) as tmp:
        (tmp / "a.txt").write_text("1")
        assert not out.exists()
    assert (out / "a.txt").read_text() == "1"
    with pytest.raises(RuntimeError, match="boom"), staging(out, force=True) as tmp:
        (tmp / "a.txt").write_text("2")
        raise RuntimeError("boom")
    assert (out / "a.txt").read_text() == "1"  # the failed run lost nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["res"]  # no debris


def test_existing_results_are_refused_unless_forced(tmp_path):
    out = tmp_path / "res"
    out.mkdir()
    check_target(out, force=False)  # an empty directory may be filled
    (out / "old.txt").write_text("old")
    with pytest.raises(ResultsError, match="already holds results.*--force"):
        check_target(out, force=False)
    with staging(out, force=True) as tmp:
        (tmp / "new.txt").write_text("new")
    assert [p.name for p in out.iterdir()] == ["new.txt"]
    (tmp_path / "file").write_text("")
    with pytest.raises(ResultsError, match="not a directory"):
        check_target(tmp_path / "file", force=True)


def test_tables_round_trip_and_refresh_rebuilds_derived_files(tmp_path):
    tables = _tables()
    write_tables(tmp_path, tables)
    write_study_manifest(tmp_path, {"a": {}, "b": {}}, [0, 1, 2])
    back = read_tables(tmp_path)
    pd.testing.assert_frame_equal(back.timeseries, tables.timeseries, check_dtype=False)
    study = refresh(tmp_path)
    summary = pd.read_csv(tmp_path / "summary.csv")
    assert len(summary) == 6
    comparison = pd.read_csv(tmp_path / "comparison.csv")
    assert set(comparison.scenario_b) == {"b"}
    assert study.comparison is not None


def test_reading_a_folder_that_is_not_results_is_a_results_error(tmp_path):
    with pytest.raises(ResultsError, match="does not exist"):
        read_tables(tmp_path / "nope")
    with pytest.raises(ResultsError, match="timeseries.parquet is missing"):
        read_tables(tmp_path)
    (tmp_path / "timeseries.parquet").write_text("not parquet")
    (tmp_path / "initiatives.parquet").write_text("")
    (tmp_path / "departments.parquet").write_text("")
    with pytest.raises(ResultsError, match="cannot read"):
        read_tables(tmp_path)
    (tmp_path / "manifest.json").write_text("{bad json")
    with pytest.raises(ResultsError):
        refresh(tmp_path)


def test_git_state_outside_a_checkout_is_none(tmp_path):
    assert git_state(tmp_path) is None
    json.dumps(git_state(tmp_path))


def test_code_state_names_the_checkout_or_says_there_is_none(tmp_path):
    from digistrat.experiments.manifest import PACKAGE_DIR, code_state

    here = code_state(PACKAGE_DIR)  # the tests run from an editable install in a checkout
    assert here["checkout"] and len(here["commit"]) == 40
    installed = tmp_path / "site-packages" / "digistrat"
    installed.mkdir(parents=True)
    (installed / "__init__.py").write_text("")
    state = code_state(installed)
    assert state["checkout"] is None and "installed package" in state["note"]
