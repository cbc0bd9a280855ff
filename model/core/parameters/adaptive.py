"""The adaptive strategy: the indicators it watches and how it moves effort."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ASSUMPTION, REPORT, par

_RECS = REPORT + " (general recommendations 2 and 4: dynamic resource allocation; indicators"
_RECS += " that signal the need for strategic renewal)"


@dataclass(frozen=True)
class AdaptiveParams:
    """How the adaptive strategy reads its indicators and moves effort.

    Every ``review_months`` it reads the block rate, IT's maintenance share, the unit's
    strain and the backlog, and moves the share of IT capacity for legacy fixes, the
    pace and the training share one ``step`` up or down (docs/ODD.md, 7.11).
    """

    review_months: float = par(
        6.0, "months", 1.0, 24.0, _RECS, "months between reviews of the indicators"
    )
    step: float = par(
        0.1, "share", 0.01, 0.5, ASSUMPTION, "how far one review moves a share or the pace"
    )
    block_high: float = par(
        0.15,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "share of ended capability work blocked by the legacy above which fixes get more of IT",
    )
    block_low: float = par(
        0.05,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "share of ended capability work blocked by the legacy below which fixes get less of IT",
    )
    min_ended: float = par(
        5.0,
        "initiatives",
        1.0,
        50.0,
        ASSUMPTION,
        "capability work that must have ended since the last review before the block rate counts",
    )
    legacy_max: float = par(
        0.8, "share", 0.0, 1.0, ASSUMPTION, "most of IT's free staff the fixes may take"
    )
    maintenance_high: float = par(
        0.9,
        "share",
        0.0,
        1.0,
        ASSUMPTION + " (between GAO-16-468, about 75% of IT budgets on operations and "
        "maintenance, and Radar 2013, about 88% in Swedish municipalities)",
        "IT maintenance share above which planned renewal of the least flexible systems starts",
    )
    strain_high: float = par(
        0.3, "index", 0.0, 1.0, "Homer 1985", "strain above which the pace is lowered"
    )
    strain_low: float = par(
        0.1, "index", 0.0, 1.0, "Homer 1985", "strain below which the pace may be raised"
    )
    backlog_high: float = par(
        2.0,
        "ratio",
        0.0,
        10.0,
        REPORT + " ('vi behöver dubblera den en gång till, det tvingar ju oss att också utbilda "
        "andra')",
        "queued team FTE per unit capacity above which more effort goes to training departments",
    )
    backlog_low: float = par(
        0.5,
        "ratio",
        0.0,
        10.0,
        ASSUMPTION,
        "queued team FTE per unit capacity below which less effort goes to training",
    )
    pace_max: float = par(
        1.6, "ratio", 1.0, 2.0, ASSUMPTION, "highest pace the adaptive strategy sets"
    )
    self_sufficiency_target: float = par(
        0.5,
        "index",
        0.0,
        1.0,
        REPORT + " ('självgående')",
        "departments' mean self-sufficiency up to which a long backlog raises the training share",
    )
    training_min: float = par(
        0.1, "share", 0.0, 0.6, ASSUMPTION, "lowest training share the adaptive strategy sets"
    )
    training_max: float = par(
        0.35, "share", 0.0, 0.6, ASSUMPTION, "highest training share the adaptive strategy sets"
    )
