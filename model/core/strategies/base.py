"""The strategy base class and the pieces of work every strategy may use."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..registry import STRATEGIES
from ..tolerances import FTE_EPS

if TYPE_CHECKING:
    from ..model import DigitalisationModel


class Strategy:
    """Base class: registers subclasses by ``name``.

    Class attributes: ``streams`` lists the random streams a strategy draws from
    beyond those every strategy shares (used by the common-random-numbers checks);
    ``cocreated`` says whether the unit and the departments build together (so that
    the departments learn) or departments order and IT builds.
    """

    name: ClassVar[str] = ""
    streams: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    cocreated: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            STRATEGIES[cls.name] = cls

    def plan_initiatives(self, model: DigitalisationModel) -> None:
        """Start this month's work."""
        raise NotImplementedError

    @staticmethod
    def start_capability_work(
        model: DigitalisationModel, cocreated: bool = True, limit: float | None = None
    ) -> None:
        """Start queued proposals, oldest first, while team and money allow.

        ``limit`` caps the team FTE this month's new work may take.
        """
        portfolio = model.portfolio
        backlog = portfolio.backlog
        if not backlog:
            return
        pool = model.unit if cocreated else model.it
        free = pool.free() if limit is None else min(pool.free(), limit)
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
        """Targeted fixes of the systems the evidence points at, most evidence first.

        A system counts as revealed once its evidence (blocked and dragged work,
        assessments) reaches ``reveal_threshold``. IT staff tied up in fixes stay
        within ``share`` of IT's development staff not running the systems.
        """
        threshold = model.params.behaviour.needs.reveal_threshold
        candidates = [s for s in model.systems if s.evidence >= threshold and not s.under_work]
        if not candidates:
            return
        candidates.sort(key=lambda s: (-s.evidence, s.flexibility))
        Strategy.fix_systems(model, candidates, share)

    @staticmethod
    def fix_systems(model: DigitalisationModel, systems: list, share: float) -> None:
        """Start fixes of ``systems`` in order while fixes stay within ``share`` of IT's staff.

        A fix takes its whole team of ``fix_fte`` where that fits, else what fits when
        that is at least ``fix_partial_share`` of the team (1 by default: whole teams).
        """
        it = model.it
        limit = share * max(0.0, it.dev_fte - it.ops_fte)
        p = model.params.organisation.it
        smallest = p.fix_partial_share * p.fix_fte
        for system in systems:
            team = min(p.fix_fte, limit - it.committed)
            if team < smallest - FTE_EPS:
                break
            if not system.under_work:
                model.portfolio.start_fix(system, team / p.fix_fte)


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
