"""Initiatives as SimPy processes, and the portfolio that starts and ends them.

Every initiative reserves team capacity (unit and/or IT FTE) and pays its planned
cost from a funding source when it starts. It then runs as a SimPy process for a
whole number of months. Its fate follows from uniforms that belong to the
proposal (common random numbers): size, duration, failure and cost overrun
(fat-tailed for large work) are computed for every proposal slot when the run
starts, in one vectorised pass; whether unhealthy legacy blocks it, and how much
the legacy drags it, is decided from the state of its system when it starts.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from .calendar import month_text
from .funding import FundingSource
from .streams import lognormal_quantile, overrun_quantile
from .tolerances import FTE_EPS, MIN_PRODUCTIVITY

if TYPE_CHECKING:
    from .agents import Department, LegacySystem
    from .model import DigitalisationModel


#: What a proposal becomes if it starts, drawn when it arrives (Portfolio.proposal_fates).
FATE = ("effort", "cost", "overrun", "planned_months", "fails", "brake", "system")
#: Legacy fixes whose fate is drawn at a time (the draws are the same as one by one).
FIX_BLOCK = 32


@dataclass(eq=False, slots=True)
class Proposal:
    """A department's idea for a capability initiative, waiting to start."""

    department: Department
    month: int  # absolute month of arrival
    fate: tuple[float, ...]  # one row of Portfolio.proposal_fates, in the order of FATE


@dataclass(eq=False, slots=True)
class Initiative:
    """One piece of work under way or finished."""

    number: int
    kind: str  # capability, legacy_fix, modernisation, order
    department: Department | None
    system: LegacySystem | None
    source: FundingSource
    start: int
    effort: float
    cost: float
    overrun: float
    team_unit: float = 0.0
    team_it: float = 0.0
    cocreated: bool = True
    end: int | None = None
    outcome: str = "running"
    systems: tuple = ()  # systems a modernisation renews
    fit: float = 1.0  # how well renewed systems fit the needs (modernisation only)

    def row(self) -> tuple:
        """The initiative log row, in the order of ``INITIATIVE_COLUMNS``."""
        return (
            self.number,
            self.kind,
            self.department.name if self.department else "",
            self.system.name if self.system else "",
            self.source.name,
            month_text(self.start),
            month_text(self.end) if self.end is not None else "",
            self.effort,
            self.cost,
            self.overrun,
            self.outcome,
        )


