"""The adaptive strategy: strategy as practice, steered by its own indicators.

The report's central thesis: an emergent strategy with indicators that signal the
need for renewal (general recommendation 4) and mechanisms for dynamic resource
allocation between capability work and the legacy (general recommendation 2). Every
``adaptive.review_months`` the strategy reads four indicators and moves effort one
``adaptive.step``:

- **block rate**: the share of capability work ended since the last review that the
  legacy blocked (read once at least ``min_ended`` have ended). Above ``block_high``
  the share of IT's free staff for targeted fixes rises (up to ``legacy_max``); below
  ``block_low`` it falls.
- **maintenance share** of IT's budget: above ``maintenance_high``, planned renewal
  of the least flexible systems (below ``strategy.hybrid_flexibility_target``) runs
  beside the revealed fixes, within the same share; below it, it stops.
- **strain** of the unit: above ``strain_high`` the pace falls (not below 1, the
  sustainable pace); below ``strain_low``, with a long backlog, it rises (up to
  ``pace_max``).
- **backlog** and **self-sufficiency**: queued team FTE per unit capacity. Above
  ``backlog_high``, while the departments' mean self-sufficiency is below
  ``self_sufficiency_target``, more of the unit's effort goes to training them (up to
  ``training_max``), so that they carry more of the work themselves; below
  ``backlog_low``, or once they are self-sufficient enough, less (down to
  ``training_min``).

It starts from the plain small-steps settings (``legacy_share_max``, the pace and
training share of the scenario).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Strategy

if TYPE_CHECKING:
    from ..model import DigitalisationModel


class AdaptiveStrategy(Strategy):
    """Small steps whose legacy share, pace, training and renewal follow the indicators."""

    name = "adaptive"
    streams = ("legacy_fix",)
    description = "small steps that move effort between capability, legacy and training"

    def __init__(self) -> None:
        self.legacy_share: float | None = None
        self.renewing = False
        self.last_review: int | None = None

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Review the indicators when due, then fixes and capability work."""
        s = model.params.strategy
        if self.legacy_share is None:
            self.legacy_share, self.last_review = s.legacy_share_max, model.month
        if model.month - self.last_review >= round(s.adaptive.review_months):
            self.review(model)
        self.fix_revealed_legacy(model, self.legacy_share)
        if self.renewing:
            planned = [
                system
                for system in sorted(model.systems, key=lambda x: x.flexibility)
                if system.flexibility < s.hybrid_flexibility_target
            ]
            self.fix_systems(model, planned, self.legacy_share)
        self.start_capability_work(model)

    def review(self, model: DigitalisationModel) -> None:
        """Read the indicators and move the legacy share, renewal, pace and training."""
        a = model.params.strategy.adaptive
        unit, step = model.unit, a.step
        blocked, ended = block_rate(model, self.last_review)
        if ended >= a.min_ended and blocked > a.block_high:
            self.legacy_share = min(a.legacy_max, self.legacy_share + step)
        elif ended >= a.min_ended and blocked < a.block_low:
            self.legacy_share = max(0.0, self.legacy_share - step)
        self.renewing = model.it.maintenance_share > a.maintenance_high
        backlog = backlog_ratio(model)
        if unit.strain > a.strain_high:
            unit.pace = max(1.0, unit.pace - step)
        elif unit.strain < a.strain_low and backlog > a.backlog_high:
            unit.pace = min(a.pace_max, unit.pace + step)
        learning = model.outcomes["self_sufficiency"] < a.self_sufficiency_target
        if backlog > a.backlog_high and learning:
            unit.training_share = min(a.training_max, unit.training_share + step)
        elif backlog < a.backlog_low or not learning:
            unit.training_share = max(a.training_min, unit.training_share - step)
        self.last_review = model.month


def block_rate(model: DigitalisationModel, since: int) -> tuple[float, int]:
    """Share of the capability work ended since ``since`` that the legacy blocked, and its count."""
    blocked = ended = 0
    for ini in reversed(model.portfolio.log):
        if ini.end < since:
            break
        if ini.kind == "capability":
            ended += 1
            blocked += ini.outcome == "blocked"
    return (blocked / ended if ended else 0.0), ended


def backlog_ratio(model: DigitalisationModel) -> float:
    """Queued team FTE per unit capacity (how many times over the queue fills the unit)."""
    portfolio = model.portfolio
    queued = sum(portfolio.team_need(p.department, True) for p in portfolio.backlog)
    capacity = model.unit.capacity()
    return queued / capacity if capacity > 0 else 0.0
