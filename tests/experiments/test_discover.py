"""A lever sweep end to end, and ``digistrat discover`` from its results with no model runs."""

import importlib
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml
from digistrat.cli import main
from digistrat.experiments import layout

from .sweep_files import ROOT, experiment, write

SHIPPED = ROOT / "experiments" / "discovery_small_vs_big.yaml"
TABLES = (*layout.DISCOVERY_FILES, layout.POLICIES, layout.VARIANCE)


def small_lever_sweep() -> dict:
    """Small steps against big bang over two parameters: 16 points x 2 policies x 2 seeds."""
    return experiment(
        set=["horizon.end=2021-12"],
        parameters={"behaviour.legacy.brake": {}, "behaviour.needs.turbulence": {}},
        levers={"strategy.kind": {"values": ["small_steps", "big_bang"]}},
        design={"kind": "lhs", "n": 16, "seed": 3},
        outcomes=["change_capability@2021-12", "change_capability@2020-01..2021-12"],
        discovery={"resamples": 2, "seed": 5},
        robustness={"satisficing": ["change_capability@2021-12 >= 0.3"]},
    )


def test_a_lever_sweep_and_discover_from_its_results_without_model_runs(
    tmp_path, monkeypatch, capsys
):
    swept = tmp_path / "res"
    path = write(tmp_path, small_lever_sweep())
    assert main(["sweep", str(path), "--out", str(swept), "-j", "2"]) == 0
    assert "paired runs" in capsys.readouterr().out
    _check_the_sweep(swept)
    sweep_tables = {name: (swept / name).read_bytes() for name in layout.DISCOVERY_FILES}

    plan = importlib.import_module("digistrat.experiments.sweep.plan")

    def no_model(*args, **kwargs):
        raise AssertionError("digistrat discover ran the model")

    monkeypatch.setattr(plan, "build_model", no_model)
    runs_before = sorted((p.name, p.stat().st_mtime_ns) for p in (swept / "runs").iterdir())
    outcomes_before = (swept / layout.OUTCOMES).read_bytes()

    # the sweep's own settings again: the same tables, byte for byte
    assert main(["discover", str(swept)]) == 0
    assert {name: (swept / name).read_bytes() for name in layout.DISCOVERY_FILES} == sweep_tables
    printed = capsys.readouterr().out
    assert "no model runs" in printed and "report: " in printed

    # other questions of the same runs
    command = ["discover", str(swept), "--threshold", "change_capability@2021-12 >= 0.25"]
    command += ["--measure", "change_capability@2021-12", "--margin", "0.001"]
    assert main(command) == 0
    satisficing = pd.read_csv(swept / layout.SATISFICING)
    assert set(satisficing["threshold"]) == {"change_capability@2021-12 >= 0.25"}
    summary = pd.read_csv(swept / layout.DISCOVERY)
    assert (summary["margin"] == 0.001).all()
    assert set(summary["measure"]) == {"change_capability@2021-12"}
    manifest = json.loads((swept / layout.MANIFEST).read_text())
    assert manifest["experiment"]["discovery"]["thresholds"] == [
        "change_capability@2021-12 >= 0.25"
    ]
    assert sorted((p.name, p.stat().st_mtime_ns) for p in (swept / "runs").iterdir()) == runs_before
    assert (swept / layout.OUTCOMES).read_bytes() == outcomes_before

    # what it refuses, with exit 2 and no traceback
    capsys.readouterr()
    assert main(["discover", str(swept), "--pair", "small_steps,bigbang"]) == 2
    assert "did you mean 'big_bang'" in capsys.readouterr().err
    assert main(["discover", str(swept), "--threshold", "change_capability@2021-12 = 1"]) == 2
    assert "is not a threshold" in capsys.readouterr().err
    assert main(["discover", str(tmp_path / "nowhere")]) == 2
    assert "manifest.json is missing" in capsys.readouterr().err


def test_a_sweep_without_levers_has_nothing_to_discover(tmp_path, capsys):
    plain = tmp_path / "plain"
    assert main(["sweep", str(write(tmp_path, experiment())), "--out", str(plain)]) == 0
    capsys.readouterr()
    assert main(["discover", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "no sweep with levers" in err and "Traceback" not in err


def _check_the_sweep(swept: Path) -> None:
    for name in TABLES:
        assert (swept / name).is_file(), name
    outcomes = pd.read_parquet(swept / layout.OUTCOMES)
    assert list(outcomes.columns[:4]) == ["point", "policy", "replication", "seed"]
    assert len(outcomes) == 16 * 2 * 2
    assert "change_capability@2020-01..2020-12" in outcomes.columns, "the yearly parts"
    summary = pd.read_csv(swept / layout.DISCOVERY)
    assert set(summary[["leader", "challenger"]].iloc[0]) == {"small_steps", "big_bang"}
    assert (summary["futures"] == 16).all() and (summary["runs"] == 32).all()
    robustness = pd.read_csv(swept / layout.ROBUSTNESS)
    assert list(robustness.columns[:6]) == [
        "measure", "leader", "challenger", "leader_share", "futures", "seeds"
    ]  # fmt: skip
    regret = pd.read_csv(swept / layout.REGRET)
    assert set(regret["policy"]) == {"small_steps", "big_bang"}
    assert (regret.groupby("measure")["best_share"].sum() >= 1.0 - 1e-9).all()
    assert (swept / layout.DISCOVERY_MD).read_text().count("paired runs") == 2
    plots = {p.stem for p in (swept / "plots").glob("*.png")}
    assert {"variance", "satisficing", "robustness_change_capability_2021-12"} <= plots
    leads = summary["challenger_runs"] > 0
    assert sum(p.startswith("discovery_") for p in plots) == leads.sum()
    indices = pd.read_csv(swept / layout.INDICES)
    assert set(indices["policy"]) == {"small_steps", "big_bang"}


@pytest.mark.slow
def test_the_shipped_discovery_experiment_runs_at_a_small_size(tmp_path, capsys):
    data = yaml.safe_load(SHIPPED.read_text())
    data["scenario"] = str((SHIPPED.parent / data["scenario"]).resolve())
    data["design"]["n"] = 12
    data["replications"]["count"] = 2
    data["discovery"]["resamples"] = 2
    path = write(tmp_path, data, "discovery_small.yaml")
    out = tmp_path / "res"
    assert main(["sweep", str(path), "--out", str(out), "--jobs", "2"]) == 0
    printed = capsys.readouterr().out
    assert "ran 144 runs (12 design points x 6 policies x 2 seeds)" in printed
    summary = pd.read_csv(out / layout.DISCOVERY)
    # 2 measures x 2 funding contexts x 3 pairs
    assert len(summary) == 12
    assert set(summary["context"].fillna("")) == {
        "funding.investment.enabled=true",
        "funding.investment.enabled=false",
    }
    regret = pd.read_csv(out / layout.REGRET)
    assert set(regret["choice"]) == {"small_steps", "big_bang", "adaptive"}
    assert Path(out / layout.DISCOVERY_MD).is_file()
