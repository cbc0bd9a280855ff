import json

import pandas as pd
import pytest
from digistrat.cli import main
from digistrat.experiments.sweep import load_experiment, run_experiment

from .sweep_files import experiment, write


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_experiment(write(tmp_path_factory.mktemp("exp"), experiment()))


@pytest.fixture(scope="module")
def serial(tiny):
    return run_experiment(tiny, jobs=1)


def test_outcomes_hold_one_row_per_point_and_seed_with_common_seeds(serial):
    out = serial.outcomes
    assert list(out.columns) == [
        "point",
        "replication",
        "seed",
        "change_capability@2019-12",
        "trust@2019-01..2019-12",
    ]
    assert len(out) == 3 * 2
    assert all(seeds == (11, 12) for seeds in out.groupby("point")["seed"].apply(tuple))
    assert out["change_capability@2019-12"].notna().all()
    assert len(serial.summary) == 3
    means = out.groupby("point")["trust@2019-01..2019-12"].mean()
    assert serial.summary["trust@2019-01..2019-12:mean"].tolist() == means.tolist()
    assert serial.indices.empty  # 3 points cannot fit PRCC for 2 parameters
    assert any("3 design points cannot fit 2 parameters" in n for n in serial.notes)


def test_two_processes_give_identical_results(tiny, serial):
    parallel = run_experiment(tiny, jobs=2)
    pd.testing.assert_frame_equal(serial.outcomes, parallel.outcomes, check_exact=True)
    pd.testing.assert_frame_equal(serial.design, parallel.design, check_exact=True)


def test_dask_gives_identical_results(tiny, serial):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = run_experiment(tiny, client=client)
    pd.testing.assert_frame_equal(serial.outcomes, on_dask.outcomes, check_exact=True)


def test_cli_writes_results_and_never_overwrites_without_force(tmp_path, capsys):
    path = write(tmp_path, experiment(design={"kind": "sobol", "n": 2, "seed": 1}))
    out = tmp_path / "res"
    assert main(["sweep", str(path), "--out", str(out), "--jobs", "2"]) == 0
    printed = capsys.readouterr().out
    assert "ran 16 runs (8 design points x 2 seeds)" in printed
    assert "warning: n = 2 base samples is small" in printed
    files = sorted(p.name for p in out.iterdir())
    assert files == [
        "design.csv",
        "manifest.json",
        "outcomes.parquet",
        "plots",
        "sensitivity.csv",
        "summary.csv",
    ]
    assert "plots: 4 figures" in printed  # sensitivity and by parameter, per outcome
    assert len(list((out / "plots").glob("sensitivity_*.png"))) == 2
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["experiment"]["seeds"] == [11, 12]
    assert len(manifest["experiment"]["sha256"]) == 64
    assert manifest["experiment"]["runs"] == 16
    assert manifest["environment"]["packages"]["SALib"]
    indices = pd.read_csv(out / "sensitivity.csv")
    assert list(indices.columns) == ["outcome", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    before = (out / "outcomes.parquet").read_bytes()

    assert main(["sweep", str(path), "--out", str(out)]) == 2
    assert "already holds results" in capsys.readouterr().err
    assert (out / "outcomes.parquet").read_bytes() == before

    assert main(["sweep", str(path), "--out", str(out), "--force"]) == 0
    again = pd.read_parquet(out / "outcomes.parquet")
    pd.testing.assert_frame_equal(again, pd.read_parquet(tmp_path / "res" / "outcomes.parquet"))


def test_dry_run_prints_the_plan_and_writes_nothing(tmp_path, capsys):
    path = write(tmp_path, experiment())
    assert main(["sweep", str(path), "--dry-run", "--out", str(tmp_path / "o")]) == 0
    printed = capsys.readouterr().out
    assert "3 points x 2 seeds (11..12) = 6 runs" in printed
    assert "behaviour.attitudes.training_share  [0, 0.6] share" in printed
    assert not (tmp_path / "o").exists()


def test_shipped_experiments_load():
    for name, points in (("grid_pace_training", 9), ("sobol_small_vs_big", 128 * 9)):
        e = load_experiment(f"experiments/{name}.yaml")
        assert e.name == name
        from digistrat.experiments.sweep import design_size

        assert design_size(e.design, e.factors) == points
