"""The central digitalisation unit: staff, funding of staff, strain and capacity."""

from __future__ import annotations

from operator import itemgetter

import mesa

from ..calendar import month_number
from ..depreciation import INFRASTRUCTURE, SOLUTIONS
from ..funding import Treasury
from ..parameters import Attitudes, Strain, UnitParams
from ..tolerances import FTE_EPS, MIN_HIRE_FTE

_by_month = itemgetter(0)


class DigitalisationUnit(mesa.Agent):
    """The digitalisation unit (digitaliserings- och innovationsavdelningen).

    Its own staff are paid monthly from programme money first, then investment
    money (only the capitalisable share of the cost), then department operating
    budgets. Staff that nothing pays for leave after ``cliff_lag_months``. Staff
    moved from IT keep being paid by IT. Newcomers are less productive until
    assimilated (Brooks' law), and overload builds strain that lowers
    productivity and drives turnover (Homer 1985; Oliva & Sterman 2001).
    """

    def __init__(self, model: mesa.Model, p: UnitParams, strain: Strain, attitudes: Attitudes):
        super().__init__(model)
        self.p = p
        self.sp = strain
        self.formed = month_number(p.formed)
        self._started = False  # whether the unit has got its initial staff
        self.plan = sorted((month_number(m), fte) for m, fte in p.staffing_plan)
        self.staff = 0.0  # own staff, FTE
        self.moved = 0.0  # staff moved from IT, paid by IT, FTE
        self.newcomers = 0.0  # FTE still being assimilated
        self.strain = 0.0
        self.pace = strain.pace
        self.training_share = attitudes.training_share
        self.target = 0.0
        self.unfunded_months = 0
        self.funded_fte = 0.0
        self.lost_to_cliff = 0.0  # FTE that left for lack of money, cumulative
        self.turnover_total = 0.0  # FTE that left through turnover, cumulative
        self.hired_total = 0.0  # FTE hired, cumulative
        self.released_total = 0.0  # FTE moved to other work when the target fell, cumulative
        self._fte_month = p.fte_cost_msek_year / 12.0

    @property
    def total_staff(self) -> float:
        """All staff working in the unit, FTE."""
        return self.staff + self.moved

    def productivity(self) -> float:
        """Output per FTE relative to a rested, assimilated team."""
        total = self.total_staff
        newcomer_share = self.newcomers / total if total > 0 else 0.0
        assimilation = 1.0 - newcomer_share * (1.0 - self.p.newcomer_productivity)
        return (1.0 - self.sp.productivity_loss * self.strain) * assimilation

    def capacity(self) -> float:
        """FTE the unit will commit to initiatives: staff * pace * (1 - training share)."""
        return self.total_staff * self.pace * (1.0 - self.training_share)

    @property
    def committed(self) -> float:
        """FTE tied up in initiatives under way."""
        return self.model.portfolio.committed_unit()

    def free(self) -> float:
        """FTE not yet committed."""
        return self.capacity() - self.committed

    def utilisation(self) -> float:
        """Committed FTE per sustainable capacity, staff * (1 - training share).

        Above 1 the unit is overloaded.
        """
        sustainable = self.total_staff * (1.0 - self.training_share)
        return self.committed / sustainable if sustainable > 0 else 0.0

    def set_target_from(self, month: int, fte: float) -> None:
        """From ``month`` on the target is ``fte``, also over a plan entry of that month."""
        self.plan.append((month, fte))
        self.plan.sort(key=_by_month)  # stable: the new entry follows the plan's own

    def form(self, month: int) -> None:
        """In the first month from its formation (which may precede the run), staff the unit."""
        if self._started or month < self.formed:
            return
        self._started = True
        if self.staff == 0.0:
            self.staff = self.p.initial_staff_fte

    def update_target(self, month: int) -> None:
        """Target staff from the staffing plan (0 before the unit is formed)."""
        if month < self.formed:
            self.target = 0.0
            return
        for start, fte in self.plan:
            if start <= month:
                self.target = fte

    def asset_shares(self) -> tuple[float, float]:
        """Shares of the unit's work this month that build assets: (infrastructure, solutions).

        Legacy work (fixes, a modernisation programme) counts in full and capability work
        at ``capitalisable_share``, both per FTE of staff; training and idle time never
        (RKR R3). Together they are at most 1.
        """
        total = self.total_staff
        if total <= 0:
            return 0.0, 0.0
        share = self.model.params.funding.investment.capitalisable_share
        infrastructure, solutions = self.model.portfolio.asset_fte(share)
        scale = min(1.0, total / (infrastructure + solutions)) if infrastructure + solutions else 1
        return infrastructure * scale / total, solutions * scale / total

    def pay_staff(self, treasury: Treasury, month: int) -> None:
        """Pay this month's own staff; count how many FTE were paid for.

        Programme money first; then investment money, only for the staff cost of
        asset-building work (:meth:`asset_share`); then operating budgets, up to
        ``unit_staff_share`` of the month's operating money.
        """
        cost = self.staff * self._fte_month
        paid = treasury.programme.pay_up_to(cost)
        if paid < cost and treasury.investment_open(month):
            infrastructure, solutions = self.asset_shares()
            if infrastructure + solutions > 0:
                part = treasury.investment.pay_up_to(
                    min(cost * (infrastructure + solutions), cost - paid)
                )
                legacy = part * infrastructure / (infrastructure + solutions)
                treasury.books.capitalise(legacy, INFRASTRUCTURE)
                treasury.books.capitalise(part - legacy, SOLUTIONS)
                paid += part
        if paid < cost:
            share = treasury.params.operating.unit_staff_share
            paid += treasury.operating.pay_up_to(
                min(cost - paid, share * treasury.operating_monthly)
            )
        self.funded_fte = paid / self._fte_month if self._fte_month > 0 else self.staff
        if self.funded_fte < self.staff - FTE_EPS:
            self.unfunded_months += 1
        else:
            self.unfunded_months = 0

    def turnover(self, u: float) -> float:
        """Staff who leave this month (base plus strain-driven turnover); returns FTE."""
        rate = self.sp.turnover_base + self.sp.turnover_strain * self.strain
        leavers = min(self.staff, self.staff * rate * 2.0 * u)
        self.staff -= leavers
        self.turnover_total += leavers
        return leavers

    def cliff(self) -> float:
        """Unfunded staff leave once they have gone unpaid for the lag; returns FTE.

        They stay ``cliff_lag_months`` underfunded months and leave in the next one
        (with a lag of 0, in the first underfunded month).
        """
        if self.unfunded_months <= round(self.p.cliff_lag_months) or self.staff <= 0.0:
            return 0.0
        leavers = max(0.0, self.staff - self.funded_fte)
        self.staff -= leavers
        self.lost_to_cliff += leavers
        self.unfunded_months = 0
        return leavers

    def hire(self, treasury: Treasury, month: int) -> float:
        """Hire towards the target if money for ``hiring_runway_months`` of the staff is there.

        Each hire costs ``recruitment_cost_msek`` (the ramp-up tax), paid from
        programme money or else operating budgets: recruiting builds no asset, so it
        is not capitalised (RKR R3). The hire joins as a newcomer. Returns FTE hired.
        """
        gap = self.target - self.total_staff
        if gap <= 0.0:
            return 0.0
        hires = min(gap, self.p.hires_per_month_max)
        affordable = self._affordable_fte(treasury, month, self.p.hiring_runway_months)
        hires = min(hires, max(0.0, affordable))
        if hires <= MIN_HIRE_FTE:
            return 0.0
        if treasury.pay_first(hires * self.p.recruitment_cost_msek, treasury.expense_order) is None:
            return 0.0
        self.staff += hires
        self.newcomers += hires
        self.hired_total += hires
        return hires

    def _affordable_fte(self, treasury: Treasury, month: int, runway: float) -> float:
        """Extra own FTE the sources can pay, month after month for ``runway`` months.

        Per month: programme money (what it holds spread over the runway, plus its
        monthly inflow) and the unit's share of operating money may pay any staff
        cost; investment money (its monthly permission) only the asset-building share
        of it (:meth:`asset_shares`), as :meth:`pay_staff` pays.
        """
        cost = self._fte_month
        free = treasury.programme.remaining / runway + treasury.programme_monthly(month)
        free += treasury.operating_monthly * treasury.params.operating.unit_staff_share
        asset = sum(self.asset_shares()) if treasury.investment_open(month) else 0.0
        capital = treasury.params.investment.annual_ceiling_msek / 12.0 if asset > 0 else 0.0
        # N staff cost N * cost: investment pays min(capital, asset * N * cost), the rest the others
        most = free / (cost * (1.0 - asset)) if asset < 1.0 else float("inf")
        if asset * most * cost > capital:
            most = (free + capital) / cost
        return most - self.staff

    def release_surplus(self) -> float:
        """Own staff above the target move to other work in the municipality; returns FTE.

        At most ``hires_per_month_max`` a month, newest first (newcomers go first). No
        cliff: they are not unfunded, their work has gone.
        """
        surplus = min(self.staff - self.target, self.p.hires_per_month_max, self.staff)
        if surplus <= 0.0:
            return 0.0
        self.staff -= surplus
        self.newcomers = max(0.0, self.newcomers - surplus)
        self.released_total += surplus
        return surplus

    def assimilate(self) -> None:
        """Newcomers become fully productive at rate 1 / assimilation_months."""
        self.newcomers = min(self.staff, self.newcomers * (1.0 - 1.0 / self.p.assimilation_months))

    def update_strain(self) -> None:
        """Strain grows with overload and fades with rest.

        Load is committed FTE per sustainable capacity, staff * (1 - training
        share): a pace above 1, or staff leaving with work still committed,
        overloads the unit.
        """
        excess = max(0.0, self.utilisation() - 1.0)
        self.strain += self.sp.build * excess - self.sp.recovery * self.strain
        self.strain = min(1.0, max(0.0, self.strain))
