"""Words for a sweep's figures: file stems, measures in plain words, the source note."""

from __future__ import annotations

import re

from ..core.columns import OUTCOMES
from ..experiments.layout import Manifest
from .data import month_words


def slug(measure: str) -> str:
    """A file-name-safe form of a measure: 'trust@2019-01..2019-12' -> 'trust_2019-01_2019-12'."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", measure).strip("_")


def stem_part(text: str) -> str:
    """:func:`slug` of any value, with a policy's ``__`` joins made single."""
    return slug(str(text)).replace("__", "_")


def measure_words(measure: str) -> str:
    """'change_capability@2026-12' -> 'Change capability index in Dec 2026'."""
    outcome, _, when = measure.partition("@")
    info = OUTCOMES.get(outcome)
    label = info.label if info else outcome
    start, _, end = when.partition("..")
    if end:
        return f"{label}, mean {month_words(start)} to {month_words(end)}"
    return f"{label} in {month_words(start)}"


def sweep_note(manifest: Manifest) -> str:
    """The source line under a sweep's plots: version, experiment, design, analysis."""
    e = manifest.experiment
    scenario = manifest.scenarios[0].name if manifest.scenarios else "?"
    seeds = len(e.get("seeds", []))
    version = manifest.digistrat_version or "(version unknown)"
    analysis = e.get("analysis") or ""
    policies = len(e.get("policies") or [])
    crossed = f" x {policies} policies" if policies else ""
    return (
        f"Source: digistrat {version}, experiment “{e['name']}” on scenario “{scenario}”; "
        f"{e.get('points', '?')} design points{crossed} x {seeds} "
        f"seed{'s' if seeds != 1 else ''}; {analysis}."
    )
