"""One source for each fact: strategies and events come from their registries."""

import pytest
from digistrat import ParameterError, Parameters, replace_path, run
from digistrat.core.events import EVENTS
from digistrat.core.parameters import Event
from digistrat.core.registry import STRATEGIES
from digistrat.core.strategies import Strategy
from digistrat.scenario import ScenarioError, load_scenario


@pytest.fixture
def registered():
    """A strategy registered for one test, and unregistered after it."""

    class FixFirstStrategy(Strategy):
        """Fix every unhealthy system it can, then start capability work."""

        name = "fix_first_test"
        streams = ("legacy_fix",)

        def plan_initiatives(self, model):
            for system in model.systems:
                if not system.under_work and system.flexibility < 0.6:
                    model.portfolio.start_fix(system)
            self.start_capability_work(model)

    yield FixFirstStrategy
    del STRATEGIES["fix_first_test"]


def test_a_registered_strategy_is_valid_in_a_scenario_file_with_no_other_edit(registered, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("strategy:\n  kind: fix_first_test\nhorizon:\n  end: 2020-12\n")
    scenario = load_scenario(path)
    assert scenario.params.strategy.kind == "fix_first_test"
    result = run(scenario.params, seed=1)
    fixes = result.initiatives[result.initiatives.kind == "legacy_fix"]
    assert len(fixes) > 0
    assert replace_path(Parameters(), "strategy.kind", "fix_first_test").strategy.kind


def test_an_unknown_strategy_is_refused_with_the_registered_names(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("strategy:\n  kind: fix_first_test\n")
    with pytest.raises(ScenarioError, match="small_steps"):
        load_scenario(path)
    with pytest.raises(ParameterError, match="is not one of .*small_steps"):
        replace_path(Parameters(), "strategy.kind", "fix_first_test")


def test_behaviour_that_differs_by_strategy_is_a_property_of_the_class():
    assert STRATEGIES["small_steps"].cocreated
    assert not STRATEGIES["order_from_it"].cocreated


def test_event_kinds_come_from_the_one_dispatch_table():
    import dataclasses

    kind = {f.name: f for f in dataclasses.fields(Event)}["kind"]
    assert kind.metadata["choices"] == tuple(EVENTS)
    assert all(callable(handler) for handler in EVENTS.values())
