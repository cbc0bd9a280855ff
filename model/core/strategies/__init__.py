"""Strategies: each decides, once a month, which work to start.

A strategy is a class with a ``name`` and a ``plan_initiatives(model)`` method.
Subclassing :class:`Strategy` registers it by name (in
:data:`~digistrat.core.registry.STRATEGIES`), so adding a strategy touches no other
code: its name is valid in scenario files at once. Importing this package registers
the strategies below.
"""

from .adaptive import AdaptiveStrategy
from .base import Strategy, make_strategy
from .classic import (
    BigBangStrategy,
    CapabilityOnlyStrategy,
    HybridStrategy,
    OrderFromITStrategy,
    SmallStepsStrategy,
)

__all__ = [
    "AdaptiveStrategy",
    "BigBangStrategy",
    "CapabilityOnlyStrategy",
    "HybridStrategy",
    "OrderFromITStrategy",
    "SmallStepsStrategy",
    "Strategy",
    "make_strategy",
]
