"""Paired runs: every choice of the first lever at every design point and seed, side by side.

Every policy runs at every design point with the same seeds, so the runs of two
choices at one point and seed share their future and their luck: their difference
is the effect of the choice alone. A measure is turned so that larger is better
(``sign`` -1 for an outcome where lower is better, such as a lead time), and a
**gap** of choice B over choice A is ``sign * (B - A)``: positive where B does better.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...core.columns import OUTCOMES

POINT, REPLICATION = "point", "replication"


def sign(measure: str) -> float:
    """+1 where higher is better, -1 where lower is better.

    Raises:
        ValueError: for an outcome without a better direction.
    """
    better = OUTCOMES[measure.partition("@")[0]].better
    if better not in ("higher", "lower"):
        raise ValueError(f"{measure}: neither higher nor lower is better")
    return 1.0 if better == "higher" else -1.0


def by_choice(
    outcomes: pd.DataFrame, policies: pd.DataFrame, measure: str, context: str
) -> pd.DataFrame:
    """The measure per run, one column per choice of the first lever, in ``context``.

    Args:
        outcomes: one row per run with ``point, policy, replication`` and the measure.
        policies: the policy table (``policy, name, choice, context``).
        measure: the measure's column.
        context: the other levers' values (``""`` for none).

    Returns:
        Index ``(point, replication)``, one column per choice in the order of the
        policies; only design points where every run of every choice has a finite
        value (a paired comparison needs all of them).
    """
    mine = policies[policies["context"].fillna("") == context]
    choice_of = dict(zip(mine["policy"], mine["choice"], strict=True))
    runs = outcomes[outcomes["policy"].isin(choice_of)]
    wide = runs.assign(choice=runs["policy"].map(choice_of)).pivot_table(
        index=[POINT, REPLICATION], columns="choice", values=measure, aggfunc="first", sort=True
    )
    wide = wide.reindex(columns=list(dict.fromkeys(mine["choice"])))
    wide = wide.replace([np.inf, -np.inf], np.nan).dropna()
    seeds = runs[REPLICATION].nunique()
    points = pd.Series(wide.index.get_level_values(POINT))
    return wide[(points.map(points.value_counts()) == seeds).to_numpy()]


@dataclass(frozen=True)
class Pair:
    """Two choices in one context, ordered so the leader leads in at least half the runs.

    Attributes:
        leader: the choice that does better in more runs (the first named on a tie).
        challenger: the other choice.
        gap: per run (index ``point, replication``), the challenger's gap over the
            leader: positive where the challenger does better.
        lead: per run, whether the run counts for the challenger: its gap is above
            ``-margin``.
    """

    leader: str
    challenger: str
    gap: pd.Series
    lead: pd.Series

    @property
    def futures(self) -> int:
        """Number of design points compared."""
        return int(self.gap.index.get_level_values(POINT).nunique())

    @property
    def seeds(self) -> int:
        """Seeds per design point."""
        return int(self.gap.groupby(level=POINT).size().max()) if len(self.gap) else 0

    def future_gap(self) -> pd.Series:
        """The mean gap over the seeds of each design point."""
        return self.gap.groupby(level=POINT).mean()


def pair(wide: pd.DataFrame, a: str, b: str, measure: str, margin: float = 0.0) -> Pair:
    """Choices ``a`` and ``b`` of :func:`by_choice`'s table as leader and challenger."""
    s = sign(measure)
    gap_b = s * (wide[b] - wide[a])
    a_wins, b_wins = int((gap_b < 0).sum()), int((gap_b > 0).sum())
    leader, challenger = (a, b) if a_wins >= b_wins else (b, a)
    gap = gap_b if leader == a else -gap_b
    return Pair(leader, challenger, gap.rename("gap"), (gap > -margin).rename("lead"))
