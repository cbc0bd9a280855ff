"""Read a results directory and summarise it across replications.

The views never run the model: everything here comes from the files a study wrote,
named by :mod:`digistrat.experiments.layout` (the tables, ``summary.csv``,
``manifest.json`` and, when it compares scenarios, ``comparison.csv``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.calendar import month_number, month_text
from ..experiments import layout
from ..experiments.layout import Manifest, ResultsError, read_manifest

#: Quantiles drawn as bands: a 90% band (5-95) and a 50% band (25-75) around the median.
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)

#: Month when central programme money ends, unless the manifest says otherwise.
DEFAULT_PROGRAMME_END = "2022-12"


@dataclass(frozen=True)
class Results:
    """Everything the plots and the report need from one results directory.

    Attributes:
        directory: the results directory.
        timeseries: one row per scenario, replication and month.
        initiatives: one row per initiative, or None when the file is missing.
        summary: one row per scenario and replication, or None when missing.
        comparison: paired differences between scenarios, or None when missing.
        manifest: the study's manifest.
        scenarios: scenario names in the order of the manifest.
    """

    directory: Path
    timeseries: pd.DataFrame
    initiatives: pd.DataFrame | None
    summary: pd.DataFrame | None
    comparison: pd.DataFrame | None
    manifest: Manifest
    scenarios: tuple[str, ...] = ()

    @cached_property
    def departments(self) -> pd.DataFrame | None:
        """One row per department and month, or None when missing; read on first use.

        No plot and no part of the report needs it, and it is the largest table
        (six rows per run and month), so drawing does not read it.
        """
        return _read_optional(self.directory / layout.DEPARTMENTS)

    @cached_property
    def failed(self) -> dict[str, int]:
        """Runs of each scenario that gave no result (``failures.csv``); {} when none failed."""
        table = _read_optional(self.directory / layout.FAILURES)
        if table is None or "scenario" not in table.columns:
            return {}
        counts = table["scenario"].value_counts()
        return {name: int(counts[name]) for name in self.scenarios if name in counts.index}

    def failed_sentence(self) -> str:
        """How many runs gave no result and what the figures rest on instead, or ''."""
        if not self.failed:
            return ""
        ok = self.replications
        each = "; ".join(
            f"{self.label(name)}: {count} of {count + ok.get(name, 0)}"
            for name, count in self.failed.items()
        )
        failed, kept = sum(self.failed.values()), sum(ok.values())
        return (
            f"{failed} of {failed + kept} runs gave no result ({each}), so the figures rest "
            f"on the other {kept}; their errors, parameters and seeds are in "
            f"{layout.FAILURES}, and the same command with --resume runs them again."
        )

    @cached_property
    def replications(self) -> dict[str, int]:
        """Number of replications per scenario, counted in the time series."""
        counts = self.timeseries.groupby("scenario", sort=False)["replication"].nunique()
        return {name: int(counts.get(name, 0)) for name in self.scenarios}

    @cached_property
    def months(self) -> tuple[str, str]:
        """First and last simulated month as 'YYYY-MM'."""
        months = self.timeseries["month"]
        return str(months.min()), str(months.max())

    def label(self, scenario: str) -> str:
        """Plain name of a scenario: its name in words.

        ``small_steps__programme_2022`` reads 'small steps, programme 2022'.
        """
        return scenario.replace("__", ", ").replace("_", " ")

    def quoted(self, scenario: str) -> str:
        """The scenario's label in quotation marks: '\u201csmall steps, programme 2022\u201d'.

        A list of labels that hold commas stays readable.
        """
        return f"\u201c{self.label(scenario)}\u201d"

    def description(self, scenario: str) -> str:
        """The scenario's description from the manifest, or ''.

        When ``--set`` changed the scenario, the file's description may no longer hold:
        the text then names the changes and says how the scenario was run.
        """
        record = self.manifest.scenario(scenario)
        if record is None:
            return ""
        if not record.overrides:
            return record.description
        changed = (
            f"Changed for these runs with --set {', '.join(record.overrides)}; "
            f"as run: {settings_words(record.resolved)}."
        )
        if not record.description:
            return changed
        return f"{changed} The file describes it as: {record.description}"

    @cached_property
    def overrides(self) -> tuple[str, ...]:
        """The ``--set`` overrides of the scenarios, in order, each once."""
        found = (o for s in self.manifest.scenarios for o in s.overrides)
        return tuple(dict.fromkeys(found))

    def programme_ends(self) -> list[str]:
        """Distinct last months of programme funding that fall inside the simulated period."""
        ends = {s.programme_end for s in self.manifest.scenarios}
        ends.discard(None)
        first, last = (month_number(m) for m in self.months)
        found = sorted(ends or {DEFAULT_PROGRAMME_END})
        return [end for end in found if first <= month_number(end) < last]


def settings_words(resolved: dict[str, Any]) -> str:
    """The main settings of a resolved scenario in words: strategy, funding, horizon."""
    strategy = resolved.get("strategy") or {}
    funding = resolved.get("funding") or {}
    programme = funding.get("programme") or {}
    investment = funding.get("investment") or {}
    horizon = resolved.get("horizon") or {}
    parts = [f"{str(strategy.get('kind', '?')).replace('_', ' ')} strategy"]
    if programme:
        parts.append(
            f"programme funding {programme.get('start')}..{programme.get('end')} "
            f"({programme.get('annual_msek')} MSEK a year)"
        )
    if investment:
        parts.append(
            f"investment funding from {investment.get('start')}"
            if investment.get("enabled")
            else "no investment funding"
        )
    if horizon:
        parts.append(f"simulated {horizon.get('start')}..{horizon.get('end')}")
    return ", ".join(parts)


_last: dict[tuple, Results] = {}


def load(directory: Path) -> Results:
    """Read the files of a results directory.

    The results last read are kept: drawing the plots, the comparison and the report
    of one directory reads its files once, as long as none of them changes. Treat
    the frames as read-only.

    Raises:
        ResultsError: if the time series or the manifest is missing (nothing can be drawn).
    """
    directory = Path(directory)
    layout.require(directory, layout.TIMESERIES)
    key = _fingerprint(directory)
    if key not in _last:
        _last.clear()
        _last[key] = _read(directory)
    return _last[key]


def _fingerprint(directory: Path) -> tuple:
    """The directory as given, and the identity, size and time of each file views read."""
    found = []
    for name in (*layout.STUDY_FILES, layout.FAILURES):
        try:
            stat = (directory / name).stat()
        except FileNotFoundError:
            continue
        found.append((name, stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return (directory, *found)


def _read(directory: Path) -> Results:
    manifest = read_manifest(directory)
    if manifest.kind != layout.STUDY:
        raise ResultsError(
            f"{directory} holds a sweep's results; draw them with: digistrat sweep --replot"
        )
    timeseries = _read_optional(directory / layout.TIMESERIES)
    return Results(
        directory=directory,
        timeseries=timeseries,
        initiatives=_read_optional(directory / layout.INITIATIVES),
        summary=_read_optional(directory / layout.SUMMARY),
        comparison=_read_optional(directory / layout.COMPARISON),
        manifest=manifest,
        scenarios=_scenario_order(manifest, timeseries["scenario"]),
    )


def rows_by(table: pd.DataFrame, key: str | list[str] = "scenario") -> dict[Any, pd.DataFrame]:
    """The rows of ``table`` for each value of ``key`` (a tuple for several columns).

    Split in one pass; look values up with ``.get(value, empty(table))``, as a value
    without rows is absent.
    """
    return dict(iter(table.groupby(key, sort=False, observed=True)))


def empty(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` without rows, with its columns."""
    return table.iloc[:0]


