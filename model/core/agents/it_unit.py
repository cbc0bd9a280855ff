"""The IT unit: runs and maintains the legacy, holds development staff."""

from __future__ import annotations

import mesa

from ..parameters import ITParams


class ITUnit(mesa.Agent):
    """The IT unit (IT-avdelningen).

    Each month it pays maintenance of the legacy from its budget first; what is
    left pays its development staff. Rising maintenance therefore crowds out
    development (Lehman's laws; GAO-16-468: about 75% of IT budgets go to
    operations and maintenance). Staff moved to the digitalisation unit stay on
    IT's budget.
    """

    def __init__(self, model: mesa.Model, p: ITParams, fte_cost_msek_year: float):
        super().__init__(model)
        self.p = p
        self.budget = p.budget_msek_year / 12.0
        self.dev_staff = p.dev_staff_fte
        self.moved = 0.0
        self.fte_month = fte_cost_msek_year / 12.0
        self.maintenance_paid = 0.0
        self.maintenance_need = 0.0
        self.upkeep = 1.0
        self.dev_fte = self.dev_staff

    def operate(self, systems: list) -> None:
        """Pay maintenance, then development staff, from this month's budget."""
        need = sum([s.maintenance_need() for s in systems])
        self.maintenance_need = need
        self.maintenance_paid = min(need, self.budget)
        self.upkeep = self.maintenance_paid / need if need > 0 else 1.0
        self._pay_development()

    def _pay_development(self) -> None:
        """What is left after maintenance and the moved staff pays IT's own developers."""
        left = self.budget - self.maintenance_paid - self.moved * self.fte_month
        self.dev_fte = max(0.0, min(self.dev_staff, left / self.fte_month))

    @property
    def maintenance_share(self) -> float:
        """Share of the IT budget spent on maintenance."""
        return self.maintenance_paid / self.budget if self.budget > 0 else 0.0

    @property
    def committed(self) -> float:
        """Development FTE tied up in initiatives under way."""
        return self.model.portfolio.committed_it()

    def free(self) -> float:
        """Development FTE not yet committed to initiatives."""
        return self.dev_fte - self.committed

    def move_staff(self, fte: float) -> float:
        """Move up to ``fte`` development staff to the unit; returns FTE moved."""
        moved = min(fte, self.dev_staff)
        self.dev_staff -= moved
        self.moved += moved
        self._pay_development()  # they no longer develop for IT, from this month
        return moved
