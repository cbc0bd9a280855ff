"""Facts per scenario, and the robustness sentence from sweep or discovery results."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from digistrat.core.calendar import month_number
from digistrat.experiments.layout import ResultsError
from digistrat.views.data import load
from digistrat.views.facts import costs, programme, programme_sentences
from digistrat.views.robustness import robustness_sentences
from digistrat.views.runs import Measure

from tests.manifests import write_sweep_manifest

HEADLINE = Measure("change_capability", "2026-12")


def test_costs_are_the_medians_of_each_runs_totals(results_dir):
    results = load(results_dir)
    c = costs(results, "big_bang")
    ts = pd.read_parquet(results_dir / "timeseries.parquet")
    ts = ts[ts.scenario == "big_bang"]
    per_run = ts.groupby("replication")["spend_programme_msek"].sum()
    assert c.by_source["programme"].median == pytest.approx(per_run.median())
    after = ts[ts.month.map(month_number) > month_number("2022-12")]
    charged = after.groupby("replication")["depreciation_msek"].sum()
    assert c.depreciation_after.median == pytest.approx(charged.median())
    left = ts.groupby("replication").apply(
        lambda r: r.spend_investment_msek.sum() - r.depreciation_msek.sum(), include_groups=False
    )
    assert c.still_to_charge.median == pytest.approx(max(left.median(), 0))


def test_the_programme_endings_count_every_run(results_dir):
    results = load(results_dir)
    p = programme(results, "big_bang")
    log = pd.read_parquet(results_dir / "initiatives.parquet")
    rows = log[(log.scenario == "big_bang") & (log.kind == "modernisation")]
    assert sum(p.endings.values()) == len(rows) == 3
    assert p.endings == rows.outcome.value_counts().to_dict()
    assert programme(results, "small_steps") is None
    text = " ".join(programme_sentences(results, "big_bang"))
    for outcome, count in p.endings.items():
        assert f"in {count} of 3" in text, outcome


def _sweep_dir(tmp_path, files: dict[str, pd.DataFrame]):
    folder = tmp_path / "sweep"
    folder.mkdir()
    write_sweep_manifest(folder, "small_steps", {"name": "discovery_small_vs_big"})
    for name, table in files.items():
        table.to_csv(folder / name, index=False)
    return folder


ROW = {
    "measure": "change_capability@2026-12",
    "leader": "small_steps",
    "challenger": "big_bang",
    "leader_share": 0.82,
    "futures": 200,
    "seeds": 4,
    "box_coverage": 0.75,
    "box_density": 0.6,
}
BOX = [
    {
        **{k: ROW[k] for k in ("measure", "leader", "challenger")},
        "parameter": p,
        "low": lo,
        "high": hi,
    }
    for p, lo, hi in (
        ("behaviour.legacy.brake", np.nan, 0.12),
        ("funding.programme.annual_msek", 30, np.nan),
    )
]


def test_discovery_results_give_a_plain_robustness_sentence(tmp_path, results_dir):
    folder = _sweep_dir(
        tmp_path, {"robustness.csv": pd.DataFrame([ROW]), "robustness_box.csv": pd.DataFrame(BOX)}
    )
    (sentence,) = robustness_sentences((folder,), load(results_dir), HEADLINE)
    assert "Over 200 futures" in sentence and "(4 paired seeds each)" in sentence
    assert "small steps does better than big bang" in sentence and "in 82% of them" in sentence
    assert "legacy brake is at most 0.12" in sentence
    assert "programme money is at least 30 MSEK/year" in sentence
    assert "75% of the futures where big bang does better" in sentence and "60%" in sentence


def test_a_ranking_that_never_changes_says_so(tmp_path, results_dir):
    folder = _sweep_dir(tmp_path, {"robustness.csv": pd.DataFrame([{**ROW, "leader_share": 1.0}])})
    (sentence,) = robustness_sentences((folder,), load(results_dir), HEADLINE)
    assert "the ranking did not change anywhere in that space" in sentence


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (pd.DataFrame([{k: v for k, v in ROW.items() if k != "futures"}]), "missing column"),
        (pd.DataFrame([{**ROW, "measure": "trust@2026-12"}]), "no rows for the headline"),
    ],
)
def test_bad_robustness_files_are_clear_errors(tmp_path, results_dir, table, message):
    folder = _sweep_dir(tmp_path, {"robustness.csv": table})
    with pytest.raises(ResultsError, match=message):
        robustness_sentences((folder,), load(results_dir), HEADLINE)


def test_a_directory_without_either_file_is_a_clear_error(tmp_path, results_dir):
    folder = _sweep_dir(tmp_path, {})
    with pytest.raises(ResultsError, match="no robustness.csv or sensitivity.csv"):
        robustness_sentences((folder,), load(results_dir), HEADLINE)
    with pytest.raises(ResultsError, match="manifest.json is missing"):
        robustness_sentences((tmp_path,), load(results_dir), HEADLINE)


def test_sensitivity_results_name_the_parameters_that_matter(tmp_path, results_dir):
    indices = pd.DataFrame(
        {
            "outcome": ["change_capability@2026-12"] * 3,
            "parameter": [
                "behaviour.strain.pace",
                "behaviour.legacy.brake",
                "behaviour.trust.gain",
            ],
            "S1": [0.1, 0.5, 0.0],
            "ST": [0.2, 0.7, 0.01],
        }
    )
    folder = _sweep_dir(tmp_path, {"sensitivity.csv": indices})
    (sentence,) = robustness_sentences((folder,), load(results_dir), HEADLINE)
    assert sentence.index("legacy brake (0.70)") < sentence.index("pace (0.20)")
    assert "does not say whether the ranking of the scenarios changes" in sentence
