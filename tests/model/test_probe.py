"""The probe (a standard change set, docs/ODD.md 7.12) measures the run without disturbing it."""

import copy

import numpy as np
import pandas as pd
import pytest
from digistrat import build_model, run
from digistrat.core import outcomes as outcomes_module
from digistrat.core.probe import standard_set

from .helpers import params

#: Columns that read the probe; everything else is the run's own state.
PROBED = {"delivery", "change_capability", "change_lead_time_months", "change_cost_msek"}


@pytest.mark.parametrize("kind", ["small_steps", "big_bang", "adaptive", "order_from_it"])
def test_the_run_is_the_same_whatever_the_probe_reports(kind, monkeypatch):
    p = params(kind)
    measured = run(p, 3).timeseries
    monkeypatch.setattr(outcomes_module, "standard_set", lambda model: (12.0, 1.0))
    blind = run(p, 3).timeseries
    state = [c for c in measured.columns if c not in PROBED]
    pd.testing.assert_frame_equal(measured[state], blind[state])
    assert not np.allclose(measured["change_lead_time_months"], 12.0)  # the probe did measure


def test_asking_the_probe_draws_nothing_and_changes_nothing():
    model = build_model(params("small_steps"), 5)
    for _ in range(70):
        model.step()
    names = list(model.streams._generators)
    before = {name: copy.deepcopy(model.streams.state(name)) for name in names}
    balances = [s.remaining for s in model.treasury.sources]
    state = outcomes_module.measure(model)
    first = standard_set(model)
    assert all(standard_set(model) == first for _ in range(3))
    assert {name: model.streams.state(name) for name in names} == before
    assert [s.remaining for s in model.treasury.sources] == balances
    assert outcomes_module.measure(model) == state
    assert first[0] == pytest.approx(model.outcomes["change_lead_time_months"])
