import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from digistrat.cli import main
from digistrat.core.registry import STRATEGIES
from digistrat.experiments import Processes
from digistrat.experiments.cluster import Dask
from digistrat.experiments.sweep import load_experiment, run_experiment

from .sweep_files import ROOT, experiment, write


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_experiment(write(tmp_path_factory.mktemp("exp"), experiment()))


@pytest.fixture(scope="module")
def serial(tiny):
    return run_experiment(tiny)


def test_outcomes_hold_one_row_per_point_and_seed_with_common_seeds(serial):
    out = serial.outcomes
    assert list(out.columns) == [
        "point",
        "replication",
        "seed",
        "change_capability@2019-12",
        "trust@2019-01..2019-12",
        "error",
    ]
    assert out["error"].isna().all()
    assert len(out) == 3 * 2
    assert all(seeds == (11, 12) for seeds in out.groupby("point")["seed"].apply(tuple))
    assert out["change_capability@2019-12"].notna().all()
    assert len(serial.summary) == 3
    means = out.groupby("point")["trust@2019-01..2019-12"].mean()
    assert serial.summary["trust@2019-01..2019-12:mean"].tolist() == means.tolist()
    assert serial.indices.empty  # 3 points cannot fit PRCC for 2 parameters
    assert any("3 design points cannot fit 2 parameters" in n for n in serial.notes)


def test_two_processes_give_identical_results(tiny, serial):
    parallel = run_experiment(tiny, executor=Processes(2))
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
        on_dask = run_experiment(tiny, executor=Dask(client=client))
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
        ".lock",
        "design.csv",
        "manifest.json",
        "outcomes.parquet",
        "plots",
        "runs",
        "sensitivity.csv",
        "summary.csv",
        "variance.csv",
    ]
    assert "plots: 5 figures" in printed  # sensitivity and by parameter per outcome, variance
    assert len(list((out / "plots").glob("sensitivity_*.png"))) == 2
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["experiment"]["seeds"] == [11, 12]
    assert len(manifest["experiment"]["sha256"]) == 64
    assert manifest["experiment"]["runs"] == 16
    assert manifest["environment"]["packages"]["SALib"]
    indices = pd.read_csv(out / "sensitivity.csv")
    assert list(indices.columns) == ["outcome", "parameter", "S1", "S1_conf", "ST", "ST_conf", "n"]
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


SHIPPED = sorted((ROOT / "experiments").glob("*.yaml"))


@pytest.mark.slow
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_point_of_every_shipped_experiment_keeps_the_parameter_rules(path):
    """What --dry-run checks: no design point of a shipped experiment is refused."""
    from digistrat.experiments.sweep.plan import plan

    frame, runs = plan(load_experiment(path))
    assert len(runs) > 0 and len(frame) > 0


def test_shipped_experiments_load():
    from digistrat.experiments.sweep import design_size

    shipped = (
        ("grid_pace_training", 9),
        ("sobol_small_vs_big", 128 * 9),
        ("strategy_x_funding", 6 * 7 * 2),
        ("sensitivity_sobol", 1024 * 14),
        ("side_by_side", 3 * 5 * 2),
        ("own_stack", 2 * 2 * 3 * 3),
    )
    for name, points in shipped:
        e = load_experiment(f"experiments/{name}.yaml")
        assert e.name == name
        assert design_size(e.design, e.factors) == points
    e = load_experiment("experiments/strategy_x_funding.yaml")
    assert len(e.seeds) == 20 and e.design.kind == "grid"
    assert e.factors[0].values == (
        "small_steps", "big_bang", "capability_only", "order_from_it", "hybrid", "adaptive"
    )  # fmt: skip
    assert set(e.factors[0].values) == set(STRATEGIES)  # every registered strategy
    assert e.factors[1].values == tuple(f"{year}-12" for year in range(2020, 2027))
    assert e.factors[2].values == (True, False)


def shipped_at_a_small_size(tmp_path: Path, name: str, seeds: int) -> tuple[Path, str]:
    """Sweep a shipped experiment with every design point but ``seeds`` seeds; its output."""
    data = yaml.safe_load(Path(f"experiments/{name}.yaml").read_text())
    data["scenario"] = str(ROOT / "scenarios" / "sundsvall_2017.yaml")
    data["replications"]["count"] = seeds
    out = tmp_path / "res"
    args = ["sweep", str(write(tmp_path, data)), "--out", str(out), "--jobs", "2"]
    return out, main(args)


@pytest.mark.slow
def test_strategy_x_funding_runs_at_a_small_size(tmp_path, capsys):
    out, code = shipped_at_a_small_size(tmp_path, "strategy_x_funding", 2)  # 2 seeds, not 20
    assert code == 0
    assert "ran 168 runs (84 design points x 2 seeds)" in capsys.readouterr().out
    summary = pd.read_csv(out / "summary.csv")
    assert len(summary) == 84 and (summary["change_capability@2026-12:n"] == 2).all()
    combos = summary[["strategy.kind", "funding.programme.end", "funding.investment.enabled"]]
    assert len(combos.drop_duplicates()) == 84
    capability = summary.groupby("funding.investment.enabled")["change_capability@2026-12:mean"]
    means = capability.mean()
    # investment money keeps the unit after the programme ends (ODD 7.8)
    assert means[True] > means[False], f"capability should be higher with investment: {means}"


@pytest.mark.slow
def test_side_by_side_runs_at_a_small_size_and_its_table_is_read(tmp_path, capsys):
    from tests.scripts import load_script

    out, code = shipped_at_a_small_size(tmp_path, "side_by_side", 3)  # 3 seeds, not 20
    assert code == 0
    assert "ran 90 runs (30 design points x 3 seeds)" in capsys.readouterr().out
    script = load_script("side_by_side")
    rows = script.table(script.runs(out))
    assert len(rows) == 10 and set(rows.investment) == {"on", "off"}
    assert rows["small_steps change_capability@2030-12"].str.endswith("/3)").all()
    upkeep = rows.set_index(["investment", "side_by_side"])["O&M small_steps"].astype(float)
    # the cost of running old and new side by side falls on IT's operations (ODD 7.5)
    assert upkeep[("on", 1.0)] > upkeep[("on", 0.0)]
    assert script.markdown(rows).count("\n") == 11


def test_a_sweep_measures_exactly_what_the_run_tables_give(tiny):
    from digistrat.core import run
    from digistrat.experiments.sweep import plan
    from digistrat.experiments.sweep.plan import MeasurePoint

    design, runs = plan(tiny)
    measure = MeasurePoint(tiny)
    for planned in runs[:3]:
        item = planned.item
        params = tiny.point_params(
            dict(zip([f.path for f in tiny.factors], item.values, strict=True))
        )
        table = run(params, item.seed).timeseries
        assert measure(item) == tuple(m.value(table) for m in tiny.measures)
