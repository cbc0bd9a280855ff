"""The strategy registry: filled by subclassing :class:`~digistrat.core.strategies.Strategy`.

It is the one source of the strategy names: the parameter ``strategy.kind`` (and so
the scenario files and ``replace_path``) take their choices from it, so a registered
strategy is valid everywhere with no other edit.
"""

from __future__ import annotations

#: Strategy classes by name, in the order they were registered.
STRATEGIES: dict[str, type] = {}


def strategy_names() -> tuple[str, ...]:
    """The names of the registered strategies."""
    return tuple(STRATEGIES)
