"""Scenario layer: YAML files in, checked :class:`~digistrat.core.parameters.Parameters` out.

Typical use::

    from digistrat.scenario import load_scenario, ScenarioError
    scenario = load_scenario("scenarios/big_bang__investment.yaml", ["seed=7"])
    scenario.params, scenario.seed, scenario.replications
"""

from .errors import Issue, ScenarioError
from .loader import Scenario, load_scenario
from .schema import scenario_model

__all__ = ["Issue", "Scenario", "ScenarioError", "load_scenario", "scenario_model"]
