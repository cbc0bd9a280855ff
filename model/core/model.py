"""DigitalisationModel: one Mesa step per month, a SimPy clock for initiatives."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter, itemgetter

import mesa
import numpy as np
import simpy

from .agents import Department, DigitalisationUnit, ITUnit, LegacySystem
from .calendar import month_number, month_text, months_between
from .errors import ModelError
from .events import EVENTS
from .funding import Treasury
from .initiatives import Portfolio, Proposal
from .outcomes import measure
from .parameters import Parameters
from .result import RunResult, collect
from .strategies import make_strategy
from .streams import PROPOSAL_DRAWS, Streams, poisson_quantile

_by_capability = attrgetter("capability")
_by_month = itemgetter(0)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector, and restore it after if it was on.

    A run makes tens of thousands of short-lived objects and no garbage cycles, so
    collecting while it runs only costs time (about 5%). Reading its tables right
    after it belongs inside the pause too: a collection there would walk the whole
    live model and keep it for older generations, where it is walked again; after
    the pause the model is garbage and is freed at the first collection.
    """
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class DigitalisationModel(mesa.Model):
    """A municipality digitalising, month by month.

    Each step: money arrives, initiatives that ended are closed (SimPy), events
    and elections happen, IT maintains the legacy and the legacy decays, the unit
    pays and adjusts its staff, departments propose work, the strategy starts
    work, learning spreads, strain updates, and the outcomes are collected.
    ``model.steps == model.env.now`` after every step.
    """

    def __init__(self, params: Parameters, seed: int = 0):
        super().__init__(rng=np.random.default_rng(seed))
        self.params = params
        self.seed = int(seed)
        self.streams = Streams(seed)
        self.env = simpy.Environment()
        self.start = month_number(params.horizon.start)
        self.n_months = months_between(params.horizon.start, params.horizon.end)
        self.month = self.start
        self.treasury = Treasury(self.env, params.funding)
        org, bp = params.organisation, params.behaviour
        self.systems = [LegacySystem(self, s, bp.legacy, bp.needs) for s in org.systems]
        by_name = {s.name: s for s in self.systems}
        self.departments = [Department(self, d, i) for i, d in enumerate(org.departments)]
        for dept, dp in zip(self.departments, org.departments, strict=True):
            dept.systems = [by_name[n] for n in dp.systems]
        self.unit = DigitalisationUnit(self, org.unit, bp.strain, bp.attitudes)
        self.it = ITUnit(self, org.it, org.unit.fte_cost_msek_year)
        self.strategy = make_strategy(params.strategy.kind)
        self.portfolio = Portfolio(self)
        self.env.process(self._clock())
        self.will = bp.politics.will
        self.demand_factor, self.demand_until = 1.0, -1
        self._draw_shared()
        self._events = sorted(((month_number(e.month), e) for e in params.events), key=_by_month)
        self._elections = self._election_months()
        self._move_month = month_number(org.it.move_month)
        #: The outcomes of the last month measured (the state at the start, until a step).
        self.outcomes = measure(self)
        #: One row of outcomes per month stepped, and one row per department and month.
        self.records: list[dict[str, float]] = []
        self.department_records: list[tuple] = []

    # ------------------------------------------------------------------ set-up
    def _draw_shared(self) -> None:
        """Draw every shared stream in full now, so strategies cannot shift them."""
        n, d = self.n_months, len(self.departments)
        self.u_arrival = self.streams["arrival"].random((n, d))
        # The Poisson quantile at u is 0 exactly when rate <= -ln(u) (u = 0: never more).
        self._no_proposal_below = (-np.log(np.maximum(self.u_arrival, 1e-300))).tolist()
        most = self.params.behaviour.initiatives.max_proposals_per_month
        self.u_proposal = self.streams["proposal"].random((n, d, most, PROPOSAL_DRAWS))
        # What every proposal slot would become: one row of FATE per slot.
        self._fates = self.portfolio.proposal_fates(self.u_proposal.reshape(-1, PROPOSAL_DRAWS))
        self.u_turnover = self.streams["turnover"].random(n)
        self.z_politics = self.streams["politics"].standard_normal(n // 12 + 2)

    def _election_months(self) -> dict[int, float]:
        pol = self.params.behaviour.politics
        first, every = month_number(pol.first_election), max(1, round(pol.election_years * 12))
        months = range(first, self.start + self.n_months, every)
        return {m: float(self.z_politics[j % len(self.z_politics)]) for j, m in enumerate(months)}

    def _clock(self):
        """SimPy process that ticks once a month, so that time k always has an event."""
        while True:
            yield self.env.timeout(1)

    def month_at(self, now: float) -> int:
        """Absolute month of SimPy time ``now`` (time t is the t-th simulated month)."""
        return self.start + int(now) - 1

    # ------------------------------------------------------------------ the step
    def step(self) -> None:
        """Advance one month; after the horizon's last month ``running`` is False.

        So ``while model.running: model.step()`` runs the whole horizon, as in Mesa.
        """
        k = self.steps
        if k > self.n_months:
            raise ModelError(
                f"the model has run all {self.n_months} months of its horizon "
                f"(to {month_text(self.start + self.n_months - 1)}); build a new model to run again"
            )
        self.month = self.start + k - 1
        self.treasury.open_month(self.month)
        self._first_claims()
        env = self.env
        # Every event due by the start of this month (time k) is handled now; the
        # clock ticks at every whole month, so afterwards env.now == k.
        while env.peek() <= k:
            env.step()
        m = k - 1
        self._politics_and_events()
        self._legacy()
        self._staff(m)
        self._proposals(m)
        self.strategy.plan_initiatives(self)
        self._learning()
        self.unit.update_strain()
        self.treasury.close_month(self.month)
        self._record()
        self.running = k < self.n_months

    def _first_claims(self) -> None:
        """Pay the month's first claims on its money, in a fixed order, before any work.

        The unit's payroll, then the instalments of work with its own budget line.
        """
        self.unit.form(self.month)
        self.unit.pay_staff(self.treasury, self.month)
        self.treasury.settle_commitments()

    def run(self) -> None:
        """Run every month of the horizon (Mesa's ``run_for`` steps once per month).

        Python's cyclic garbage collector is paused while the months run (see
        :func:`collector_paused`).
        """
        if self.steps >= self.n_months:
            return
        with collector_paused():
            self.run_for(self.n_months - self.steps)

    def _politics_and_events(self) -> None:
        shift = self._elections.get(self.month)
        if shift is not None:
            sd = self.params.behaviour.politics.shift_sd
            self.will = min(1.0, max(0.0, self.will + sd * shift))
        if self.month > self.demand_until:
            self.demand_factor = 1.0
        events = self._events
        while events and events[0][0] <= self.month:
            event = events.pop(0)[1]
            EVENTS[event.kind](self, event)

    def _legacy(self) -> None:
        """IT bears its capital charge, pays maintenance and runs the systems; they decay.

        From the unit's formation, every ``assessment_months`` the DiMiOS dialogue
        assesses the legacy: each system gains evidence in proportion to its rigidity,
        and some of the unknown needs become known.
        """
        t = self.treasury
        t.carry(self.it.operate(self.systems, t.charge_for_it))
        upkeep = self.it.upkeep
        for system in self.systems:
            system.decay(upkeep)
        needs = self.params.behaviour.needs
        since = self.month - self.unit.formed
        if since >= 0 and since % max(1, round(needs.assessment_months)) == 0:
            for system in self.systems:
                system.evidence += needs.assessment_evidence * (1.0 - system.flexibility)
                system.learn_needs(needs.assessment_knowledge)

    def _staff(self, m: int) -> None:
        unit, it_p = self.unit, self.params.organisation.it
        if it_p.move_fte > 0 and self.month == self._move_month:
            unit.moved += self.it.move_staff(it_p.move_fte)
        unit.update_target(self.month)
        unit.turnover(float(self.u_turnover[m]))
        before = unit.total_staff
        lost = unit.cliff()
        if lost > 0 and before > 0:
            loss = self.params.behaviour.trust.cliff_loss * lost / before
            for dept in self.departments:
                dept.change_trust(-loss)
        unit.release_surplus()
        unit.assimilate()
        unit.hire(self.treasury, self.month)

    def _proposals(self, m: int) -> None:
        p = self.params.behaviour
        i = p.initiatives
        will, thresholds = i.proposal_will_floor, i.proposal_threshold_floor
        month_factor = (
            i.proposals_per_year
            / 12.0
            * self.demand_factor
            * (will + (1.0 - will) * self.will)
            * (thresholds + (1.0 - thresholds) * p.attitudes.lower_thresholds)
        )
        backlog = self.portfolio.backlog
        oldest = self.month - i.patience_months
        if backlog and backlog[0].month < oldest:
            self.portfolio.backlog = backlog = [q for q in backlog if q.month >= oldest]
        month = self.month
        if month < self.unit.formed:
            return
        quiet = self._no_proposal_below[m]
        n_depts, most = len(self.departments), i.max_proposals_per_month
        for dept in self.departments:
            if not dept.joined(month):
                continue
            lam = dept.proposal_rate(month_factor, i.proposal_trust_floor, i.absorptive_offset)
            if lam <= quiet[dept.index]:
                continue
            u = float(self.u_arrival[m, dept.index])
            count = poisson_quantile(u, lam, most)
            if count:
                row = (m * n_depts + dept.index) * most
                for fate in self._fates[row : row + count].tolist():
                    backlog.append(Proposal(dept, month, tuple(fate)))

    def _learning(self) -> None:
        """Spill-over between departments, erosion, and trust lost while waiting.

        Spill-over: each department gains ``spillover * openness / n`` of the summed
        capability gaps to the departments ahead of it. Erosion: staff turnover in the
        departments erodes capability and self-sufficiency by ``erosion`` a month
        (March 1991).
        """
        lp, tp = self.params.behaviour.learning, self.params.behaviour.trust
        rate = lp.spillover * self.params.behaviour.attitudes.openness / len(self.departments)
        erosion, month = lp.erosion, self.month
        waiting_months, waiting_loss = tp.waiting_months, tp.waiting_loss
        # Most capable first: the summed gap to those ahead is ahead_sum - n_ahead * own
        # (departments level with it add nothing either way).
        ahead_sum, n_ahead = 0.0, 0
        for dept in sorted(self.departments, key=_by_capability, reverse=True):
            own = dept.capability
            gap = ahead_sum - n_ahead * own
            ahead_sum += own
            n_ahead += 1
            own += rate * gap
            dept.capability = own - erosion * own
            dept.self_sufficiency -= erosion * dept.self_sufficiency
            if month - dept.last_delivery > waiting_months and dept.joined(month):
                dept.change_trust(-waiting_loss)

    def _record(self) -> None:
        """Measure this month and add its rows to the timeseries and department tables."""
        self.outcomes = row = measure(self)
        self.records.append(row)
        month = month_text(self.month)
        self.department_records += [dept.record(month) for dept in self.departments]

    # ------------------------------------------------------------------ results
    def result(self) -> RunResult:
        """The monthly table, the initiative log and the department table."""
        return collect(self)
