"""Bounded, always: every index and share in [0, 1] and every value finite, for any
parameter set within the documented ranges; a value out of bounds stops the run."""

import math

import numpy as np
import pytest
from digistrat import ParameterError, Parameters, build_model, check, replace_path, run
from digistrat.core.columns import OUTCOMES
from digistrat.core.errors import BoundsError
from digistrat.core.parameters import iter_parameters
from digistrat.core.registry import strategy_names
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

BOUNDED = [n for n, info in OUTCOMES.items() if info.unit in ("index 0-1", "share 0-1")]
#: Scalar numeric parameters outside the department and system lists, with their ranges.
RANGED = [
    (path, f)
    for path, f in iter_parameters()
    if "[]" not in path
    and str(f.type) in ("float", "int")
    and f.metadata.get("low") is not None
    and f.metadata.get("high") is not None
]


def assert_bounded(timeseries):
    for name in BOUNDED:
        values = timeseries[name].to_numpy()
        assert ((values >= 0.0) & (values <= 1.0)).all(), f"{name} left [0, 1]: {values.max()}"
    numbers = timeseries.drop(columns=["month"]).to_numpy(dtype=float)
    assert np.isfinite(numbers).all()


@pytest.mark.parametrize(
    "overrides",
    [
        {"behaviour.learning.self_rate": 0.3},
        {"behaviour.learning.reference_training_share": 0.05},
        {"behaviour.attitudes.training_share": 0.6},
        {
            "behaviour.learning.self_rate": 0.3,
            "behaviour.learning.reference_training_share": 0.05,
            "behaviour.attitudes.training_share": 0.6,
        },
    ],
)
def test_the_values_that_once_diverged_stay_in_bounds(overrides):
    p = Parameters()
    for path, value in overrides.items():
        p = replace_path(p, path, value)
    for seed in range(3):
        ts = run(p, seed).timeseries
        assert_bounded(ts)
        assert ts.self_sufficiency.max() <= 1.0 and ts.change_capability.max() <= 1.0


def _value(f, u: float):
    low, high = f.metadata["low"], f.metadata["high"]
    if str(f.type) == "int":
        return int(round(low + u * (high - low)))
    return low + u * (high - low)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(
    draws=st.lists(
        st.floats(0.0, 1.0, allow_nan=False), min_size=len(RANGED), max_size=len(RANGED)
    ),
    kind=st.sampled_from(sorted(strategy_names())),
    seed=st.integers(0, 1000),
)
def test_any_parameter_set_within_the_ranges_stays_in_bounds(draws, kind, seed):
    p = replace_path(Parameters(), "strategy.kind", kind)
    for (path, f), u in zip(RANGED, draws, strict=True):
        p = replace_path(p, path, _value(f, u))
    try:
        check(p)
    except ParameterError:
        assume(False)  # a cross-field rule (e.g. every index weight zero) refuses it
    assert_bounded(run(p, seed).timeseries)


def test_a_value_out_of_bounds_stops_the_run_with_a_clear_error():
    p = replace_path(Parameters(), "behaviour.strain.pace", 1.7)
    model = build_model(p, seed=4)
    for _ in range(30):
        model.step()
    model.departments[0].capability = 3.0  # a state no mechanism may reach
    with pytest.raises(BoundsError) as caught:
        model.step()
    message = str(caught.value)
    assert "maturity_capability" in message and "outside [0, 1]" in message
    assert "2019-07" in message and "seed 4" in message
    assert "behaviour.strain.pace=1.7" in message


def test_every_ranged_parameter_is_drawn():
    paths = {path for path, _ in RANGED}
    assert "behaviour.strain.pace" in paths and "strategy.adaptive.step" in paths
    assert all(math.isfinite(f.metadata["low"]) for _, f in RANGED)
