"""Funding sources as SimPy containers, and straight-line depreciation."""

from __future__ import annotations

from dataclasses import dataclass, field

import simpy

from .calendar import month_number
from .depreciation import INFRASTRUCTURE, SOLUTIONS, Depreciation
from .parameters import Funding
from .tolerances import PAYMENT_SLACK_MSEK


class FundingSource(simpy.Container):
    """One pot of money (MSEK): a :class:`simpy.Container` whose movements settle at once.

    Money is conserved: ``funded == spent + lapsed + remaining`` at all times, and the
    balance never goes below zero (a payment that does not fit is refused).

    The model never waits for money: a payment that does not fit is refused, not
    queued. ``Container.put``/``get`` would still schedule a request event per
    movement, to be processed at the next ``env.run``; deposits and payments here
    change the level directly instead, under the same rules. A SimPy process may
    still ``yield source.get(amount)`` to wait for money: a deposit wakes it.
    """

    def __init__(self, env: simpy.Environment, name: str):
        super().__init__(env, capacity=float("inf"), init=0.0)
        self.name = name
        self.funded = 0.0
        self.spent = 0.0
        self.lapsed = 0.0  # money that fell back unspent at the end of a budget year
        self.spent_this_month = 0.0

    @property
    def remaining(self) -> float:
        """Unspent money in MSEK."""
        return self._level

    def deposit(self, amount: float) -> None:
        """Add ``amount`` MSEK."""
        if amount > 0.0:
            self._level += amount
            self.funded += amount
            if self.get_queue:
                self._trigger_get(None)

    def lapse(self) -> float:
        """The balance falls back unspent (an annual budget at its year's end); returns it."""
        amount = self._level
        self._level = 0.0
        self.lapsed += amount
        return amount

    def pay(self, amount: float) -> bool:
        """Pay ``amount`` MSEK if the balance allows; return whether it was paid."""
        if amount <= 0.0:
            return True
        level = self._level
        if amount > level + PAYMENT_SLACK_MSEK:
            return False
        self._take(min(amount, level))
        return True

    def pay_up_to(self, amount: float) -> float:
        """Pay as much of ``amount`` as the balance allows; return what was paid."""
        paid = min(amount, self._level)
        if paid > 0.0:
            self._take(paid)
            return paid
        return 0.0

    def _take(self, amount: float) -> None:
        self._level -= amount
        self.spent += amount
        self.spent_this_month += amount
        if self.put_queue:
            self._trigger_put(None)


@dataclass(eq=False)
class Commitment:
    """Work with its own budget line: a monthly instalment, paid by rule before any new work.

    Attributes:
        monthly: the instalment in MSEK.
        paid: what the line got this month.
        paid_by: what each source paid over its life, by source name.
    """

    monthly: float
    paid: float = 0.0
    paid_by: dict[str, float] = field(default_factory=dict)


