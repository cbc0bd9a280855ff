"""Values across runs: the headline measure, the middle of the runs, and how to say it.

A range "of 90% of runs" is computed from the runs themselves (order statistics),
never interpolated: with n runs, the ``floor(n / 20)`` lowest and highest runs are
left out and the range spans the rest, so it holds at least 90% of the runs and the
words say exactly how many.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.columns import OUTCOMES
from .data import Results, month_words
from .keys import FEW_RUNS, HEADLINE, KEY_MONTH, KEY_OUTCOMES

__all__ = ["FEW_RUNS", "HEADLINE", "KEY_MONTH", "KEY_OUTCOMES", "Measure", "MeasureError"]


class MeasureError(ValueError):
    """A headline measure that the results cannot give; the message says what is allowed."""


@dataclass(frozen=True)
class Measure:
    """One number per run: an outcome column at a month ('YYYY-MM') or at the 'end'."""

    outcome: str
    when: str

    @classmethod
    def parse(cls, text: str) -> Measure:
        """Read 'OUTCOME@YYYY-MM' or 'OUTCOME@end'.

        Raises:
            MeasureError: if the outcome is unknown or the month is not written YYYY-MM.
        """
        outcome, _, when = text.partition("@")
        ranked = ", ".join(name for name, info in OUTCOMES.items() if info.better)
        if outcome not in OUTCOMES:
            raise MeasureError(
                f"headline {text!r}: unknown outcome {outcome!r}; a headline may be one of: "
                f"{ranked}"
            )
        if not OUTCOMES[outcome].better:
            raise MeasureError(
                f"headline {text!r}: for {outcome} neither higher nor lower is better, so it "
                f"cannot rank the scenarios; a headline may be one of: {ranked}"
            )
        when = when or "end"
        if when != "end" and not (
            len(when) == 7
            and when[4] == "-"
            and when.replace("-", "").isdigit()
            and 1 <= int(when[5:]) <= 12
        ):
            raise MeasureError(
                f"headline {text!r}: the month must be YYYY-MM (months 01 to 12) or 'end'"
            )
        return cls(outcome, when)

    @classmethod
    def within(cls, text: str, first: str, last: str) -> Measure:
        """Read ``text`` as a headline asked for explicitly in runs of ``first..last``.

        Raises:
            MeasureError: as :meth:`parse`, and for a month outside ``first..last``.
        """
        measure = cls.parse(text)
        if measure.when != "end" and not first <= measure.when <= last:
            raise MeasureError(
                f"headline {text}: {measure.when} is outside the simulated months {first}..{last}"
            )
        return measure

    @classmethod
    def for_results(cls, text: str | None, results: Results) -> Measure:
        """Read ``text`` for these results; None is the default headline, which falls back.

        A run that stops before the default headline's month is measured at its end;
        a headline that is asked for explicitly must lie inside the run.

        Raises:
            MeasureError: as :meth:`parse`, and for an explicit month outside the run.
        """
        first, last = results.months
        if text is not None:
            return cls.within(text, first, last)
        measure = cls.parse(HEADLINE)
        if measure.when != "end" and not first <= measure.when <= last:
            return cls(measure.outcome, "end")
        return measure

    def __str__(self) -> str:
        return f"{self.outcome}@{self.when}"

    @property
    def better(self) -> str:
        """'higher', 'lower' or '' (neither) for this outcome."""
        return OUTCOMES[self.outcome].better

    @property
    def unit(self) -> str:
        """The outcome's unit."""
        return OUTCOMES[self.outcome].unit

    def when_words(self, results: Results) -> str:
        """'in 2026' for a December, 'in Mar 2026' otherwise, 'at the end of the run (Dec 2030)'."""
        if self.when == "end":
            return f"at the end of the run ({month_words(results.months[1])})"
        if self.when.endswith("-12"):
            return f"in {self.when[:4]}"
        return f"in {month_words(self.when)}"

    def name(self) -> str:
        """The outcome's label with a lower-case first letter, for running text."""
        label = OUTCOMES[self.outcome].label
        return label[0].lower() + label[1:]

    def values(self, results: Results) -> pd.DataFrame:
        """Columns ``scenario, replication, seed, value``: one row per run.

        Raises:
            MeasureError: if the month lies outside the simulated period.
        """
        first, last = results.months
        if self.when != "end" and not first <= self.when <= last:
            raise MeasureError(
                f"headline {self}: {self.when} is outside the simulated months {first}..{last}"
            )
        month = last if self.when == "end" else self.when
        ts = results.timeseries
        rows = ts[ts["month"] == month]
        return rows[["scenario", "replication", "seed", self.outcome]].rename(
            columns={self.outcome: "value"}
        )


@dataclass(frozen=True)
class RunRange:
    """The median of the runs and the range that holds the middle ``inside`` of ``n`` runs."""

    median: float
    low: float
    high: float
    inside: int
    n: int

    def words(self) -> str:
        """'90% of runs', '28 of 30 runs', 'all 4 runs' or 'the one run'."""
        if self.n == 1:
            return "the one run"
        if self.inside == self.n:
            return f"all {self.n} runs"
        if self.inside * 10 == self.n * 9:
            return "90% of runs"
        return f"{self.inside} of {self.n} runs"


def run_range(values: pd.Series | np.ndarray) -> RunRange:
    """Median and middle range of at least 90% of the runs (missing values left out).

    Raises:
        ValueError: if there are no values.
    """
    data = np.sort(np.asarray(pd.Series(values).dropna(), dtype=float))
    n = len(data)
    if n == 0:
        raise ValueError("no runs to summarise")
    cut = math.floor(n / 20)
    return RunRange(
        float(np.median(data)), float(data[cut]), float(data[n - 1 - cut]), n - 2 * cut, n
    )


def fmt(value: float, unit: str) -> str:
    """A number with as many decimals as its unit deserves; no '-0.0'."""
    if pd.isna(value):
        return "n/a"
    decimals = 2 if unit.startswith(("index", "share")) else 1
    text = f"{value:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text


def with_unit(value: float, unit: str) -> str:
    """'1.5 months', '0.12' (indexes and shares need no unit)."""
    text = fmt(value, unit)
    return text if unit.startswith(("index", "share")) or text == "n/a" else f"{text} {unit}"


def span(r: RunRange, unit: str) -> str:
    """'0.52\u20130.57': the range of a :class:`RunRange`, with an en dash."""
    return f"{fmt(r.low, unit)}\u2013{fmt(r.high, unit)}"


def value_and_range(r: RunRange, unit: str) -> str:
    """'0.54, 90% of runs 0.52\u20130.57', or '0.54, one run'."""
    if r.n == 1:
        return f"{with_unit(r.median, unit)}, one run"
    return f"{with_unit(r.median, unit)}, {r.words()} {span(r, unit)}"


def median_and_range(r: RunRange, unit: str) -> str:
    """'0.54 (90% of runs 0.52\u20130.57)', or '0.54 (one run)'."""
    value, _, spread = value_and_range(r, unit).partition(", ")
    return f"{value} ({spread})"


def paired(results: Results, measure: Measure, a: str, b: str) -> pd.DataFrame:
    """Runs of ``a`` and ``b`` with the same seed: columns ``seed, a, b``."""
    values = measure.values(results)
    left = values[values["scenario"] == a][["seed", "value"]].rename(columns={"value": "a"})
    right = values[values["scenario"] == b][["seed", "value"]].rename(columns={"value": "b"})
    return left.merge(right, on="seed").dropna()
