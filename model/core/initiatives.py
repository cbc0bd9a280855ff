"""Initiatives and the portfolio that keeps them: the backlog, the work under way, the log.

Every initiative reserves team capacity (unit and/or IT FTE) and pays its planned
cost from a funding source when it starts. It then runs as a SimPy process for a
whole number of months. Its fate follows from uniforms that belong to the proposal
(common random numbers): size, duration, failure and cost overrun (fat-tailed for
large work) are computed for every proposal slot when the run starts, in one
vectorised pass; whether unhealthy legacy blocks it, and how much the legacy drags
it, is decided from the state of its system when it starts. Starting and ending
capability work is in :mod:`.capability`, legacy fixes in :mod:`.fixes`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from .capability import start as start_capability
from .depreciation import INFRASTRUCTURE, SOLUTIONS
from .fixes import start as start_fix
from .streams import lognormal_quantile, overrun_quantile
from .work import FATE, LEGACY_KINDS, Initiative, Proposal

if TYPE_CHECKING:
    from .agents import Department, LegacySystem
    from .model import DigitalisationModel

__all__ = ["FATE", "Initiative", "Portfolio", "Proposal"]


class Portfolio:
    """The backlog of proposals, the work under way and the log of ended work."""

    def __init__(self, model: DigitalisationModel):
        self.model = model
        self.env = model.env
        self.bp = model.params.behaviour
        self.backlog: list[Proposal] = []
        self.active: list[Initiative] = []
        self.log: list[Initiative] = []
        self.ended: Counter[str] = Counter()  # initiatives in the log, by outcome
        self.overrun_paid = 0.0
        # Parameters are frozen: the numbers every start needs are read once.
        i = self.bp.initiatives
        self._overrun_shape = (
            i.overrun_body_mean,
            i.overrun_body_sd,
            i.overrun_floor,
            i.overrun_tail_share,
            i.overrun_tail_alpha,
            i.overrun_tail_min,
            i.overrun_cap,
        )
        self._team_fte = model.params.organisation.unit.team_fte
        self._reliance = self.bp.learning.self_reliance
        self.fix_fates: list[tuple[float, float, bool]] = []

    # ------------------------------------------------------------------ counts
    @property
    def started(self) -> int:
        """Initiatives started so far (ended or under way)."""
        return len(self.log) + len(self.active)

    @property
    def completed(self) -> int:
        """Initiatives completed so far."""
        return self.ended["completed"]

    @property
    def failed(self) -> int:
        """Initiatives that ended without completing (failed or blocked) so far."""
        return len(self.log) - self.ended["completed"]

    def committed_unit(self) -> float:
        """Unit FTE tied up in initiatives under way."""
        return sum([ini.team_unit for ini in self.active])

    def committed_it(self) -> float:
        """IT development FTE tied up in initiatives under way."""
        return sum([ini.team_it for ini in self.active])

    def asset_fte(self, capability_share: float) -> tuple[float, float]:
        """Unit FTE building capitalisable assets: (infrastructure, solutions).

        Legacy work counts in full, capability work at ``capability_share``.
        """
        infrastructure = solutions = 0.0
        for ini in self.active:
            if ini.kind in LEGACY_KINDS:
                infrastructure += ini.team_unit
            elif ini.kind in ("capability", "order"):
                solutions += capability_share * ini.team_unit
        return infrastructure, solutions

    def drag_fte(self) -> float:
        """Unit FTE of work under way whose time is lost to the legacy's drag."""
        return sum([ini.team_unit * ini.drag_share for ini in self.active])

    def waiting(self) -> Counter[Department]:
        """Queued proposals per department."""
        return Counter(proposal.department for proposal in self.backlog)

    # ------------------------------------------------------------------ shared pieces
    # Each works on a number or on an array of them.
    def size_factor(self, effort: ArrayLike) -> np.ndarray:
        """Relative size in [0, 1): 1 - exp(-effort / size_scale)."""
        return 1.0 - np.exp(-np.asarray(effort) / self.bp.initiatives.size_scale_fte_months)

    def fail_probability(self, size: ArrayLike) -> np.ndarray:
        """Failure chance rises with size from fail_small to fail_large (Standish 2015)."""
        i = self.bp.initiatives
        return i.fail_small + (i.fail_large - i.fail_small) * np.asarray(size)

    def overrun(self, u: ArrayLike, size: ArrayLike) -> np.ndarray:
        """Cost overrun drawn at quantile ``u`` (Flyvbjerg & Budzier 2011)."""
        return overrun_quantile(u, size, *self._overrun_shape)

    def proposal_fates(self, u: np.ndarray) -> np.ndarray:
        """What each proposal would become if started, one row per row of uniforms.

        ``u`` holds six uniforms per proposal: effort, duration, failure, overrun,
        brake, system. The result has the columns of :data:`FATE`: effort
        (lognormal around ``small_effort_fte_months`` with log-sd ``effort_sigma``),
        cost (``small_cost_msek`` scaled by effort), overrun (at the overrun uniform,
        for its size), planned months (``small_months * sqrt(effort / median)`` times
        a lognormal with log-sd ``duration_sigma``), the failure margin (the failure
        uniform minus the failure probability of its size: it fails when the margin
        is below the extra risk the unit's strain adds when it starts), and the brake and
        system uniforms as they are. All of it is fixed at arrival; only the legacy
        brake, drag and the unit's productivity are read when the work starts.
        """
        i = self.bp.initiatives
        effort = lognormal_quantile(u[:, 0], i.small_effort_fte_months, i.effort_sigma)
        rel = effort / i.small_effort_fte_months
        size = self.size_factor(effort)
        fate = np.empty((len(u), len(FATE)))
        fate[:, 0] = effort
        fate[:, 1] = i.small_cost_msek * rel
        fate[:, 2] = self.overrun(u[:, 3], size)
        fate[:, 3] = (
            i.small_months * np.sqrt(rel) * lognormal_quantile(u[:, 1], 1.0, i.duration_sigma)
        )
        fate[:, 4] = u[:, 2] - self.fail_probability(size)
        fate[:, 5:] = u[:, 4:6]
        return fate

    def team_need(self, dept: Department, cocreated: bool) -> float:
        """Unit FTE a capability initiative of ``dept`` needs.

        A self-sufficient department carries part of co-created work itself:
        team = team_fte * (1 - self_reliance * self_sufficiency); an order is built
        with the full team.
        """
        if not cocreated:
            return self._team_fte
        return self._team_fte * (1.0 - self._reliance * dept.self_sufficiency)

    def register(self, ini: Initiative) -> None:
        """Count ``ini`` as work under way."""
        self.active.append(ini)

    def pay_overrun(self, ini: Initiative) -> bool:
        """Pay the overrun of ``ini`` when it ends; False if no source can."""
        extra = ini.cost * max(0.0, ini.overrun)
        t = self.model.treasury
        owner = INFRASTRUCTURE if ini.kind in LEGACY_KINDS else SOLUTIONS
        if extra <= 0.0 or t.pay_first(extra, t.overrun_order[ini.source.name], owner):
            self.overrun_paid += extra
            return True
        return False

    def finish(self, ini: Initiative, outcome: str) -> None:
        """Release the team, record the outcome and log the initiative."""
        ini.outcome = outcome
        ini.end = self.model.month_at(self.env.now)
        self.active.remove(ini)
        self.log.append(ini)
        self.ended[outcome] += 1

    # ------------------------------------------------------------------ starting work
    def start_capability(
        self, proposal: Proposal, cocreated: bool = True, team: float | None = None
    ) -> bool:
        """Start a proposal as co-created work (or an IT order); see :mod:`.capability`."""
        return start_capability(self, proposal, cocreated, team)

    def start_fix(self, system: LegacySystem, team: float = 1.0) -> bool:
        """Start a targeted fix of ``system`` with ``team`` of its team; see :mod:`.fixes`."""
        return start_fix(self, system, team)
