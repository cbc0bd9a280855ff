"""A study: run scenarios into a results directory, and refresh what derives from it.

This is what ``digistrat run``, ``compare`` and ``report`` do, as functions a
notebook can call too. Runs go to the results directory's store as they finish
(:mod:`.campaign`), replication by replication with the scenarios interleaved, so
an interrupted comparison holds paired seeds; ``resume=True`` runs what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ..scenario import Scenario
from .assemble import STORE_TABLES, failures_table, valid_counts, write_tables
from .campaign import Campaign, Interrupted, Planned, Tally, stored_runs
from .compare import RESAMPLES, compare_points
from .executor import Executor, Serial
from .files import write_csv
from .keys import model_version, run_keys
from .layout import (
    COMPARISON,
    FAILURES,
    STUDY,
    SUMMARY,
    Manifest,
    ResultsError,
    read_manifest,
    write_manifest,
)
from .manifest import record, resume_differences, study_manifest
from .runner import Tables, seeds_for
from .store import read_tables, read_timeseries
from .summary import points_from_summary, summary_table
from .target import RESUMED, claim

_COLUMNS = (
    pa.field("scenario", pa.string()),
    pa.field("replication", pa.int64()),
    pa.field("seed", pa.int64()),
)


@dataclass(frozen=True)
class Study:
    """What a study wrote.

    Attributes:
        folder: the results directory.
        summary: ``summary.csv`` as a frame (one row per successful run).
        comparison: ``comparison.csv`` as a frame, or None for a single scenario.
        wall_seconds: wall time of the model runs done by this call.
        runs: number of model runs in the study.
        tally: what this call ran, and what was stored before (None for a refresh).
        failures: the failed runs: ``scenario, replication, seed, error``.
    """

    folder: Path
    summary: pd.DataFrame
    comparison: pd.DataFrame | None
    wall_seconds: float
    runs: int
    tally: Tally | None = None
    failures: pd.DataFrame | None = None

    @property
    def tables(self) -> Tables:
        """The tidy tables of all runs, read from the results directory."""
        return read_tables(self.folder)


@dataclass(frozen=True)
class StudyRun:
    """One run of a study, as sent to a worker."""

    key: str
    scenario: int
    seed: int


@dataclass(frozen=True)
class RunTables:
    """The worker function of a study: one run's three tables, untagged."""

    params: tuple

    def __call__(self, run: StudyRun) -> tuple[pa.Table, pa.Table, pa.Table]:
        """Run scenario ``run.scenario`` with ``run.seed``.

        The tables go from the model's columns to Arrow, as the store keeps them,
        with no DataFrame in between (the same values as :func:`digistrat.run`'s).
        """
        from ..core.run import run_columns

        tables = run_columns(self.params[run.scenario], run.seed)
        return tuple(_arrow(columns) for columns in tables)


def _arrow(columns: dict) -> pa.Table:
    """A table of numpy columns (numbers) and lists (text, stored as large strings)."""
    return pa.table(
        {
            name: values
            if isinstance(values, np.ndarray)
            else pa.array(values, type=pa.large_string())
            for name, values in columns.items()
        }
    )


def _record(value: tuple) -> tuple[dict, dict]:
    return {}, dict(zip(STORE_TABLES, value, strict=True))


def run_study(
    scenarios: Sequence[Scenario],
    out: Path,
    *,
    replications: int | None = None,
    seed: int | None = None,
    common_seeds: bool = False,
    executor: Executor | None = None,
    force: bool = False,
    resume: bool = False,
    fail_fast: bool = False,
    command: Sequence[str] = (),
    hint: str = "",
) -> Study:
    """Run every scenario's replications into the results directory ``out``.

    Args:
        scenarios: scenarios to run; names must differ.
        out: results directory; refused if it holds results, unless ``resume`` or ``force``.
        replications: replications per scenario (default: each scenario's own).
        seed: seed of replication 0 (default: each scenario's own; with
            ``common_seeds``, the first scenario's).
        common_seeds: give every scenario the same seeds (a paired comparison).
        executor: where the runs run (default: this process).
        force: replace earlier results in ``out`` (only results digistrat wrote).
        resume: continue the results in ``out``: run only what is not stored yet.
        fail_fast: stop at the first failed run instead of recording it and going on.
        command: the command line, for the manifest.
        hint: how to continue after a stop, for messages.

    Raises:
        ResultsError: if the names repeat or ``out`` may not be written.
        Interrupted, RunFailed, ExecutorError: the runs stopped; finished ones are stored.
    """
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ResultsError(f"scenario names repeat: {names}; give each file its own 'name:'")
    seeds = _seeds(scenarios, replications, seed, common_seeds)
    executor = executor or Serial()
    executor.warm()  # the workers' imports go on while the runs are planned
    runs = _plan(scenarios, seeds)
    base = seeds[names[0]][0]
    settings = {"reference": names[0], "bootstrap_seed": base, "resamples": RESAMPLES}
    inputs = [f for s in scenarios for f in s.files]

    def manifest(seconds: float, state: dict) -> Manifest:
        described = executor.describe()
        return study_manifest(
            scenarios, seeds, executor=described, wall_seconds=seconds, command=command,
            comparison=settings, runs=state,
        )  # fmt: skip

    with claim(out, kind=STUDY, force=force, resume=resume, inputs=inputs) as target:
        if target.state == RESUMED:
            _check_resumable(target.folder, scenarios, seeds)
        else:
            write_manifest(target.folder, manifest(0.0, {"status": "running"}))
        campaign = Campaign(
            target.folder, runs, RunTables(tuple(s.params for s in scenarios)), _record,
            columns=_COLUMNS, tables=STORE_TABLES, hint=hint or "continue with --resume",
        )  # fmt: skip
        try:
            tally = campaign.run(executor, fail_fast=fail_fast, label="runs")
        except Interrupted as exc:
            raise Interrupted(target.stopped(str(exc))) from None
        try:
            stored = stored_runs(target.folder, [r.key for r in runs], ["key", "error", "message"])
            ok = set(stored.loc[stored["error"].isna(), "key"])
            failures = failures_table(runs, stored)
            summary = write_tables(target.folder, [r for r in runs if r.key in ok])
            comparison = write_derived(target.folder, summary, names, base)
            _write_failures(target.folder, failures)
            state = _state(tally, failures, summary)
            write_manifest(target.folder, manifest(tally.seconds, state))
        except KeyboardInterrupt:
            again = hint or "continue with --resume"
            raise target.interrupted_after_runs(len(runs), again) from None
    return Study(Path(out), summary, comparison, tally.seconds, len(runs), tally, failures)


