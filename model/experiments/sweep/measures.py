"""Outcome measures of an experiment: an outcome column at a month, or its mean over months.

Written ``change_capability@2026-12`` (the value in that month) or
``change_capability@2024-01..2026-12`` (the mean over those months, both included).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...core.calendar import month_number
from ...core.columns import OUTCOMES

_MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
_FORM = re.compile(rf"^(?P<outcome>[a-z_]+)@(?P<start>{_MONTH})(?:\.\.(?P<end>{_MONTH}))?$")
FORMS = "OUTCOME@YYYY-MM or OUTCOME@YYYY-MM..YYYY-MM (the mean over those months)"


class MeasureError(ValueError):
    """A measure is not written right; ``problem``, ``allowed`` and ``hint`` say how."""

    def __init__(self, problem: str, allowed: str = FORMS, hint: str = ""):
        super().__init__(problem)
        self.problem, self.allowed, self.hint = problem, allowed, hint


@dataclass(frozen=True)
class Measure:
    """One number per run: ``outcome`` in month ``start``, or its mean from ``start`` to ``end``."""

    outcome: str
    start: str
    end: str

    @property
    def name(self) -> str:
        """Column name in the results, as written in the experiment file."""
        if self.start == self.end:
            return f"{self.outcome}@{self.start}"
        return f"{self.outcome}@{self.start}..{self.end}"

    def value(self, timeseries: pd.DataFrame) -> float:
        """The measure of one run's monthly table."""
        months = timeseries["month"]
        rows = timeseries.loc[(months >= self.start) & (months <= self.end), self.outcome]
        return float(rows.mean()) if len(rows) else float("nan")

    def value_of(self, first: int, column: Sequence[float]) -> float:
        """The measure of one outcome's monthly values, the first for month number ``first``.

        The same number as :meth:`value` of the run's table, without building it.
        """
        a = max(month_number(self.start) - first, 0)
        b = min(month_number(self.end) - first + 1, len(column))
        if b <= a:
            return math.nan
        return float(np.mean(np.asarray(column[a:b], dtype=float)))


def parse_measure(text: object, first: str, last: str, horizon: str | None = None) -> Measure:
    """Read a measure and check it against the outcomes and the months simulated.

    Args:
        text: e.g. ``change_capability@2026-12``.
        first: first month every run simulates.
        last: last month every run simulates.
        horizon: why ``first`` and ``last`` differ from the base scenario's horizon
            (the design varies it), for the message; None when they do not.

    Raises:
        MeasureError: saying what is wrong and what is allowed.
    """
    from ...scenario.errors import did_you_mean

    match = _FORM.match(text) if isinstance(text, str) else None
    if match is None:
        hint = "e.g. change_capability@2026-12 or change_capability@2024-01..2026-12"
        if isinstance(text, str) and "@" not in text:
            hint = f"add the month: {text}@2026-12"
        raise MeasureError("is not an outcome at a month", hint=hint)
    outcome, start = match["outcome"], match["start"]
    end = match["end"] or start
    if outcome not in OUTCOMES:
        raise MeasureError(
            f"unknown outcome {outcome!r}",
            allowed="an outcome of model/core/columns.py (OUTCOMES), e.g. "
            + ", ".join(list(OUTCOMES)[:4]),
            hint=did_you_mean(outcome, OUTCOMES),
        )
    if end < start:
        raise MeasureError(f"the range ends ({end}) before it starts ({start})")
    if start < first or end > last:
        if horizon is None:
            raise MeasureError(
                f"month outside the simulated months {first}..{last}",
                allowed=f"months from {first} to {last} (the base scenario's horizon)",
            )
        raise MeasureError(
            f"month outside the simulated months {first}..{last} ({horizon})",
            allowed=f"months from {first} to {last}",
            hint="every outcome's months must lie within the horizon of every design point; "
            "drop that value or measure within those months",
        )
    return Measure(outcome, start, end)


def yearly_measures(measures: Sequence[Measure]) -> tuple[Measure, ...]:
    """The calendar-year parts of every measure over months that spans two years or more.

    ``change_capability@2027-01..2030-12`` gives ``change_capability@2027-01..2027-12``
    to ``...@2030-01..2030-12``; a part year at either end keeps its months. Measures
    already listed are not repeated.
    """
    names = {m.name for m in measures}
    out: dict[str, Measure] = {}
    for m in measures:
        first, last = int(m.start[:4]), int(m.end[:4])
        if first == last:
            continue
        for year in range(first, last + 1):
            part = Measure(m.outcome, max(m.start, f"{year}-01"), min(m.end, f"{year}-12"))
            if part.name not in names:
                out.setdefault(part.name, part)
    return tuple(out.values())
