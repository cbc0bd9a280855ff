"""Legacy systems: age, health, complexity, maintenance, and what is known of their needs."""

from __future__ import annotations

import mesa

from ..parameters import LegacyBehaviour, LegacySystemParams, Needs


class LegacySystem(mesa.Agent):
    """One system of the digital legacy (digitalt arv).

    Health decays with a half-life unless funded maintenance (anti-regressive work,
    Lehman 1980) holds it back; old and complex systems decay faster. Maintenance
    cost and the operations work IT does on the system rise as health falls
    (technical-debt interest, Nugroho et al. 2011) and as complexity grows. Every
    solution delivered on the system adds complexity and maintenance (Lehman's
    growing complexity), less when it is built on APIs. ``knowledge`` is the share of
    the departments' current needs on the system that the organisation knows; legacy
    work fits the needs only as far as they are known. ``evidence`` counts what
    blocked and dragged initiatives and assessments have shown of its flaws.

    Old and new run side by side while a system is renewed piece by piece (Fowler's
    strangler fig): ``renewed`` is the share of it that targeted fixes have rebuilt,
    with the old still running beside it, and its maintenance and operations cost
    ``side_by_side * 4 * renewed * (1 - renewed)`` more (nothing before the first
    fix, most at half, little once the old is nearly gone). A system replaced by a
    modernisation runs beside its replacement, at the full ``side_by_side``, for
    ``cutover_months`` after the cut-over.
    """

    def __init__(
        self, model: mesa.Model, p: LegacySystemParams, behaviour: LegacyBehaviour, needs: Needs
    ):
        super().__init__(model)
        self.name = p.name
        self.age_years = p.age_years
        self.behaviour = behaviour
        self.health = p.health  # technical health in [0, 1]
        self.api_readiness = p.api_readiness  # readiness to be reached through APIs, [0, 1]
        self.complexity = 1.0  # relative to the system at the start
        self.knowledge = needs.known_at_start  # share of current needs that is known
        self.evidence = 0.0  # what work and assessments showed of its flaws (1 = one block)
        self.base_maintenance = p.maintenance_msek / 12.0
        self._drift = 1.0 - needs.turbulence
        self._decay = 0.5 ** (1.0 / (behaviour.half_life_years * 12.0))
        self.under_work = False
        self.renewed = 0.0  # share rebuilt piece by piece, the old running beside it
        self.parallel_months = 0  # months left of running beside a replacement
        self.refresh()

    def refresh(self) -> None:
        """Recompute what follows from health, API readiness and complexity.

        ``flexibility`` = (1 - api_weight) health + api_weight API readiness is how
        much the system helps rather than hinders change. ``block_probability`` =
        brake * (1 - flexibility) ** brake_exponent is the chance that an initiative
        touching it is blocked (the legacy brake). ``load`` = 1 + complexity_effect *
        (complexity - 1) scales its maintenance, operations work and decay. They are
        read often, so they are kept up to date rather than recomputed on each read.
        """
        b = self.behaviour
        self.flexibility = (1.0 - b.api_weight) * self.health + b.api_weight * self.api_readiness
        self.block_probability = b.brake * (1.0 - self.flexibility) ** b.brake_exponent
        self.load = 1.0 + b.complexity_effect * (self.complexity - 1.0)
        both = 1.0 if self.parallel_months > 0 else 4.0 * self.renewed * (1.0 - self.renewed)
        self.side_by_side = b.side_by_side * both

    def maintenance_need(self) -> float:
        """Monthly maintenance cost in MSEK.

        ``base * load * (1 + interest * (1 - health)) * (1 + side_by_side)``.
        """
        return (
            self.base_maintenance
            * self.load
            * (1.0 + self.behaviour.interest * (1.0 - self.health))
            * (1.0 + self.side_by_side)
        )

    def ops_fte(self, per_system: float, incident_interest: float) -> tuple[float, float]:
        """IT staff running the system this month, and the part lost to its poor health (FTE).

        ``per_system * load * (1 + side_by_side) * (1 + incident_interest * (1 -
        health))``; the second number is the ``incident_interest`` part, time lost to
        technical debt.
        """
        base = per_system * self.load * (1.0 + self.side_by_side)
        debt = base * incident_interest * (1.0 - self.health)
        return base + debt, debt

    def decay(self, upkeep: float) -> None:
        """Age one month; lose health unless maintenance (``upkeep`` in [0, 1]) holds it.

        The monthly decay exponent ``(1 - upkeep_effect * upkeep) * load *
        (1 + age_effect * age / 10)`` grows with complexity and age. Knowledge of the
        needs goes out of date at the turbulence rate.
        """
        b = self.behaviour
        ageing = 1.0 + b.age_effect * self.age_years / 10.0
        self.health *= self._decay ** ((1.0 - b.upkeep_effect * upkeep) * self.load * ageing)
        self.age_years += 1.0 / 12.0
        self.knowledge *= self._drift
        if self.parallel_months > 0:
            self.parallel_months -= 1
        self.refresh()

    def learn_needs(self, share: float) -> None:
        """Work or dialogue reveals ``share`` of the needs not yet known."""
        self.knowledge += min(1.0, share) * (1.0 - self.knowledge)

    def add_solution(self, complexity: float, run_msek_year: float) -> None:
        """A delivered solution now runs on the system: more complexity and maintenance.

        Both are cut by ``api_shield * api_readiness``: what is built on APIs stays apart.
        """
        kept = 1.0 - self.behaviour.api_shield * self.api_readiness
        self.complexity += complexity * kept
        self.base_maintenance += run_msek_year / 12.0 * kept
        self.refresh()

    def fix(self, health_gain: float, api_gain: float, fit: float) -> None:
        """A targeted fix: health, API readiness (as far as needs are known) and less complexity.

        It rebuilds ``health_gain`` of the part still old, which then runs beside the new.
        """
        b = self.behaviour
        self.health += health_gain * (1.0 - self.health)
        self.renewed += health_gain * (1.0 - self.renewed)
        self.api_readiness += api_gain * fit * (1.0 - self.api_readiness)
        if self.complexity > 1.0:
            self.complexity = 1.0 + (self.complexity - 1.0) * (1.0 - b.fix_complexity_cut)
        self.refresh()

    def renew(self, fit: float) -> None:
        """Replace the system (modernisation): new health, API readiness as far as it fits.

        Complexity becomes ``new_complexity`` and age 0; the old system runs beside the
        new one for ``cutover_months``.
        """
        b = self.behaviour
        self.renewed = 1.0
        self.parallel_months = round(b.cutover_months)
        self.health = max(self.health, b.new_health)
        self.api_readiness = max(self.api_readiness, b.new_api * fit)
        self.complexity = b.new_complexity
        self.age_years = 0.0
        self.refresh()
