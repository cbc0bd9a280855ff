"""Same seed, same results; other seed, other results; common random numbers."""

import pandas as pd
from digistrat import build_model, run
from digistrat.core.registry import STRATEGIES
from digistrat.core.streams import SHARED

from .helpers import params


def test_same_seed_gives_identical_tables():
    a, b = run(params(), seed=7), run(params(), seed=7)
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries)
    pd.testing.assert_frame_equal(a.initiatives, b.initiatives)
    pd.testing.assert_frame_equal(a.departments, b.departments)


def test_different_seeds_give_different_tables():
    a, b = run(params(), seed=1), run(params(), seed=2)
    assert not a.timeseries.equals(b.timeseries)
    assert not a.initiatives.equals(b.initiatives)


def _run_model(kind, seed=11):
    model = build_model(params(kind), seed)
    model.run()
    return model


def test_strategies_share_the_draws_of_streams_neither_uses():
    """Two strategies, same seed: every stream neither strategy draws on its own
    (the shared ones, and the other strategies' own streams) ends in the same state."""
    own = {name: set(cls.streams) for name, cls in STRATEGIES.items()}
    every = set(SHARED) | set().union(*own.values())
    for a, b in [("small_steps", "big_bang"), ("capability_only", "order_from_it")]:
        ma, mb = _run_model(a), _run_model(b)
        for stream in sorted(every - own[a] - own[b]):
            assert ma.streams.state(stream) == mb.streams.state(stream), (
                f"stream {stream!r} drawn differently under {a} and {b}"
            )
        for name in ("u_arrival", "u_proposal", "u_turnover", "z_politics"):
            assert (getattr(ma, name) == getattr(mb, name)).all()
    # and a strategy's own stream is really used, so the check above can fail
    ss, bb = _run_model("small_steps"), _run_model("big_bang")
    assert ss.streams.state("legacy_fix") != bb.streams.state("legacy_fix")
    assert ss.streams.state("modernisation") != bb.streams.state("modernisation")


def test_the_same_proposal_has_the_same_fate_draws_under_every_strategy():
    ma, mb = _run_model("small_steps"), _run_model("capability_only")
    assert ma.u_proposal.shape == mb.u_proposal.shape
    assert (ma.u_proposal == mb.u_proposal).all()


def test_adding_a_stream_does_not_change_others():
    from digistrat.core.streams import Streams

    a, b = Streams(5), Streams(5)
    b["some_new_process"].random(10)
    assert (a["arrival"].random(5) == b["arrival"].random(5)).all()


def test_stepping_while_running_is_the_run_and_a_step_past_the_horizon_is_refused():
    import pytest
    from digistrat.core.errors import ModelError

    p = params("small_steps", horizon__end="2018-06")
    model = build_model(p, 3)
    steps = 0
    while model.running:
        model.step()
        steps += 1
    assert steps == model.n_months
    expected = run(p, 3).timeseries
    pd.testing.assert_frame_equal(model.result().timeseries, expected)
    with pytest.raises(ModelError, match=r"all 18 months of its horizon \(to 2018-06\)"):
        model.step()


def test_a_run_leaves_the_garbage_collector_as_it_found_it(monkeypatch):
    """The collector is paused for a run and its tables, then restored: on if it was
    on (also when building the tables fails), still off if the caller had turned it off."""
    import gc
    import importlib

    import pytest
    from digistrat.core.run import run_columns

    core_run = importlib.import_module("digistrat.core.run")  # the module, not run()

    seen = []

    def spy(model):
        seen.append(gc.isenabled())
        raise RuntimeError("tables failed")

    assert gc.isenabled()
    run(params(), seed=3)
    assert gc.isenabled()
    monkeypatch.setattr(core_run, "table_columns", spy)
    with pytest.raises(RuntimeError, match="tables failed"):
        run_columns(params(), seed=3)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        run(params(), seed=3)
        assert not gc.isenabled()
    finally:
        gc.enable()
