"""Departments (förvaltningar): capability, self-sufficiency, trust and demand."""

from __future__ import annotations

import mesa

from ..calendar import month_number
from ..parameters import DepartmentParams


class Department(mesa.Agent):
    """A department that proposes initiatives and learns from doing them.

    State: ``capability`` (DiMiOS capability axis), ``self_sufficiency``
    (självgående), ``trust`` in the unit, ``willingness`` to engage, the month it
    joins, its legacy systems and the benefits realised (MSEK/year).
    """

    def __init__(self, model: mesa.Model, p: DepartmentParams, index: int):
        super().__init__(model)
        self.name = p.name
        self.index = index
        self.size = p.size
        self.capability = p.capability
        self.self_sufficiency = p.self_sufficiency
        self.trust = p.trust
        self.willingness = p.willingness
        self.joins = month_number(p.joins)
        self.systems: list = []  # LegacySystem agents, filled by the model
        self.benefits_msek_year = 0.0
        self.last_delivery = self.joins  # month of the last delivered initiative
        self.maturity_legacy = 1.0  # refreshed monthly by update_legacy()
        self.block_probability = 0.0

    def joined(self, month: int) -> bool:
        """Whether the department works with the unit in absolute month ``month``."""
        return month >= self.joins

    def record(self, month: str) -> tuple:
        """The department's row of the department table for ``month`` (YYYY-MM).

        ``month`` and then the columns of :data:`DEPARTMENT_COLUMNS`, in order.
        """
        return (
            month,
            self.name,
            self.capability,
            self.maturity_legacy,
            self.self_sufficiency,
            self.trust,
            self.benefits_msek_year,
        )

    def update_legacy(self) -> None:
        """Recompute the legacy axis and the mean block probability of the department's systems.

        ``maturity_legacy`` is the mean flexibility of the systems it depends on;
        ``block_probability`` the mean chance the legacy brake stops one of its
        initiatives. Both are refreshed once a month, after the legacy changed.
        """
        systems = self.systems
        if not systems:
            self.maturity_legacy, self.block_probability = 1.0, 0.0
            return
        flexibility = block = 0.0
        for system in systems:
            flexibility += system.flexibility
            block += system.block_probability
        n = len(systems)
        self.maturity_legacy, self.block_probability = flexibility / n, block / n

    def proposal_rate(self, month_factor: float, trust_floor: float, offset: float) -> float:
        """Expected proposals this month.

        rate = month_factor * size * willingness * (trust_floor + (1 - trust_floor) trust)
        * (offset + capability), where the organisation-wide month_factor = base *
        (will_floor + (1 - will_floor) will) * (threshold_floor + (1 - threshold_floor)
        lower_thresholds). The last department factor is absorptive capacity (Cohen &
        Levinthal 1990): a department that has never started finds it harder to begin.
        """
        return (
            month_factor
            * self.size
            * self.willingness
            * (trust_floor + (1.0 - trust_floor) * self.trust)
            * (offset + self.capability)
        )

    def learn(self, gain: float, floor: float) -> None:
        """Learning by doing: capability moves ``gain`` of the way to 1.

        The gain is scaled by absorptive capacity ``floor + (1 - floor) * capability``.
        """
        absorb = floor + (1.0 - floor) * self.capability
        self.capability += gain * absorb * (1.0 - self.capability)

    def learn_self_sufficiency(self, gain: float) -> None:
        """Self-sufficiency moves ``gain`` of the way to 1."""
        self.self_sufficiency += gain * (1.0 - self.self_sufficiency)

    def change_trust(self, delta: float) -> None:
        """Trust moves the share ``delta`` (clipped to [-1, 1]) of the way to 1 or to 0."""
        if delta >= 0.0:
            self.trust += min(delta, 1.0) * (1.0 - self.trust)
        else:
            self.trust += max(delta, -1.0) * self.trust
