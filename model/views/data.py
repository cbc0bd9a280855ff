"""Read a results directory and summarise it across replications.

The views never run the model: everything here comes from the files a run wrote
(``timeseries.parquet``, ``initiatives.parquet``, ``departments.parquet``,
``summary.csv``, ``manifest.json`` and, optionally, ``comparison.csv``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.calendar import month_number, month_text

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
        departments: one row per department and month, or None when missing.
        summary: one row per scenario and replication, or None when missing.
        comparison: paired differences between scenarios, or None when missing.
        manifest: the parsed ``manifest.json`` (empty when missing).
        scenarios: scenario names in the order of the manifest.
    """

    directory: Path
    timeseries: pd.DataFrame
    initiatives: pd.DataFrame | None
    departments: pd.DataFrame | None
    summary: pd.DataFrame | None
    comparison: pd.DataFrame | None
    manifest: dict[str, Any] = field(default_factory=dict)
    scenarios: tuple[str, ...] = ()

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
        """Plain name of a scenario: its title in the manifest, else its name in words.

        ``small_steps__programme_2022`` reads 'small steps, programme 2022'.
        """
        title = _field(_scenario_specs(self.manifest).get(scenario), "title")
        return title or scenario.replace("__", ", ").replace("_", " ")

    def quoted(self, scenario: str) -> str:
        """The scenario's label in quotation marks: '\u201csmall steps, programme 2022\u201d'.

        A list of labels that hold commas stays readable.
        """
        return f"\u201c{self.label(scenario)}\u201d"

    def description(self, scenario: str) -> str:
        """The scenario's description from the manifest, or ''."""
        return _field(_scenario_specs(self.manifest).get(scenario), "description")

    def programme_ends(self) -> list[str]:
        """Distinct last months of programme funding that fall inside the simulated period."""
        ends = {_programme_end(spec) for spec in _scenario_specs(self.manifest).values()}
        ends.discard(None)
        first, last = (month_number(m) for m in self.months)
        found = sorted(ends or {DEFAULT_PROGRAMME_END})
        return [end for end in found if first <= month_number(end) < last]


#: Files a results directory may hold; their sizes and times tell whether it changed.
FILES = (
    "timeseries.parquet",
    "initiatives.parquet",
    "departments.parquet",
    "summary.csv",
    "comparison.csv",
    "manifest.json",
)

_last: dict[tuple, Results] = {}


def load(directory: Path) -> Results:
    """Read the files of a results directory.

    The results last read are kept: drawing the plots, the comparison and the report
    of one directory reads its files once, as long as none of them changes. Treat
    the frames as read-only.

    Raises:
        FileNotFoundError: if ``timeseries.parquet`` is missing (nothing can be drawn).
    """
    directory = Path(directory)
    path = directory / "timeseries.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no time series; is this a results directory?")
    key = _fingerprint(directory)
    if key not in _last:
        _last.clear()
        _last[key] = _read(directory)
    return _last[key]


def _fingerprint(directory: Path) -> tuple:
    """The directory as given, and the identity, size and time of each file views read."""
    found = []
    for name in FILES:
        try:
            stat = (directory / name).stat()
        except FileNotFoundError:
            continue
        found.append((name, stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return (directory, *found)


def _read(directory: Path) -> Results:
    timeseries = pd.read_parquet(directory / "timeseries.parquet")
    manifest = _read_json(directory / "manifest.json")
    return Results(
        directory=directory,
        timeseries=timeseries,
        initiatives=_read_optional(directory / "initiatives.parquet"),
        departments=_read_optional(directory / "departments.parquet"),
        summary=_read_optional(directory / "summary.csv"),
        comparison=_read_optional(directory / "comparison.csv"),
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


def _scenario_specs(manifest: dict[str, Any]) -> dict[str, Any]:
    """Scenario name -> what the manifest says about it.

    The manifest may list names, map names to resolved scenarios, or list records
    with a ``name`` (and, say, a ``resolved`` scenario).
    """
    scenarios = manifest.get("scenarios", {})
    if isinstance(scenarios, dict):
        return scenarios
    specs: dict[str, Any] = {}
    for item in scenarios or ():
        if isinstance(item, dict) and "name" in item:
            specs[str(item["name"])] = item
        else:
            specs[str(item)] = {}
    return specs


def _field(spec: Any, key: str) -> str:
    """``spec[key]``, or ``spec["resolved"][key]``, as text; '' when neither is there."""
    if not isinstance(spec, dict):
        return ""
    resolved = spec.get("resolved")
    value = spec.get(key) or (resolved.get(key) if isinstance(resolved, dict) else None)
    return str(value) if value else ""


def _scenario_order(manifest: dict[str, Any], column: pd.Series) -> tuple[str, ...]:
    present = list(dict.fromkeys(column.astype(str)))
    listed = [name for name in _scenario_specs(manifest) if name in present]
    return tuple(listed + [name for name in present if name not in listed])


def _programme_end(spec: Any) -> str | None:
    """Find ``funding.programme.end`` anywhere inside a resolved scenario."""
    if not isinstance(spec, dict):
        return None
    funding = spec.get("funding")
    programme = funding.get("programme") if isinstance(funding, dict) else None
    if isinstance(programme, dict) and programme.get("end"):
        return str(programme["end"])
    found = (_programme_end(value) for value in spec.values() if isinstance(value, dict))
    return next((end for end in found if end), None)


def _read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _read_optional(path: Path) -> pd.DataFrame | None:
    if not path.exists():
        return None
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype={"month": str})
    return pd.read_parquet(path)