class Portfolio:
    """Starts initiatives, runs them as SimPy processes and applies their results."""

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
            i.overrun_mean_body,
            i.overrun_tail_share,
            i.overrun_tail_alpha,
            i.overrun_tail_min,
            i.overrun_cap,
        )
        self._team_fte = model.params.organisation.unit.team_fte
        self._reliance = self.bp.learning.self_reliance
        self._fix_fates: list[tuple[float, float, bool]] = []

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
        a lognormal with log-sd ``duration_sigma``), fails (1 when the failure
        uniform is below the failure probability of its size), and the brake and
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
        fate[:, 4] = u[:, 2] < self.fail_probability(size)
        fate[:, 5:] = u[:, 4:6]
        return fate

    def _next_fix_fate(self) -> tuple[float, float, bool]:
        """Duration (months), overrun and failure of the next legacy fix.

        Three ``legacy_fix`` uniforms per fix (duration, failure, overrun), drawn
        :data:`FIX_BLOCK` fixes at a time: the k-th fix gets the same three numbers
        as if they were drawn one fix at a time.
        """
        if not self._fix_fates:
            i = self.bp.initiatives
            u = self.model.streams["legacy_fix"].random((FIX_BLOCK, 3))
            size = self.size_factor(self.model.params.organisation.it.fix_fte * i.fix_months)
            overrun = self.overrun(u[:, 2], size)
            months = lognormal_quantile(u[:, 0], i.fix_months, i.fix_sigma)
            months *= 1.0 + i.schedule_to_cost * overrun
            fails = u[:, 1] < self.fail_probability(size)
            self._fix_fates = list(
                zip(months.tolist(), overrun.tolist(), fails.tolist(), strict=True)
            )
            self._fix_fates.reverse()  # taken from the end
        return self._fix_fates.pop()

    def _register(self, ini: Initiative) -> None:
        self.active.append(ini)

    # ------------------------------------------------------------------ capability work
    def team_need(self, dept: Department, cocreated: bool) -> float:
        """Unit FTE a capability initiative of ``dept`` needs.

        A self-sufficient department carries part of the work itself:
        team = team_fte * (1 - self_reliance * self_sufficiency).
        """
        if not cocreated:
            return self._team_fte
        return self._team_fte * (1.0 - self._reliance * dept.self_sufficiency)

    def start_capability(
        self, proposal: Proposal, cocreated: bool = True, team: float | None = None
    ) -> bool:
        """Start a proposal as a co-created initiative (or an IT order if not co-created).

        ``team`` is the team it needs (:meth:`team_need`), if the caller knows it.
        Returns False, leaving the proposal queued, when team or money is lacking.
        """
        m, i = self.model, self.bp.initiatives
        dept = proposal.department
        if team is None:
            team = self.team_need(dept, cocreated)
        if team > (m.unit.free() if cocreated else m.it.free()) + FTE_EPS:
            return False
        effort, cost, overrun, planned, fails, u_brake, u_sys = proposal.fate
        source = m.treasury.pay_first(cost, m.treasury.project_order)
        if source is None:
            return False
        systems = dept.systems
        system = systems[int(u_sys * len(systems))] if systems else None
        ini = Initiative(
            number=self.started + 1,
            kind="capability" if cocreated else "order",
            department=dept,
            system=system,
            source=source,
            start=m.month,
            effort=effort,
            cost=cost,
            overrun=overrun,
            team_unit=team if cocreated else 0.0,
            team_it=0.0 if cocreated else team,
            cocreated=cocreated,
        )
        productivity = max(m.unit.productivity(), MIN_PRODUCTIVITY)
        months = planned * (1.0 + i.schedule_to_cost * overrun) / productivity
        outcome = "failed" if fails else "completed"
        if system is not None:
            lb = self.bp.legacy
            months *= 1.0 + lb.drag * (1.0 - system.flexibility)
            p_block = system.block_probability
            if u_brake < p_block:
                system.revealed += 1
                if u_brake / p_block < lb.block_fail:
                    outcome = "blocked"
                    months = max(1.0, lb.abandon_share * planned)
                else:
                    months += lb.block_delay_months
        self._register(ini)
        self.env.process(self._run(ini, math.ceil(months), outcome))
        return True

    def _run(self, ini: Initiative, months: int, outcome: str):
        yield self.env.timeout(months)
        if outcome == "completed" and not self._pay_overrun(ini):
            outcome = "failed"
        self.finish(ini, outcome)
        self._learn(ini)

    def _pay_overrun(self, ini: Initiative) -> bool:
        extra = ini.cost * ini.overrun
        t = self.model.treasury
        if extra <= 0.0 or t.pay_first(extra, t.overrun_order[ini.source.name]) is not None:
            self.overrun_paid += max(0.0, extra)
            return True
        return False

    def _learn(self, ini: Initiative) -> None:
        """Learning by doing, trust and benefits when a capability initiative ends."""
        dept, bp = ini.department, self.bp
        att, learn, trust = bp.attitudes, bp.learning, bp.trust
        if ini.outcome == "completed":
            dept.benefits_msek_year += (
                bp.initiatives.benefit_msek_year * att.realise_benefits * ini.effort
            ) / bp.initiatives.small_effort_fte_months
            dept.last_delivery = self.model.month
            share = 1.0 if ini.cocreated else trust.order_gain_share
            benefits = 1.0 - trust.benefit_effect * (1.0 - att.realise_benefits)
            dept.change_trust(trust.gain * share * benefits)
            if ini.cocreated:
                dept.learn(learn.rate * att.work_together, learn.absorptive_floor)
                dept.learn_self_sufficiency(
                    learn.self_rate
                    * att.training_share
                    * att.strengthen_others
                    / learn.reference_training_share
                )
        else:
            dept.change_trust(-trust.loss * (1.0 - trust.experiment_cushion * att.experiment))
            if ini.cocreated and ini.outcome == "failed":
                # a failed experiment teaches; work stopped by the legacy only reveals it
                gain = learn.rate * att.work_together * learn.from_failure * att.experiment
                dept.learn(gain, learn.absorptive_floor)

    # ------------------------------------------------------------------ legacy work
    def start_fix(self, system: LegacySystem) -> bool:
        """Start a targeted fix of ``system`` with IT staff (strangler-fig step)."""
        m, i = self.model, self.bp.initiatives
        fte = m.params.organisation.it.fix_fte
        unit_fte = m.params.organisation.it.fix_unit_fte
        if fte > m.it.free() + FTE_EPS or unit_fte > m.unit.free() + FTE_EPS:
            return False
        source = m.treasury.pay_first(i.fix_cost_msek, m.treasury.legacy_order)
        if source is None:
            return False
        months, overrun, fails = self._next_fix_fate()
        outcome = "failed" if fails else "completed"
        ini = Initiative(
            number=self.started + 1,
            kind="legacy_fix",
            department=None,
            system=system,
            source=source,
            start=m.month,
            effort=fte * i.fix_months,
            cost=i.fix_cost_msek,
            overrun=overrun,
            team_unit=unit_fte,
            team_it=fte,
            cocreated=False,
        )
        system.under_work = True
        self._register(ini)
        self.env.process(self._run_fix(ini, math.ceil(months), outcome))
        return True

    def _run_fix(self, ini: Initiative, months: int, outcome: str):
        yield self.env.timeout(months)
        if outcome == "completed" and not self._pay_overrun(ini):
            outcome = "failed"
        ini.system.under_work = False
        if outcome == "completed":
            i = self.bp.initiatives
            ini.system.fix(i.fix_health_gain, i.fix_api_gain)
        self.finish(ini, outcome)

    def finish(self, ini: Initiative, outcome: str) -> None:
        """Release the team, record the outcome and log the initiative."""
        m = self.model
        ini.outcome = outcome
        ini.end = m.month_at(self.env.now)
        self.active.remove(ini)
        self.log.append(ini)
        self.ended[outcome] += 1
