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
        self._health = p.health
        self._api = p.api_readiness
        self._refresh()
        self.base_maintenance = p.maintenance_msek / 12.0
        self.dependents: list = []  # Department agents, filled by the model
        self._decay = 0.5 ** (1.0 / (behaviour.half_life_years * 12.0))
        self.revealed = 0  # blocked initiatives that pointed at this system
        self.under_work = False

    # Health and API readiness change a few times a month at most, but flexibility and
    # the block probability are read by every initiative and outcome: they are kept
    # up to date whenever either changes.
    @property
    def health(self) -> float:
        """Technical health in [0, 1]."""
        return self._health

    @health.setter
    def health(self, value: float) -> None:
        self._health = value
        self._refresh()

    @property
    def api_readiness(self) -> float:
        """Readiness to be reached through APIs, in [0, 1]."""
        return self._api

    @api_readiness.setter
    def api_readiness(self, value: float) -> None:
        self._api = value
        self._refresh()

    def _refresh(self) -> None:
        b = self.behaviour
        #: How much the system helps rather than hinders change, in [0, 1].
        self.flexibility = 0.5 * self._health + 0.5 * self._api
        self._block = b.brake * (1.0 - self.flexibility) ** b.brake_exponent

    def maintenance_need(self) -> float:
        """Monthly maintenance cost in MSEK: base cost times (1 + interest * (1 - health))."""
        return self.base_maintenance * (1.0 + self.behaviour.interest * (1.0 - self._health))

    def decay(self, upkeep: float) -> None:
        """Age one month; lose health unless maintenance (``upkeep`` in [0, 1]) holds it."""
        held = self.behaviour.upkeep_effect * upkeep
        self._health *= self._decay ** (1.0 - held)
        self._refresh()
        self.age_years += 1.0 / 12.0

    def block_probability(self) -> float:
        """Chance that an initiative touching this system is blocked (the legacy brake).

        brake * (1 - flexibility) ** brake_exponent.
        """
        return self._block

    def fix(self, health_gain: float, api_gain: float) -> None:
        """A targeted fix: move health and API readiness part of the way to 1."""
        self._health += health_gain * (1.0 - self._health)
        self.api_readiness = self._api + api_gain * (1.0 - self._api)
        self.revealed = 0

    def renew(self, health: float, api: float) -> None:
        """Replace the system (modernisation): new health, new API readiness, age 0."""
        self._health = max(self._health, health)
        self.api_readiness = max(self._api, api)
        self.age_years = 0.0
        self.revealed = 0
