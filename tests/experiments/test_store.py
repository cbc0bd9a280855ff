"""Results directories: tables written and read back, derived files refreshed."""

import errno
import json

import pandas as pd
import pytest
from digistrat.experiments import ResultsError, Tables, read_tables, refresh
from digistrat.experiments.manifest import git_state
from digistrat.experiments.store import write_tables

from tests.manifests import write_study_manifest

from .synthetic import random_timeseries


def _tables():
    ts = random_timeseries(("a", "b"), replications=3)
    keys = ts[["scenario", "replication", "seed"]].drop_duplicates()
    inits = keys.assign(initiative=1, kind="capability", outcome="completed")
    deps = ts[["scenario", "replication", "seed", "month"]].assign(department="x", trust=0.5)
    return Tables(ts, inits.reset_index(drop=True), deps.reset_index(drop=True))


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


def test_run_keys_hash_the_parameters_seed_and_model_version_as_written():
    import hashlib
    import json

    from digistrat import Parameters, replace_path
    from digistrat.core.parameters import to_dict
    from digistrat.experiments.keys import model_version, run_key, run_keys

    p = Parameters()
    keys = run_keys(p, [0, 7, 123456])
    for seed, key in zip([0, 7, 123456], keys, strict=True):
        data = {"model": model_version(), "params": to_dict(p), "seed": seed}
        blob = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
        assert key == hashlib.sha256(blob.encode()).hexdigest()[:32] == run_key(p, seed)
    assert len(set(keys)) == 3
    assert run_key(replace_path(p, "behaviour.strain.pace", 1.3), 0) != keys[0]


def test_keys_written_group_by_group_equal_the_json_written_in_one_piece():
    import hashlib
    import json

    from digistrat import Parameters, replace_path
    from digistrat.core.parameters import to_dict
    from digistrat.experiments.keys import model_version, run_keys

    base = Parameters()
    names = [d.name for d in base.organisation.departments]
    variants = [base]
    for i, pace in enumerate([0.7, 1.0, 1.3333333333333333, 1.5]):
        p = replace_path(base, "behaviour.strain.pace", pace)
        p = replace_path(p, "behaviour.attitudes.training_share", i / 7)
        p = replace_path(p, "strategy.kind", ["small_steps", "big_bang"][i % 2])
        p = replace_path(p, f"organisation.departments.{names[i % len(names)]}.size", 10 + i)
        variants += [p, replace_path(p, "funding.investment.enabled", bool(i % 2))]
    for p in variants * 2:  # the second time from the remembered groups
        data = {"model": model_version(), "params": to_dict(p), "seed": 5}
        blob = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
        assert run_keys(p, [5]) == [hashlib.sha256(blob.encode()).hexdigest()[:32]]


def test_a_write_that_fails_removes_its_temporary_file_and_keeps_the_old_one(tmp_path):
    from digistrat.experiments.files import replacing, write_text

    path = tmp_path / "summary.csv"
    write_text(path, "old\n")
    with pytest.raises(OSError, match="No space"):
        with replacing(path) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.csv"]


def test_a_full_disk_is_one_clear_line_and_resume_finishes_the_same_results(
    tmp_path, monkeypatch, capsys
):
    from digistrat.cli import main

    from .sweep_files import experiment, write

    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 6, "seed": 2}))
    out = tmp_path / "out"
    real = pd.DataFrame.to_csv

    def full(self, target=None, *args, **kwargs):
        if ".summary.csv." in str(target):  # the temporary name of summary.csv
            with open(target, "w", encoding="utf-8") as partial:
                partial.write("scenario,")  # what fitted before the disk filled
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, target, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    assert main(["sweep", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "the disk is full" in err and "results stored before are kept" in err
    assert f"continue with: digistrat sweep {path} --out {out} --resume" in err
    assert not [p.name for p in out.rglob(".*") if p.name != ".lock"]  # no half-written file
    monkeypatch.setattr(pd.DataFrame, "to_csv", real)
    assert main(["sweep", str(path), "--out", str(out), "--resume"]) == 0
    assert "ran 0 runs" in capsys.readouterr().out  # every run was stored before the failure
    assert main(["sweep", str(path), "--out", str(tmp_path / "whole")]) == 0
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "outcomes.parquet"),
        pd.read_parquet(tmp_path / "whole" / "outcomes.parquet"),
        check_exact=True,
    )
    for name in ("summary.csv", "design.csv"):
        assert (out / name).read_text() == (tmp_path / "whole" / name).read_text()


def test_refresh_reads_only_the_time_series_but_needs_all_three_tables(tmp_path, monkeypatch):
    write_tables(tmp_path, _tables())
    write_study_manifest(tmp_path, {"a": {}, "b": {}}, [0, 1, 2])
    read = []
    original = pd.read_parquet

    def reading(path, *args, **kwargs):
        read.append(path.name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(pd, "read_parquet", reading)
    assert len(refresh(tmp_path).summary) == 6
    assert read == ["timeseries.parquet"]
    (tmp_path / "departments.parquet").unlink()
    with pytest.raises(ResultsError, match="departments.parquet is missing"):
        refresh(tmp_path)
