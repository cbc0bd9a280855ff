"""The app's levers and the model it steps, without a browser."""

from __future__ import annotations

import dataclasses

import pytest
from digistrat import Parameters, run
from digistrat.app.levers import Levers, apply, bounds, from_parameters, replace, strategies

pytest.importorskip("mesa")


def test_the_levers_start_from_the_base_and_set_their_parameters():
    base = Parameters()
    levers = from_parameters(base)
    assert apply(base, levers) == base  # no lever moved: the base itself
    moved = replace(
        levers,
        strategy="big_bang",
        programme_end_year=2024,
        investment=False,
        pace=1.4,
        training_share=0.35,
        it_moved_fte=5.0,
        it_move_year=2020,
        releases=4,
        side_by_side=0.5,
        fixes_after=0.75,
    )
    p = apply(base, moved)
    assert p.strategy.kind == "big_bang"
    assert p.funding.programme.end == "2024-12"
    assert p.funding.investment.enabled is False
    assert p.behaviour.strain.pace == 1.4
    assert p.behaviour.attitudes.training_share == 0.35
    assert (p.organisation.it.move_fte, p.organisation.it.move_month) == (5.0, "2020-01")
    assert p.strategy.modernisation_releases == 4.0
    assert p.behaviour.legacy.side_by_side == 0.5
    assert p.strategy.fixes_after_programme == 0.75


def test_choices_and_ranges_come_from_the_registry_and_the_metadata():
    assert {"small_steps", "big_bang"} <= set(strategies())
    assert bounds("pace") == (0.5, 2.0)
    assert bounds("training_share") == (0.0, 0.6)
    assert bounds("releases") == (1.0, 12.0) and bounds("side_by_side") == (0.0, 1.0)
    assert bounds("fixes_after") == (0.0, 1.0)


def test_a_setting_that_is_not_a_lever_is_refused():
    with pytest.raises(TypeError, match="not a lever: speed"):
        replace(Levers(), speed=2)


def test_the_workshop_model_steps_the_public_model_month_by_month():
    from digistrat.app.workshop import Workshop

    levers = Levers(strategy="big_bang", investment=False, seed=3)
    model = Workshop(**dataclasses.asdict(levers))
    for _ in range(model.sim.n_months):
        model.step()
    assert not model.running
    table = model.table()
    expected = run(apply(Parameters(), levers), seed=3).timeseries
    assert list(table["month"]) == list(expected["month"])
    assert (table["change_capability"].to_numpy() == expected["change_capability"].to_numpy()).all()


def test_the_table_is_whole_while_another_thread_steps_the_model():
    """The page draws its panels while its controls (or a test) step the model."""
    import sys
    import threading

    from digistrat.app.workshop import Workshop

    model = Workshop(seed=4)
    stepping = threading.Thread(target=lambda: [model.step() for _ in range(model.sim.n_months)])
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        stepping.start()
        seen = 0
        while stepping.is_alive() or seen < model.sim.n_months:
            table = model.table() if model.rows else None
            if table is not None:
                assert table["month"].notna().all() and table["year"].notna().all()
                assert table["change_capability"].notna().all()
                seen = len(table)
    finally:
        stepping.join(timeout=120)
        sys.setswitchinterval(switch)
    assert seen == model.sim.n_months
    assert model.rows[-1]["month"] == table["month"].iloc[-1]
