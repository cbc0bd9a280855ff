"""The plots of a sweep's results directory, drawn from synthetic tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from digistrat.views.sweep import (
    draw_sweep,
    grid_heatmap,
    measure_words,
    morris_scatter,
    prcc_bars,
    slug,
    sobol_bars,
    sweep_figures,
)

from tests.manifests import write_sweep_manifest


def texts(fig) -> str:
    """Every piece of text on a figure, its axes and legends, joined, lines unwrapped."""
    found = (str(t.get_text()) for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    return " ".join(" ".join(found).split())


def assert_written(paths, stems) -> None:
    """Exactly a PNG and an SVG per stem, none of them empty."""
    expected = {f"{stem}.{suffix}" for stem in stems for suffix in ("png", "svg")}
    assert {p.name for p in paths} == expected
    small = [p.name for p in paths if p.stat().st_size <= 1000]
    assert not small, f"empty or tiny: {small}"


PARAMETERS = ("behaviour.strain.pace", "behaviour.learning.rate", "strategy.modernisation_months")
MEASURES = ("change_capability@2026-12", "trust@2025-01..2026-12")


def _folder(root: Path, kind: str, parameters=PARAMETERS) -> Path:
    """A sweep's results directory with the tables the plots read, no model run."""
    rng = np.random.default_rng(3)
    folder = root / kind
    folder.mkdir(parents=True)
    k = len(parameters)
    columns = {
        "sobol": {
            "S1": rng.uniform(0, 0.5, k),
            "S1_conf": 0.05,
            "ST": rng.uniform(0.1, 0.6, k),
            "ST_conf": 0.04,
        },
        "morris": {
            "mu": 0.1,
            "mu_star": rng.uniform(0, 0.2, k),
            "mu_star_conf": 0.01,
            "sigma": rng.uniform(0, 0.1, k),
        },
        "lhs": {
            "PRCC": [0.9, -0.5, 0.02][:k],
            "PRCC_p": [1e-6, 0.001, 0.8][:k],
            "SRC": 0.3,
            "R2": 0.8,
        },
    }[kind if kind != "grid" else "lhs"]
    rows = [
        pd.DataFrame({"outcome": m, "parameter": list(parameters), **columns}) for m in MEASURES
    ]
    pd.concat(rows).to_csv(folder / "sensitivity.csv", index=False)
    levels = np.array(np.meshgrid([0.7, 1.1, 1.5], [0.05, 0.15, 0.3])).reshape(2, -1).T
    summary = pd.DataFrame(levels, columns=list(parameters[:2]))
    for m in MEASURES:
        summary[f"{m}:mean"] = rng.uniform(0.3, 0.5, len(summary))
    summary.insert(0, "point", range(len(summary)))
    summary.to_csv(folder / "summary.csv", index=False)
    summary[["point", *parameters[:2]]].to_csv(folder / "design.csv", index=False)
    experiment = {
        "name": f"demo_{kind}",
        "design": {"kind": kind},
        "factors": [{"path": p} for p in parameters],
        "measures": list(MEASURES),
        "seeds": [1, 2],
        "points": len(summary),
        "analysis": "synthetic",
    }
    write_sweep_manifest(folder, "small_steps", experiment)
    return folder


@pytest.mark.parametrize("kind", ["sobol", "morris", "lhs"])
def test_one_sensitivity_figure_per_outcome_is_written(tmp_path, kind):
    paths = draw_sweep(_folder(tmp_path, kind))
    stems = [f"{kind}_{slug(m)}" for kind in ("sensitivity", "by_parameter") for m in MEASURES]
    assert_written(paths, stems)
    assert all(p.parent.name == "plots" for p in paths)


def test_a_two_parameter_grid_also_gets_heat_maps(tmp_path):
    folder = _folder(tmp_path, "grid", PARAMETERS[:2])
    stems = list(sweep_figures(folder))
    assert stems == [
        f"{kind}_{slug(m)}" for kind in ("sensitivity", "by_parameter", "mean") for m in MEASURES
    ]
    assert_written(draw_sweep(folder), stems)


def test_no_heat_map_for_three_parameters_and_no_figure_without_indices(tmp_path):
    folder = _folder(tmp_path, "grid")
    assert not any(s.startswith("mean_") for s in sweep_figures(folder))
    (folder / "sensitivity.csv").unlink()
    (folder / "summary.csv").unlink()
    assert draw_sweep(folder) == []


def test_the_figures_say_what_they_show(tmp_path):
    folder = _folder(tmp_path, "lhs")
    indices = pd.read_csv(folder / "sensitivity.csv")
    rows = indices[indices.outcome == MEASURES[0]]
    text = texts(prcc_bars(rows, MEASURES[0], "Source: test."))
    assert "Partial rank correlations" in text and "Change capability index in Dec 2026" in text
    assert "+0.90 *" in text and "-0.50 *" in text and "(p = 0.80)" in text
    assert "Source: test." in text
    sobol = pd.DataFrame(
        {
            "parameter": ["a", "b"],
            "S1": [0.5, 0.1],
            "S1_conf": 0.05,
            "ST": [0.6, 0.1],
            "ST_conf": 0.05,
        }
    )
    assert "S1 (alone)" in texts(sobol_bars(sobol, MEASURES[1], "n"))
    morris = pd.DataFrame(
        {
            "parameter": ["a", "b"],
            "mu": 0.0,
            "mu_star": [0.2, 0.0],
            "mu_star_conf": 0.01,
            "sigma": [0.05, 0.0],
        }
    )
    assert "Morris screening" in texts(morris_scatter(morris, MEASURES[0], "n"))
    summary = pd.read_csv(folder / "summary.csv")
    heat = texts(grid_heatmap(summary, list(PARAMETERS[:2]), MEASURES[0], "n"))
    assert "across the grid" in heat and "Learning rate (per initiative)" in heat
    assert "behaviour.learning.rate" not in heat  # parameters in plain words, with units


def test_names_of_measures():
    assert slug("trust@2025-01..2026-12") == "trust_2025-01_2026-12"
    assert measure_words("trust@2025-01..2026-12").endswith("mean Jan 2025 to Dec 2026")
    assert measure_words("change_capability@2026-12") == "Change capability index in Dec 2026"
