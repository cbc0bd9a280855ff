"""Facts per scenario: cost by source, depreciation, the programme, the lead time.

What it cost and from which source, the depreciation it leaves, how its big-bang
programme ended, and how long a standard change takes.

Each fact is a median over the scenario's runs with the range of at least 90% of
them (:func:`.runs.run_range`), computed from the time series and the initiative
log of the results directory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.columns import SOURCES
from .data import Results, month_words
from .runs import Measure, RunRange, median_and_range, run_range, with_unit

MSEK = "MSEK"
PROGRAMME_KIND = "modernisation"
#: How a programme's log row ends, in words; anything else is named as it is written.
ENDINGS = {
    "completed": "completed",
    "failed": "failed",
    "running": "was still unfinished at the end of the run",
    "blocked": "was blocked",
}


@dataclass(frozen=True)
class Costs:
    """Money over the whole run (MSEK), per run: by source, and depreciation."""

    by_source: dict[str, RunRange]
    total: RunRange
    depreciation_after: RunRange | None
    still_to_charge: RunRange
    programme_end: str | None


def costs(results: Results, scenario: str) -> Costs:
    """Total spending by source, and the depreciation left after programme money ends."""
    ts = results.timeseries[results.timeseries["scenario"] == scenario]
    runs = ts.groupby("replication", sort=False)
    by_source = {s: run_range(runs[f"spend_{s}_msek"].sum()) for s in SOURCES}
    total = run_range(runs[[f"spend_{s}_msek" for s in SOURCES]].sum().sum(axis=1))
    record = results.manifest.scenario(scenario)
    end = record.programme_end if record else None
    after = None
    if end is not None and end < results.months[1]:
        later = ts[ts["month"] > end]  # YYYY-MM text sorts as the months do
        after = run_range(later.groupby("replication", sort=False)["depreciation_msek"].sum())
    # investment spending is capitalised and written off straight-line; what the run
    # has not charged yet is left to budgets after its last month
    left = runs["spend_investment_msek"].sum() - runs["depreciation_msek"].sum()
    return Costs(by_source, total, after, run_range(left.clip(lower=0)), end)


def cost_sentences(results: Results, scenario: str) -> list[str]:
    """Plain sentences: total cost by source, and depreciation left to later budgets."""
    c = costs(results, scenario)
    first, last = (month_words(m) for m in results.months)
    parts = [
        f"{source} money {with_unit(c.by_source[source].median, MSEK)}"
        for source in SOURCES
        if c.by_source[source].high > 0
    ]
    sentences = [
        f"Total spending {first} to {last}: {median_and_range(c.total, MSEK)}; "
        f"by source (medians): {', '.join(parts) or 'nothing'}."
    ]
    invested = c.by_source["investment"].high > 0
    if not invested:
        sentences.append(
            "No investment money was used, so no depreciation is left to later budgets."
        )
        return sentences
    if c.depreciation_after is not None:
        sentences.append(
            f"Depreciation charged to operating budgets after programme money ends "
            f"({month_words(c.programme_end)}) up to {last}: "
            f"{median_and_range(c.depreciation_after, MSEK)}."
        )
    sentences.append(
        f"Investments not yet written off at the end of the run, left to operating budgets "
        f"after {last}: {median_and_range(c.still_to_charge, MSEK)}."
    )
    return sentences


@dataclass(frozen=True)
class Programme:
    """How the big-bang programmes of one scenario's runs ended."""

    runs: int
    endings: dict[str, int]
    overruns: np.ndarray  # of programmes that finished (completed or failed), as shares


def programme(results: Results, scenario: str) -> Programme | None:
    """The big-bang programmes of ``scenario``, or None when it ran none."""
    log = results.initiatives
    if log is None:
        return None
    rows = log[(log["scenario"] == scenario) & (log["kind"] == PROGRAMME_KIND)]
    if rows.empty:
        return None
    runs = results.replications.get(scenario, 0)
    endings = rows["outcome"].astype(str).value_counts().to_dict()
    started = rows["replication"].nunique()
    if started < runs:
        endings["not started"] = runs - started
    finished = rows[rows["outcome"].isin(["completed", "failed"])]
    return Programme(runs, endings, finished["overrun"].to_numpy(float))


def programme_sentences(results: Results, scenario: str) -> list[str]:
    """The programme's chances of completing, failing or stalling, and its overruns."""
    p = programme(results, scenario)
    if p is None:
        return []
    total = sum(p.endings.values())
    order = [*ENDINGS, *(k for k in p.endings if k not in ENDINGS)]
    said = [
        f"{ENDINGS.get(key, key)} in {p.endings[key]} of {total}"
        for key in order
        if p.endings.get(key)
    ]
    sentences = [f"The big-bang modernisation programme {', '.join(said)} runs."]
    if p.endings.get("failed"):
        record = results.manifest.scenario(scenario)
        limit = (record.resolved if record else {}).get("strategy", {})
        months = limit.get("modernisation_stall_months") if isinstance(limit, dict) else None
        span = f"{months:g} months in a row" if isinstance(months, int | float) else "too long"
        sentences[0] += (
            f" Failed includes a programme abandoned after {span} without progress "
            "(no money or no staff)."
        )
    if len(p.overruns):
        r = run_range(p.overruns * 100)
        doubled = int((p.overruns > 1.0).sum())
        share = "all" if r.inside == r.n else f"{r.inside} of the"
        middle = f"; {share} {r.n} that finished between {_pct(r.low)} and {_pct(r.high)}"
        if r.n == 1:
            middle = ""
        sentences.append(
            f"Its final cost against the plan: median {_pct(r.median)}{middle}. It more than "
            f"doubled (over +100%) in {doubled} of {r.n}; the highest was "
            f"{_pct(p.overruns.max() * 100)}."
        )
    return sentences


def _pct(value: float) -> str:
    """'+9%', '\u221233%', '0%'."""
    text = f"{value:+.0f}%"
    return "0%" if text in ("+0%", "-0%") else text.replace("-", "\u2212")


def lead_time_sentence(results: Results, scenario: str, measure: Measure) -> str:
    """How long the standard change takes at the headline month (the label says what it is)."""
    lead = Measure("change_lead_time_months", measure.when)
    values = lead.values(results)
    r = run_range(values.loc[values["scenario"] == scenario, "value"])
    name = lead.name()
    return (
        f"{name[:1].upper()}{name[1:]} {lead.when_words(results)}: {median_and_range(r, 'months')}."
    )


def scenario_facts(results: Results, scenario: str, measure: Measure) -> list[str]:
    """Every fact of one scenario, as sentences."""
    facts = cost_sentences(results, scenario) + programme_sentences(results, scenario)
    if "change_lead_time_months" in results.timeseries:
        facts.append(lead_time_sentence(results, scenario, measure))
    return facts


def totals_table(results: Results) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows: median total spending by source per scenario (MSEK)."""
    header = ("Scenario", *(f"{s.capitalize()} (MSEK)" for s in SOURCES), "Total (MSEK)")
    rows = []
    for scenario in results.scenarios:
        c = costs(results, scenario)
        cells = [f"{c.by_source[s].median:.0f}" for s in SOURCES]
        rows.append((results.label(scenario), *cells, f"{c.total.median:.0f}"))
    return header, rows


def spend_frame(results: Results) -> pd.DataFrame:
    """Per scenario and run, the total spent from each source: for plots."""
    columns = [f"spend_{s}_msek" for s in SOURCES]
    table = results.timeseries.groupby(["scenario", "replication"], sort=False)[columns].sum()
    return table.rename(columns=dict(zip(columns, SOURCES, strict=True))).reset_index()
