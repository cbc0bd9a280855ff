import numpy as np
import pandas as pd
import pytest
from digistrat.experiments.sweep import Design, Factor, make_design, run_experiment
from digistrat.experiments.sweep.analysis import analyse

from .sweep_files import experiment, write

FACTORS = (Factor("a", 0.0, 1.0), Factor("b", 0.0, 1.0), Factor("c", 0.0, 1.0))


def _known(design: Design) -> tuple[pd.DataFrame, list[str]]:
    """y = 4a + b: S1 of a is 16/17, of b 1/17; c does nothing."""
    x = make_design(design, FACTORS)
    means = pd.DataFrame({"y": 4 * x["a"] + x["b"]}, index=x["point"])
    return analyse(design, FACTORS, means, ["y"])


def test_sobol_recovers_the_indices_of_a_known_function():
    indices, second, notes = _known(Design("sobol", 1024, None, 1))
    got = indices.set_index("parameter")
    assert got.loc["a", "S1"] == pytest.approx(16 / 17, abs=0.05)
    assert got.loc["b", "S1"] == pytest.approx(1 / 17, abs=0.02)
    assert got.loc["a", "ST"] == pytest.approx(16 / 17, abs=0.05)
    assert abs(got.loc["c", "ST"]) < 1e-9 and abs(got.loc["c", "S1"]) < 1e-9
    assert (got[["S1_conf", "ST_conf"]] >= 0).all().all()
    assert second is None
    assert notes == []


def test_small_sobol_samples_are_flagged_and_second_order_is_reported():
    indices, second, notes = _known(Design("sobol", 32, None, 1, second_order=True))
    assert any("n = 32 base samples is small" in n for n in notes)
    assert list(second.columns) == ["outcome", "parameter_a", "parameter_b", "S2", "S2_conf"]
    assert len(second) == 3


def test_morris_of_a_linear_function_gives_its_coefficients_exactly():
    indices, _, notes = _known(Design("morris", 20, 4, 1))
    got = indices.set_index("parameter")
    assert got.loc["a", "mu_star"] == pytest.approx(4.0, abs=1e-12)
    assert got.loc["b", "mu_star"] == pytest.approx(1.0, abs=1e-12)
    assert got.loc["a", "mu"] == pytest.approx(4.0, abs=1e-12)
    assert got.loc["c", "mu_star"] == 0.0
    assert np.allclose(got["sigma"], 0.0, atol=1e-12)
    assert (got["n"] == 20 * 4).all()
    assert notes == []


def test_sobol_recovers_the_ishigami_indices():
    """Ishigami & Homma (1990), a = 7, b = 0.1: the analytic S1 and ST (Saltelli et al. 2008)."""
    factors = tuple(Factor(name, -np.pi, np.pi) for name in ("x1", "x2", "x3"))
    design = Design("sobol", 4096, None, 1)
    x = make_design(design, factors)
    y = np.sin(x["x1"]) + 7 * np.sin(x["x2"]) ** 2 + 0.1 * x["x3"] ** 4 * np.sin(x["x1"])
    indices, _, notes = analyse(design, factors, pd.DataFrame({"y": y}).set_axis(x["point"]), ["y"])
    got = indices.set_index("parameter")
    for name, s1, st in (("x1", 0.3139, 0.5576), ("x2", 0.4424, 0.4424), ("x3", 0.0, 0.2437)):
        assert got.loc[name, "S1"] == pytest.approx(s1, abs=0.03), name
        assert got.loc[name, "ST"] == pytest.approx(st, abs=0.03), name
    assert notes == []


def test_an_outcome_that_does_not_vary_gets_no_indices():
    x = make_design(Design("sobol", 8, None, 1), FACTORS)
    means = pd.DataFrame({"flat": np.ones(len(x))}, index=x["point"])
    indices, _, notes = analyse(Design("sobol", 8, None, 1), FACTORS, means, ["flat"])
    assert indices.empty
    assert any("does not vary" in n for n in notes)


def test_modernisation_months_does_nothing_under_small_steps(tmp_path):
    data = experiment(
        parameters={"behaviour.learning.rate": {}, "strategy.modernisation_months": {}},
        design={"kind": "sobol", "n": 16, "seed": 2},
        replications={"count": 1, "seed": 3},
        outcomes=["change_capability@2019-12"],
    )
    result = run_experiment(write(tmp_path, data))
    got = result.indices.set_index("parameter")
    assert result.runs == 16 * 4
    assert abs(got.loc["strategy.modernisation_months", "ST"]) < 1e-12
    assert got.loc["behaviour.learning.rate", "ST"] > 0.3
