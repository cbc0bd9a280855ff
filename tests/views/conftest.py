"""Synthetic results directories with the shapes a real run writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from digistrat.core.calendar import month_number, month_text
from digistrat.core.columns import DEPARTMENT_COLUMNS, INITIATIVE_COLUMNS, OUTCOMES

from tests.manifests import write_study_manifest

KINDS = ("capability", "legacy_fix", "order")
DEPARTMENTS = ("education", "social_services", "elderly_care")
COMPARED = ("change_capability", "change_lead_time_months", "trust", "overrun_msek")


def _curves(rng: np.random.Generator, big_bang: bool, n: int) -> dict[str, np.ndarray]:
    t = np.arange(n) / 12.0
    noise = rng.normal(0, 0.01, n).cumsum() * 0.3
    if big_bang:
        legacy = 0.3 + 0.4 * np.clip((t - 1) / 4, 0, 1)
        capability = 0.3 + 0.3 * np.clip((t - 5.5) / 6, 0, 1)
    else:
        steps = np.floor(t / 1.5) + np.clip((t % 1.5) / 0.75, 0, 1)
        legacy = 0.3 + 0.04 * np.floor((steps + 0.5) / 2) + 0.02 * t
        capability = 0.3 + 0.05 * np.ceil(steps / 2) + 0.01 * t
    legacy, capability = np.clip(legacy + noise, 0, 1), np.clip(capability + noise, 0, 1)
    return {
        "maturity_legacy": legacy,
        "maturity_capability": capability,
        "change_capability": np.clip(0.5 * legacy + 0.5 * capability + noise, 0, 1),
    }


def _timeseries(rng, scenario: str, months: list[str]) -> pd.DataFrame:
    n = len(months)
    numbers = np.array([month_number(m) for m in months])
    frame = {key: rng.uniform(0.2, 0.8, n) for key in OUTCOMES}
    frame.update(_curves(rng, "big" in scenario, n))
    programme = numbers <= month_number("2022-12")
    frame["spend_programme_msek"] = np.where(programme, 2.5, 0.0) * rng.uniform(0.8, 1.2, n)
    frame["spend_investment_msek"] = np.where(numbers >= month_number("2021-01"), 1.5, 0.0)
    frame["spend_operating_msek"] = rng.uniform(0.4, 0.8, n)
    frame["depreciation_msek"] = np.cumsum(frame["spend_investment_msek"]) / 60
    frame["unit_staff_fte"] = np.where(programme, 20.0, 12.0) + rng.normal(0, 1, n)
    frame["change_lead_time_months"] = 12 - 8 * frame["change_capability"] + rng.normal(0, 0.5, n)
    for key in ("initiatives_started", "initiatives_completed", "initiatives_failed"):
        frame[key] = np.cumsum(rng.poisson(0.5, n)).astype(float)
    frame["overrun_msek"] = np.cumsum(rng.exponential(0.1, n))
    table = pd.DataFrame({"month": months, "step": np.arange(n), **frame})
    return table[["month", "step", *OUTCOMES]]


def _initiatives(rng, scenario: str, months: list[str], count: int = 30) -> pd.DataFrame:
    kinds = rng.choice(KINDS, count, p=[0.6, 0.3, 0.1]).tolist()
    if "big" in scenario:
        kinds[0] = "modernisation"
    starts = rng.integers(0, len(months), count)
    ends = np.minimum(starts + rng.integers(2, 30, count), len(months))
    outcome = rng.choice(
        ["completed", "failed", "blocked", "running"], count, p=[0.6, 0.2, 0.1, 0.1]
    )
    big = np.array([k == "modernisation" for k in kinds])
    overrun = np.where(big, rng.pareto(1.2, count) + 0.3, rng.exponential(0.15, count))
    return pd.DataFrame(
        {
            "initiative": np.arange(count),
            "kind": kinds,
            "department": rng.choice([*DEPARTMENTS, ""], count),
            "system": rng.choice(["erp", "ehr", ""], count),
            "source": rng.choice(["programme", "investment", "operating"], count),
            "start": [months[i] for i in starts],
            "end": [months[i] if i < len(months) else "" for i in ends],
            "effort_fte_months": rng.uniform(1, 20, count),
            "cost_msek": np.where(big, 60.0, rng.uniform(0.1, 2, count)),
            "overrun": overrun,
            "planned_months": np.where(big, 42.0, rng.uniform(2, 12, count)),
            "outcome": outcome,
        }
    )[list(INITIATIVE_COLUMNS)]


def _departments(rng, months: list[str]) -> pd.DataFrame:
    rows = [
        {"month": month, "department": d, **{c: rng.uniform(0, 1) for c in DEPARTMENT_COLUMNS[1:]}}
        for month in months
        for d in DEPARTMENTS
    ]
    return pd.DataFrame(rows)[["month", *DEPARTMENT_COLUMNS]]


def _summary(ts: pd.DataFrame) -> pd.DataFrame:
    keys = ["scenario", "replication", "seed"]
    parts = []
    for label, month in (("2022-12", "2022-12"), ("2026-12", "2026-12"), ("end", ts.month.max())):
        at = ts[ts.month == month].set_index(keys)[list(OUTCOMES)]
        parts.append(at.rename(columns=lambda c, label=label: f"{c}@{label}"))
    return pd.concat(parts, axis=1).reset_index()


def _comparison(summary: pd.DataFrame, scenarios: list[str]) -> pd.DataFrame:
    rows = []
    first = summary[summary.scenario == scenarios[0]].set_index("replication")
    for other in scenarios[1:]:
        second = summary[summary.scenario == other].set_index("replication")
        for outcome in COMPARED:
            for month in ("2026-12", "end"):
                a, b = first[f"{outcome}@{month}"], second[f"{outcome}@{month}"]
                diff = a - b
                better = diff > 0 if OUTCOMES[outcome].better == "higher" else diff < 0
                rows.append(
                    {
                        "outcome": outcome,
                        "month": month,
                        "scenario_a": scenarios[0],
                        "scenario_b": other,
                        "mean_a": a.mean(),
                        "mean_b": b.mean(),
                        "mean_diff": diff.mean(),
                        "ci_low": diff.mean() - 2 * diff.std(ddof=0) / np.sqrt(len(diff)),
                        "ci_high": diff.mean() + 2 * diff.std(ddof=0) / np.sqrt(len(diff)),
                        "p_a_better": better.mean(),
                        "n_pairs": len(diff),
                    }
                )
    return pd.DataFrame(rows)


def make_results(
    directory: Path,
    scenarios: tuple[str, ...] = ("small_steps", "big_bang"),
    replications: int = 3,
    months: int = 168,
    start: str = "2017-01",
    comparison: bool = True,
    optional: bool = True,
    programme_end: str | None = "2022-12",
) -> Path:
    """Write a synthetic results directory and return it."""
    rng = np.random.default_rng(7)
    month_list = [month_text(month_number(start) + i) for i in range(months)]
    ts, inits, deps = [], [], []
    for scenario in scenarios:
        for rep in range(replications):
            keys = {"scenario": scenario, "replication": rep, "seed": 1000 + rep}
            ts.append(_timeseries(rng, scenario, month_list).assign(**keys))
            inits.append(_initiatives(rng, scenario, month_list).assign(**keys))
            deps.append(_departments(rng, month_list[::12]).assign(**keys))
    lead = ["scenario", "replication", "seed"]
    timeseries = pd.concat(ts, ignore_index=True)
    timeseries = timeseries[[*lead, *[c for c in timeseries if c not in lead]]]
    directory.mkdir(parents=True, exist_ok=True)
    timeseries.to_parquet(directory / "timeseries.parquet")
    summary = _summary(timeseries)
    summary.to_csv(directory / "summary.csv", index=False)
    if optional:
        pd.concat(inits, ignore_index=True).to_parquet(directory / "initiatives.parquet")
        pd.concat(deps, ignore_index=True).to_parquet(directory / "departments.parquet")
    if comparison and len(scenarios) > 1 and "2026-12" in month_list:
        _comparison(summary, list(scenarios)).to_csv(directory / "comparison.csv", index=False)
    resolved = {"funding": {"programme": {"end": programme_end}}} if programme_end else {}
    seeds = [1000 + r for r in range(replications)]
    write_study_manifest(directory, dict.fromkeys(scenarios, resolved), seeds)
    return directory


@pytest.fixture
def results_dir(tmp_path: Path) -> Path:
    """Two scenarios, three replications, 168 months, every file."""
    return make_results(tmp_path / "results")


@pytest.fixture(scope="session")
def drawn(tmp_path_factory) -> tuple[Path, list[Path]]:
    """A results directory (two scenarios, three replications, 168 months) drawn once.

    Returns the directory and the files ``draw_run`` and ``draw_comparison`` wrote; the
    report is written too.
    """
    from digistrat.views import draw_comparison, draw_run, write_report

    directory = make_results(tmp_path_factory.mktemp("drawn") / "results")
    paths = draw_run(directory) + draw_comparison(directory)
    write_report(directory)
    return directory, paths


@pytest.fixture
def make(tmp_path: Path):
    """Factory for synthetic results directories with other shapes."""
    return lambda **kwargs: make_results(tmp_path / "results", **kwargs)
