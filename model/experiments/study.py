"""A study: run scenarios into a results directory, and refresh what derives from it.

This is what ``digistrat run``, ``compare`` and ``report`` do, as functions a
notebook can call too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..scenario import Scenario
from .compare import RESAMPLES, paired_comparison
from .files import write_csv
from .layout import COMPARISON, SUMMARY, ResultsError, read_manifest, write_manifest
from .manifest import study_manifest
from .progress import ProgressBar
from .runner import Tables, Task, run_tasks, seeds_for
from .store import read_tables, staging, write_tables
from .summary import summary_table


@dataclass(frozen=True)
class Study:
    """What a study wrote.

    Attributes:
        folder: the results directory.
        tables: the tidy tables of all runs.
        summary: ``summary.csv`` as a frame.
        comparison: ``comparison.csv`` as a frame, or None for a single scenario.
        wall_seconds: wall time of the model runs.
        runs: number of model runs.
    """

    folder: Path
    tables: Tables
    summary: pd.DataFrame
    comparison: pd.DataFrame | None
    wall_seconds: float
    runs: int


def run_study(
    scenarios: Sequence[Scenario],
    out: Path,
    *,
    replications: int | None = None,
    seed: int | None = None,
    common_seeds: bool = False,
    jobs: int = 1,
    force: bool = False,
    command: Sequence[str] = (),
) -> Study:
    """Run every scenario's replications and write the results directory.

    Args:
        scenarios: scenarios to run; names must differ.
        out: results directory; refused if it holds results, unless ``force``.
        replications: replications per scenario (default: each scenario's own).
        seed: seed of replication 0 (default: each scenario's own; with
            ``common_seeds``, the first scenario's).
        common_seeds: give every scenario the same seeds (a paired comparison).
        jobs: worker processes.
        force: replace an existing results directory.
        command: the command line, for the manifest.

    Raises:
        ResultsError: if the names repeat or ``out`` may not be written.
    """
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ResultsError(f"scenario names repeat: {names}; give each file its own 'name:'")
    seeds = _seeds(scenarios, replications, seed, common_seeds)
    tasks = [
        Task(s.name, r, value, s.params) for s in scenarios for r, value in enumerate(seeds[s.name])
    ]
    with staging(out, force) as tmp:
        with ProgressBar(len(tasks)) as bar:
            tables = run_tasks(tasks, jobs, bar)
        base = seeds[names[0]][0]
        manifest = study_manifest(
            scenarios,
            seeds,
            executor={"kind": "local processes", "jobs": jobs},
            wall_seconds=bar.seconds,
            command=command,
            comparison={"reference": names[0], "bootstrap_seed": base, "resamples": RESAMPLES},
        )
        write_tables(tmp, tables)
        write_manifest(tmp, manifest)
        summary, comparison = write_derived(tmp, tables, names, base)
    return Study(out, tables, summary, comparison, bar.seconds, len(tasks))


def _seeds(
    scenarios: Sequence[Scenario], replications: int | None, seed: int | None, common: bool
) -> dict[str, list[int]]:
    first = scenarios[0]
    out = {}
    for s in scenarios:
        start = seed if seed is not None else (first.seed if common else s.seed)
        count = (
            replications
            if replications is not None
            else (first.replications if common else s.replications)
        )
        out[s.name] = seeds_for(start, count)
    return out


def write_derived(
    folder: Path, tables: Tables, names: list[str], bootstrap_seed: int
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Write ``summary.csv`` and, for several scenarios sharing seeds, ``comparison.csv``."""
    summary = summary_table(tables.timeseries)
    write_csv(folder / SUMMARY, summary)
    comparison = None
    seeds = tables.timeseries.groupby("scenario")["seed"].agg(frozenset)
    if len(names) > 1 and frozenset.intersection(*seeds.loc[names]):
        comparison = paired_comparison(tables.timeseries, names, bootstrap_seed)
        write_csv(folder / COMPARISON, comparison)
    return summary, comparison


def refresh(folder: Path) -> Study:
    """Recompute ``summary.csv`` (and ``comparison.csv``) from the tables on disk.

    Raises:
        ResultsError: if ``folder`` is not a readable results directory.
    """
    tables = read_tables(folder)
    manifest = read_manifest(folder)
    present = set(tables.scenarios())
    names = [s.name for s in manifest.scenarios if s.name in present]
    settings = manifest.comparison or {}
    seed = int(settings.get("bootstrap_seed", tables.timeseries["seed"].min()))
    summary, comparison = write_derived(folder, tables, names, seed)
    return Study(folder, tables, summary, comparison, manifest.wall_seconds, len(summary))


def default_folder(names: Sequence[str], root: Path = Path("results")) -> Path:
    """``results/<name>`` for one scenario, ``results/<a>__vs__<b>...`` for several."""
    joined = "__vs__".join(names)
    if len(joined) > 150:
        joined = f"{names[0]}__vs__{len(names) - 1}_more"
    return root / joined
