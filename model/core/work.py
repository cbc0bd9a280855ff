"""Proposals and initiatives: the records of work waiting, under way and ended."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendar import month_text
from .funding import FundingSource

if TYPE_CHECKING:
    from .agents import Department, LegacySystem


#: What a proposal becomes if it starts, drawn when it arrives (Portfolio.proposal_fates).
FATE = ("effort", "cost", "overrun", "planned_months", "fail_margin", "brake", "system")
#: Kinds of work that build or renew legacy (their unit staff time is capitalisable in full).
LEGACY_KINDS = ("legacy_fix", "modernisation")


@dataclass(eq=False, slots=True)
class Proposal:
    """A department's idea for a capability initiative, waiting to start."""

    department: Department
    month: int  # absolute month of arrival
    fate: tuple[float, ...]  # one row of Portfolio.proposal_fates, in the order of FATE


@dataclass(eq=False, slots=True)
class Initiative:
    """One piece of work under way or finished.

    ``due`` is the SimPy time it is expected to end (for the probe), ``drag_share``
    the share of its duration lost to the legacy's drag, ``fit`` how well legacy
    work fits the needs (the knowledge of them when its design was frozen), and
    ``planned_months`` the duration its plan expected (knowing the legacy's drag, at
    normal productivity, with no overrun or block).
    """

    number: int
    kind: str  # capability, legacy_fix, modernisation, order
    department: Department | None
    system: LegacySystem | None
    source: FundingSource
    start: int
    effort: float
    cost: float
    overrun: float
    team_unit: float = 0.0
    team_it: float = 0.0
    cocreated: bool = True
    end: int | None = None
    outcome: str = "running"
    systems: tuple = ()  # systems a modernisation renews
    fit: float = 1.0
    due: float = 0.0
    drag_share: float = 0.0
    planned_months: float = 0.0

    def row(self) -> tuple:
        """The initiative log row, in the order of ``INITIATIVE_COLUMNS``."""
        return (
            self.number,
            self.kind,
            self.department.name if self.department else "",
            self.system.name if self.system else "",
            self.source.name,
            month_text(self.start),
            month_text(self.end) if self.end is not None else "",
            self.effort,
            self.cost,
            self.overrun,
            self.planned_months,
            self.outcome,
        )