def _check_resumable(
    folder: Path, scenarios: Sequence[Scenario], seeds: dict[str, list[int]]
) -> None:
    """Refuse to continue a study of other scenarios, settings or seeds (nothing is run)."""
    records = [record(s, seeds[s.name]) for s in scenarios]
    differences = resume_differences(read_manifest(folder), records)
    if differences:
        raise ResultsError(
            f"{folder} holds the results of other inputs; --resume continues only the same "
            "scenarios, settings and seeds (with -n, more replications of them). Nothing was "
            "run. What differs:\n  "
            + "\n  ".join(differences)
            + "\nWrite these runs to another --out, or use --force to replace the results."
        )


def _plan(scenarios: Sequence[Scenario], seeds: dict[str, list[int]]) -> list[Planned]:
    runs = []
    for i, s in enumerate(scenarios):
        keys = run_keys(s.params, seeds[s.name])
        for r, (value, key) in enumerate(zip(seeds[s.name], keys, strict=True)):
            tags = {"scenario": s.name, "replication": r, "seed": value}
            runs.append(Planned(key, StudyRun(key, i, value), tags, (r, i)))
    return runs


def _state(tally: Tally, failures: pd.DataFrame, summary: pd.DataFrame) -> dict:
    return {
        "status": "complete",
        "planned": tally.planned,
        "distinct": tally.unique,
        "stored_before": tally.stored,
        "ran": tally.ran,
        "failed": len(failures),
        "valid": valid_counts(summary),
        "model_version": model_version(),
    }


def _write_failures(folder: Path, failures: pd.DataFrame) -> None:
    if len(failures):
        write_csv(folder / FAILURES, failures)
    else:
        (folder / FAILURES).unlink(missing_ok=True)


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
    folder: Path, summary: pd.DataFrame, names: list[str], bootstrap_seed: int
) -> pd.DataFrame | None:
    """Write ``summary.csv`` and, for several scenarios sharing seeds, ``comparison.csv``."""
    write_csv(folder / SUMMARY, summary)
    seeds = summary.groupby("scenario")["seed"].agg(frozenset)
    present = [n for n in names if n in seeds.index]
    if len(present) < 2 or not frozenset.intersection(*seeds.loc[present]):
        (folder / COMPARISON).unlink(missing_ok=True)
        return None
    comparison = compare_points(points_from_summary(summary), present, bootstrap_seed)
    write_csv(folder / COMPARISON, comparison)
    return comparison


def refresh(folder: Path) -> Study:
    """Recompute ``summary.csv`` (and ``comparison.csv``) from the tables on disk.

    Raises:
        ResultsError: if ``folder`` is not a readable results directory.
    """
    timeseries = read_timeseries(folder)  # the other tables are checked, not read
    manifest = read_manifest(folder)
    present = set(timeseries["scenario"])
    names = [s.name for s in manifest.scenarios if s.name in present]
    settings = manifest.comparison or {}
    seed = int(settings.get("bootstrap_seed", timeseries["seed"].min()))
    summary = summary_table(timeseries)
    comparison = write_derived(folder, summary, names, seed)
    return Study(folder, summary, comparison, manifest.wall_seconds, len(summary))


def default_folder(names: Sequence[str], root: Path = Path("results")) -> Path:
    """``results/<name>`` for one scenario, ``results/<a>__vs__<b>...`` for several."""
    joined = "__vs__".join(names)
    if len(joined) > 150:
        joined = f"{names[0]}__vs__{len(names) - 1}_more"
    return root / joined
