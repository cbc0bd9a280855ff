"""The strategies of the report: small steps, big bang, and the variants users compare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..calendar import month_number
from ..modernisation import start_modernisation
from .base import Strategy

if TYPE_CHECKING:
    from ..model import DigitalisationModel


class SmallStepsStrategy(Strategy):
    """Short co-created capability initiatives alternating with targeted legacy fixes.

    Blocked and dragged initiatives and the yearly assessments reveal which legacy
    to fix, and targeted fixes follow (the växelverkan of the report).
    """

    name = "small_steps"
    streams = ("legacy_fix",)
    description = "small co-created steps alternating with targeted legacy fixes"

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Fix revealed legacy first, then start capability work."""
        self.fix_revealed_legacy(model, model.params.strategy.legacy_share_max)
        self.start_capability_work(model)


class BigBangStrategy(Strategy):
    """A large modernisation programme of the legacy first, capability work beside and after it.

    While the programme runs, capability work uses ``modernisation_capability_share``
    of the unit capacity the programme leaves free (0: none, the textbook big bang).
    Once it has ended, targeted fixes of revealed legacy may use
    ``fixes_after_programme`` of ``legacy_share_max`` (0 by default: none).
    """

    name = "big_bang"
    streams = ("modernisation", "legacy_fix")
    description = "modernise the legacy in one programme, then build capability"

    def __init__(self) -> None:
        self.programme = None

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start the programme when due; capability work beside it, fixes and capability after."""
        s = model.params.strategy
        if self.programme is None and model.month >= month_number(s.modernisation_start):
            ranked = sorted(model.systems, key=lambda x: x.flexibility)
            scope = ranked[: max(1, round(len(ranked) * s.modernisation_scope))]
            self.programme = start_modernisation(model, scope)
        if self.programme is not None and self.programme.outcome == "running":
            free = max(0.0, model.unit.free())
            self.start_capability_work(model, limit=s.modernisation_capability_share * free)
            return
        if self.programme is not None and s.fixes_after_programme > 0.0:
            self.fix_revealed_legacy(model, s.fixes_after_programme * s.legacy_share_max)
        self.start_capability_work(model)


class CapabilityOnlyStrategy(Strategy):
    """Co-created capability work, and no legacy work at all."""

    name = "capability_only"
    description = "capability initiatives only; the legacy is left alone"

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start capability work."""
        self.start_capability_work(model)


class OrderFromITStrategy(Strategy):
    """The old model: departments specify and order, an internal supplier builds to order.

    The report's "intern leverantör-kundrelation" with a formal ordering interface:
    an order waits ``order_spec_months`` while the department writes its
    specification; the unit's staff then build it as an internal supplier, with a
    full team (no self-sufficiency discount) and no co-creation, and IT fixes the
    legacy the work reveals. A delivered order teaches the department only
    ``order_share`` of what co-created work teaches and builds less trust
    (``order_gain_share``). The same staff and money as in the other strategies do
    the work: only the way of working differs.
    """

    name = "order_from_it"
    streams = ("legacy_fix",)
    description = "departments order solutions to specification; no co-creation"
    cocreated = False

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Fix revealed legacy, then start orders whose specification is done."""
        self.fix_revealed_legacy(model, model.params.strategy.legacy_share_max)
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
        planned = [
            system
            for system in sorted(model.systems, key=lambda x: x.flexibility)
            if system.flexibility < s.hybrid_flexibility_target
        ]
        self.fix_systems(model, planned, s.legacy_share_max + s.hybrid_legacy_share)
        self.start_capability_work(model)
