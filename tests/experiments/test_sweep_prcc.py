import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from digistrat.cli import main
from digistrat.experiments.sweep import Design, Factor, make_design, run_experiment
from digistrat.experiments.sweep.regression import (
    prcc,
    rankdata,
    regression_indices,
    src,
)
from digistrat.views import draw

from .sweep_files import experiment, write

FACTORS = (Factor("a", 0.0, 1.0), Factor("b", 0.0, 1.0), Factor("c", 0.0, 1.0))
INERT = "strategy.modernisation_months"


def _lhs(n: int, seed: int = 3) -> pd.DataFrame:
    return make_design(Design("lhs", n, None, seed), FACTORS)


def _indices(x: pd.DataFrame, y) -> tuple[pd.DataFrame, list[str]]:
    means = pd.DataFrame({"y": np.asarray(y, dtype=float)}, index=x["point"])
    return regression_indices(FACTORS, x, means, ["y"])


def test_prcc_of_a_monotone_function_finds_the_strong_the_negative_and_the_inert_input():
    x = _lhs(200)
    indices, notes = _indices(x, np.exp(3 * x["a"]) - 2 * x["b"] ** 3)
    got = indices.set_index("parameter")
    assert got.loc["a", "PRCC"] > 0.95 and got.loc["a", "PRCC_p"] < 1e-10
    assert -0.9 < got.loc["b", "PRCC"] < -0.6 and got.loc["b", "PRCC_p"] < 1e-10
    assert abs(got.loc["c", "PRCC"]) < 0.15 and got.loc["c", "PRCC_p"] > 0.05
    assert got.loc["a", "SRC"] > 0.8 > abs(got.loc["b", "SRC"])
    assert 0.8 < got["R2"].iloc[0] < 0.95  # exp is not linear
    assert list(indices.columns) == ["outcome", "parameter", "PRCC", "PRCC_p", "SRC", "R2", "n"]
    assert notes == []


def test_prcc_equals_the_partial_correlation_from_the_inverse_rank_correlation_matrix():
    rng = np.random.default_rng(11)
    x = rng.uniform(size=(60, 3))
    y = x[:, 0] ** 2 - x[:, 1] + rng.normal(0, 0.2, 60)
    got, p = prcc(x, y)
    ranks = np.column_stack([pd.Series(v).rank().to_numpy() for v in (*x.T, y)])
    inverse = np.linalg.inv(np.corrcoef(ranks, rowvar=False))
    expected = [-inverse[j, 3] / np.sqrt(inverse[j, j] * inverse[3, 3]) for j in range(3)]
    assert got == pytest.approx(expected, abs=1e-10)
    assert np.all((p >= 0) & (p <= 1))


def test_ranks_and_p_values_are_those_of_scipy_stats():
    from scipy import stats

    rng = np.random.default_rng(5)
    for v in (rng.uniform(size=50), rng.integers(0, 6, 80).astype(float), np.ones(7), [3.0]):
        assert np.array_equal(rankdata(v), stats.rankdata(v))
    x = np.column_stack([rng.integers(0, 4, 40), rng.uniform(size=40), rng.uniform(size=40)])
    y = x[:, 0] - 2 * x[:, 1] + rng.normal(0, 0.5, 40)
    r, p = prcc(x, y)
    dof = 40 - 2 - 2
    expected = [2 * stats.t.sf(abs(c) * np.sqrt(dof / (1 - c * c)), dof) for c in r]
    assert p == pytest.approx(expected, rel=1e-12, abs=1e-300)
    assert p[0] < 1e-6 and p[1] < 1e-3 and p[2] > 0.01  # c is noise