class Treasury:
    """The programme, investment and operating sources, depreciation and budget lines.

    Programme money arrives monthly inside its window and may be carried over.
    Operating money is an annual budget: what is unspent at the end of a year falls
    back (it lapses in January).
    Investment money is a permission to capitalise up to the annual ceiling: it
    is topped up monthly, and unused permission never piles up beyond one
    year's ceiling. Operating money arrives monthly, less depreciation when
    depreciation is charged to operating budgets. Each charge goes to its asset's
    owner: the solutions' to the digital operating money first, and what that cannot
    bear to the departments' service budgets; the infrastructure's to IT's budget,
    and what IT cannot bear is carried to the next month. No charge is dropped.

    Within a month, payments follow a fixed rule, whatever order the work is handled
    in: the unit's payroll first, then the instalments of work with its own budget
    line (:class:`Commitment`, the big-bang programme), then everything else.
    """

    def __init__(self, env: simpy.Environment, funding: Funding):
        self.params = funding
        self.programme = FundingSource(env, "programme")
        self.investment = FundingSource(env, "investment")
        self.operating = FundingSource(env, "operating")
        self.sources = (self.programme, self.investment, self.operating)
        prog = funding.programme
        self._prog_grants = [
            (month_number(prog.start), month_number(prog.end), prog.annual_msek / 12.0)
        ]
        self._prog_cache: tuple[int | None, float] = (None, 0.0)  # (month, programme money)
        self._opened: int | None = None  # the month whose money has arrived
        self._inv_start = month_number(funding.investment.start)
        self.books = Depreciation(round(funding.investment.useful_life_years * 12))
        self.depreciation = 0.0  # charged this month, MSEK
        self.charge_for_it = 0.0  # the infrastructure's charge, for IT's budget
        self.charge_on_services = 0.0  # solutions' charge the digital operating money left
        self.unnamed = 0.0  # investment spending no payment named an asset for (stays 0)
        self._carried = 0.0  # infrastructure charge IT could not bear, due again next month
        self.commitments: list[Commitment] = []
        self.operating_monthly = funding.operating.annual_msek / 12.0
        #: Who pays costs that build no asset (recruitment): never investment money.
        self.expense_order = (self.programme, self.operating)
        #: Who pays an overrun: the source that paid the plan first, then the others.
        self.overrun_order = {
            s.name: (s, *(o for o in self.sources if o is not s)) for s in self.sources
        }
        self._set_orders(investment_open=False)

    def _set_orders(self, investment_open: bool) -> None:
        """The order in which sources pay each kind of work, this month.

        Capability work and orders: programme, then investment (once open), then
        operating budgets. Legacy work: investment first (once open), then programme,
        then operating budgets.
        """
        p, i, o = self.programme, self.investment, self.operating
        self.project_order = (p, i, o) if investment_open else (p, o)
        self.legacy_order = (i, p, o) if investment_open else (p, o)

    def investment_open(self, month: int) -> bool:
        """Whether investment money may be used in absolute month ``month``."""
        return self.params.investment.enabled and month >= self._inv_start

    def programme_monthly(self, month: int) -> float:
        """Programme money added in ``month``, MSEK."""
        if month == self._prog_cache[0]:
            return self._prog_cache[1]
        amount = sum([amount for a, b, amount in self._prog_grants if a <= month <= b])
        self._prog_cache = (month, amount)
        return amount

    def grant_programme(self, start: int, months: int, annual_msek: float) -> None:
        """A new grant of programme money from ``start`` for ``months`` months.

        A grant made in a month whose money has already arrived pays that month's
        share at once, so every month of its window is paid.
        """
        end, monthly = start + months - 1, annual_msek / 12.0
        self._prog_grants.append((start, end, monthly))
        self._prog_cache = (None, 0.0)
        if self._opened is not None and start <= self._opened <= end:
            self.programme.deposit(monthly)

    def open_month(self, month: int) -> None:
        """Add this month's money and charge depreciation to operating budgets."""
        self._opened = month
        for source in self.sources:
            source.spent_this_month = 0.0
        p = self.params
        self.programme.deposit(self.programme_monthly(month))
        invest = self.investment_open(month)
        if invest != (self.project_order[1] is self.investment):
            self._set_orders(invest)
        if invest:
            ceiling = p.investment.annual_ceiling_msek
            self.investment.deposit(min(ceiling / 12.0, ceiling - self.investment.remaining))
        charges = self.books.charges(month)
        self.depreciation = charges[INFRASTRUCTURE] + charges[SOLUTIONS]
        if month % 12 == 0:  # January: last year's unspent operating money falls back
            self.operating.lapse()
        operating = p.operating.annual_msek / 12.0
        self.charge_for_it = self.charge_on_services = 0.0
        if p.operating.depreciation_charged:
            borne = min(operating, charges[SOLUTIONS])
            operating -= borne
            self.charge_on_services = charges[SOLUTIONS] - borne
            self.charge_for_it = charges[INFRASTRUCTURE] + self._carried
        self._carried = 0.0
        self.operating_monthly = operating
        self.operating.deposit(operating)

    def carry(self, amount: float) -> None:
        """Infrastructure charge IT's budget could not bear this month: due again next month."""
        self._carried += amount

    def commit(self, monthly: float) -> Commitment:
        """Open a budget line paying ``monthly`` MSEK each month from the legacy order."""
        line = Commitment(monthly)
        self.commitments.append(line)
        return line

    def settle_commitments(self) -> None:
        """Pay this month's instalment of every budget line (after payroll, before new work).

        Each line pays from the sources of the legacy order (investment first when
        open, then programme, then operating money) together, as far as they hold.
        """
        for line in self.commitments:
            order = self.legacy_order
            before = [source.spent for source in order]
            line.paid = self.pay_across(line.monthly, order, INFRASTRUCTURE)
            for source, spent in zip(order, before, strict=True):
                line.paid_by[source.name] = (
                    line.paid_by.get(source.name, 0.0) + source.spent - spent
                )

    def release(self, line: Commitment) -> None:
        """Close a budget line."""
        self.commitments.remove(line)

    def close_month(self, month: int) -> None:
        """Capitalise this month's investment spending: depreciation starts next month."""
        self.unnamed += self.books.close_month(month, self.investment.spent_this_month)

    def pay_across(
        self, amount: float, order: tuple[FundingSource, ...], owner: str = SOLUTIONS
    ) -> float:
        """Pay as much of ``amount`` as the sources in ``order`` hold together; return it.

        What investment money pays is capitalised as an asset of ``owner``.
        """
        paid = 0.0
        for source in order:
            if paid >= amount:
                break
            part = source.pay_up_to(amount - paid)
            if source is self.investment:
                self.books.capitalise(part, owner)
            paid += part
        return paid

    def pay_project(self, amount: float) -> FundingSource | None:
        """Pay a capability initiative or order: :meth:`pay_first` in the project order.

        Operating money pays ``1 + stack_share`` times the amount: work funded from
        operating budgets buys its own technology stack (SCDI 2020).
        """
        return self.pay_first(
            amount, self.project_order, own_stack=self.params.operating.stack_share
        )

    def pay_first(
        self,
        amount: float,
        order: tuple[FundingSource, ...],
        owner: str = SOLUTIONS,
        own_stack: float = 0.0,
    ) -> FundingSource | None:
        """Pay ``amount`` from the first source in ``order`` that can; return it.

        What investment money pays is capitalised as an asset of ``owner``. Operating
        money pays ``1 + own_stack`` times the amount: work funded from operating
        budgets buys its own technology stack (SCDI 2020).
        """
        for source in order:
            due = amount * (1.0 + own_stack) if own_stack and source is self.operating else amount
            if source.pay(due):
                if source is self.investment:
                    self.books.capitalise(amount, owner)
                return source
        return None
