"""Strategies: each decides, once a month, which work to start.

A strategy is a class with a ``name`` and a ``plan_initiatives(model)`` method.
Subclassing :class:`Strategy` registers it by name, so adding a strategy touches
no other code. ``streams`` lists the random streams a strategy draws from beyond
those every strategy shares (used by the common-random-numbers checks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .calendar import month_number
from .modernisation import start_modernisation
from .registry import STRATEGIES
from .tolerances import FTE_EPS

if TYPE_CHECKING:
    from .model import DigitalisationModel


class Strategy:
    """Base class: registers subclasses by ``name``."""

    name: ClassVar[str] = ""
    streams: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    #: Whether the unit and the departments build together (co-creation), so that the
    #: departments learn; otherwise departments order and IT builds.
    cocreated: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            STRATEGIES[cls.name] = cls

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start this month's work."""
        raise NotImplementedError

    def delivery_fte(self, model: DigitalisationModel) -> float:
        """FTE that deliver change.

        The unit's staff net of training when co-creating; IT's development staff
        when departments order from IT.
        """
        if self.cocreated:
            return model.unit.total_staff * (1.0 - model.unit.training_share)
        return model.it.dev_fte

    @staticmethod
    def start_capability_work(model: DigitalisationModel, cocreated: bool = True) -> None:
        """Start queued proposals, oldest first, while team and money allow."""
        portfolio = model.portfolio
        backlog = portfolio.backlog
        if not backlog:
            return
        pool = model.unit if cocreated else model.it
        free = pool.free()
        needs = {d: portfolio.team_need(d, cocreated) for d in model.departments}
        smallest = min(needs.values())
        if free + FTE_EPS < smallest:
            return
        waiting = []
        for n, proposal in enumerate(backlog):
            if free + FTE_EPS < smallest:
                waiting.extend(backlog[n:])
                break
            need = needs[proposal.department]
            if need > free + FTE_EPS:
                waiting.append(proposal)
            elif portfolio.start_capability(proposal, cocreated, need):
                free -= need
            else:
                waiting.append(proposal)
        portfolio.backlog = waiting

    @staticmethod
    def fix_revealed_legacy(model: DigitalisationModel, share: float) -> None:
        """Targeted fixes of the systems blocked initiatives pointed at, most-revealed first.

        IT staff tied up in fixes stay within ``share`` of IT development capacity.
        """
        candidates = [s for s in model.systems if s.revealed > 0 and not s.under_work]
        if not candidates:
            return
        candidates.sort(key=lambda s: (-s.revealed, s.flexibility))
        limit = share * model.it.dev_fte
        fte = model.params.organisation.it.fix_fte
        for system in candidates:
            if model.it.committed + fte > limit + FTE_EPS:
                break
            model.portfolio.start_fix(system)


def make_strategy(name: str) -> Strategy:
    """Create the strategy registered under ``name``.

    Raises:
        ValueError: if no strategy has that name.
    """
    try:
        return STRATEGIES[name]()
    except KeyError:
        known = ", ".join(sorted(STRATEGIES))
        raise ValueError(f"unknown strategy {name!r}; known strategies: {known}") from None


class SmallStepsStrategy(Strategy):
    """Short co-created capability initiatives alternating with targeted legacy fixes.

    Blocked initiatives reveal which legacy to fix, and targeted fixes follow
    (the växelverkan of the report).
    """

    name = "small_steps"
    streams = ("legacy_fix",)
    description = "small co-created steps alternating with targeted legacy fixes"

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Fix revealed legacy first, then start capability work."""
        self.fix_revealed_legacy(model, model.params.strategy.legacy_share_max)
        self.start_capability_work(model)


class BigBangStrategy(Strategy):
    """A large modernisation programme of the legacy first, capability work after it."""

    name = "big_bang"
    streams = ("modernisation",)
    description = "modernise the legacy in one programme, then build capability"

    def __init__(self) -> None:
        self.programme = None

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start the programme when due; capability work only once it has ended."""
        s = model.params.strategy
        if self.programme is None:
            if model.month < month_number(s.modernisation_start):
                return
            ranked = sorted(model.systems, key=lambda x: x.flexibility)
            scope = ranked[: max(1, round(len(ranked) * s.modernisation_scope))]
            self.programme = start_modernisation(model, scope)
            return
        if self.programme.outcome == "running":
            return
        self.start_capability_work(model)


class CapabilityOnlyStrategy(Strategy):
    """Co-created capability work, and no legacy work at all."""

    name = "capability_only"
    description = "capability initiatives only; the legacy is left alone"

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start capability work."""
        self.start_capability_work(model)


class OrderFromITStrategy(Strategy):
    """The old model: departments specify and order solutions that IT builds.

    No co-creation and no transfer of learning; an order waits
    ``order_spec_months`` while the department writes its specification.
    """

    name = "order_from_it"
    description = "departments order solutions from IT; no co-creation"
    cocreated = False

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start orders whose specification is done, with IT staff."""
        ready = model.month - model.params.strategy.order_spec_months
        waiting = []
        for proposal in model.portfolio.backlog:
            if proposal.month > ready or not model.portfolio.start_capability(proposal, False):
                waiting.append(proposal)
        model.portfolio.backlog = waiting


class HybridStrategy(Strategy):
    """Small steps plus planned renewal of the least flexible systems.

    A fixed share of IT development capacity goes to planned fixes whether or
    not initiatives revealed the need.
    """

    name = "hybrid"
    streams = ("legacy_fix",)
    description = "small steps plus a fixed share of IT capacity for planned legacy renewal"

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Revealed fixes, then planned fixes, then capability work."""
        s = model.params.strategy
        self.fix_revealed_legacy(model, s.legacy_share_max)
        limit = (s.legacy_share_max + s.hybrid_legacy_share) * model.it.dev_fte
        fte = model.params.organisation.it.fix_fte
        for system in sorted(model.systems, key=lambda x: x.flexibility):
            if model.it.committed + fte > limit + FTE_EPS:
                break
            if not system.under_work and system.flexibility < s.hybrid_flexibility_target:
                model.portfolio.start_fix(system)
        self.start_capability_work(model)
