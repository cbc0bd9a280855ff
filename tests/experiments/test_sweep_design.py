import numpy as np
import pytest
from digistrat.experiments.sweep import Design, Factor, design_size, load_experiment, make_design

from .sweep_files import experiment, write

A = Factor("a", 0.0, 2.0)
B = Factor("b", 10.0, 20.0)
C = Factor("c", 1.0, 3.0, values=(1.0, 2.0, 3.0))
N = Factor("n", 1.0, 10.0, integer=True)


def test_grid_is_the_full_product_of_levels_and_values():
    design = make_design(Design("grid", None, 4, 1), (A, B, C))
    assert len(design) == 4 * 4 * 3 == design_size(Design("grid", None, 4, 1), (A, B, C))
    assert list(design.columns) == ["point", "a", "b", "c"]
    assert sorted(design["a"].unique()) == pytest.approx([0, 2 / 3, 4 / 3, 2])
    assert set(design["c"]) == {1.0, 2.0, 3.0}
    assert not design.duplicated(["a", "b", "c"]).any()


def test_lhs_stays_in_range_and_hits_every_stratum_once():
    n = 20
    design = make_design(Design("lhs", n, None, 3), (A, B))
    for f in (A, B):
        values = design[f.path].to_numpy()
        assert ((values >= f.low) & (values <= f.high)).all()
        strata = np.floor((values - f.low) / (f.high - f.low) * n).astype(int)
        assert sorted(strata) == list(range(n))


@pytest.mark.parametrize("second_order, per_n", [(True, 2 * 3 + 2), (False, 3 + 2)])
def test_sobol_sample_count(second_order, per_n):
    design = Design("sobol", 16, None, 1, second_order)
    frame = make_design(design, (A, B, C))
    assert len(frame) == 16 * per_n == design_size(design, (A, B, C))
    assert set(frame["c"]) <= {1.0, 2.0, 3.0}


def test_morris_sample_count_and_integer_rounding():
    design = Design("morris", 6, 4, 2)
    frame = make_design(design, (A, N))
    assert len(frame) == 6 * (2 + 1) == design_size(design, (A, N))
    assert frame["n"].dtype.kind == "i"
    assert frame["n"].between(1, 10).all()


def test_same_file_same_design_and_the_seed_matters(tmp_path):
    path = write(tmp_path, experiment(design={"kind": "sobol", "n": 8, "seed": 3}))
    first = load_experiment(path)
    again = make_design(load_experiment(path).design, first.factors)
    assert make_design(first.design, first.factors).equals(again)
    other = write(tmp_path, experiment(design={"kind": "sobol", "n": 8, "seed": 4}), "o.yaml")
    e = load_experiment(other)
    assert not make_design(e.design, e.factors).equals(again)


def test_empty_range_defaults_to_the_documented_range(tmp_path):
    e = load_experiment(write(tmp_path, experiment()))
    pace, training = e.factors
    assert (pace.low, pace.high) == (0.8, 1.4)
    assert (training.low, training.high) == (0.0, 0.6)
    assert e.seeds == (11, 12)
