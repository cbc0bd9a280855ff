"""The IT unit: runs and maintains the legacy, holds development staff."""

from __future__ import annotations

import mesa

from ..parameters import ITParams


class ITUnit(mesa.Agent):
    """The IT unit (IT-avdelningen).

    Each month its budget bears first the capital cost of the infrastructure it owns
    (the depreciation the digital operating money could not bear), then its staff
    (its own development staff and those moved to the unit, who stay on IT's
    budget), then the maintenance contracts of the legacy; maintenance it cannot pay
    in full lowers the systems' upkeep. Its development staff first run the systems
    (operations, incidents, small changes: a baseline workload that grows with
    complexity and falls with health); only what is left builds orders, fixes and
    programmes. Rising operations work therefore crowds out development (Lehman's
    laws: progressive and anti-regressive work compete for the same staff;
    GAO-16-468: about 75% of IT budgets go to operations and maintenance).
    """

    def __init__(self, model: mesa.Model, p: ITParams, fte_cost_msek_year: float):
        super().__init__(model)
        self.p = p
        self.budget = p.budget_msek_year / 12.0
        self.dev_staff = p.dev_staff_fte
        self.moved = 0.0
        self.fte_month = fte_cost_msek_year / 12.0
        self.capital_charge = 0.0  # depreciation borne this month, MSEK
        self.maintenance_paid = 0.0
        self.maintenance_need = 0.0
        self.upkeep = 1.0
        self.dev_fte = self.dev_staff
        self.ops_fte = 0.0  # development staff running the systems this month
        self.ops_debt_fte = 0.0  # of which lost to the systems' poor health

    def operate(self, systems: list, capital_charge: float = 0.0) -> float:
        """Bear the capital charge, pay the developers, then maintenance; run the systems.

        Upkeep, the share of the maintenance the systems need that they get, is the
        smaller of the money paid and the operations work done, per what is needed.

        Returns:
            The part of ``capital_charge`` (MSEK) the budget could not bear.
        """
        self.capital_charge = min(capital_charge, self.budget)
        self._pay_development()
        budget = self.budget - self.capital_charge - (self.dev_fte + self.moved) * self.fte_month
        need = sum([s.maintenance_need() for s in systems])
        self.maintenance_need = need
        self.maintenance_paid = min(need, max(0.0, budget))
        ops = debt = 0.0
        p = self.p
        for system in systems:
            work, lost = system.ops_fte(p.ops_fte_per_system, p.incident_interest)
            ops += work
            debt += lost
        done = min(ops, self.dev_fte)
        self.ops_fte = done
        self.ops_debt_fte = debt * done / ops if ops > 0 else 0.0
        money = self.maintenance_paid / need if need > 0 else 1.0
        staff = done / ops if ops > 0 else 1.0
        self.upkeep = min(money, staff)
        return capital_charge - self.capital_charge

    def _pay_development(self) -> None:
        """What is left after the capital charge and moved staff pays IT's own developers."""
        left = self.budget - self.capital_charge - self.moved * self.fte_month
        self.dev_fte = max(0.0, min(self.dev_staff, left / self.fte_month))

    @property
    def moved_share(self) -> float:
        """Share of the development staff moved out of IT to the unit (0 before any move)."""
        total = self.moved + self.dev_staff
        return self.moved / total if total > 0 else 0.0

    @property
    def maintenance_share(self) -> float:
        """Share of the IT budget spent on operations and maintenance (money and staff)."""
        if self.budget <= 0:
            return 0.0
        return min(1.0, (self.maintenance_paid + self.ops_fte * self.fte_month) / self.budget)

    @property
    def committed(self) -> float:
        """Development FTE tied up in initiatives under way."""
        return self.model.portfolio.committed_it()

    def free(self) -> float:
        """Development FTE neither running the systems nor committed to initiatives."""
        return self.dev_fte - self.ops_fte - self.committed

    def utilisation(self) -> float:
        """Share of development FTE running systems or committed to work (may exceed 1)."""
        if self.dev_fte <= 0:
            return 0.0
        return (self.ops_fte + self.committed) / self.dev_fte

    def move_staff(self, fte: float) -> float:
        """Move up to ``fte`` development staff to the unit; returns FTE moved."""
        moved = min(fte, self.dev_staff)
        self.dev_staff -= moved
        self.moved += moved
        self._pay_development()  # they no longer develop for IT, from this month
        self.ops_fte = min(self.ops_fte, self.dev_fte)
        return moved
