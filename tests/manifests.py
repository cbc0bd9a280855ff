"""Write the manifest of a synthetic results directory, as the store writes it."""

from pathlib import Path

from digistrat.experiments.layout import STUDY, Manifest, ScenarioRecord, write_manifest


def write_study_manifest(
    directory: Path,
    scenarios: dict[str, dict],
    seeds: list[int],
    comparison: dict | None = None,
) -> Manifest:
    """A study manifest with one record per scenario (``name -> resolved settings``)."""
    manifest = Manifest(
        kind=STUDY,
        digistrat_version="0.1.0",
        code={"checkout": None, "note": "synthetic"},
        created_utc="2026-01-01T00:00:00+00:00",
        command=("digistrat", "compare"),
        scenarios=tuple(
            ScenarioRecord(name=name, seeds=tuple(seeds), resolved={"name": name, **resolved})
            for name, resolved in scenarios.items()
        ),
        executor={"kind": "local processes", "jobs": 1},
        wall_seconds=1.0,
        environment={},
        comparison=comparison,
    )
    write_manifest(directory, manifest)
    return manifest


def write_sweep_manifest(directory: Path, scenario: str, experiment: dict) -> Manifest:
    """A sweep manifest: its base scenario and its experiment."""
    from digistrat.experiments.layout import SWEEP

    manifest = Manifest(
        kind=SWEEP,
        digistrat_version="0.1.0",
        code={"checkout": None, "note": "synthetic"},
        created_utc="2026-01-01T00:00:00+00:00",
        command=("digistrat", "sweep"),
        scenarios=(ScenarioRecord(name=scenario, seeds=tuple(experiment.get("seeds", ()))),),
        executor={"kind": "local processes", "jobs": 1},
        wall_seconds=1.0,
        environment={},
        experiment=experiment,
    )
    write_manifest(directory, manifest)
    return manifest
