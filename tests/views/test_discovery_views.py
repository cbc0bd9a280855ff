"""Policies, limits and discovery findings in words; the report keeps the study's own pairs."""

import json

import pandas as pd
from digistrat.views.data import load
from digistrat.views.policies import in_study, limit_words, policy_words
from digistrat.views.robustness import robustness_sentences
from digistrat.views.runs import Measure

from tests.manifests import write_sweep_manifest


def test_policies_and_limits_read_as_words():
    assert policy_words("big_bang") == "big bang"
    assert policy_words("adaptive__funding.investment.enabled=false") == (
        "an adaptive strategy (investment funding off)"
    )
    assert limit_words("organisation.it.ops_fte_per_system", 1.62, float("nan")) == (
        "IT operations per system is at least 1.62 FTE"
    )
    assert limit_words("behaviour.legacy.brake", float("nan"), 0.12) == (
        "legacy brake is at most 0.12"
    )
    assert limit_words("strategy.kind", None, None, "big_bang, hybrid") == (
        "strategy is big bang or a hybrid"
    )
    resolved = [{"strategy": {"kind": "big_bang"}, "funding": {"investment": {"enabled": True}}}]
    assert in_study("big_bang__funding.investment.enabled=true", resolved)
    assert not in_study("big_bang__funding.investment.enabled=false", resolved)
    assert not in_study("small_steps", resolved)


ROW = {
    "measure": "change_capability@2026-12",
    "leader_share": 0.8,
    "futures": 100,
    "seeds": 4,
    "box_coverage": 0.9,
    "box_density": 0.4,
}


def test_the_report_keeps_the_rows_about_the_studys_own_strategies(tmp_path, results_dir):
    manifest = json.loads((results_dir / "manifest.json").read_text())
    for record in manifest["scenarios"]:
        record["resolved"]["strategy"] = {"kind": record["name"]}  # small_steps, big_bang
    (results_dir / "manifest.json").write_text(json.dumps(manifest))
    folder = tmp_path / "discovery"
    folder.mkdir()
    write_sweep_manifest(folder, "small_steps", {"name": "discovery_small_vs_big"})
    rows = [
        {**ROW, "leader": "small_steps", "challenger": "big_bang"},
        {**ROW, "leader": "adaptive", "challenger": "big_bang", "leader_share": 0.7},
    ]
    pd.DataFrame(rows).to_csv(folder / "robustness.csv", index=False)
    headline = Measure("change_capability", "2026-12")
    (sentence,) = robustness_sentences((folder,), load(results_dir), headline)
    assert "small steps does better than big bang" in sentence and "80%" in sentence


def test_the_discovery_sentence_names_the_box_its_coverage_and_density(tmp_path):
    from digistrat.experiments.discovery import discover
    from digistrat.experiments.discovery.folder import TABLES
    from digistrat.experiments.sweep.settings import DiscoverySettings
    from digistrat.views.discovery_text import discovery_sentences

    from tests.experiments.test_discovery_prim import BRAKE, TURBULENCE, synthetic_runs

    design, outcomes, policies, good = synthetic_runs(points=300, seeds=2)
    settings = DiscoverySettings(pairs=(("a", "b"),), measures=("change_capability@2026-12",))
    found = discover(design, outcomes, policies, [BRAKE, TURBULENCE], settings)
    for name, attribute in TABLES.items():
        getattr(found, attribute).to_csv(tmp_path / name, index=False)
    pair, best = discovery_sentences(tmp_path)
    row = found.summary.iloc[0]
    assert pair.startswith("Change capability index in Dec 2026: a leads b in ")
    assert f"{1 - row['challenger_share']:.0%} of 600 paired runs (300 futures x 2 seeds)" in pair
    # the limits as the box has them, in parameter units (3 significant digits)
    limits = found.boxes.set_index("parameter")
    assert f"B leads where legacy brake is at most {limits.loc[BRAKE, 'high']:.3g}" in pair
    low = limits.loc[TURBULENCE, "low"]
    assert f"needs turbulence is at least {low:.3g} per month" in pair
    assert abs(low - 0.02) < 0.0025 and abs(limits.loc[BRAKE, "high"] - 0.4) < 0.05
    assert f"that covers {row['coverage']:.0%} of the cases where it leads" in pair
    assert f"within that box it leads in {row['density']:.0%} of runs" in pair
    assert best.startswith("Change capability index in Dec 2026: best in the share of 300 futures")