def test_a_grid_sweep_leaves_scipy_stats_unimported(tmp_path):
    """Its import is 0.5-1 s, most of a grid sweep's analysis; nothing there needs it."""
    data = experiment(
        parameters={"behaviour.learning.rate": {}, INERT: {}},
        design={"kind": "grid", "levels": 3},
        replications={"count": 1, "seed": 3},
    )
    path = write(tmp_path, data)
    script = (
        "import sys; from pathlib import Path; "
        "from digistrat.experiments.sweep import run_experiment; "
        f"r = run_experiment(Path({str(path)!r}), Path({str(tmp_path / 'res')!r})); "
        "assert len(r.indices) == 4, r.indices; "
        "print('scipy.stats' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "False"


def test_an_output_that_is_a_monotone_function_of_one_input_has_prcc_one():
    x = _lhs(30).drop(columns="point").to_numpy()
    r, p = prcc(x, x[:, 1] ** 3)
    assert r[1] == pytest.approx(1.0) and p[1] == 0.0


def test_src_of_a_linear_function_is_exact_and_r2_is_one():
    x = _lhs(100)
    beta, r2 = src(x[["a", "b", "c"]].to_numpy(), 3 * x["a"] - x["b"])
    sd = x[["a", "b"]].std(ddof=1).to_numpy()
    y_sd = (3 * x["a"] - x["b"]).std(ddof=1)
    assert beta[:2] == pytest.approx([3 * sd[0] / y_sd, -sd[1] / y_sd], rel=1e-9)
    assert abs(beta[2]) < 1e-9
    assert r2 == pytest.approx(1.0)


def test_few_points_are_flagged_and_too_few_give_no_indices():
    x = _lhs(12)
    _, notes = _indices(x, x["a"])
    assert any("12 design points for 3 parameters is few" in n for n in notes)
    x = _lhs(4)
    indices, notes = _indices(x, x["a"])
    assert indices.empty and any("cannot fit 3 parameters" in n for n in notes)


def test_an_outcome_that_does_not_vary_gets_no_prcc():
    indices, notes = _indices(_lhs(40), np.ones(40))
    assert indices.empty and any("does not vary" in n for n in notes)


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    """The real model on a 3 x 3 grid of learning rate x the (inert) modernisation months."""
    folder = tmp_path_factory.mktemp("grid")
    data = experiment(
        parameters={"behaviour.learning.rate": {}, INERT: {}},
        design={"kind": "grid", "levels": 3},
        replications={"count": 1, "seed": 3},
    )
    result = run_experiment(write(folder, data), folder / "res")
    return result, draw(result.folder).plots


def test_the_inert_control_parameter_has_prcc_zero_on_the_real_model(grid):
    grid, _ = grid
    got = grid.indices.set_index("parameter")
    rows = got[got["outcome"] == "change_capability@2019-12"]
    assert abs(rows.loc[INERT, "PRCC"]) < 1e-9 and rows.loc[INERT, "PRCC_p"] > 0.99
    assert abs(rows.loc[INERT, "SRC"]) < 1e-9
    assert rows.loc["behaviour.learning.rate", "PRCC"] > 0.5
    assert any("9 design points for 2 parameters is few" in n for n in grid.notes)


def test_a_grid_sweep_writes_prcc_and_its_plots(grid):
    grid, plots = grid
    folder = grid.folder
    indices = pd.read_csv(folder / "sensitivity.csv")
    assert list(indices.columns) == ["outcome", "parameter", "PRCC", "PRCC_p", "SRC", "R2", "n"]
    assert len(indices) == 2 * 2
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["kind"] == "sweep"
    assert manifest["experiment"]["analysis"].startswith("PRCC and SRC")
    names = sorted(p.name for p in plots)
    # (sensitivity + by parameter + heat map) x 2 outcomes x (png + svg)
    assert len(names) == 3 * 2 * 2
    assert "by_parameter_change_capability_2019-12.png" in names
    assert "sensitivity_change_capability_2019-12.png" in names
    assert "mean_trust_2019-01_2019-12.svg" in names
    assert all(p.stat().st_size > 1000 for p in plots)


def test_replot_redraws_the_plots_from_disk(grid, capsys):
    grid, _ = grid
    plots = grid.folder / "plots"
    for path in plots.iterdir():
        path.unlink()
    assert main(["sweep", "--replot", str(grid.folder)]) == 0
    assert "plots: 6 figures" in capsys.readouterr().out
    assert len(list(plots.glob("*.png"))) == 6
    assert main(["sweep", "--replot", str(plots)]) == 2
