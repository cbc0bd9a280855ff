"""Straight-line depreciation of capitalised spending, by who owns the asset.

Investment money spent in a month is capitalised (RKR R3) and charged in equal parts
over the following ``useful_life_years * 12`` months. Assets have owners, and the
charges fall on their budgets: **infrastructure** (legacy fixes, a modernisation
programme, and the unit's staff time on them) belongs to IT; **solutions** (capability
work, and the unit's capitalisable staff time on it) belong to the departments.
"""

from __future__ import annotations

from collections import deque

INFRASTRUCTURE, SOLUTIONS = "infrastructure", "solutions"
OWNERS = (INFRASTRUCTURE, SOLUTIONS)


class Depreciation:
    """The depreciation schedules of one run, per asset owner."""

    def __init__(self, life_months: int):
        self.life_months = max(1, life_months)
        # Charges in the order they were made: the last month of each and its monthly
        # amount; the earliest end first, so expired charges lead.
        self._ends: dict[str, deque[int]] = {owner: deque() for owner in OWNERS}
        self._amounts: dict[str, deque[float]] = {owner: deque() for owner in OWNERS}
        self.this_month = dict.fromkeys(OWNERS, 0.0)  # capitalised so far this month, MSEK

    def capitalise(self, amount: float, owner: str) -> None:
        """Investment money spent this month on an asset of ``owner``."""
        if amount > 0.0:
            self.this_month[owner] += amount

    def close_month(self, month: int, spent: float) -> float:
        """Start the charges of this month's capitalised spending from next month.

        ``spent`` is the investment money spent this month; what no payment named an
        owner for is booked to solutions. Returns that unnamed amount (0 when every
        payment named its asset).
        """
        unnamed = max(0.0, spent - sum(self.this_month.values()))
        self.this_month[SOLUTIONS] += unnamed
        for owner in OWNERS:
            amount = self.this_month[owner]
            if amount > 0.0:
                self._ends[owner].append(month + self.life_months)
                self._amounts[owner].append(amount / self.life_months)
            self.this_month[owner] = 0.0
        return unnamed

    def charges(self, month: int) -> dict[str, float]:
        """The charge per owner in ``month``, MSEK (expired schedules are dropped)."""
        out = {}
        for owner in OWNERS:
            ends, amounts = self._ends[owner], self._amounts[owner]
            while ends and ends[0] < month:
                ends.popleft()
                amounts.popleft()
            out[owner] = sum(amounts) if amounts else 0.0
        return out