def bands(timeseries: pd.DataFrame, column: str) -> pd.DataFrame:
    """Quantiles of ``column`` across replications, per scenario and month.

    Returns:
        One row per scenario and month, with columns ``scenario``, ``month``, ``year`` (decimal)
        and ``q5``, ``q25``, ``q50``, ``q75``, ``q95``.
    """
    grouped = timeseries.groupby(["scenario", "month"], sort=False)[column]
    table = grouped.quantile(list(QUANTILES)).unstack()
    table.columns = [f"q{round(q * 100)}" for q in QUANTILES]
    table = table.reset_index().sort_values(["scenario", "month"], kind="stable")
    table["year"] = decimal_years(table["month"])
    return table.reset_index(drop=True)


def medians(timeseries: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Median across replications of each column, per scenario and month."""
    table = timeseries.groupby(["scenario", "month"], sort=False)[list(columns)].median()
    table = table.reset_index().sort_values(["scenario", "month"], kind="stable")
    table["year"] = decimal_years(table["month"])
    return table.reset_index(drop=True)


def decimal_years(months: pd.Series) -> pd.Series:
    """Turn 'YYYY-MM' strings into years with a fraction (2022-07 is 2022.5)."""
    text = months.astype(str)
    return text.str[:4].astype(int) + (text.str[5:7].astype(int) - 1) / 12


def month_words(month: str) -> str:
    """'2022-12' as 'Dec 2022'."""
    return pd.Timestamp(f"{month}-01").strftime("%b %Y")


def next_month(month: str) -> str:
    """The month after ``month``."""
    return month_text(month_number(month) + 1)


def _scenario_order(manifest: Manifest, column: pd.Series) -> tuple[str, ...]:
    present = list(column.astype(str).unique())  # in order of first appearance
    listed = [s.name for s in manifest.scenarios if s.name in present]
    return tuple(listed + [name for name in present if name not in listed])


def _read_optional(path: Path) -> pd.DataFrame | None:
    if not path.exists():
        return None
    try:
        if path.suffix == ".csv":
            return pd.read_csv(path, dtype={"month": str})
        return pd.read_parquet(path)
    except Exception as exc:  # pyarrow and pandas raise several kinds for a damaged file
        raise ResultsError(f"cannot read {path}: {exc}") from None
