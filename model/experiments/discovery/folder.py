"""Discovery from a results directory on disk: read the runs, analyse, write the tables.

A sweep with levers calls :func:`analyse_folder` after writing its tables, and
``digistrat discover RESULTS`` calls :func:`rediscover` to analyse them again with
other pairs, measures, thresholds or margin, without running the model: both read
the same files, so both give the same tables for the same settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .. import layout
from ..files import write_csv
from ..layout import ResultsError, read_manifest, require, write_manifest
from ..sweep.questions import measure_problem
from ..sweep.settings import (
    DiscoverySettings,
    SettingsError,
    check_pairs,
    parse_threshold,
)
from ..target import claim
from .analyse import Discovery, discover

TABLES = {
    layout.DISCOVERY: "summary",
    layout.DISCOVERY_BOX: "boxes",
    layout.DISCOVERY_PEELING: "peeling",
    layout.FEATURE_SCORES: "scores",
    layout.ROBUSTNESS: "robustness",
    layout.ROBUSTNESS_BOX: "robustness_box",
    layout.REGRET: "regret",
    layout.SATISFICING: "satisficing",
}


def analyse_folder(folder: Path, settings: DiscoverySettings) -> Discovery:
    """Analyse the lever sweep in ``folder`` (already claimed) and write its tables.

    Raises:
        ResultsError: if ``folder`` is not a complete lever sweep.
    """
    folder = Path(folder)
    experiment = _levered(folder)
    design = pd.read_csv(require(folder, layout.DESIGN))
    outcomes = pd.read_parquet(require(folder, layout.OUTCOMES))
    policies = pd.read_csv(require(folder, layout.POLICIES), keep_default_na=False)
    factors = [f["path"] for f in experiment["factors"]]
    found = discover(design, outcomes, policies, factors, settings)
    for name, attribute in TABLES.items():
        write_csv(folder / name, getattr(found, attribute))
    manifest = read_manifest(folder)
    record = dict(manifest.experiment) | {
        "discovery": settings.to_dict(),
        "discovery_notes": list(found.notes),
    }
    write_manifest(folder, replace(manifest, experiment=record))
    return found


def rediscover(
    folder: Path,
    *,
    pairs: Sequence[Sequence[str]] = (),
    measures: Sequence[str] = (),
    thresholds: Sequence[str] = (),
    margin: float | None = None,
) -> tuple[Discovery, DiscoverySettings]:
    """Analyse a lever sweep's results again, with the settings given here replacing its own.

    Args:
        folder: the results directory of a sweep with levers.
        pairs: pairs of choices (values of the first lever); default: the sweep's.
        measures: the measures to discover on; default: the sweep's.
        thresholds: satisficing thresholds such as ``change_capability@2026-12 >= 0.45``;
            default: the sweep's.
        margin: a run counts for the challenger when it is better by more than
            ``-margin``; default: the sweep's.

    Raises:
        ResultsError: if ``folder`` is not a complete lever sweep, another process
            writes it, or a setting does not fit its results (saying what would).
    """
    folder = Path(folder)
    experiment = _levered(folder)
    settings = settings_for(folder, experiment, pairs, measures, thresholds, margin)
    with claim(folder, kind=layout.SWEEP, resume=True):
        found = analyse_folder(folder, settings)
    return found, settings


def settings_for(
    folder: Path,
    experiment: dict,
    pairs: Sequence[Sequence[str]],
    measures: Sequence[str],
    thresholds: Sequence[str],
    margin: float | None,
) -> DiscoverySettings:
    """The sweep's own settings with the given ones in their place, checked against it.

    Raises:
        ResultsError: naming the setting, what is wrong and what the results allow.
    """
    base = DiscoverySettings.from_dict(experiment.get("discovery") or {})
    policies = pd.read_csv(require(folder, layout.POLICIES), keep_default_na=False)
    choices = tuple(dict.fromkeys(policies["choice"].astype(str)))
    names = list(experiment["measures"])
    try:
        chosen_pairs = check_pairs(pairs, choices) if pairs else base.pairs
        parsed = tuple(parse_threshold(t) for t in thresholds) if thresholds else None
    except SettingsError as exc:
        raise ResultsError(f"{folder}: {exc}") from None
    chosen = tuple(measures) or base.measures
    for name in chosen:
        if problem := measure_problem(name, names):
            raise ResultsError(f"{folder}: measure {name} {problem}")
    for t in parsed or ():
        if t.measure not in names:
            raise ResultsError(
                f"{folder}: threshold {t.text!r}: {t.measure} is not an outcome of these "
                f"results (they have: {', '.join(names)})"
            )
    if margin is not None and not margin >= 0:
        raise ResultsError(f"margin {margin}: must be a number >= 0")
    return replace(
        base,
        pairs=chosen_pairs,
        measures=chosen,
        thresholds=base.thresholds if parsed is None else parsed,
        margin=base.margin if margin is None else float(margin),
    )


def read_discovery(folder: Path) -> dict[str, pd.DataFrame]:
    """The discovery tables of ``folder`` by file name (those that exist)."""
    out = {}
    for name in TABLES:
        path = Path(folder) / name
        if path.is_file():
            table = pd.read_csv(path)
            if "context" in table.columns:  # "" (no other lever) is read as NaN
                context = table["context"].astype(object)
                table["context"] = context.where(context.notna(), "").astype(str)
            out[name] = table
    return out


def _levered(folder: Path) -> dict:
    manifest = read_manifest(folder)
    experiment = manifest.experiment or {}
    if manifest.kind != layout.SWEEP or not experiment.get("levers"):
        raise ResultsError(
            f"{folder} holds no sweep with levers; discovery needs an experiment file "
            "with 'levers:' (see docs/experiments.md)"
        )
    status = (manifest.runs or {}).get("status")
    if status != "complete":
        raise ResultsError(
            f"{folder}: the sweep is not complete (status {status!r}); finish it with "
            "digistrat sweep EXPERIMENT --out DIR --resume"
        )
    return experiment
