"""Legacy systems: age, technical health, maintenance cost and API readiness."""

from __future__ import annotations

import mesa

from ..parameters import LegacyBehaviour, LegacySystemParams


class LegacySystem(mesa.Agent):
    """One system of the digital legacy (digitalt arv).

    Health decays exponentially with a half-life unless funded maintenance
    (anti-regressive work, Lehman 1980) holds it back; maintenance cost rises as
    health falls (technical-debt interest, Nugroho et al. 2011).
    """

    def __init__(self, model: mesa.Model, p: LegacySystemParams, behaviour: LegacyBehaviour):
        super().__init__(model)
        self.name = p.name
        self.age_years = p.age_years
        self.behaviour = behaviour
        self.health = p.health  # technical health in [0, 1]
        self.api_readiness = p.api_readiness  # readiness to be reached through APIs, [0, 1]
        self.refresh()
        self.base_maintenance = p.maintenance_msek / 12.0
        self._decay = 0.5 ** (1.0 / (behaviour.half_life_years * 12.0))
        self.revealed = 0  # blocked initiatives that pointed at this system
        self.under_work = False

    def refresh(self) -> None:
        """Recompute what follows from health and API readiness; call after changing them.

        ``flexibility`` = (1 - api_weight) health + api_weight API readiness is how
        much the system helps rather than hinders change. ``block_probability`` =
        brake * (1 - flexibility) ** brake_exponent is the chance that an initiative
        touching it is blocked (the legacy brake). Both are read by every initiative
        and outcome, so they are kept up to date rather than recomputed on each read.
        """
        b = self.behaviour
        self.flexibility = (1.0 - b.api_weight) * self.health + b.api_weight * self.api_readiness
        self.block_probability = b.brake * (1.0 - self.flexibility) ** b.brake_exponent

    def maintenance_need(self) -> float:
        """Monthly maintenance cost in MSEK: base cost times (1 + interest * (1 - health))."""
        return self.base_maintenance * (1.0 + self.behaviour.interest * (1.0 - self.health))

    def decay(self, upkeep: float) -> None:
        """Age one month; lose health unless maintenance (``upkeep`` in [0, 1]) holds it."""
        self.health *= self._decay ** (1.0 - self.behaviour.upkeep_effect * upkeep)
        self.refresh()
        self.age_years += 1.0 / 12.0

    def fix(self, health_gain: float, api_gain: float) -> None:
        """A targeted fix: move health and API readiness part of the way to 1."""
        self.health += health_gain * (1.0 - self.health)
        self.api_readiness += api_gain * (1.0 - self.api_readiness)
        self.refresh()
        self.revealed = 0

    def renew(self, health: float, api: float) -> None:
        """Replace the system (modernisation): new health, new API readiness, age 0."""
        self.health = max(self.health, health)
        self.api_readiness = max(self.api_readiness, api)
        self.refresh()
        self.age_years = 0.0
        self.revealed = 0
